-- The outline window: headings, jumps, folds, filter, marks, updates.
local t = require("helpers")
local api = vim.api
local outline = require("gongwen.outline")

local FIXTURES = {
  "01-standard.txt",
  "02-messy-markers.txt",
  "03-traditional.txt",
  "04-pdf-copy.txt",
  "05-numbering-faults.txt",
  "06-not-headings.txt",
  "07-problems-remedies.txt",
  "08-combined-section.txt",
  "09-crlf-bom.txt",
}

-- Text without white space (ASCII or U+3000).
local function squeeze(s)
  return (s:gsub("%s", ""):gsub("\227\128\128", ""))
end

-- What the README lists, as the outline shows it: the heading line up to
-- its title's end (a run-in body, cut by the README after 。, is not shown).
local function expected_text(h)
  local text = h.text:gsub("…$", "")
  return squeeze(text):gsub("。$", "")
end

-- An outline line without its indentation and fold sign.
local function shown_text(line)
  return squeeze(line:gsub("^[ ]*", ""):gsub("^▾", ""):gsub("^▸", ""))
end

local function outline_lines(o)
  return api.nvim_buf_get_lines(o.buf, 0, -1, false)
end

local function open_outline(fixture)
  local buf = t.open_report(t.fixture(fixture))
  local src_win = api.nvim_get_current_win()
  vim.cmd("Gongwen outline")
  local o = t.ok(outline.get(), "outline open")
  t.eq(api.nvim_get_current_win(), o.win, "the focus is in the outline")
  return buf, src_win, o
end

