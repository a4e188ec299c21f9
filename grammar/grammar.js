/**
 * @file Tree-sitter grammar for Chinese official reports (公文 / 工作报告).
 *
 * A report is a sequence of lines.  The external scanner (src/scanner.c)
 * classifies every line when it starts and announces its kind with a
 * zero-width token; the rules below only assemble those lines into a tree.
 * Sections nest by the level of their heading, as in tree-sitter-markdown:
 * a section of level N holds the sections of every deeper level, so a
 * skipped level (`1.` directly under `一、`) still nests, and a heading of
 * the same or a shallower level closes it.
 *
 * Heading levels follow GB/T 9704: 一、 → （一） → 1. → （1） → ①.
 */

/* Level N section: its heading, then blocks and sections of deeper levels.
 * prec.right makes the section take every line it can before it closes. */
function section(level) {
  return $ => {
    const deeper = [];
    for (let d = level + 1; d <= 5; d++) {
      deeper.push(alias($[`_section${d}`], $.section));
    }
    return prec.right(seq(
      alias($[`_heading${level}`], $.heading),
      repeat(choice($.paragraph, ...deeper)),
    ));
  };
}

/* Level N heading: its zero-width start, the marker, then what follows the
 * marker on the same line: the title, and after `。` or `：` a run-in body. */
function heading(level) {
  return $ => seq(
    $[`_h${level}_start`],
    field('marker', $[`h${level}_marker`]),
    optional(field('title', $.heading_title)),
    optional(seq($._title_end, optional(field('body', $.run_in_body)))),
    $._eol,
  );
}

/* The marker's delimiter, when there is one (`、` `.` `，` …). */
const delimiter = $ => field('delimiter', $.delimiter);

/* A bracketed marker `（一）` `(1)`; the opening bracket may be missing. */
const bracketed = (number) => $ => seq(
  optional(field('open', $.paren)),
  field('number', number($)),
  field('close', $.paren),
  optional(delimiter($)),
);

module.exports = grammar({
  name: 'gongwen',

  // Every token comes from the scanner, which also skips blank lines and
  // indentation; nothing is an extra.
  extras: $ => [],

  // Substituted where it is used rather than reduced to a hidden node of
  // its own: one reduction less for every run-in body and paragraph.
  inline: $ => [$._inline],

  externals: $ => [
    // End of a line: `\n`, `\r\n` or a lone `\r`; zero-width at end of file.
    $._eol,

    // Zero-width tokens that open a line of the given kind.
    $._paragraph_start,
    $._h1_start, // 一、
    $._h2_start, // （一）
    $._h3_start, // 1.
    $._h4_start, // （1）
    $._h5_start, // ①
    $._title_start,
    $._byline_start,
    $._recipient_start,
    $._organization_start,
    $._date_start,
    $._residue_start, // a line that is surely web-page residue
    $._residue_more_start, // a line that is residue only after another

    // The rest of a line, trailing white space excluded.
    $._line,

    // A paragraph line read whole when it is classified, so that its
    // characters are read once: the line with its end when no enumeration
    // item starts on it, else the text before the first item.
    $._paragraph_line,
    $._paragraph_text,

    // Pieces of a heading marker.
    $.paren, // ( ) （ ）
    $.cn_number, // 一 十一 二十
    $.arabic_number, // 1 12 １２
    $.circled_number, // ① ⑳
    $.delimiter, // 、 . ． , ，

    // Heading text: the title, ended by `。` `：` or the end of the line.
    $.heading_title,
    $._title_end,

    // Running text, up to the end of the line or to an enumeration item
    // (`一是`), which may start after `。` `；` `：`.
    $._text,
    $._item_number, // the `一` of `一是`
    $._item_suffix, // the `是` of `一是`

    // Valid only while tree-sitter recovers from an error: tells the
    // scanner to produce nothing then.
    $._error_sentinel,
  ],

  rules: {
    document: $ => seq(
      optional($.title),
      repeat(choice(
        $.byline,
        $.recipient,
        $.paragraph,
        $.signature,
        $.residue,
        ...[1, 2, 3, 4, 5].map(n => alias($[`_section${n}`], $.section)),
      )),
    ),

    title: $ => prec.right(repeat1(seq($._title_start, $._line, $._eol))),
    byline: $ => seq($._byline_start, $._line, $._eol),
    recipient: $ => seq($._recipient_start, $._line, $._eol),

    signature: $ => seq(
      repeat(seq($.organization, $._eol)),
      $.date,
      $._eol,
    ),
    organization: $ => seq($._organization_start, $._line),
    date: $ => seq($._date_start, $._line),

    residue: $ => prec.right(seq(
      $._residue_start, $._line, $._eol,
      repeat(seq(choice($._residue_start, $._residue_more_start), $._line, $._eol)),
    )),

    _section1: section(1),
    _section2: section(2),
    _section3: section(3),
    _section4: section(4),
    _section5: section(5),

    _heading1: heading(1),
    _heading2: heading(2),
    _heading3: heading(3),
    _heading4: heading(4),
    _heading5: heading(5),

    h1_marker: $ => seq(field('number', $.cn_number), delimiter($)),
    h2_marker: bracketed($ => $.cn_number),
    h3_marker: $ => seq(field('number', $.arabic_number), delimiter($)),
    h4_marker: bracketed($ => $.arabic_number),
    h5_marker: $ => seq(field('number', $.circled_number), optional(delimiter($))),

    paragraph: $ => choice(
      $._paragraph_line,
      seq($._paragraph_text, repeat1($.enumeration_item), $._eol),
      seq($._paragraph_start, $._inline, $._eol),
    ),
    run_in_body: $ => $._inline,

    // Text, then the enumeration items that follow it.  A `_text` runs up
    // to the next item, so one is enough.
    _inline: $ => choice(
      seq($._text, repeat($.enumeration_item)),
      repeat1($.enumeration_item),
    ),

    enumeration_item: $ => seq(
      field('number', alias($._item_number, $.cn_number)),
      alias($._item_suffix, '是'),
      optional($._text),
    ),
  },
});
