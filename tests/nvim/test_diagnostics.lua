-- Diagnostics, the location list and fixes, against the command line.
local t = require("helpers")
local api = vim.api
local diagnostics = require("gongwen.diagnostics")

local FIXTURES = vim.tbl_filter(function(name)
  return name:match("%.txt$")
end, vim.fn.readdir(t.root .. "/tests/fixtures"))

local SEVERITY = { "error", "warning", "info", "hint" }

local function cli()
  local path = t.root .. "/build/gongwen"
  if vim.fn.executable(path) ~= 1 then
    t.skip("the command line build/gongwen is not built")
  end
  return path
end

local function run(args)
  local out = vim.fn.system(vim.list_extend({ "env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8" }, args))
  return out, vim.v.shell_error
end

-- The command line's findings for a file, as comparable records.
local function cli_findings(path)
  local out = run({ cli(), "lint", "--format", "json", path })
  local list = vim.fn.json_decode(out)
  local records = {}
  for _, d in ipairs(list) do
    records[#records + 1] = string.format("%d:%d-%d:%d %s %s %s", d.line, d.column, d.end_line, d.end_column, d.severity, d.rule, d.message)
  end
  table.sort(records)
  return records
end

-- The buffer's diagnostics, with columns counted in characters as the
-- command line counts them.
local function buffer_findings(buf)
  local records = {}
  local function chars(row, col)
    local line = api.nvim_buf_get_lines(buf, row, row + 1, false)[1] or ""
    return vim.fn.strchars(line:sub(1, col)) + 1
  end
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = diagnostics.namespace })) do
    records[#records + 1] = string.format(
      "%d:%d-%d:%d %s %s %s",
      d.lnum + 1,
      chars(d.lnum, d.col),
      d.end_lnum + 1,
      chars(d.end_lnum, d.end_col),
      SEVERITY[d.severity],
      d.code,
      d.message
    )
  end
  table.sort(records)
  return records
end

t.test("diagnostics of every fixture are the command line's", function()
  t.ok(require("gongwen").setup({ lang = "en" }))
  for _, fixture in ipairs(FIXTURES) do
    local buf = t.open_report(t.fixture(fixture))
    t.eq(buffer_findings(buf), cli_findings(t.fixture(fixture)), fixture)
  end
end)