t.test("the outline lists the headings of every fixture, as the README does", function()
  for _, fixture in ipairs(FIXTURES) do
    local _, _, o = open_outline(fixture)
    local expected = t.expected_headings(fixture)
    local lines = outline_lines(o)
    t.eq(#lines, #expected, fixture .. ": number of headings")
    for i, h in ipairs(expected) do
      t.eq(shown_text(lines[i]), expected_text(h), fixture .. " outline line " .. i)
    end
    outline.close()
  end
end)

t.test("<CR> jumps to each heading's line", function()
  for _, fixture in ipairs({ "01-standard.txt", "04-pdf-copy.txt", "09-crlf-bom.txt" }) do
    local _, src_win, o = open_outline(fixture)
    for i, h in ipairs(t.expected_headings(fixture)) do
      api.nvim_set_current_win(o.win)
      t.set_cursor(i)
      t.feed("<CR>")
      t.eq(api.nvim_get_current_win(), src_win, "focus back in the report")
      t.eq(t.cursor()[1], h.line, fixture .. ": <CR> on " .. h.text)
    end
    outline.close()
  end
end)

t.test("indentation follows the section tree", function()
  local _, _, o = open_outline("01-standard.txt")
  local lines = outline_lines(o)
  for i, h in ipairs(t.expected_headings("01-standard.txt")) do
    -- two columns per level, then the fold sign (two blanks for a leaf)
    local indent = #lines[i]:match("^ *")
    if not (lines[i]:find("^ *▾") or lines[i]:find("^ *▸")) then
      indent = indent - 2
    end
    t.eq(indent, 2 * (h.level - 1), "indentation of " .. h.text)
  end
end)

t.test("p jumps and stays in the outline; q closes it", function()
  local _, src_win, o = open_outline("07-problems-remedies.txt")
  t.set_cursor(3) -- （一）重大行政决策合法性审查不够规范, line 11
  t.feed("p")
  t.eq(api.nvim_get_current_win(), o.win, "still in the outline")
  t.eq(api.nvim_win_get_cursor(src_win)[1], 11, "the report's cursor moved")
  t.feed("q")
  t.eq(outline.get(), nil, "closed")
  t.ok(not api.nvim_win_is_valid(o.win), "window gone")
  t.eq(api.nvim_get_current_win(), src_win, "back in the report")
end)

t.test("close_on_jump closes the outline after <CR>", function()
  t.ok(require("gongwen").setup({ outline = { close_on_jump = true } }))
  open_outline("01-standard.txt")
  t.set_cursor(2)
  t.feed("<CR>")
  t.eq(outline.get(), nil, "closed")
  t.eq(t.cursor()[1], 6, "jumped to （一）")
end)

t.test("gO opens the outline on the current section", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.set_cursor(14) -- ①商户安置
  t.feed("gO")
  local o = t.ok(outline.get(), "open")
  t.eq(shown_text(api.nvim_get_current_line()), "①商户安置", "cursor on the current section")
  t.eq(o.win, api.nvim_get_current_win(), "focus in the outline")
end)

t.test("o and za fold a subtree, zM and zR all of them", function()
  local _, _, o = open_outline("01-standard.txt")
  local total = #outline_lines(o)
  t.set_cursor(1) -- 一、 with 26 headings under it
  t.feed("o")
  t.eq(#outline_lines(o), total - 26, "一、 folded")
  t.ok(outline_lines(o)[1]:find("^▸"), "folded sign")
  t.feed("za")
  t.eq(#outline_lines(o), total, "一、 unfolded")
  t.feed("zM")
  t.eq(#outline_lines(o), 4, "only the four 一、 … 四、 left")
  t.feed("zR")
  t.eq(#outline_lines(o), total, "all unfolded")
end)

t.test("f filters headings (keeping the headings above them), F clears", function()
  local _, _, o = open_outline("01-standard.txt")
  local total = #outline_lines(o)
  local input = vim.ui.input
  vim.ui.input = function(_, on_confirm)
    on_confirm("执法")
  end
  t.feed("f")
  vim.ui.input = input
  local lines = vim.tbl_map(shown_text, outline_lines(o))
  t.eq(lines, {
    "一、2025年法治政府建设主要工作",
    "（三）严格规范公正文明执法，提升执法效能",
    "1.全面落实行政执法“三项制度”",
    "二、存在的问题",
    "（三）行政执法监督不够有力",
    "四、下一步工作打算",
    "（三）强化行政执法监督",
  }, "headings with 执法 and their parents")
  t.ok(vim.wo[o.win].statusline:find("执法", 1, true), "filter in the status line")
  t.feed("F")
  t.eq(#outline_lines(o), total, "cleared")
end)

t.test("marks: findings and problem ↔ remedy links", function()
  local _, _, o = open_outline("07-problems-remedies.txt")
  local marks = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(o.buf, outline.namespace, 0, -1, { details = true })) do
    local text = { marks[m[2] + 1] }
    for _, chunk in ipairs(m[4].virt_text or {}) do
      text[#text + 1] = chunk[1]
    end
    marks[m[2] + 1] = table.concat(text)
  end
  local lines = outline_lines(o)
  -- Signs as drawn (Neovim 0.7 does not list an extmark's sign in details).
  vim.cmd("redraw!")
  local top, left = unpack(vim.fn.win_screenpos(o.win))
  local function mark_of(title)
    for i, line in ipairs(lines) do
      if line:find(title, 1, true) then
        local row = top + i - 1
        local sign = vim.fn.screenstring(row, left) .. vim.fn.screenstring(row, left + 1)
        return sign .. (marks[i] or "")
      end
    end
    error("no outline line " .. title)
  end
  t.ok(mark_of("重大行政决策合法性审查不够规范"):find("→（一）", 1, true), "problem 1 → remedy （一）")
  t.ok(mark_of("行政执法案卷质量不高"):find("→（三）", 1, true), "problem 2 → remedy （三）")
  t.ok(mark_of("村级法律顾问作用发挥不充分"):find("→（二）", 1, true), "problem 3 → remedy （二）")
  t.ok(mark_of("普法宣传形式较为单一"):find("✗", 1, true), "problem 4 has no remedy")
  t.ok(mark_of("提升行政执法案卷质量"):find("←（二）", 1, true), "remedy （三） ← problem （二）")
  t.ok(mark_of("普法宣传形式较为单一"):find("I1", 1, true), "the unmatched problem has a finding (info)")
  t.eq(mark_of("行政执法案卷质量不高"):sub(1, 2), "  ", "no sign where there is no finding")
end)

t.test("the outline follows the report's cursor", function()
  local buf, src_win, o = open_outline("01-standard.txt")
  api.nvim_set_current_win(src_win)
  t.set_cursor(27) -- （1）分类受理 under 2. under （五）
  vim.cmd("doautocmd CursorMoved")
  t.eq(shown_text(outline_lines(o)[api.nvim_win_get_cursor(o.win)[1]]), "（1）分类受理", "outline cursor")
  t.set_cursor(44) -- text of 四、 before its first subsection
  vim.cmd("doautocmd CursorMoved")
  t.eq(shown_text(outline_lines(o)[api.nvim_win_get_cursor(o.win)[1]]), "四、下一步工作打算", "outline cursor")
  t.ok(buf)
end)

t.test("the outline updates as the text changes", function()
  local buf, src_win, o = open_outline("01-standard.txt")
  local total = #outline_lines(o)
  api.nvim_set_current_win(src_win)
  t.set_cursor(41) -- 三、原因分析
  t.feed("dd")
  t.settle(buf)
  t.eq(#outline_lines(o), total - 1, "one heading fewer")
  t.feed("u")
  t.settle(buf)
  t.eq(#outline_lines(o), total, "back after undo")
  t.feed("Go五、新增的一节<Esc>")
  t.settle(buf)
  local lines = outline_lines(o)
  t.eq(shown_text(lines[#lines]), "五、新增的一节", "typed heading appears")
end)

t.test("entering another report makes the outline show it", function()
  local _, src_win, o = open_outline("01-standard.txt")
  api.nvim_set_current_win(src_win)
  t.open_report(t.fixture("07-problems-remedies.txt"))
  t.eq(#outline_lines(o), #t.expected_headings("07-problems-remedies.txt"), "outline of 07")
end)

t.test("outline.items shows 一是 items under their headings", function()
  t.ok(require("gongwen").setup({ outline = { items = true } }))
  local _, _, o = open_outline("07-problems-remedies.txt")
  local lines = vim.tbl_map(shown_text, outline_lines(o))
  local cause = vim.fn.index(lines, "三、原因分析") + 1
  t.ok(cause > 0, "三、原因分析 listed")
  for i, number in ipairs({ "一是", "二是", "三是", "四是" }) do
    t.ok(lines[cause + i]:find("^" .. number), "item " .. number .. " under 三、: " .. lines[cause + i])
  end
  t.ok(outline_lines(o)[cause + 1]:find("^  "), "items indented under their heading")
end)

t.test("wiping the report closes its outline", function()
  local buf, src_win, o = open_outline("01-standard.txt")
  api.nvim_set_current_win(src_win)
  vim.cmd("enew")
  api.nvim_buf_delete(buf, { force = true })
  t.eq(outline.get(), nil, "no outline")
  t.ok(not api.nvim_win_is_valid(o.win), "its window is closed")
end)

t.test("an edit that leaves the headings as they were updates only the marks", function()
  local buf, _, o = open_outline("07-problems-remedies.txt")
  local lines = outline_lines(o)
  local line
  for i, text in ipairs(lines) do
    if text:find("行政执法案卷质量不高", 1, true) then
      line = i
    end
  end
  local function marks()
    return api.nvim_buf_get_extmarks(o.buf, outline.namespace, 0, -1, {})
  end
  -- Marks of an outline line: its marker's highlight, its link, and its
  -- sign when its section has findings (0.7 does not list an extmark's
  -- sign in details).
  local function marks_on(l)
    return #api.nvim_buf_get_extmarks(o.buf, outline.namespace, { l - 1, 0 }, { l - 1, -1 }, {})
  end
  local written = 0
  api.nvim_buf_attach(o.buf, false, {
    on_lines = function()
      written = written + 1
    end,
  })
  local count = #marks()
  local before = marks_on(line)
  t.eq(before, 2, "（二）: marker and link, no finding at first")
  -- Line 15, in （二）'s text: an ASCII comma between Chinese characters.
  local text = api.nvim_buf_get_lines(buf, 14, 15, false)[1]
  local at = text:find("，", 1, true)
  api.nvim_buf_set_text(buf, 14, at - 1, 14, at - 1 + #"，", { "," })
  t.settle(buf)
  local st = require("gongwen.buffer").get(buf)
  local found = false
  for _, d in ipairs(st:lint()) do
    found = found or d.row == 14
  end
  t.ok(found, "a finding on line 15")
  t.eq(outline_lines(o), lines, "the same outline lines")
  t.eq(written, 0, "no line of the outline written again")
  t.eq(marks_on(line), 3, "a sign for the new finding in （二）")
  t.eq(#marks(), count + 1, "one mark more, none left behind")
  api.nvim_buf_set_text(buf, 14, at - 1, 14, at, { "，" })
  t.settle(buf)
  t.eq(marks_on(line), 2, "the sign goes with the finding")
  t.eq(#marks(), count, "as many marks as at first")
  t.eq(written, 0, "still no line written")
end)

-- The outline as shown: its lines, every mark (position, end, highlight,
-- virtual text) and the finding count and severity behind each line's
-- sign (0.7 does not list an extmark's sign in details; its key).
local function snapshot(o)
  local marks = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(o.buf, outline.namespace, 0, -1, { details = true })) do
    local d = m[4]
    marks[#marks + 1] = string.format("%d:%d-%s %s %s", m[2], m[3], tostring(d.end_col), d.hl_group or "",
      d.virt_text and d.virt_text[1][1] or "")
  end
  table.sort(marks)
  local signs = {}
  for i, key in ipairs(o.marks.key) do
    signs[i] = key
  end
  return { lines = outline_lines(o), marks = marks, signs = signs, ids = o.ids }
end

-- The outline of `buf` built from nothing, in a buffer of its own, with
-- the folds and filter of `like` (an outline).
local function fresh_outline(buf, like)
  local o = { src = buf, collapsed = vim.deepcopy(like.collapsed), filter = like.filter,
    buf = api.nvim_create_buf(false, true) }
  outline.render(o)
  local shot = snapshot(o)
  api.nvim_buf_delete(o.buf, { force = true })
  return shot
end

t.test("after edits the outline is the one built afresh", function()
  t.need_library()
  local path = t.tmp .. "/edited.gongwen"
  t.write(path, t.read(t.fixture("07-problems-remedies.txt")) .. t.read(t.fixture("05-numbering-faults.txt")))
  local buf, st = t.open_report(path)
  local src_win = api.nvim_get_current_win()
  vim.cmd("Gongwen outline")
  local o = t.ok(outline.get(), "outline open")
  api.nvim_set_current_win(src_win)
  local function check(what)
    t.settle(buf)
    t.eq(snapshot(o), fresh_outline(buf, o), what)
  end
  check("at first")
  local function row_of(text)
    for i, l in ipairs(api.nvim_buf_get_lines(buf, 0, -1, false)) do
      if l:find(text, 1, true) then
        return i
      end
    end
    error("no line with " .. text)
  end
  local function paragraph_line()
    local entry_rows = {}
    for _, e in ipairs(st:entries().list) do
      entry_rows[e.row] = true
    end
    for i, l in ipairs(api.nvim_buf_get_lines(buf, 0, -1, false)) do
      if #l > 60 and not entry_rows[i - 1] then
        return i
      end
    end
    error("no paragraph")
  end
  local para = paragraph_line()
  t.set_cursor(para, 6)
  t.feed("i的的<Esc>")
  check("typing in a paragraph")
  t.set_cursor(para, 9)
  t.feed("i<CR><Esc>")
  check("Enter in a paragraph")
  local heading = row_of("（二）")
  local text = api.nvim_buf_get_lines(buf, heading - 1, heading, false)[1]
  local at = text:find("二", 1, true)
  api.nvim_buf_set_text(buf, heading - 1, at - 1, heading - 1, at - 1 + #"二", { "九" })
  check("changing a heading's number")
  local section = st.doc:section_at(row_of("三、") - 1, 0)
  vim.cmd(string.format("%d,%ddelete", section.row + 1, section.end_col == 0 and section.end_row or section.end_row + 1))
  check("deleting a section")
  t.set_cursor(row_of("一、"))
  t.feed("O五、插入的一节<Esc>")
  check("a heading typed above")
  for i = 1, 5 do
    t.feed("u")
    check("undo " .. i)
  end
  for i = 1, 5 do
    t.feed("<C-r>")
    check("redo " .. i)
  end
  vim.cmd("%delete")
  check("every line deleted")
  t.feed("u")
  check("and back")
  -- With a filter, then with a subtree folded.
  outline.set_filter("问题")
  check("filtered")
  t.set_cursor(row_of("（一）"), 0)
  t.feed("A的<Esc>")
  check("filtered, a heading's title typed into")
  t.feed("dd")
  check("filtered, a heading deleted")
  outline.set_filter("")
  api.nvim_set_current_win(o.win)
  t.set_cursor(1)
  t.feed("o")
  t.ok(next(o.collapsed) ~= nil, "a subtree folded")
  api.nvim_set_current_win(src_win)
  check("folded")
  t.set_cursor(row_of("（一）"), 0)
  t.feed("O（零）新的一项<Esc>")
  check("folded, a heading typed")
  t.feed("u")
  check("folded, undone")
end)
