-- Findings of libgongwen's checks as vim.diagnostic entries (the rule name
-- is the code), the location list, and fixes.
local M = {}

local api = vim.api
local buffer = require("gongwen.buffer")
local config = require("gongwen.config")
local i18n = require("gongwen.i18n")

M.namespace = api.nvim_create_namespace("gongwen")

local QF_TYPE = { "E", "W", "I", "N" }

local function to_diagnostic(buf, d)
  return {
    bufnr = buf,
    lnum = d.row,
    col = d.col,
    end_lnum = d.end_row,
    end_col = d.end_col,
    severity = d.severity,
    message = d.message,
    code = d.rule,
    source = "gongwen",
    user_data = { rule = d.rule, fixable = d.edits ~= nil and #d.edits > 0 },
  }
end

-- One diagnostic per rule for the findings left out (doc:lint's
-- `omitted`): where the first of them is, with their count and worst
-- severity.
local function summaries(buf, omitted)
  local list = {}
  for i, s in ipairs(omitted) do
    local summary = to_diagnostic(buf, s)
    summary.message = i18n.t("diagnostics_more", s.count, s.rule)
    summary.user_data.omitted = s.count
    list[i] = summary
  end
  return list
end

-- Sets the buffer's diagnostics from the document's findings: all of them,
-- or (beyond the `diagnostics.max` option) those nearest the cursor and one
-- summary per rule for the rest.  Neovim's vim.diagnostic costs, at every
-- change of the buffer, time in proportion to the diagnostics published.
function M.update(st)
  local near = st:lint_near(st:anchor_row())
  if not near then
    return
  end
  local findings, info = near.list, near.info
  local list = {}
  for i, d in ipairs(findings) do
    list[i] = to_diagnostic(st.buf, d)
  end
  if #findings < info.count then
    vim.list_extend(list, summaries(st.buf, info.omitted))
    st.published = {
      version = st.version,
      -- The cursor may move this far before the choice is made again.
      first_row = info.before > 0 and findings[1].row or -math.huge,
      last_row = info.before + #findings < info.count and findings[#findings].row or math.huge,
    }
  else
    st.published = nil
  end
  vim.diagnostic.set(M.namespace, st.buf, list)
end

-- After the cursor rested: when only some findings are published and the
-- cursor left the rows they cover, publish those nearest to it instead.
function M.follow(st)
  local p = st.published
  if not p or st.closed or not config.options.diagnostics.enabled or st:stale() or p.version ~= st.version then
    return
  end
  local row = st:anchor_row()
  if row < p.first_row or row > p.last_row then
    M.update(st)
  end
end

function M.clear(buf)
  if api.nvim_buf_is_valid(buf) then
    vim.diagnostic.reset(M.namespace, buf)
  end
end

-- Location-list items of the findings, as the command line prints them:
-- the message followed by the rule in brackets.
function M.loclist_items(buf, findings)
  local items = {}
  for i, d in ipairs(findings) do
    items[i] = {
      bufnr = buf,
      lnum = d.row + 1,
      col = d.col + 1,
      end_lnum = d.end_row + 1,
      end_col = d.end_col + 1,
      text = string.format("%s [%s]", d.message, d.rule),
      type = QF_TYPE[d.severity] or "E",
    }
  end
  return items
end

-- :Gongwen lint — checks now and fills the window's location list.
function M.lint()
  local st = buffer.current(true)
  if not st then
    return
  end
  st:refresh()
  local findings = st:lint() or {}
  local items = M.loclist_items(st.buf, findings)
  vim.fn.setloclist(0, {}, " ", { title = i18n.t("lint_title"), items = items })
  if #items == 0 then
    vim.notify(i18n.t("lint_clean"), vim.log.levels.INFO)
    vim.cmd("lclose")
  else
    vim.notify(i18n.t("lint_count", #items), vim.log.levels.INFO)
    vim.cmd("lopen")
  end
  return findings
end

-- Fixes ------------------------------------------------------------------------

-- An edit of the document's text as nvim_buf_set_text arguments.  The
-- document ends every line with "\n", the buffer has no line after its last
-- one: an edit that reaches the end of the text is moved onto the last line.
local function buffer_edit(buf, edit)
  local text = edit.text:gsub("\r\n", "\n")
  local sr, sc, er, ec = edit.start_row, edit.start_col, edit.end_row, edit.end_col
  local line_count = api.nvim_buf_line_count(buf)
  local function line_length(row)
    return #(api.nvim_buf_get_lines(buf, row, row + 1, false)[1] or "")
  end
  if sr >= line_count then
    -- Text added after the last line break.
    text = text:gsub("\n$", "")
    local last = line_count - 1
    return last, line_length(last), last, line_length(last), "\n" .. text
  end
  if er >= line_count then
    local last = line_count - 1
    er, ec = last, line_length(last)
    if text:sub(-1) == "\n" then
      text = text:sub(1, -2)
    elseif sc == 0 and sr > 0 then
      -- The lines from sr on go, with the line break before them.
      sr, sc = sr - 1, line_length(sr - 1)
      text = text == "" and "" or ("\n" .. text)
    end
  end
  return sr, sc, er, ec, text
end

-- Applies `edits` (sorted, not overlapping, positions of the current text)
-- to `buf` as one undo step.
function M.apply(buf, edits)
  for i = #edits, 1, -1 do
    local sr, sc, er, ec, text = buffer_edit(buf, edits[i])
    api.nvim_buf_set_text(buf, sr, sc, er, ec, vim.split(text, "\n", { plain = true }))
  end
end

-- :[range]Gongwen fix [RULE] — every fix (of RULE, a name or a group such as
-- numbering/*) whose edits lie within the lines of the range.
function M.fix(rule, line1, line2)
  local st = buffer.current(true)
  if not st then
    return
  end
  local ok, edits, err = pcall(st.doc.fixes, st.doc, { rule = rule, rules = st.rules })
  if not ok or not edits then
    vim.notify(i18n.t("internal", "fix", tostring(ok and err or edits)), vim.log.levels.ERROR)
    return
  end
  if line1 then
    local kept = {}
    for _, e in ipairs(edits) do
      local last = e.end_col == 0 and e.end_row > e.start_row and e.end_row - 1 or e.end_row
      if e.start_row >= line1 - 1 and last <= line2 - 1 then
        kept[#kept + 1] = e
      end
    end
    edits = kept
  end
  if #edits == 0 then
    vim.notify(i18n.t("nothing_to_fix"), vim.log.levels.INFO)
    return 0
  end
  M.apply(st.buf, edits)
  st:refresh()
  vim.notify(i18n.t("fixed", #edits), vim.log.levels.INFO)
  return #edits
end

-- The finding under the cursor that has a fix: one whose range holds the
-- cursor, else the first fixable one on the cursor's line.
function M.at_cursor(st)
  local pos = api.nvim_win_get_cursor(0)
  local row, col = pos[1] - 1, pos[2]
  local on_line
  for _, d in ipairs(st:lint() or {}) do
    if d.edits and #d.edits > 0 and d.row <= row and row <= d.end_row then
      local after_start = d.row < row or d.col <= col
      local before_end = row < d.end_row or col < d.end_col
      if after_start and before_end then
        return d
      end
      on_line = on_line or d
    end
  end
  return on_line
end

-- Fixes the finding under the cursor.
function M.fix_cursor()
  local st = buffer.current(true)
  if not st then
    return
  end
  local finding = M.at_cursor(st)
  if not finding then
    vim.notify(i18n.t("no_fix_here"), vim.log.levels.INFO)
    return 0
  end
  M.apply(st.buf, finding.edits)
  st:refresh()
  vim.notify(i18n.t("fixed", #finding.edits), vim.log.levels.INFO)
  return #finding.edits
end

return M
