-- The tree-sitter parser, its queries, highlighting and folding by section.
-- None of this needs libgongwen.
local t = require("helpers")
local api = vim.api

local function fold_exprs(buf)
  local ts = require("gongwen.treesitter")
  local exprs = {}
  api.nvim_buf_call(buf, function()
    for lnum = 1, api.nvim_buf_line_count(buf) do
      exprs[lnum] = ts.foldexpr(lnum)
    end
  end)
  return exprs
end

-- What folding by section must give at each heading line: a section that
-- spans more than its heading line opens a fold at its depth; a one-line
-- section is inside its parent's fold only.  Valid for fixtures without
-- skipped levels, where depth is level.
local function check_heading_folds(fixture)
  local buf = t.open(t.fixture(fixture))
  local headings = t.expected_headings(fixture)
  local exprs = fold_exprs(buf)
  for i, h in ipairs(headings) do
    local multi_line = true
    for j = i + 1, #headings do
      local next_heading = headings[j]
      multi_line = next_heading.line > h.line + 1 or next_heading.level > h.level
      break
    end
    local expected = multi_line and (">" .. h.level) or tostring(h.level - 1)
    t.eq(exprs[h.line], expected, fixture .. " line " .. h.line .. " (" .. h.text .. ")")
  end
end

t.test("the parser is registered and the queries are on 'runtimepath'", function()
  local ts = require("gongwen.treesitter")
  t.ok(ts.register())
  local abi, min_abi, max_abi = ts.abi()
  t.ok(abi and abi >= min_abi and abi <= max_abi, "ABI " .. tostring(abi) .. " in range")
  for _, name in ipairs({ "highlights", "folds", "textobjects" }) do
    t.ok(ts.get_query(name), name .. ".scm")
  end
  local grammar = t.root .. "/grammar"
  t.ok(vim.tbl_contains(vim.opt.runtimepath:get(), grammar), "grammar/ on 'runtimepath'")
end)

t.test("a report buffer is highlighted and folds by section", function()
  local buf = t.open(t.fixture("01-standard.txt"))
  t.eq(vim.bo.filetype, "gongwen", "filetype")
  t.ok(vim.treesitter.highlighter.active[buf], "tree-sitter highlighter active")
  t.eq(vim.wo.foldmethod, "expr", "foldmethod")
  t.eq(vim.wo.foldlevel, 99, "folds start open")
  t.eq(vim.fn.foldlevel(5), 1, "一、 at level 1")
  t.eq(vim.fn.foldlevel(13), 4, "（2）, which has ① ② under it, at level 4")
  t.eq(vim.fn.foldlevel(12), 3, "（1）, a one-line section, inside 1.'s fold")
end)

t.test("captures map to highlight groups (classic groups on 0.7)", function()
  local buf = t.open(t.fixture("01-standard.txt"))
  local expected = {
    ["markup.heading.1"] = "Title",
    ["markup.heading"] = "Title",
    ["comment.warning"] = "DiagnosticWarn",
    ["markup.list"] = "Special",
    ["number"] = "Constant",
  }
  local function group_of(capture)
    if vim.fn.has("nvim-0.8") == 1 then
      return vim.fn.synIDattr(vim.fn.synIDtrans(vim.fn.hlID("@" .. capture)), "name")
    end
    local query = vim.treesitter.highlighter.active[buf]:get_query("gongwen")
    for id, name in ipairs(query:query().captures) do
      if name == capture then
        return vim.fn.synIDattr(vim.fn.synIDtrans(query.hl_cache[id]), "name")
      end
    end
  end
  for capture, group in pairs(expected) do
    t.eq(group_of(capture), group, "@" .. capture)
  end
end)

