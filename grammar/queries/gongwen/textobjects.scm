; Text objects in the conventions of nvim-treesitter-textobjects.
; A section: its heading and everything under it.
(section) @section.outer @class.outer

; Inside a section: what follows its heading.
(section
  (heading)
  .
  (_) @section.inner._start @class.inner._start
  (_)? @section.inner._end @class.inner._end
  .
  (#make-range! "section.inner" @section.inner._start @section.inner._end)
  (#make-range! "class.inner" @class.inner._start @class.inner._end))

; A heading line, and its title.
(heading) @heading.outer
(heading title: (heading_title) @heading.inner)

; An enumeration item (一是……).
(enumeration_item) @item.outer
