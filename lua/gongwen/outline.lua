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

-- Worst severity and count of the findings in each section's own text,
-- by heading id (counted in C with the findings published).
local function finding_marks(st)
  if not config.options.diagnostics.enabled then
    return {}
  end
  local near = st:lint_near(st:anchor_row())
  return near and near.info.sections or {}
end

-- Link marks by id: the arrow (→ remedy for problems, ← problem for
-- remedies and causes, ✗ for a problem with no remedy) and the marker it
-- points at.
local function link_marks(st, columns)
  local arrows, targets = {}, {}
  local pairs_of = st:pair_columns()
  if not pairs_of then
    return arrows, targets
  end
  local markers = columns.marker
  local causes, remedies = pairs_of.cause, pairs_of.remedy
  for i, problem in ipairs(pairs_of.problem) do
    local remedy, cause = remedies[i], causes[i]
    if remedy then
      arrows[problem], targets[problem] = "→", markers[remedy]
      arrows[remedy], targets[remedy] = "←", markers[problem]
    else
      arrows[problem], targets[problem] = "✗", ""
    end
    if cause then
      arrows[cause], targets[cause] = "←", markers[problem]
    end
  end
  return arrows, targets
end

-- The entry columns of the document's current version (State:entry_columns)
-- and whether what the outline shows of them (kind, parent, marker, title)
-- differs from those it showed last.
local function entry_columns(st, o)
  local columns = st:entry_columns()
  if not columns or columns == o.columns then
    return columns, false
  end
  local old = o.columns_buf == st.buf and o.columns or nil
  local changed = old == nil or #old.kind ~= #columns.kind
  if not changed then
    for _, name in ipairs({ "kind", "parent", "marker", "title" }) do
      local a, b = old[name], columns[name]
      for id = 1, #a do
        if a[id] ~= b[id] then
          changed = true
          break
        end
      end
      if changed then
        break
      end
    end
  end
  o.columns, o.columns_buf = columns, st.buf
  return columns, changed
end

-- The lines of the outline: { id, depth, text, marker, marker_col } for
-- every entry shown, honouring folds and the filter.
function M.rows(columns, o)
  local kinds, parents, markers, titles = columns.kind, columns.parent, columns.marker, columns.title
  local items = config.options.outline.items
  local function shown(id)
    return items or kinds[id] == "heading"
  end
  local collapsed = o and o.collapsed or {}
  local filter = o and o.filter
  local keep -- ids that match the filter, with their ancestors
  if filter and filter ~= "" then
    keep = {}
    local needle = filter:lower()
    for id = 1, #kinds do
      if shown(id) and (markers[id] .. titles[id]):lower():find(needle, 1, true) then
        local up = id
        while up and not keep[up] do
          keep[up] = true
          up = parents[up] or nil
        end
      end
    end
  end

  local rows = {}
  local depth_of = {}
  local hidden_below = {} -- ids whose descendants are folded away
  for id = 1, #kinds do
    local parent = parents[id] or nil
    local depth = parent and depth_of[parent] and (depth_of[parent] + 1) or 0
    local hidden = parent ~= nil and hidden_below[parent]
    if shown(id) then
      depth_of[id] = depth
      if hidden then
        hidden_below[id] = true
      elseif keep and not keep[id] then
        hidden_below[id] = true
      else
        rows[#rows + 1] = { id = id, depth = depth }
        if collapsed[id] then
          hidden_below[id] = true
        end
      end
    end
  end
  -- Which shown entries have shown children (for the fold sign).
  local has_children = {}
  for id = 1, #kinds do
    if shown(id) and parents[id] then
      has_children[parents[id]] = true
    end
  end
  for _, row in ipairs(rows) do
    local sign = " "
    if has_children[row.id] then
      sign = collapsed[row.id] and "▸" or "▾"
    end
    local prefix = string.rep("  ", row.depth) .. sign .. " "
    row.marker = markers[row.id]
    row.marker_col = #prefix
    row.text = prefix .. row.marker .. titles[row.id]
  end
  return rows
end

-- The marks of the outline's lines, a list per kind (walked at every
-- refresh: lists of numbers and strings cost less to walk than a table per
-- line): `key` the sign's count (up to ten, the sign shows + from ten) * 8
-- + its severity, 0 for none; `arrow` and `target` the link's, false for
-- none; `length` the marker's; `ids` the extmarks.
local MARK_LISTS = { "key", "arrow", "target", "length", "ids" }

local function no_marks()
  return { key = {}, arrow = {}, target = {}, length = {}, ids = {} }
end

local function sign_key(finding)
  return finding and math.min(finding.count, 10) * 8 + finding.severity or 0
end

