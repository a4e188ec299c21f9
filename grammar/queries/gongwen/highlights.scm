; Highlights for Chinese official reports.
; Capture names follow Neovim 0.10's standard groups; the plugin links them to
; classic highlight groups on older versions.

(title) @markup.heading
(byline) @comment
(recipient) @label

; Heading titles by level: 一、 （一） 1. （1） ①
(heading marker: (h1_marker) title: (heading_title) @markup.heading.1)
(heading marker: (h2_marker) title: (heading_title) @markup.heading.2)
(heading marker: (h3_marker) title: (heading_title) @markup.heading.3)
(heading marker: (h4_marker) title: (heading_title) @markup.heading.4)
(heading marker: (h5_marker) title: (heading_title) @markup.heading.5)

(cn_number) @number
(arabic_number) @number
(circled_number) @number
(paren) @punctuation.bracket
(delimiter) @punctuation.delimiter

; Enumeration items: the 一是 of 一是……二是……
(enumeration_item number: (cn_number) @markup.list "是" @markup.list)

(signature (organization) @label)
(signature (date) @number)
(residue) @comment

; Marker forms that GB/T 9704 and GB/T 15834 do not use.  These come last so
; that they win over the captures above.
; Half-width brackets: (一) (1)
((paren) @comment.warning
  (#match? @comment.warning "^[()]$"))
; Full-width digits: １．（２）
((arabic_number) @comment.warning
  (#match? @comment.warning "[０-９]"))
; Chinese numerals take 、
((h1_marker delimiter: (delimiter) @comment.warning)
  (#not-eq? @comment.warning "、"))
; Arabic numerals take .
((h3_marker delimiter: (delimiter) @comment.warning)
  (#not-eq? @comment.warning "."))
; Bracketed and circled numbers take nothing after them
(h2_marker delimiter: (delimiter) @comment.warning)
(h4_marker delimiter: (delimiter) @comment.warning)
(h5_marker delimiter: (delimiter) @comment.warning)
