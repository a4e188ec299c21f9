-- Problem ↔ remedy links shown as virtual text at the end of their lines.
local M = {}

local api = vim.api
local config = require("gongwen.config")
local i18n = require("gongwen.i18n")

M.namespace = api.nvim_create_namespace("gongwen_links")

-- `（一）法治学习与工作…`: the marker as written and the start of the title.
function M.label(entry, width)
  width = width or config.options.links.title_width
  local title = entry.title or ""
  if width <= 0 then
    title = ""
  elseif vim.fn.strchars(title) > width then
    title = vim.fn.strcharpart(title, 0, width) .. "…"
  end
  return (entry.marker or "") .. title
end

-- The link texts of every line, from the document's pairs:
-- { [row] = { "→ 措施 （一）…", … } }.
function M.texts(list)
  local rows = {}
  local function add(entry, text)
    local list = rows[entry.row]
    if not list then
      list = {}
      rows[entry.row] = list
    end
    list[#list + 1] = text
  end
  for _, pair in ipairs(list) do
    local problem, remedy, cause = pair.problem, pair.remedy, pair.cause
    if remedy then
      add(problem, "→ " .. i18n.t("link_remedy") .. " " .. M.label(remedy))
      add(remedy, "← " .. i18n.t("link_problem") .. " " .. M.label(problem))
    end
    if cause then
      add(problem, "→ " .. i18n.t("link_cause") .. " " .. M.label(cause))
      add(cause, "← " .. i18n.t("link_problem") .. " " .. M.label(problem))
    end
  end
  return rows
end

function M.update(st)
  local list = st:pairs()
  if not list or not api.nvim_buf_is_loaded(st.buf) then
    return
  end
  api.nvim_buf_clear_namespace(st.buf, M.namespace, 0, -1)
  local line_count = api.nvim_buf_line_count(st.buf)
  for row, texts in pairs(M.texts(list)) do
    if row < line_count then
      api.nvim_buf_set_extmark(st.buf, M.namespace, row, 0, {
        virt_text = { { "  " .. table.concat(texts, "  "), "GongwenLink" } },
        virt_text_pos = "eol",
        hl_mode = "combine",
      })
    end
  end
end

function M.clear(buf)
  if api.nvim_buf_is_valid(buf) then
    api.nvim_buf_clear_namespace(buf, M.namespace, 0, -1)
  end
end

return M
