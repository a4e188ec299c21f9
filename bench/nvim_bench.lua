-- What the Neovim plugin costs while typing in a large report, in a headless
-- Neovim (run by bench/run.sh: `nvim --headless --clean -u NONE`, the
-- plugin on 'runtimepath', XDG directories of its own).
--
-- Environment: GW_ROOT (the repository), GW_BENCH_FILE (the report),
-- GW_BENCH_LABEL (what the report is, for the headings),
-- GW_BENCH_OUT (where the Markdown goes), GW_BENCH_KEYS (keystrokes per
-- case, default 400, fewer when they take over 2.5 s), GW_BENCH_REFRESHES
-- (default 3).
--
-- A keystroke is nvim_buf_set_text inserting one character (or deleting it
-- again) in a paragraph in the middle of the report: Neovim's own change,
-- then the on_bytes handlers attached to the buffer.  It is timed first in
-- the buffer with nothing attached, then with the plugin attached (its
-- on_bytes handler, and tree-sitter highlighting's, which only records the
-- edit); the difference is what the plugin adds.  The work the plugin defers
-- to the debounce (`State:refresh`: the document's edit, fold levels, lint,
-- diagnostics, links, outline) is timed step by step after a keystroke, with
-- the outline window open.  Times are wall-clock (vim.loop.hrtime).
local api = vim.api
local hrtime = vim.loop.hrtime

local root = assert(os.getenv("GW_ROOT"), "GW_ROOT")
local file = assert(os.getenv("GW_BENCH_FILE"), "GW_BENCH_FILE")
local out_path = assert(os.getenv("GW_BENCH_OUT"), "GW_BENCH_OUT")
local keys = tonumber(os.getenv("GW_BENCH_KEYS") or "") or 400
local label = os.getenv("GW_BENCH_LABEL") or "report"
local refreshes = tonumber(os.getenv("GW_BENCH_REFRESHES") or "") or 3