t.test("diagnostics carry the rule as code and gongwen as source", function()
  local buf = t.open_report(t.fixture("05-numbering-faults.txt"))
  local list = vim.diagnostic.get(buf, { namespace = diagnostics.namespace })
  t.ok(#list >= 8, "the eight faults of 05: " .. #list)
  local lines = {}
  for _, d in ipairs(list) do
    t.ok(type(d.code) == "string" and d.code:find("/", 1, true), "rule as code: " .. tostring(d.code))
    t.eq(d.source, "gongwen", "source")
    lines[d.lnum + 1] = true
  end
  for _, line in ipairs({ 6, 15, 21, 23, 24, 25, 35, 36 }) do
    t.ok(lines[line], "a finding on line " .. line .. " (tests/fixtures/README.md)")
  end
end)

t.test("diagnostics follow edits", function()
  local buf = t.open_report(t.fixture("05-numbering-faults.txt"))
  local function on_line(n)
    for _, d in ipairs(vim.diagnostic.get(buf, { namespace = diagnostics.namespace })) do
      if d.lnum + 1 == n and d.code == "numbering/sequence" then
        return true
      end
    end
    return false
  end
  t.ok(on_line(15), "（四） after （二） at 15")
  vim.cmd("15s/^（四）/（三）/")
  t.settle(buf)
  t.ok(not on_line(15), "fixed by hand: no finding at 15")
end)

t.test(":Gongwen lint fills the location list", function()
  t.ok(require("gongwen").setup({ lang = "en" }))
  local buf = t.open_report(t.fixture("05-numbering-faults.txt"))
  local src_win = api.nvim_get_current_win()
  vim.cmd("Gongwen lint")
  local list = vim.fn.getloclist(src_win)
  t.eq(#list, #vim.diagnostic.get(buf, { namespace = diagnostics.namespace }), "one item per finding")
  t.eq(list[1].lnum, 6, "first at line 6")
  t.ok(list[1].text:find("%[numbering/level%-skip%]$"), "rule in brackets: " .. list[1].text)
  t.eq(vim.fn.getloclist(src_win, { title = 1 }).title, "gongwen lint", "title")
  t.eq(vim.bo.buftype, "quickfix", "the list is open")
end)

local function original(fixture)
  return t.read(t.fixture(fixture))
end

t.test(":Gongwen fix gives the command line's fixed text, as one undo step", function()
  for _, fixture in ipairs({ "02-messy-markers.txt", "05-numbering-faults.txt" }) do
    local buf = t.open_report(t.fixture(fixture))
    local before = t.buffer_text(buf)
    local expected = run({ cli(), "fix", t.fixture(fixture) })
    local changes = vim.fn.changenr()
    vim.cmd("Gongwen fix")
    t.eq(t.buffer_text(buf), expected, fixture .. ": the fixed text")
    t.ok(expected ~= before, fixture .. ": something was fixed")
    t.eq(vim.fn.changenr(), changes + 1, fixture .. ": one change")
    vim.cmd("undo")
    t.eq(t.buffer_text(buf), before, fixture .. ": one undo restores the text")
    t.eq(vim.fn.changenr(), changes, fixture .. ": back where it was")
  end
end)

t.test(":Gongwen fix RULE fixes that rule only; a range limits it to its lines", function()
  local buf = t.open_report(t.fixture("05-numbering-faults.txt"))
  local expected = run({ cli(), "fix", "--rule", "heading/punctuation", t.fixture("05-numbering-faults.txt") })
  vim.cmd("Gongwen fix heading/punctuation")
  t.eq(t.buffer_text(buf), expected, "heading/punctuation only")
  vim.cmd("undo")
  vim.cmd("1,20Gongwen fix")
  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
  local original_lines = vim.split(original("05-numbering-faults.txt"), "\n", { plain = true })
  for i = 21, #lines do
    t.eq(lines[i], original_lines[i], "line " .. i .. " outside the range is untouched")
  end
  t.ok(lines[15] ~= original_lines[15], "line 15 fixed")
end)

t.test("fix under the cursor fixes that finding only", function()
  local buf = t.open_report(t.fixture("05-numbering-faults.txt"))
  local before = api.nvim_buf_get_lines(buf, 0, -1, false)
  t.set_cursor(24, 5)
  vim.cmd("Gongwen fix-cursor")
  local after = api.nvim_buf_get_lines(buf, 0, -1, false)
  for i = 1, #before do
    if i ~= 24 then
      t.eq(after[i], before[i], "line " .. i .. " untouched")
    end
  end
  t.eq(after[24], (before[24]:gsub("。$", "")), "the heading's 。 removed")
  t.set_cursor(6)
  t.feed("<LocalLeader>f") -- level-skip has no fix
  t.eq(api.nvim_buf_get_lines(buf, 0, -1, false), after, "nothing to fix on line 6")
end)

t.test("a .gongwenrc above the file re-grades and switches off rules", function()
  local dir = t.tmp .. "/project/reports"
  vim.fn.mkdir(dir, "p")
  t.write(t.tmp .. "/project/.gongwenrc", "# project rules\nnumbering/level-skip = off\nnumbering/sequence = hint\n")
  local path = dir .. "/05.txt"
  t.write(path, original("05-numbering-faults.txt"))
  local buf = t.open_report(path)
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = diagnostics.namespace })) do
    t.ok(d.code ~= "numbering/level-skip", "level-skip is off")
    if d.code == "numbering/sequence" then
      t.eq(d.severity, vim.diagnostic.severity.HINT, "sequence is a hint")
    end
  end
  t.eq(buffer_findings(buf), cli_findings(path), "the command line reads the same file")
