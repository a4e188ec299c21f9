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

-- What the plugin published before the library chose the findings (every
-- finding made a Lua table, then chosen in Lua): the `max` nearest `row`,
-- taken in turn above or below, above on a tie, then one summary per rule
-- for the rest at the first of them.
local function published_from_all(buf, findings, row, max)
  local n = #findings
  local first, last = 1, n
  if n > max then
    local lo, hi = 1, n + 1 -- the first finding at or below `row`
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if findings[mid].row >= row then
        hi = mid
      else
        lo = mid + 1
      end
    end
    local left, right = lo - 1, lo
    for _ = 1, max do
      local up = left >= 1 and row - findings[left].row or math.huge
      local down = right <= n and findings[right].row - row or math.huge
      if up <= down then
        left = left - 1
      else
        right = right + 1
      end
    end
    first, last = left + 1, right - 1
  end
  local function diagnostic(d)
    return { bufnr = buf, lnum = d.row, col = d.col, end_lnum = d.end_row, end_col = d.end_col,
      severity = d.severity, message = d.message, code = d.rule, source = "gongwen",
      user_data = { rule = d.rule, fixable = #d.edits > 0 } }
  end
  local list = {}
  for i = first, last do
    list[#list + 1] = diagnostic(findings[i])
  end
  local by_rule, order = {}, {}
  for i = 1, n do
    if i < first or i > last then
      local d = findings[i]
      local s = by_rule[d.rule]
      if not s then
        s = diagnostic(d)
        s.count = 0
        by_rule[d.rule] = s
        order[#order + 1] = s
      end
      s.count = s.count + 1
      s.severity = math.min(s.severity, d.severity)
    end
  end
  for _, s in ipairs(order) do
    s.message = require("gongwen.i18n").t("diagnostics_more", s.count, s.code)
    s.user_data = { rule = s.code, fixable = false, omitted = s.count }
    s.count = nil
    list[#list + 1] = s
  end
  return list
end

t.test("the diagnostics published are those the whole list of findings gives", function()
  t.need_library()
  local text = t.read(t.fixture("08-combined-section.txt")) .. t.read(t.fixture("05-numbering-faults.txt"))
  local path = t.tmp .. "/many-findings.gongwen"
  t.write(path, string.rep(text, 12))
  for _, max in ipairs({ 1, 10, 100, 100000 }) do
    t.ok(require("gongwen").setup({ lang = "en", diagnostics = { max = max } }))
    local buf = t.open_report(path)
    local st = require("gongwen.buffer").get(buf)
    local findings = st:lint()
    t.ok(#findings > 300, "many findings: " .. #findings)
    local last = api.nvim_buf_line_count(buf)
    for _, line in ipairs({ 1, 2, math.floor(last / 3), math.floor(last / 2) + 1, last }) do
      t.set_cursor(line)
      require("gongwen.buffer").flush(buf)
      local got = vim.diagnostic.get(buf, { namespace = diagnostics.namespace })
      local want = published_from_all(buf, findings, line - 1, max)
      t.eq(#got, #want, string.format("max %d, line %d: as many diagnostics", max, line))
      for i, d in ipairs(want) do
        local g = got[i]
        t.eq({ g.lnum, g.col, g.end_lnum, g.end_col, g.severity, g.message, g.code, g.source, g.user_data },
          { d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.message, d.code, d.source, d.user_data },
          string.format("max %d, line %d: diagnostic %d", max, line, i))
      end
    end
    vim.cmd("bwipeout!")
  end
end)

t.test("doc:lint{max, near, sections}: the nearest findings and what is left out", function()
  local gongwen = t.need_library()
  local text = string.rep(t.read(t.fixture("08-combined-section.txt")), 5)
  local doc = assert(gongwen.parse(text))
  local all = doc:lint()
  for _, near in ipairs({ 0, 7, 60, 200, 100000 }) do
    for _, max in ipairs({ 1, 3, 50, #all, #all + 1 }) do
      local list, info = doc:lint({ max = max, near = near })
      local what = string.format("near %d, max %d", near, max)
      t.eq(info.count, #all, what .. ": count")
      t.eq(#list, math.min(max, #all), what .. ": as many as asked")
      for i, d in ipairs(list) do
        t.eq(d, all[info.before + i], what .. ": finding " .. i)
      end
      local omitted = 0
      for _, s in ipairs(info.omitted) do
        omitted = omitted + s.count
      end
      t.eq(omitted, #all - #list, what .. ": the summaries count the rest")
      t.eq(info.sections, nil, what .. ": no sections unless asked")
    end
  end
  local list, info = doc:lint({ sections = true })
  t.eq(list, all, "without max: every finding")
  local counted = 0
  for id, s in pairs(info.sections) do
    t.eq(doc:entry(id).kind, "heading", "sections are headings")
    counted = counted + s.count
  end
  t.ok(counted > 0 and counted <= #all, "findings counted in sections")
  t.eq({ doc:lint({ max = 2, rules = { ["no/such"] = "error" } }) }, { nil, "unknown rule: no/such" }, "bad rule")
  t.ok(not pcall(doc.lint, doc, { max = 0 }), "max 0 is an error")
  t.ok(not pcall(doc.lint, doc, { max = 1.5 }), "max 1.5 is an error")
  t.ok(not pcall(doc.lint, doc, { max = 1, near = "top" }), "near must be a row")
end)
