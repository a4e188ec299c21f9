-- Problem ↔ remedy links shown as virtual text at the end of their lines.
local M = {}

local api = vim.api
local config = require("gongwen.config")
local i18n = require("gongwen.i18n")

M.namespace = api.nvim_create_namespace("gongwen_links")

-- Titles cut to a width: { [width] = { [title] = cut } }.  Each cut costs
-- two calls into Vimscript, and every refresh labels the same titles again.
-- Forgotten past a few thousand, so that editing for long keeps it small.
local cut_titles, cut_count = {}, 0

local function cut_title(title, width)
  local by_title = cut_titles[width]
  local cut = by_title and by_title[title]
  if cut then
    return cut
  end
  if cut_count >= 4096 then
    cut_titles, cut_count = {}, 0
  end
  cut = title
  if vim.fn.strchars(title) > width then
    cut = vim.fn.strcharpart(title, 0, width) .. "…"
  end
  by_title = cut_titles[width] or {}
  cut_titles[width] = by_title
  by_title[title] = cut
  cut_count = cut_count + 1
  return cut
end

-- `（一）法治学习与工作…`: the marker as written and the start of the title.
function M.label(entry, width)
  width = width or config.options.links.title_width
  local title = entry.title or ""
  if width <= 0 then
    title = ""
  else
    title = cut_title(title, width)
  end
  return (entry.marker or "") .. title
end

-- The link texts of every line, from the document's pairs
-- (State:pair_columns) and entries (State:entry_columns):
-- { [row] = { "→ 措施 （一）…", … } }.
function M.texts(columns, pairs_of)
  local rows = {}
  local function add(id, text)
    local row = columns.row[id]
    local list = rows[row]
    if not list then
      list = {}
      rows[row] = list
    end
    list[#list + 1] = text
  end
  local function label(id)
    return M.label({ marker = columns.marker[id], title = columns.title[id] })
  end
  local causes, remedies = pairs_of.cause, pairs_of.remedy
  for i, problem in ipairs(pairs_of.problem) do
    local remedy, cause = remedies[i], causes[i]
    if remedy then
      add(problem, "→ " .. i18n.t("link_remedy") .. " " .. label(remedy))
      add(remedy, "← " .. i18n.t("link_problem") .. " " .. label(problem))
    end
    if cause then
      add(problem, "→ " .. i18n.t("link_cause") .. " " .. label(cause))
      add(cause, "← " .. i18n.t("link_problem") .. " " .. label(problem))
    end
  end
  return rows
end

-- The text of each link mark set, by buffer and extmark id.
local shown = {}

-- Sets the link marks of the buffer.  The marks move with the text, so
-- after most edits they are where they should be already: only those whose
-- row or text changed are set again.
function M.update(st)
  local columns, pairs_of = st:entry_columns(), st:pair_columns()
  if not columns or not pairs_of or not api.nvim_buf_is_loaded(st.buf) then
    return
  end
  local line_count = api.nvim_buf_line_count(st.buf)
  local wanted = {}
  for row, texts in pairs(M.texts(columns, pairs_of)) do
    if row < line_count then
      wanted[row] = "  " .. table.concat(texts, "  ")
    end
  end
  local texts = shown[st.buf] or {}
  shown[st.buf] = texts
  local kept = {}
  for _, mark in ipairs(api.nvim_buf_get_extmarks(st.buf, M.namespace, 0, -1, {})) do
    local id, row = mark[1], mark[2]
    if wanted[row] ~= nil and texts[id] == wanted[row] and not kept[row] then
      kept[row] = true
    else
      api.nvim_buf_del_extmark(st.buf, M.namespace, id)
      texts[id] = nil
    end
  end
  for row, text in pairs(wanted) do
    if not kept[row] then
      local id = api.nvim_buf_set_extmark(st.buf, M.namespace, row, 0, {
        virt_text = { { text, "GongwenLink" } },
        virt_text_pos = "eol",
        hl_mode = "combine",
      })
      texts[id] = text
    end
  end
end

function M.clear(buf)
  shown[buf] = nil
  if api.nvim_buf_is_valid(buf) then
    api.nvim_buf_clear_namespace(buf, M.namespace, 0, -1)
  end
end

return M