t.test("headings are drawn highlighted, paragraphs are not", function()
  t.open(t.fixture("01-standard.txt"))
  vim.o.columns, vim.o.lines = 120, 60
  vim.cmd("redraw!")
  local win = api.nvim_get_current_win()
  local function attr(lnum, byte_col)
    local pos = vim.fn.screenpos(win, lnum, byte_col)
    return vim.fn.screenattr(pos.row, pos.col)
  end
  local title = attr(1, 1)
  t.ok(title ~= 0, "title line highlighted")
  t.eq(attr(4, 1), 0, "preamble paragraph not highlighted")
  t.eq(attr(5, #"一、" + 1), title, "一、 heading title drawn as the title (Title)")
  t.ok(attr(5, 1) ~= 0 and attr(5, 1) ~= title, "一 drawn as a number")
end)

t.test("folds of 01-standard.txt start at its multi-line sections", function()
  check_heading_folds("01-standard.txt")
end)

t.test("folds of 02 (messy markers) and 03 (traditional) follow their sections", function()
  check_heading_folds("02-messy-markers.txt")
  check_heading_folds("03-traditional.txt")
end)

t.test("a CRLF file with a BOM and a lone CR folds on Neovim's lines", function()
  local buf = t.open(t.fixture("09-crlf-bom.txt"))
  t.eq(vim.bo.fileformat, "dos", "fileformat")
  t.ok(vim.bo.bomb, "BOM kept")
  t.eq(vim.bo.filetype, "gongwen", "filetype")
  check_heading_folds("09-crlf-bom.txt")
  t.ok(vim.treesitter.highlighter.active[buf], "highlighted")
end)

t.test("a 1 MB report: folds computed once, in time", function()
  local text, headings = t.big_report(1024 * 1024)
  t.ok(#text >= 1024 * 1024, "at least 1 MB")
  local path = t.tmp .. "/big-report.gongwen"
  t.write(path, text)
  local started = vim.loop.hrtime()
  local buf = t.open(path)
  local exprs = fold_exprs(buf)
  local seconds = (vim.loop.hrtime() - started) / 1e9
  t.ok(seconds < 10, string.format("opened and folded in %.2f s", seconds))
  local last = headings[#headings]
  local last_h2
  for i = #headings, 1, -1 do
    if headings[i].level == 2 then
      last_h2 = headings[i]
      break
    end
  end
  t.eq(exprs[headings[1].line], ">1", "first 一、")
  t.eq(exprs[last_h2.line], ">2", "last （…）")
  t.eq(exprs[last.line - 1], "2", "the 8. before it is a one-line section inside （…）")
  t.eq(exprs[last.line], ">3", "the last 9. holds 特此报告。 too")
end)

t.test("typing does not rebuild the folds; the debounced refresh does, and folds follow the text", function()
  local buf = t.open_report(t.fixture("01-standard.txt"))
  local ts = require("gongwen.treesitter")
  t.eq(vim.fn.foldlevel(5), 1, "一、 at level 1 before the edit")
  local builds = ts.fold_builds
  -- Two lines above everything, then a keystroke: Neovim evaluates
  -- 'foldexpr' for the changed lines, which must not recompute the folds.
  api.nvim_buf_set_lines(buf, 0, 0, false, { "", "" })
  api.nvim_buf_set_text(buf, 0, 0, 0, 0, { "的" })
  vim.fn.foldlevel(1)
  t.eq(ts.fold_builds, builds, "no fold build while typing")
  t.settle(buf)
  t.eq(ts.fold_builds, builds + 1, "one fold build in the refresh")
  t.eq(vim.fn.foldlevel(7), 1, "一、 at level 1, two lines lower")
  t.eq(vim.fn.foldlevel(15), 4, "（2）, which has ① ② under it, at level 4")
  t.eq(vim.fn.foldlevel(14), 3, "（1）, a one-line section, inside 1.'s fold")
  t.eq(vim.fn.foldlevel(1), 0, "the new first line outside any section")
  -- A heading made a paragraph: its section and fold go after the refresh.
  local line = api.nvim_buf_get_lines(buf, 6, 7, false)[1]
  t.ok(line:find("^一、"), "line 7 is 一、")
  api.nvim_buf_set_text(buf, 6, 0, 6, #"一、", { "" })
  t.settle(buf)
  t.eq(vim.fn.foldlevel(7), 0, "the former 一、 line is a paragraph of the preamble")
  t.eq(vim.fn.foldlevel(15), 3, "（2） one level up")
end)

t.test("an edit that keeps the tree's structure and the lines keeps the fold levels without building them", function()
  local buf = t.open_report(t.fixture("01-standard.txt"))
  local ts = require("gongwen.treesitter")
  -- The levels a build from nothing gives, the buffer's followed ones put back.
  local function fresh_levels()
    local kept = fold_exprs(buf)
    ts.forget(buf)
    local fresh = fold_exprs(buf)
    ts.defer_folds(buf)
    ts.refresh_folds(buf)
    return kept, fresh
  end
  local builds = ts.fold_builds
  local paragraph = 4 -- the preamble
  t.ok(api.nvim_buf_get_lines(buf, paragraph - 1, paragraph, false)[1]:find("^2025年"), "line 4 is the preamble")
  api.nvim_buf_set_text(buf, paragraph - 1, 6, paragraph - 1, 6, { "的的" })
  t.settle(buf)
  t.eq(ts.fold_builds, builds, "typing in a paragraph: no build")
  local kept, fresh = fresh_levels()
  t.eq(kept, fresh, "typing in a paragraph: the levels a build gives")
  -- The same number of lines, another structure: a heading made text.
  builds = ts.fold_builds
  t.eq(vim.fn.foldlevel(12), 3, "（1）, a one-line section, inside 1.'s fold")
  api.nvim_buf_set_text(buf, 12, 0, 12, #"（2）", { "" })
  t.settle(buf)
  t.eq(ts.fold_builds, builds + 1, "a heading's marker deleted: one build")
  kept, fresh = fresh_levels()
  t.eq(kept, fresh, "a heading's marker deleted: the levels a build gives")
  t.eq(vim.fn.foldlevel(12), 4, "（1） holds the text of the former （2） and ① ②: a fold of its own")
end)
