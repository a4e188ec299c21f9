-- The outline window: the section tree of a report beside it.
--
-- One outline per tab page, showing the report it was opened from (and the
-- next attached buffer entered in that tab).  Each line is one heading,
-- indented by depth, with its marker as written and its title; a sign
-- counts the findings in the section's own text (before its first
-- subsection), and the end of the line shows its problem ↔ remedy link.
local M = {}

local api = vim.api
local buffer = require("gongwen.buffer")
local config = require("gongwen.config")
local i18n = require("gongwen.i18n")

M.namespace = api.nvim_create_namespace("gongwen_outline")

local outlines = {} -- tabpage -> outline

local SEVERITY_HL = { "DiagnosticSignError", "DiagnosticSignWarn", "DiagnosticSignInfo", "DiagnosticSignHint" }
local SEVERITY_LETTER = { "E", "W", "I", "H" }

-- The sign of a section's findings: the worst severity's letter and the
-- count (+ for ten or more), two columns whatever the titles' length.
function M.finding_sign(mark)
  return (SEVERITY_LETTER[mark.severity] or "E") .. (mark.count < 10 and tostring(mark.count) or "+")
end

local function valid_win(win)
  return win and api.nvim_win_is_valid(win)
end

local function current()
  local o = outlines[api.nvim_get_current_tabpage()]
  if o and valid_win(o.win) and api.nvim_buf_is_valid(o.buf) then
    return o
  end
  return nil
end

-- The outline of the current tab page, if open.
function M.get()
  return current()
end

local function shown(entry)
  return entry.kind == "heading" or config.options.outline.items
end

local function before(row, col, other_row, other_col)
  return row < other_row or (row == other_row and col < other_col)
end

-- Whether heading `h`'s section holds position (row, col); the end of the
-- text (end_row, 0 after its last line break) belongs to a section that
-- reaches it, as in the library.
local function holds(h, row, col, end_row)
  if before(row, col, h.row, h.col) then
    return false
  end
  if before(row, col, h.end_row, h.end_col) then
    return true
  end
  return row == h.end_row and col == h.end_col and row == end_row and col == 0
end

-- The id of the section (innermost heading) holding each finding, as
-- doc:section_at gives it, in one pass over the findings in document order
-- and the entries: the last entry starting at or before a finding, then
-- its ancestors until a heading holds it.  `end_row`: the row after the
-- text's last line break.
function M.sections_of(findings, entries, end_row)
  local sorted = true
  for i = 2, #findings do
    local a, b = findings[i - 1], findings[i]
    if before(b.row, b.col, a.row, a.col) then
      sorted = false
      break
    end
  end
  local order -- indices in document order, when the findings are not
  if not sorted then
    order = {}
    for i = 1, #findings do
      order[i] = i
    end
    table.sort(order, function(x, y)
      local a, b = findings[x], findings[y]
      if a.row ~= b.row or a.col ~= b.col then
        return before(a.row, a.col, b.row, b.col)
      end
      return x < y
    end)
  end
  local list, by_id = entries.list, entries.by_id
  local sections = {}
  local last = 0 -- list[1..last] start at or before the finding
  for k = 1, #findings do
    local i = order and order[k] or k
    local d = findings[i]
    while last < #list and not before(d.row, d.col, list[last + 1].row, list[last + 1].col) do
      last = last + 1
    end
    local e = list[last]
    while e and not (e.kind == "heading" and holds(e, d.row, d.col, end_row)) do
      e = e.parent and by_id[e.parent]
    end
    sections[i] = e and e.id or false
  end
  return sections
end

-- Worst severity and count of the findings in each section's own text.
local function finding_marks(st)
  local marks = {}
  if not config.options.diagnostics.enabled then
    return marks
  end
  local findings = st:lint() or {}
  local entries = st:entries()
  if not entries then
    return marks
  end
  local sections = M.sections_of(findings, entries, api.nvim_buf_line_count(st.buf))
  for i, d in ipairs(findings) do
    local id = sections[i]
    if id then
      local m = marks[id]
      if not m then
        m = { count = 0, severity = d.severity }
        marks[id] = m
      end
      m.count = m.count + 1
      m.severity = math.min(m.severity, d.severity)
    end
  end
  return marks
