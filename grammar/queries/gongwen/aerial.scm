; Outline for aerial.nvim: every section is a symbol named by its heading
; title; aerial nests symbols by their ranges, so sections nest by level.
(section
  (heading
    marker: (_) @level
    title: (heading_title) @name)
  (#set! "kind" "Interface")) @symbol
