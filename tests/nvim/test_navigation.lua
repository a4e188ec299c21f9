-- Motions, text objects and the problem ↔ remedy jump, in real buffers.
local t = require("helpers")
local api = vim.api

local function lines_of(fixture)
  return vim.tbl_map(function(h)
    return h.line
  end, t.expected_headings(fixture))
end

t.test("]] visits every heading in order, [[ comes back", function()
  for _, fixture in ipairs({ "01-standard.txt", "05-numbering-faults.txt", "06-not-headings.txt", "09-crlf-bom.txt" }) do
    t.open_report(t.fixture(fixture))
    local expected = lines_of(fixture)
    t.set_cursor(1)
    local seen = {}
    for _ = 1, #expected do
      t.feed("]]")
      seen[#seen + 1] = t.cursor()[1]
    end
    t.eq(seen, expected, fixture .. ": ]]")
    local back = {}
    for _ = 1, #expected - 1 do
      t.feed("[[")
      back[#back + 1] = t.cursor()[1]
    end
    local reversed = {}
    for i = #expected - 1, 1, -1 do
      reversed[#reversed + 1] = expected[i]
    end
    t.eq(back, reversed, fixture .. ": [[")
  end
end)

t.test("]] puts the cursor on the marker, after indentation", function()
  t.open_report(t.fixture("04-pdf-copy.txt"))
  t.set_cursor(1)
  t.feed("]]")
  t.eq(t.cursor(), { 9, #"　　" }, "一、 of line 9, after two U+3000")
end)

t.test("a count repeats the motion; every jump can be undone with CTRL-O", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.set_cursor(5)
  t.feed("3]]")
  t.eq(t.cursor()[1], 8, "3]] from 一、 (5): 6, 7, 8")
  t.feed("10]]")
  t.eq(t.cursor()[1], 18, "10]] from 8: 9 … 18")
  t.feed("<C-o>")
  t.eq(t.cursor()[1], 8, "CTRL-O back to 8")
  t.feed("<C-o>")
  t.eq(t.cursor()[1], 5, "CTRL-O back to 5")
  t.feed("100]]")
  t.eq(t.cursor()[1], 49, "a count past the end stops at the last heading")
end)

t.test("[[ from inside a section's text goes to its heading", function()
  t.open_report(t.fixture("07-problems-remedies.txt"))
  t.set_cursor(12, 10) -- text under （一） (line 11)
  t.feed("[[")
  t.eq(t.cursor()[1], 11, "[[")
end)

t.test("][ and [] move between headings of the same level", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.set_cursor(6) -- （一）
  local seen = {}
  for _ = 1, 5 do
    t.feed("][")
    seen[#seen + 1] = t.cursor()[1]
  end
  t.eq(seen, { 10, 18, 22, 24, 30 }, "（二）…（六）")
  t.feed("2[]")
  t.eq(t.cursor()[1], 22, "2[] back to （四）")
  t.set_cursor(5)
  t.feed("][][")
  t.eq(t.cursor()[1], 41, "一、 → 二、 → 三、")
end)

t.test("[u goes to the enclosing section's heading; a count goes further", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.set_cursor(14, 3) -- ① under （2） under 1. under （二） under 一、
  t.feed("[u")
  t.eq(t.cursor()[1], 13, "（2）")
  t.feed("[u")
  t.eq(t.cursor()[1], 11, "1.")
  t.feed("2[u")
  t.eq(t.cursor()[1], 5, "一、")
  t.set_cursor(35)
  t.feed("[u")
  t.eq(t.cursor()[1], 33, "（一） → 二、")
end)

t.test("d]] deletes up to the next heading", function()
  t.open_report(t.fixture("07-problems-remedies.txt"))
  t.set_cursor(11)
  t.feed("d]]")
  t.eq(api.nvim_buf_get_lines(0, 10, 11, false)[1], "（二）行政执法案卷质量不高", "（一）'s section is gone")
end)

local function yanked(keys, line, col)
  t.set_cursor(line, col or 0)
  vim.fn.setreg('"', "")
  t.feed(keys)
  return vim.fn.getreg('"'), vim.fn.getregtype('"')
end

local function buffer_lines(first, last)
  return table.concat(api.nvim_buf_get_lines(0, first - 1, last, false), "\n") .. "\n"
end

t.test("as / is: a section with and without its heading, linewise", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.eq({ yanked("yas", 11, 20) }, { buffer_lines(11, 16), "V" }, "yas on 1. (11–16)")
  t.eq({ yanked("yis", 11, 20) }, { buffer_lines(12, 16), "V" }, "yis on 1.")
  t.eq({ yanked("yas", 14, 30) }, { buffer_lines(14, 14), "V" }, "yas on a one-line ①")
  t.eq({ yanked("y2as", 14, 30) }, { buffer_lines(13, 15), "V" }, "y2as on ①: （2） (13–15)")
  t.eq({ yanked("y3as", 14, 30) }, { buffer_lines(11, 16), "V" }, "y3as on ①: 1. (11–16)")
  t.eq({ yanked("yas", 41, 0) }, { buffer_lines(41, 42), "V" }, "yas on 三、原因分析")
end)

t.test("is in a one-line run-in section is its body, characterwise", function()
  t.open_report(t.fixture("01-standard.txt"))
  local line = api.nvim_buf_get_lines(0, 11, 12, false)[1] -- （1）公众参与。通过……
  local body = line:match("^（1）公众参与。(.*)$")
  local text, kind = yanked("yis", 12, 0)
  t.eq(kind, "v", "characterwise")
  t.eq(text, body, "the body after the title")
end)

t.test("ah / ih: the heading line, the heading's title", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.eq({ yanked("yah", 34, 5) }, { buffer_lines(33, 33), "V" }, "yah in 二、's text")
  t.eq({ yanked("yih", 34, 5) }, { "存在的问题", "v" }, "yih in 二、's text")
  t.eq({ yanked("yih", 12, 40) }, { "公众参与", "v" }, "yih on a run-in heading")
end)

t.test("text objects in Visual mode", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.set_cursor(26, 10)
  t.feed("vas<Esc>")
  t.eq({ vim.fn.line("'<"), vim.fn.line("'>") }, { 26, 28 }, "vas on 2. selects 26–28")
  t.set_cursor(26, 10)
  t.feed("vasd")
  t.eq(api.nvim_buf_get_lines(0, 25, 26, false)[1]:sub(1, #"3."), "3.", "vasd deleted 2. with its （1）（2）")
end)

t.test("g% goes problem → remedy → cause → problem (07, shuffled remedies)", function()
  t.open_report(t.fixture("07-problems-remedies.txt"))
  local cases = {
    { 11, 27 }, -- （一） → （一）
    { 14, 33 }, -- （二） → （三）
    { 17, 30 }, -- （三） → （二）
  }
  for _, case in ipairs(cases) do
    t.set_cursor(case[1])
    t.feed("g%")
    t.eq(t.cursor()[1], case[2], "problem at " .. case[1] .. " → remedy")
    t.feed("g%")
    t.eq(t.cursor()[1], 24, "remedy → cause (the 一是…四是 paragraph)")
    t.feed("g%")
    t.eq(t.cursor()[1], case[1], "cause → problem")
  end
  t.set_cursor(12, 30) -- in the text of problem （一）
  t.feed("g%")
  t.eq(t.cursor()[1], 27, "from a problem's text too")
  t.feed("<C-o>")
  t.eq(t.cursor(), { 12, 30 }, "CTRL-O comes back")
end)

t.test("g% on a problem without remedy goes to its cause; elsewhere says why", function()
  t.open_report(t.fixture("07-problems-remedies.txt"))
  t.set_cursor(20) -- （四） has no remedy
  t.feed("g%")
  t.eq(t.cursor()[1], 24, "（四） → its cause")
  t.set_cursor(5) -- 一、整改工作总体情况
  t.feed("g%")
  t.eq(t.cursor()[1], 5, "no move")
  t.ok(t.notes[#t.notes].msg:find("gongwen", 1, true), "a message: " .. t.notes[#t.notes].msg)
end)

t.test(":Gongwen pair jumps between numbered problems and remedies (01)", function()
  t.open_report(t.fixture("01-standard.txt"))
  for _, case in ipairs({ { 35, 45 }, { 37, 47 }, { 39, 49 } }) do
    t.set_cursor(case[1])
    vim.cmd("Gongwen pair")
    t.eq(t.cursor()[1], case[2], "problem " .. case[1] .. " → remedy")
  end
end)

t.test("g% between 一是 items in one section (08)", function()
  t.open_report(t.fixture("08-combined-section.txt"))
  local problems = api.nvim_buf_get_lines(0, 31, 32, false)[1]
  local remedies = api.nvim_buf_get_lines(0, 33, 34, false)[1]
  local p2 = problems:find("二是", 1, true) - 1
  local r2 = remedies:find("二是", 1, true) - 1
  t.set_cursor(32, p2 + 6) -- inside problem 二是
  t.feed("g%")
  t.eq(t.cursor(), { 34, r2 }, "problem 二是 → remedy 二是")
end)