end

-- Link marks: → remedy for problems, ← problem for remedies and causes,
-- ✗ for a problem with no remedy.
local function link_marks(st)
  local marks = {}
  for _, pair in ipairs(st:pairs() or {}) do
    local problem, remedy, cause = pair.problem, pair.remedy, pair.cause
    if remedy then
      marks[problem.id] = "→" .. (remedy.marker or "")
      marks[remedy.id] = "←" .. (problem.marker or "")
    else
      marks[problem.id] = "✗"
    end
    if cause then
      marks[cause.id] = "←" .. (problem.marker or "")
    end
  end
  return marks
end

-- The lines of the outline: { text, id, depth, marks } for every entry shown,
-- honouring folds and the filter.
function M.rows(st, o)
  local entries = st:entries()
  if not entries then
    return {}
  end
  local by_id = entries.by_id
  local collapsed = o and o.collapsed or {}
  local filter = o and o.filter
  local keep -- ids that match the filter, with their ancestors
  if filter and filter ~= "" then
    keep = {}
    local needle = filter:lower()
    for _, e in ipairs(entries.list) do
      if shown(e) and ((e.marker or "") .. (e.title or "")):lower():find(needle, 1, true) then
        local id = e.id
        while id and not keep[id] do
          keep[id] = true
          id = by_id[id] and by_id[id].parent
        end
      end
    end
  end

  local rows = {}
  local depth_of = {}
  local hidden_below = {} -- ids whose descendants are folded away
  for _, e in ipairs(entries.list) do
    local parent = e.parent
    local depth = parent and depth_of[parent] and (depth_of[parent] + 1) or 0
    local hidden = parent ~= nil and hidden_below[parent]
    if shown(e) then
      depth_of[e.id] = depth
      if hidden then
        hidden_below[e.id] = true
      elseif keep and not keep[e.id] then
        hidden_below[e.id] = true
      else
        rows[#rows + 1] = { id = e.id, depth = depth, entry = e }
        if collapsed[e.id] then
          hidden_below[e.id] = true
        end
      end
    end
  end
  -- Which shown entries have shown children (for the fold sign).
  local has_children = {}
  for _, e in ipairs(entries.list) do
    if shown(e) and e.parent then
      has_children[e.parent] = true
    end
  end
  for _, row in ipairs(rows) do
    local sign = " "
    if has_children[row.id] then
      sign = collapsed[row.id] and "▸" or "▾"
    end
    local e = row.entry
    local prefix = string.rep("  ", row.depth) .. sign .. " "
    row.marker_col = #prefix
    row.text = prefix .. (e.marker or "") .. (e.title or "")
  end
  return rows
end

local function set_statusline(o)
  if not valid_win(o.win) then
    return
  end
  local name = vim.fn.fnamemodify(api.nvim_buf_get_name(o.src), ":t")
  local text = i18n.t("outline_title") .. ": " .. name
  if o.filter and o.filter ~= "" then
    text = text .. "  [" .. o.filter .. "]"
  end
  vim.wo[o.win].statusline = text:gsub("%%", "%%%%")
end

-- Writes the outline of its source into the outline buffer.
function M.render(o)
  local st = buffer.get(o.src)
  if not st or not st:sync() then
    return
  end
  local keep_id = o.ids and valid_win(o.win) and o.ids[api.nvim_win_get_cursor(o.win)[1]]
  -- Entries carried over from those last rendered (State:entries, after an
  -- edit inside a line) have the same headings, markers and titles: the
  -- rows stay, pointing at the new entries.
  local entries = st:entries()
  local items = config.options.outline.items
  local rows
  if o.rows and entries and entries.from_serial ~= nil and entries.from_serial == o.rows_serial
    and o.rows_items == items then
    rows = {}
    for i, row in ipairs(o.rows) do
      rows[i] = { id = row.id, depth = row.depth, entry = entries.by_id[row.id], marker_col = row.marker_col, text = row.text }
    end
  else
    rows = M.rows(st, o)
    o.ids, o.line_of = nil, nil
  end
  o.rows, o.rows_serial, o.rows_items = rows, entries and entries.serial, items
  local lines = o.lines
  local same = o.ids ~= nil and lines ~= nil and #lines == #rows
  if not same then
    local ids, line_of = {}, {}
    lines = {}
    for i, row in ipairs(rows) do
      lines[i] = row.text
      ids[i] = row.id
      line_of[row.id] = i
    end
    o.ids, o.line_of = ids, line_of
    -- After most edits the lines are those shown already, and at most a
    -- few marks differ: only what changed is written.
    same = o.lines ~= nil and #o.lines == #lines
    if same then
      for i = 1, #lines do
        if o.lines[i] ~= lines[i] then
          same = false
          break
        end
      end
    end
  end
  if not same then
    vim.bo[o.buf].modifiable = true
    api.nvim_buf_set_lines(o.buf, 0, -1, false, lines)
    vim.bo[o.buf].modifiable = false
    vim.bo[o.buf].modified = false
    api.nvim_buf_clear_namespace(o.buf, M.namespace, 0, -1)
    o.lines, o.marks = lines, {}
  end

  local findings = finding_marks(st)
  local links = link_marks(st)
  for i, row in ipairs(rows) do
    local f = findings[row.id]
    local link = links[row.id]
    local marker = row.entry.marker or ""
    local sign = f and M.finding_sign(f) or ""
    local severity = f and f.severity or 0
    local old = o.marks[i]
    if not old or old.sign ~= sign or old.severity ~= severity or old.link ~= link
      or old.marker_col ~= row.marker_col or old.marker_length ~= #marker then
      for _, id in ipairs(old and old.ids or {}) do
        api.nvim_buf_del_extmark(o.buf, M.namespace, id)
      end
      local ids = {}
      if f then
        ids[#ids + 1] = api.nvim_buf_set_extmark(o.buf, M.namespace, i - 1, 0, {
          sign_text = sign,
          sign_hl_group = SEVERITY_HL[f.severity] or SEVERITY_HL[1],
        })
      end
      if link then
        ids[#ids + 1] = api.nvim_buf_set_extmark(o.buf, M.namespace, i - 1, 0, {
          virt_text = { { " " .. link, "GongwenLink" } },
          virt_text_pos = "eol",
        })
      end
      ids[#ids + 1] = api.nvim_buf_set_extmark(o.buf, M.namespace, i - 1, row.marker_col, {
        end_col = row.marker_col + #marker,
        hl_group = "GongwenOutlineMarker",
      })
      o.marks[i] = { sign = sign, severity = severity, link = link, marker_col = row.marker_col, marker_length = #marker, ids = ids }
    end
  end
  set_statusline(o)
  if valid_win(o.win) and #lines > 0 then
    local line = keep_id and o.line_of[keep_id]
    if line then
      api.nvim_win_set_cursor(o.win, { line, 0 })
    end
  end
end

-- The line of the outline for the section at the source's cursor: the
-- section's own line, or that of the nearest ancestor shown.
local function line_for_cursor(o, st, win)
  local pos = api.nvim_win_get_cursor(win)
  local section = st.doc:section_at(pos[1] - 1, pos[2])
  while section do
    local line = o.line_of and o.line_of[section.id]
    if line then
      return line
    end
    section = section.parent and st:entry(section.parent)
  end
  return nil
end

-- Moves the outline's cursor to the section the source's cursor is in.
-- Called on every cursor move, so it does nothing that costs: with edits
-- pending it waits for the refresh that follows them.
function M.follow(st)
  local o = current()
  if not o or o.src ~= st.buf or not config.options.outline.follow_cursor then
    return
  end
  if not st.doc or st:stale() then
    return
  end
  local win = api.nvim_get_current_win()
  if api.nvim_win_get_buf(win) ~= st.buf then
    return
  end
  o.src_win = win
  local line = line_for_cursor(o, st, win)
  if line and line <= api.nvim_buf_line_count(o.buf) then
    api.nvim_win_set_cursor(o.win, { line, 0 })
  end
end

-- After the source changed: re-render every outline that shows it.
function M.update(st)
  for _, o in pairs(outlines) do
    if o.src == st.buf and valid_win(o.win) and api.nvim_buf_is_valid(o.buf) then
      M.render(o)
      if valid_win(o.src_win) and api.nvim_win_get_buf(o.src_win) == st.buf then
        local line = line_for_cursor(o, st, o.src_win)
        if line then
          api.nvim_win_set_cursor(o.win, { line, 0 })
        end
      end
    end
  end
end

-- The window to jump in: the one the outline was last following, else any
-- window of this tab showing the source, else the previous window.
local function source_window(o)
  if valid_win(o.src_win) and api.nvim_win_get_buf(o.src_win) == o.src then
    return o.src_win
  end
  for _, win in ipairs(api.nvim_tabpage_list_wins(0)) do
    if win ~= o.win and api.nvim_win_get_buf(win) == o.src then
      return win
    end
  end
  for _, win in ipairs(api.nvim_tabpage_list_wins(0)) do
    if win ~= o.win then
      api.nvim_win_set_buf(win, o.src)
      return win
    end
  end
  return nil
end

-- Jumps to the heading on the outline's cursor line.  `stay`: the focus
-- comes back to the outline.
function M.jump(stay)
  local o = current()
  if not o then
    return
  end
  local id = o.ids and o.ids[api.nvim_win_get_cursor(o.win)[1]]
  local st = buffer.get(o.src)
  local entry = id and st and st:entry(id)
  if not entry then
    return
  end
  local win = source_window(o)
  if not win then
    return
  end
  api.nvim_set_current_win(win)
  o.src_win = win
  require("gongwen.nav").jump(entry.row, entry.col)
  if stay then
    api.nvim_set_current_win(o.win)
  elseif config.options.outline.close_on_jump then
    M.close()
  end
end

function M.toggle_fold()
  local o = current()
  if not o then
    return
  end
  local id = o.ids and o.ids[api.nvim_win_get_cursor(o.win)[1]]
  if id then
    o.collapsed[id] = not o.collapsed[id] or nil
    o.rows = nil
    M.render(o)
  end
end

function M.fold_all(closed)
  local o = current()
  if not o then
    return
  end
  o.collapsed = {}
  o.rows = nil
  if closed then
    local st = buffer.get(o.src)
    local entries = st and st:entries()
    for _, e in ipairs(entries and entries.list or {}) do
      if e.parent then
        o.collapsed[e.parent] = true
      end
    end
  end
  M.render(o)
end

-- Shows only headings whose marker or title contains `text` (and the
-- headings above them); nil or "" shows all.
function M.set_filter(text)
  local o = current()
  if not o then
    return
  end
  o.filter = text ~= "" and text or nil
  o.rows = nil
  M.render(o)
end

function M.prompt_filter()
  local o = current()
  if not o then
    return
  end
  vim.ui.input({ prompt = i18n.t("filter_prompt"), default = o.filter or "" }, function(text)
    if text ~= nil then
      M.set_filter(text)
    end
  end)
end

function M.close()
  local tab = api.nvim_get_current_tabpage()
  local o = outlines[tab]
  outlines[tab] = nil
  if o and valid_win(o.win) then
    if #api.nvim_tabpage_list_wins(tab) > 1 then
      api.nvim_win_close(o.win, true)
    else
      -- The outline is the last window: leave the source in it instead.
      api.nvim_win_set_buf(o.win, o.src)
    end
  end
end

local function map_keys(o)
  local keys = config.options.outline.keys
  local actions = {
    jump = function()
      M.jump(false)
    end,
    peek = function()
      M.jump(true)
    end,
    toggle_fold = M.toggle_fold,
    close_all = function()
      M.fold_all(true)
    end,
    open_all = function()
      M.fold_all(false)
    end,
    filter = M.prompt_filter,
    clear_filter = function()
      M.set_filter("")
    end,
    close = M.close,
  }
  for name, fn in pairs(actions) do
    for _, lhs in ipairs(config.key_list(keys[name])) do
      vim.keymap.set("n", lhs, fn, { buffer = o.buf, silent = true, nowait = true, desc = "gongwen outline: " .. name })
    end
  end
end

local function create(st, src_win)
  local o = { src = st.buf, src_win = src_win, collapsed = {} }
  o.buf = api.nvim_create_buf(false, true)
  pcall(api.nvim_buf_set_name, o.buf, "gongwen://outline/" .. st.buf)
  vim.bo[o.buf].bufhidden = "wipe"
  vim.bo[o.buf].swapfile = false
  vim.bo[o.buf].modifiable = false
  vim.bo[o.buf].filetype = "gongwenoutline"

  local side = config.options.outline.position == "left" and "leftabove" or "rightbelow"
  api.nvim_win_call(src_win, function()
    vim.cmd(string.format("%s vertical %dsplit", side, config.options.outline.width))
    o.win = api.nvim_get_current_win()
  end)
  api.nvim_win_set_buf(o.win, o.buf)
  local wo = vim.wo[o.win]
  wo.number = false
  wo.relativenumber = false
  wo.wrap = false
  wo.list = false
  wo.spell = false
  wo.winfixwidth = true
  wo.cursorline = true
  wo.signcolumn = "auto" -- findings per section
  wo.foldcolumn = "0"
  wo.foldenable = false
  map_keys(o)

  local retarget = api.nvim_create_augroup("gongwen_outline", { clear = true })
  api.nvim_create_autocmd("BufEnter", {
    group = retarget,
    callback = function(args)
      M.retarget(args.buf)
    end,
  })

  local group = api.nvim_create_augroup("gongwen_outline_" .. o.buf, { clear = true })
  api.nvim_create_autocmd("BufWipeout", {
    group = group,
    buffer = o.buf,
    callback = function()
      for tab, other in pairs(outlines) do
        if other == o then
          outlines[tab] = nil
        end
      end
      pcall(api.nvim_del_augroup_by_id, group)
    end,
  })
  return o
end

-- :Gongwen outline / gO: opens the outline of the current buffer (or moves
-- to it when open) and puts the cursor on the current section.
function M.open()
  local st = buffer.current(true)
  if not st then
    return
  end
  local src_win = api.nvim_get_current_win()
  local o = current()
  if o and o.win == src_win then
    return o -- already in the outline
  end
  if o then
    o.src, o.src_win = st.buf, src_win
  else
    o = create(st, src_win)
    outlines[api.nvim_get_current_tabpage()] = o
  end
  M.render(o)
  local line = line_for_cursor(o, st, src_win)
  api.nvim_set_current_win(o.win)
  if line then
    api.nvim_win_set_cursor(o.win, { line, 0 })
  end
  return o
end

function M.toggle()
  if current() then
    M.close()
  else
    M.open()
  end
end

-- The source buffer went away: close the outlines that show it.
function M.source_closed(buf)
  for tab, o in pairs(outlines) do
    if o.src == buf then
      outlines[tab] = nil
      if valid_win(o.win) and #api.nvim_tabpage_list_wins(tab) > 1 then
        pcall(api.nvim_win_close, o.win, true)
      end
    end
  end
end

-- Entering another attached buffer in the tab makes the outline show it.
function M.retarget(buf)
  local o = current()
  local st = buffer.get(buf)
  if not o or not st or o.src == buf or api.nvim_get_current_win() == o.win then
    return
  end
  if not st.doc then
    return
  end
  o.src, o.src_win = buf, api.nvim_get_current_win()
  o.collapsed, o.filter, o.rows = {}, nil, nil
  M.render(o)
end

return M