local lines_out = {}
local function say(line)
  lines_out[#lines_out + 1] = line or ""
end

local function finish(status)
  local f = assert(io.open(out_path, "w"))
  f:write(table.concat(lines_out, "\n"), "\n")
  f:close()
  vim.cmd(status == 0 and "qall!" or "cquit!")
end

local notes = {}
vim.notify = function(msg)
  notes[#notes + 1] = tostring(msg)
end
vim.o.report = 100000
vim.o.shortmess = vim.o.shortmess .. "sWAI"
vim.o.undolevels = -1 -- the undo history of hundreds of edits is not the plugin's cost

local stats = dofile(root .. "/bench/stats.lua")
local summary, show = stats.summary, stats.show

local function elapsed_ms(t0)
  return (hrtime() - t0) / 1e6
end

-- A line near the middle of the buffer, long enough to type into, that
-- holds no heading (found by its text: the plugin is not attached yet).
local function paragraph_row(buf)
  local count = api.nvim_buf_line_count(buf)
  for row = math.floor(count / 2), count - 1 do
    local line = api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
    local marker = line:find("^[%s　]*[（(]") or line:find("^[%s　]*%d+[.．、]")
      or vim.fn.match(line, [[^\s*[一二三四五六七八九十百]\+、]]) >= 0
    if #line >= 90 and not marker then
      return row, line
    end
  end
  error("no paragraph in the second half of the report")
end

-- The column ten characters into `line`.
local function column_in(line)
  return vim.str_byteindex(line, 10)
end

-- Alternately inserts 的 at (row, col) and deletes it: n times, or fewer
-- when they take longer than `budget_ms` in all (at least 10).  Returns the
-- times.
local function type_keys(buf, row, col, n, after_each, budget_ms)
  local samples, total = {}, 0
  for i = 1, n do
    local t0 = hrtime()
    if i % 2 == 1 then
      api.nvim_buf_set_text(buf, row, col, row, col, { "的" })
    else
      api.nvim_buf_set_text(buf, row, col, row, col + #"的", { "" })
    end
    local ms = elapsed_ms(t0)
    samples[#samples + 1] = ms
    total = total + ms
    if after_each then
      after_each()
    end
    if budget_ms and total > budget_ms and i >= 10 and i % 2 == 0 then
      break
    end
  end
  return samples
end

local ok, err = xpcall(function()
  vim.cmd("filetype on")
  vim.cmd("runtime plugin/gongwen.lua")
  local lib = require("gongwen.lib")
  if not lib.load() then
    say("The plugin could not load build/luajit/gongwen.so: Neovim cases skipped.")
    return
  end
  local config = require("gongwen.config")
  local budget = 2500 -- ms of keystrokes per case at most

  -- The report with nothing attached: no FileType event, so no plugin.
  vim.cmd("noautocmd edit " .. vim.fn.fnameescape(file))
  local buf = api.nvim_get_current_buf()
  local win = api.nvim_get_current_win()
  local size = api.nvim_buf_get_offset(buf, api.nvim_buf_line_count(buf))
  local row, line = paragraph_row(buf)
  local col = column_in(line)
  type_keys(buf, row, col, 20) -- warm-up
  local plain = summary(type_keys(buf, row, col, keys, nil, budget))

  -- The plugin attached, as opening a report does (highlighting, folding,
  -- diagnostics, links), and its first refresh.
  local t0 = hrtime()
  vim.bo[buf].filetype = "gongwen"
  local buffer = require("gongwen.buffer")
  local st = assert(buffer.get(buf), "the plugin did not attach to the report")
  buffer.flush(buf)
  local first_refresh = elapsed_ms(t0)
  local entries = st:entries()
  local findings = st:lint() or {}
  type_keys(buf, row, col, 2)
  local attached = summary(type_keys(buf, row, col, keys, nil, budget))
  buffer.flush(buf)

  -- The debounced refresh after one keystroke, step by step (as
  -- State:refresh runs them), with the outline open beside the report.
  local outline = require("gongwen.outline")
  local diagnostics = require("gongwen.diagnostics")
  local links = require("gongwen.links")
  outline.open()
  api.nvim_set_current_win(win)
  local steps = {
    { "sync", "`st:sync()`: gw_document_edit", function() st:sync() end },
    { "folds", "`refresh_folds`: fold levels, when the tree's structure or its lines changed",
      function() require("gongwen.treesitter").refresh_folds(buf) end },
    { "lint", "`st:lint_near()`: gw_lint, the findings published and the counts per section to Lua",
      function() st:lint_near(st:anchor_row()) end },
    { "diagnostics", "`diagnostics.update`: vim.diagnostic.set", function() diagnostics.update(st) end },
    -- Fetched by the first of links and outline that needs them, timed
    -- on their own so that the outline refresh counts them either way.
    { "columns", "`st:entry_columns()`: what links and outline show of the entries",
      function() st:entry_columns() end },
    { "links", "`links.update`: pair columns, the link marks that changed", function() links.update(st) end },
    { "outline", "`outline.update`: the outline's lines and marks that changed", function() outline.update(st) end },
  }
  local times = { total = {} }
  for _, step in ipairs(steps) do
    times[step[1]] = {}
  end
  for i = 1, refreshes + 1 do
    type_keys(buf, row, col, i % 2 == 1 and 1 or 2)
    local total = 0
    for _, step in ipairs(steps) do
      local s0 = hrtime()
      step[3]()
      local ms = elapsed_ms(s0)
      total = total + ms
      if i > 1 then -- the first is a warm-up
        table.insert(times[step[1]], ms)
      end
    end
    if i > 1 then
      table.insert(times.total, total)
    end
  end
  local s = {}
  for name, samples in pairs(times) do
    s[name] = summary(samples)
  end
  -- The outline refresh: the document brought up to date and the outline
  -- rendered (sync + entry columns + outline.update; the lint its signs
  -- need is not counted).
  local outline_refresh = {}
  for i = 1, #times.sync do
    outline_refresh[i] = times.sync[i] + times.columns[i] + times.outline[i]
  end
  outline_refresh = summary(outline_refresh)

  -- Which part of the plugin the keystroke pays for: folding (foldexpr) and
  -- diagnostics (vim.diagnostic's own on_lines handler) switched off in turn.
  local variants = {}
  local function variant(label, fold, diagnostics_on)
    api.nvim_win_call(win, function()
      vim.wo.foldmethod = fold and "expr" or "manual"
    end)
    config.options.diagnostics.enabled = diagnostics_on
    buffer.flush(buf)
    type_keys(buf, row, col, 2)
    variants[#variants + 1] = { label, summary(type_keys(buf, row, col, keys, nil, budget)) }
    buffer.flush(buf)
  end
  variant("folding off", false, true)
  variant("diagnostics off", true, false)
  variant("folding and diagnostics off", false, false)

  -- Neovim's own tree-sitter parser (highlighting) re-parses at the next
  -- redraw; a headless Neovim does not redraw, so it is timed by hand (with
  -- folding off: the plugin's foldexpr parses at each change).
  local reparse
  local has_parser, parser = pcall(vim.treesitter.get_parser, buf, "gongwen")
  if has_parser and parser then
    parser:parse()
    local samples = {}
    type_keys(buf, row, col, 40, function()
      local r0 = hrtime()
      parser:parse()
      samples[#samples + 1] = elapsed_ms(r0)
    end, budget)
    reparse = summary(samples)
  end

  local added = attached.median - plain.median
  say("### Neovim: a keystroke and the refresh after it (" .. label .. ")")
  say()
  local v = vim.version()
  say(string.format(
    "Headless Neovim %d.%d.%d with the plugin (default options), a %.1f MB report (%d lines, "
      .. "%d outline entries, %d findings); a keystroke types or deletes 的 in a paragraph in the "
      .. "middle (`nvim_buf_set_text`, which runs the buffer's on_bytes/on_lines handlers). "
      .. "Median (min–max).",
    v.major, v.minor, v.patch, size / 1048576, api.nvim_buf_line_count(buf), #entries.list, #findings))
  say()
  say("| case | runs | time |")
  say("|---|---|---|")
  say(string.format("| keystroke, nothing attached | %d | %s |", plain.n, show(plain)))
  say(string.format("| keystroke, plugin attached | %d | %s |", attached.n, show(attached)))
  for _, pair in ipairs(variants) do
    say(string.format("| keystroke, plugin attached, %s | %d | %s |", pair[1], pair[2].n, show(pair[2])))
  end
  if reparse then
    say(string.format("| Neovim's tree-sitter re-parse for highlighting at the next redraw | %d | %s |",
      reparse.n, show(reparse)))
  end
  say(string.format("| first refresh after attaching (parse, lint, diagnostics, links, outline) | 1 | %.1f ms |",
    first_refresh))
  for _, step in ipairs(steps) do
    say(string.format("| refresh after a keystroke: %s | %d | %s |", step[2], s[step[1]].n, show(s[step[1]])))
  end
  say(string.format("| refresh after a keystroke: all of it | %d | %s |", s.total.n, show(s.total)))
  say()
  say("### Neovim: against the targets (" .. label .. ")")
  say()
  local report = string.format("a %.1f MB report with %d findings", size / 1048576, #findings)
  say(string.format("- Neovim, a keystroke in %s: the plugin adds %.2f ms (target < 1 ms): **%s**",
    report, added, added < 1 and "met" or "not met"))
  say(string.format("- Neovim, the outline refresh after an edit in %s (sync + entry columns + outline.update): %.1f ms (target < 5 ms): **%s**",
    report, outline_refresh.median, outline_refresh.median < 5 and "met" or "not met"))
  say(string.format("- Neovim, the whole debounced refresh after an edit in %s: %.1f ms, the editor blocked "
    .. "meanwhile (no target; it runs %d ms after the last key)", report, s.total.median,
    config.options.debounce_ms))
  if #notes > 0 then
    say()
    say("Messages from the plugin during the run: " .. table.concat(notes, "; "))
  end
end, debug.traceback)

if not ok then
  say("The Neovim benchmark failed: " .. tostring(err))
  finish(1)
else
  finish(0)
end
