-- Motions between headings, text objects, and the problem ↔ remedy jump.
-- Rows are 0-based and columns are bytes, as in the library and the API.
local M = {}

local api = vim.api
local buffer = require("gongwen.buffer")
local i18n = require("gongwen.i18n")

local function cursor()
  local pos = api.nvim_win_get_cursor(0)
  return pos[1] - 1, pos[2]
end

local function warn(key)
  vim.notify(i18n.t(key), vim.log.levels.WARN)
end

local function is_visual(mode)
  return mode == "v" or mode == "V" or mode == "\22"
end

-- Moves the cursor to (row, col).  From Normal mode the jump goes to the
-- jumplist (as with `m'`) and opens the folds that hide the target; in
-- Visual and Operator-pending mode it only moves, as a motion does.
function M.jump(row, col)
  local mode = api.nvim_get_mode().mode
  local normal = mode == "n"
  if normal then
    vim.cmd("normal! m'")
  end
  local last = api.nvim_buf_line_count(0)
  api.nvim_win_set_cursor(0, { math.min(row + 1, last), col })
  if normal then
    vim.cmd("normal! zv")
  end
end

-- Moves [count] times by `step`: step(st, row, col) is the entry to go
-- to from (row, col), or nil.  Goes as far as it can.
local function counted_motion(step)
  local count = vim.v.count1
  local st = buffer.current(true)
  if not st then
    return
  end
  local row, col = cursor()
  local target
  for _ = 1, count do
    local entry = step(st, row, col)
    if not entry then
      break
    end
    target, row, col = entry, entry.row, entry.col
  end
  if target then
    M.jump(target.row, target.col)
  else
    warn("no_heading")
  end
end

-- ]] [[ ][ [] : `direction` 1 or -1; `same_level` only headings of the
-- current section's level.
function M.heading(direction, same_level)
  counted_motion(function(st, row, col)
    if direction > 0 then
      return st.doc:next_heading(row, col, { same_level = same_level })
    end
    return st.doc:prev_heading(row, col, { same_level = same_level })
  end)
end

-- [u : the heading of the section that holds the current one.
function M.parent()
  counted_motion(function(st, row, col)
    local section = st.doc:section_at(row, col)
    return section and section.parent and st:entry(section.parent)
  end)
end

-- Text objects ----------------------------------------------------------------

-- The last line of a range that ends at (row, col): a range that ends at
-- the start of a line ends on the line before.
local function last_row(start_row, end_row, end_col)
  if end_col == 0 and end_row > start_row then
    return end_row - 1
  end
  return end_row
end

local function leave_visual()
  if is_visual(api.nvim_get_mode().mode) then
    vim.cmd("normal! \27")
  end
end

local function select_lines(first, last)
  leave_visual()
  api.nvim_win_set_cursor(0, { first + 1, 0 })
  vim.cmd("normal! V")
  api.nvim_win_set_cursor(0, { last + 1, 0 })
end

-- Selects [start, end) charwise; `end` is exclusive, as the library gives it.
local function select_chars(start_row, start_col, end_row, end_col)
  leave_visual()
  if end_col == 0 and end_row > start_row then
    end_row = end_row - 1
    end_col = #(api.nvim_buf_get_lines(0, end_row, end_row + 1, false)[1] or "") + 1
  end
  api.nvim_win_set_cursor(0, { start_row + 1, start_col })
  vim.cmd("normal! v")
  -- The cursor goes on the last byte; Neovim moves it to the start of the
  -- character that byte belongs to, so the whole character is selected.
  api.nvim_win_set_cursor(0, { end_row + 1, math.max(end_col - 1, 0) })
end

-- The section the object is about: the innermost one at the cursor, and a
-- count selects that many levels out (`2as`: the enclosing section).
-- Returns the buffer's state and the section, or nil after saying why.
local function section_for_object()
  local count = vim.v.count1
  local st = buffer.current(true)
  if not st then
    return nil
  end
  local section = st.doc:section_at(cursor())
  for _ = 2, count do
    local parent = section and section.parent and st:entry(section.parent)
    if not parent then
      break
    end
    section = parent
  end
  if not section then
    warn("no_section")
    return nil
  end
  return st, section
end

-- `as` (outer): the section's lines with its heading; `is` (inner): the
-- lines after the heading.  A section with nothing below its heading line
-- gives its run-in body (`1.规范公开。严格执行……`) as the inner object.
function M.select_section(inner)
  local _, section = section_for_object()
  if not section then
    return
  end
  local last = last_row(section.row, section.end_row, section.end_col)
  if not inner then
    select_lines(section.row, last)
  elseif last > section.row then
    select_lines(section.row + 1, last)
  elseif section.body_range then
    local r = section.body_range
    select_chars(r[1], r[2], r[3], r[4])
  else
    warn("no_section")
  end
end

-- `ah`: the heading line; `ih`: the heading's title.
function M.select_heading(inner)
  local _, section = section_for_object()
  if not section then
    return
  end
  if inner and section.title_range then
    local r = section.title_range
    select_chars(r[1], r[2], r[3], r[4])
  else
    local m = section.marker_range
    select_lines(m and m[1] or section.row, m and m[1] or section.row)
  end
end

-- Problems and remedies --------------------------------------------------------

local function contains(entry, row, col)
  if row < entry.row or (row == entry.row and col < entry.col) then
    return false
  end
  return row < entry.end_row or (row == entry.end_row and col < entry.end_col)
end

-- The entries at (row, col), innermost first: an item there, then the
-- headings of the sections that hold it.
function M.entries_at(st, row, col)
  local chain = {}
  local section = st.doc:section_at(row, col)
  local siblings
  if section then
    siblings = section.children or {}
  else
    siblings = {}
    local columns = st:entry_columns() or { parent = {} }
    for id, parent in ipairs(columns.parent) do
      if not parent then
        siblings[#siblings + 1] = id
      end
    end
  end
  for _, id in ipairs(siblings) do
    local e = st:entry(id)
    if e and e.kind == "item" and contains(e, row, col) then
      chain[#chain + 1] = e
      break
    end
  end
  while section do
    chain[#chain + 1] = section
    section = section.parent and st:entry(section.parent)
  end
  return chain
end

-- Where the pair jump goes from `entry` in `pair`: problem → remedy →
-- cause → problem (the cause is skipped when there is none).
function M.pair_target(pair, entry)
  local problem, remedy, cause = pair.problem, pair.remedy, pair.cause
  local id = entry.id
  if problem and problem.id == id then
    return remedy or cause
  elseif remedy and remedy.id == id then
    return cause or problem
  elseif cause and cause.id == id then
    return problem
  end
  return nil
end

-- :Gongwen pair
function M.pair()
  local st = buffer.current(true)
  if not st then
    return
  end
  local row, col = cursor()
  for _, entry in ipairs(M.entries_at(st, row, col)) do
    local pair = st.doc:pair_of(entry.id)
    if pair then
      local target = M.pair_target(pair, entry)
      if target then
        M.jump(target.row, target.col)
      else
        warn("no_remedy")
      end
      return
    end
  end
  warn("no_pair")
end

return M