end)

t.test("a 1 MB report: attached, linted and navigated in time; typing does not wait", function()
  local text, headings = t.big_report(1024 * 1024)
  local path = t.tmp .. "/big.gongwen"
  t.write(path, text)
  local started = vim.loop.hrtime()
  local buf, st = t.open_report(path)
  local seconds = (vim.loop.hrtime() - started) / 1e9
  t.ok(seconds < 5, string.format("opened, parsed and linted in %.2f s", seconds))
  t.eq(#vim.diagnostic.get(buf, { namespace = diagnostics.namespace }), 0, "a well-formed report")
  local count = 0
  for _, e in ipairs(st:entries().list) do
    count = count + (e.kind == "heading" and 1 or 0)
  end
  t.eq(count, #headings, "every heading in the outline")
  t.set_cursor(headings[#headings - 1].line)
  t.feed("]]")
  t.eq(t.cursor()[1], headings[#headings].line, "]] to the last heading")
  -- Typing: 200 keys in Insert mode, each only widening the pending region.
  t.set_cursor(headings[5].line, 0)
  started = vim.loop.hrtime()
  t.feed("A" .. string.rep("字", 200) .. "<Esc>")
  local per_key = (vim.loop.hrtime() - started) / 1e6 / 200
  t.ok(per_key < 5, string.format("%.2f ms per key", per_key))
  t.settle(buf)
  t.eq(st.doc:text(), t.buffer_text(buf), "document and buffer agree after typing")

  started = vim.loop.hrtime()
  vim.cmd("Gongwen outline")
  local o = require("gongwen.outline").get()
  seconds = (vim.loop.hrtime() - started) / 1e9
  t.ok(seconds < 2, string.format("outline of the 1 MB report in %.2f s", seconds))
  t.eq(api.nvim_buf_line_count(o.buf), #headings, "one outline line per heading")
end)

t.test("the document matches the buffer after :edit!, undo, and a CRLF file", function()
  local buf, st = t.open_report(t.fixture("09-crlf-bom.txt"))
  t.eq(vim.bo.fileformat, "dos", "CRLF read as dos")
  t.eq(st.doc:text(), t.buffer_text(buf), "09: document = buffer")
  t.feed("ggddGp")
  vim.cmd("edit!")
  st = t.settle(buf)
  t.eq(st.doc:text(), t.buffer_text(buf), "after :edit!")
  t.feed("5Gdd")
  t.feed("u")
  st = t.settle(buf)
  t.eq(st.doc:text(), t.buffer_text(buf), "after dd and undo")
end)

t.test("writing a .gongwenrc in Neovim applies it to attached buffers at once", function()
  local dir = t.tmp .. "/live"
  vim.fn.mkdir(dir, "p")
  local path = dir .. "/05.txt"
  t.write(path, original("05-numbering-faults.txt"))
  local buf = t.open_report(path)
  local function has(rule)
    for _, d in ipairs(vim.diagnostic.get(buf, { namespace = diagnostics.namespace })) do
      if d.code == rule then
        return true
      end
    end
    return false
  end
  t.ok(has("numbering/level-skip"), "level-skip before")
  vim.cmd("split " .. vim.fn.fnameescape(dir .. "/.gongwenrc"))
  api.nvim_buf_set_lines(0, 0, -1, false, { "numbering/level-skip = off" })
  vim.cmd("write")
  vim.cmd("close")
  t.settle(buf)
  t.ok(not has("numbering/level-skip"), "level-skip off after :write")
end)

t.test("setup() after attaching: new rules and language apply to the buffer", function()
  t.ok(require("gongwen").setup({ lang = "en" }))
  local buf = t.open_report(t.fixture("07-problems-remedies.txt"))
  local function messages()
    return vim.tbl_map(function(d)
      return d.message
    end, vim.diagnostic.get(buf, { namespace = diagnostics.namespace }))
  end
  t.ok(#messages() > 0 and not messages()[1]:find("[\228-\233][\128-\191][\128-\191]问题"), "English first")
  t.ok(require("gongwen").setup({ lang = "zh", diagnostics = { rules = { ["pairing/*"] = "hint" } } }))
  t.settle(buf)
  local list = vim.diagnostic.get(buf, { namespace = diagnostics.namespace })
  t.ok(#list > 0, "findings")
  for _, d in ipairs(list) do
    t.eq(d.severity, vim.diagnostic.severity.HINT, d.code .. " re-graded")
    t.ok(d.message:find("问题", 1, true) or d.message:find("措施", 1, true), "in Chinese: " .. d.message)
  end
end)

t.test("diagnostics.max: the findings nearest the cursor, one summary per rule for the rest", function()
  t.ok(require("gongwen").setup({ lang = "en", diagnostics = { max = 10 } }))
  local buf = t.open_report(t.fixture("08-combined-section.txt"))
  local st = require("gongwen.buffer").get(buf)
  local findings = st:lint()
  t.ok(#findings > 30, "08 has many findings: " .. #findings)
  local function check(cursor_row, what)
    local published, omitted, kept = {}, 0, 0
    local far = -1 -- the greatest distance of a finding published
    for _, d in ipairs(vim.diagnostic.get(buf, { namespace = diagnostics.namespace })) do
      if d.user_data.omitted then
        omitted = omitted + d.user_data.omitted
        t.ok(d.message:find(d.code, 1, true), what .. ": the summary names its rule")
      else
        kept = kept + 1
        published[string.format("%d:%d:%s", d.lnum, d.col, d.code)] = true
        far = math.max(far, math.abs(d.lnum - cursor_row))
      end
    end
    t.eq(kept, 10, what .. ": ten findings published")
    t.eq(kept + omitted, #findings, what .. ": the summaries count the rest")
    for _, d in ipairs(findings) do
      if not published[string.format("%d:%d:%s", d.row, d.col, d.rule)] then
        t.ok(math.abs(d.row - cursor_row) >= far, what .. ": a finding left out is no nearer than those published")
      end
    end
  end
  t.set_cursor(1)
  require("gongwen.buffer").flush(buf)
  check(0, "cursor on line 1")
  local last = api.nvim_buf_line_count(buf)
  t.set_cursor(last)
  vim.cmd("doautocmd CursorHold")
  check(last - 1, "cursor on the last line, after it rested")
  vim.cmd("Gongwen lint")
  t.eq(#vim.fn.getloclist(0), #findings, "the location list has every finding")
  vim.cmd("lclose")
  t.ok(require("gongwen").setup({ lang = "en", diagnostics = { max = false } }))
  require("gongwen.buffer").flush(buf)
  t.eq(#vim.diagnostic.get(buf, { namespace = diagnostics.namespace }), #findings, "max = false: every finding")
  t.ok(not require("gongwen").setup({ diagnostics = { max = 0 } }), "max = 0 refused")
  t.ok(not require("gongwen").setup({ diagnostics = { max = 2.5 } }), "max = 2.5 refused")
end)

t.test("diagnostics.nearest: the consecutive findings nearest a row", function()
  local function rows(...)
    local list = {}
    for i, r in ipairs({ ... }) do
      list[i] = { row = r }
    end
    return list
  end
  local f = rows(0, 1, 5, 6, 7, 20, 40)
  t.eq({ diagnostics.nearest(f, 6, 3) }, { 3, 5 }, "around row 6")
  t.eq({ diagnostics.nearest(f, 0, 2) }, { 1, 2 }, "at the top")
  t.eq({ diagnostics.nearest(f, 100, 2) }, { 6, 7 }, "below the last")
  t.eq({ diagnostics.nearest(f, 18, 2) }, { 5, 6 }, "between 7 and 20")
  t.eq({ diagnostics.nearest(f, 3, 10) }, { 1, 7 }, "all when fewer than max")
end)