-- Writes lines first..#old - keep_end of the outline buffer again (keeping
-- the `keep_end` last lines, which move with their marks), with those of
-- `lines` between; forgets the marks of the lines replaced.
local function replace_lines(o, lines, first, keep_end)
  local old = o.lines or {}
  local old_last = #old - keep_end
  for i = first, old_last do
    for _, id in ipairs(o.marks.ids[i] or {}) do
      api.nvim_buf_del_extmark(o.buf, M.namespace, id)
    end
  end
  local middle, marks = {}, no_marks()
  for i = first, #lines - keep_end do
    middle[#middle + 1] = lines[i]
  end
  for _, name in ipairs(MARK_LISTS) do
    local from, to = o.marks[name], marks[name]
    for i = 1, first - 1 do
      to[i] = from[i]
    end
    for i = 1, keep_end do
      to[#lines - keep_end + i] = from[old_last + i]
    end
  end
  vim.bo[o.buf].modifiable = true
  -- An outline of no lines is a buffer of one empty line, which goes.
  api.nvim_buf_set_lines(o.buf, first - 1, #old == 0 and -1 or old_last, false, middle)
  vim.bo[o.buf].modifiable = false
  vim.bo[o.buf].modified = false
  o.marks = marks
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

-- Writes the outline of its source into the outline buffer: after an edit,
-- only the lines that differ from those shown, and only the marks that
-- changed.
function M.render(o)
  local st = buffer.get(o.src)
  if not st or not st:sync() then
    return
  end
  local keep_id = o.ids and valid_win(o.win) and o.ids[api.nvim_win_get_cursor(o.win)[1]]
  local columns, changed = entry_columns(st, o)
  if not columns then
    return
  end
  o.marks = o.marks or no_marks()
  -- The rows depend on the entries, and on folds and filter (which set
  -- o.rows to nil when they change) and the items option.
  local items = config.options.outline.items
  local rebuilt = changed or not o.rows or o.rows_items ~= items
  if rebuilt then
    local rows = M.rows(columns, o)
    local lines, ids, line_of = {}, {}, {}
    for i, row in ipairs(rows) do
      lines[i] = row.text
      ids[i] = row.id
      line_of[row.id] = i
    end
    -- Most edits change a few lines of the outline, or none: the lines
    -- before the first that differs and after the last stay.
    local old = o.lines or {}
    local first = 1
    while first <= #old and first <= #lines and old[first] == lines[first] do
      first = first + 1
    end
    local keep_end = 0
    while keep_end < #old - first + 1 and keep_end < #lines - first + 1
      and old[#old - keep_end] == lines[#lines - keep_end] do
      keep_end = keep_end + 1
    end
    if first <= #old or first <= #lines then
      replace_lines(o, lines, first, keep_end)
    end
    o.rows, o.lines, o.ids, o.line_of, o.rows_items = rows, lines, ids, line_of, items
  end
  local rows, lines = o.rows, o.lines

  local findings = finding_marks(st)
  local arrows, targets = link_marks(st, columns)
  -- First the lines whose marks differ, in a loop of plain Lua over every
  -- line (the rows themselves only when they were made again), then their
  -- marks set.
  local marks, ids, differing = o.marks, o.ids, {}
  local keys, mark_arrows, mark_targets, lengths = marks.key, marks.arrow, marks.target, marks.length
  for i = 1, #ids do
    local id = ids[i]
    if keys[i] ~= sign_key(findings[id]) or mark_arrows[i] ~= (arrows[id] or false)
      or mark_targets[i] ~= (targets[id] or false) or (rebuilt and lengths[i] ~= #rows[i].marker) then
      differing[#differing + 1] = i
    end
  end
  for _, i in ipairs(differing) do
    local row, id = rows[i], ids[i]
    for _, extmark in ipairs(marks.ids[i] or {}) do
      api.nvim_buf_del_extmark(o.buf, M.namespace, extmark)
    end
    local f, arrow, target = findings[id], arrows[id] or false, targets[id] or false
    local set = {}
    if f then
      set[#set + 1] = api.nvim_buf_set_extmark(o.buf, M.namespace, i - 1, 0, {
        sign_text = M.finding_sign(f),
        sign_hl_group = SEVERITY_HL[f.severity] or SEVERITY_HL[1],
      })
    end
    if arrow then
      set[#set + 1] = api.nvim_buf_set_extmark(o.buf, M.namespace, i - 1, 0, {
        virt_text = { { " " .. arrow .. target, "GongwenLink" } },
        virt_text_pos = "eol",
      })
    end
    set[#set + 1] = api.nvim_buf_set_extmark(o.buf, M.namespace, i - 1, row.marker_col, {
      end_col = row.marker_col + #row.marker,
      hl_group = "GongwenOutlineMarker",
    })
    keys[i] = sign_key(f)
    mark_arrows[i], mark_targets[i], lengths[i], marks.ids[i] = arrow, target, #row.marker, set
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
  local id = section and section.id
  local parents = o.columns and o.columns.parent or {}
  while id do
    local line = o.line_of and o.line_of[id]
    if line then
      return line
    end
    id = parents[id] or nil
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
  if closed and o.columns then
    for _, parent in ipairs(o.columns.parent) do
      if parent then
        o.collapsed[parent] = true
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
