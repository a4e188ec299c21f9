-- Small test helpers for the headless Neovim tests (see harness.lua).
local M = {}

local api = vim.api

M.root = os.getenv("GW_ROOT")
M.tmp = os.getenv("GW_TMP")
M.cases = {}

function M.test(name, fn)
  M.cases[#M.cases + 1] = { name = name, fn = fn }
end

-- Ends the current test as skipped: what it needs is not there.
function M.skip(reason)
  error({ skip = true, reason = reason }, 0)
end

local function show(value)
  return type(value) == "string" and string.format("%q", value) or vim.inspect(value)
end

function M.eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(string.format("%s:\n  expected %s\n  got      %s", what or "values differ", show(expected), show(actual)), 2)
  end
end

function M.ok(value, what)
  if not value then
    error(what or "expected a true value", 2)
  end
  return value
end

function M.fixture(name)
  return M.root .. "/tests/fixtures/" .. name
end

-- Opens a file in the current window and returns its buffer.
function M.open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return api.nvim_get_current_buf()
end

function M.cursor()
  return api.nvim_win_get_cursor(0)
end

function M.set_cursor(line, col)
  api.nvim_win_set_cursor(0, { line, col or 0 })
end

-- Types keys as the user would, mappings included, and runs them.
function M.feed(keys)
  api.nvim_feedkeys(api.nvim_replace_termcodes(keys, true, false, true), "x", false)
end

function M.wait(condition, ms, what)
  local ok = vim.wait(ms or 5000, condition, 10)
  if not ok then
    error("timed out waiting for " .. (what or "a condition"), 2)
  end
end

function M.buffer_text(buf)
  return table.concat(api.nvim_buf_get_lines(buf or 0, 0, -1, false), "\n") .. "\n"
end

function M.read(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return data
end

function M.write(path, data)
  local f = assert(io.open(path, "wb"))
  f:write(data)
  f:close()
end

-- The libgongwen Lua module, or a skip when it is not built.
function M.need_library()
  local module, err = require("gongwen.lib").load()
  if not module then
    M.skip("library not built: " .. tostring(err))
  end
  return module
end

-- Opens a fixture with the library and waits for its first refresh.
-- Returns the buffer and its state.
function M.open_report(path)
  M.need_library()
  local buf = M.open(path)
  local st = M.settle(buf)
  return buf, st
end

-- Waits until the debounced refresh has brought `buf` up to date.
function M.settle(buf)
  buf = buf or api.nvim_get_current_buf()
  local buffer = require("gongwen.buffer")
  M.wait(function()
    local st = buffer.get(buf)
    return st
      and st.doc
      and not st:stale()
      and not st.refresh_pending
      and st.refreshed_tick == api.nvim_buf_get_changedtick(buf)
  end, 5000, "the refresh of buffer " .. buf)
  return buffer.get(buf)
end

-- A clean slate between tests: one window, no buffers, default options.
function M.reset()
  vim.cmd("silent! only!")
  vim.cmd("silent! tabonly!")
  for _, buf in ipairs(api.nvim_list_bufs()) do
    pcall(api.nvim_buf_delete, buf, { force = true })
  end
  require("gongwen").setup({})
  for i = #M.notes, 1, -1 do
    M.notes[i] = nil
  end
end

M.notes = {}

-- The headings listed in tests/fixtures/README.md for a fixture:
-- { { line = buffer line, level = n, text = "（一）…" }, ... }.  For 09 the
-- line is the LF line number, which is Neovim's.
function M.expected_headings(fixture)
  local readme = M.read(M.root .. "/tests/fixtures/README.md")
  local section = readme:match("\n### " .. fixture:gsub("%-", "%%-"):gsub("%.", "%%.") .. "\n(.-)\n###")
    or readme:match("\n### " .. fixture:gsub("%-", "%%-"):gsub("%.", "%%.") .. "\n(.*)$")
  assert(section, "no heading table for " .. fixture .. " in tests/fixtures/README.md")
  local list = {}
  for line in section:gmatch("[^\n]+") do
    local n, lf, level, text = line:match("^| (%d+) %((%d+)%) | (%d) | `(.-)` |")
    if not n then
      n, level, text = line:match("^| (%d+) | (%d) | `(.-)` |")
    end
    if n then
      list[#list + 1] = { line = tonumber(lf or n), level = tonumber(level), text = text }
    end
  end
  return list
end

local DIGITS = { "一", "二", "三", "四", "五", "六", "七", "八", "九" }

-- 1-99 in Chinese numerals: 一 … 十 十一 … 二十 … 九十九.
function M.cn(n)
  local tens, ones = math.floor(n / 10), n % 10
  local s = ""
  if tens == 1 then
    s = "十"
  elseif tens > 1 then
    s = DIGITS[tens] .. "十"
  end
  if ones > 0 then
    s = s .. DIGITS[ones]
  end
  return s
end

-- A well-formed report of at least `bytes` bytes: ten 一、 sections of
-- （一） sections of numbered 1. sections with a paragraph each.  Returns
-- the text and the list of its headings { line, level, marker, title }.
function M.big_report(bytes)
  local lines = { "青禾县2025年法治政府建设情况的报告", "县人民政府：" }
  local headings = {}
  local paragraph = string.rep("全面落实行政执法责任制，规范执法程序，提升执法水平。", 3)
  local per_level2 = math.max(1, math.ceil(1.1 * bytes / (10 * 9 * (#paragraph + 20))))
  per_level2 = math.min(per_level2, 99)
  local function add(level, marker, title)
    lines[#lines + 1] = marker .. title
    headings[#headings + 1] = { line = #lines, level = level, marker = marker, title = title }
  end
  for a = 1, 10 do
    add(1, M.cn(a) .. "、", "第" .. M.cn(a) .. "方面工作")
    for b = 1, per_level2 do
      add(2, "（" .. M.cn(b) .. "）", "第" .. M.cn(b) .. "项任务")
      for c = 1, 9 do
        add(3, c .. ".", "具体措施" .. c .. "。")
        lines[#lines] = lines[#lines] .. paragraph
        headings[#headings].title = "具体措施" .. c
      end
    end
  end
  lines[#lines + 1] = "特此报告。"
  lines[#lines + 1] = "青禾县司法局"
  lines[#lines + 1] = "2025年12月30日"
  return table.concat(lines, "\n") .. "\n", headings
end

return M
