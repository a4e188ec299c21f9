-- Picking a heading: telescope or fzf-lua when installed, vim.ui.select
-- otherwise (or as the `picker` option says).
local M = {}

local api = vim.api
local buffer = require("gongwen.buffer")
local config = require("gongwen.config")
local i18n = require("gongwen.i18n")

-- One item per heading: its entry and the text shown, indented by depth.
function M.items(st)
  local entries = st:entries()
  local items = {}
  local depth_of = {}
  for _, e in ipairs(entries and entries.list or {}) do
    if e.kind == "heading" then
      local depth = e.parent and depth_of[e.parent] and depth_of[e.parent] + 1 or 0
      depth_of[e.id] = depth
      items[#items + 1] = {
        entry = e,
        text = string.rep("  ", depth) .. (e.marker or "") .. (e.title or ""),
        lnum = e.row + 1,
      }
    end
  end
  return items
end

local function jump(win, item)
  if not item then
    return
  end
  if api.nvim_win_is_valid(win) then
    api.nvim_set_current_win(win)
  end
  require("gongwen.nav").jump(item.entry.row, item.entry.col)
end

local function with_select(items, win)
  vim.ui.select(items, {
    prompt = i18n.t("headings_prompt"),
    format_item = function(item)
      return item.text
    end,
    kind = "gongwen_heading",
  }, function(item)
    jump(win, item)
  end)
end

local function with_telescope(items, win, buf)
  local pickers = require("telescope.pickers")
  local finders = require("telescope.finders")
  local conf = require("telescope.config").values
  local actions = require("telescope.actions")
  local state = require("telescope.actions.state")
  local name = api.nvim_buf_get_name(buf)
  pickers
    .new({}, {
      prompt_title = i18n.t("headings_prompt"),
      finder = finders.new_table({
        results = items,
        entry_maker = function(item)
          return {
            value = item,
            display = item.text,
            ordinal = item.text,
            bufnr = buf,
            filename = name ~= "" and name or nil,
            lnum = item.lnum,
            col = item.entry.col + 1,
          }
        end,
      }),
      sorter = conf.generic_sorter({}),
      previewer = name ~= "" and conf.grep_previewer({}) or nil,
      attach_mappings = function(prompt_buf)
        actions.select_default:replace(function()
          local selection = state.get_selected_entry()
          actions.close(prompt_buf)
          jump(win, selection and selection.value)
        end)
        return true
      end,
    })
    :find()
end

local function with_fzf(items, win)
  local fzf = require("fzf-lua")
  local lines = {}
  for i, item in ipairs(items) do
    lines[i] = string.format("%d\t%s", i, item.text)
  end
  fzf.fzf_exec(lines, {
    prompt = i18n.t("headings_prompt") .. "> ",
    fzf_opts = { ["--delimiter"] = "\t", ["--with-nth"] = "2.." },
    actions = {
      ["default"] = function(selected)
        local index = selected and selected[1] and tonumber(selected[1]:match("^(%d+)\t"))
        jump(win, index and items[index])
      end,
    },
  })
end

-- Which picker the `picker` option stands for, among those installed.
function M.backend()
  local choice = config.options.picker
  if choice == "auto" then
    if pcall(require, "telescope.pickers") then
      return "telescope"
    elseif pcall(require, "fzf-lua") then
      return "fzf-lua"
    end
    return "select"
  end
  return choice
end

-- :Gongwen headings
function M.headings()
  local st = buffer.current(true)
  if not st then
    return
  end
  local items = M.items(st)
  local win = api.nvim_get_current_win()
  local backend = M.backend()
  if backend == "telescope" then
    with_telescope(items, win, st.buf)
  elseif backend == "fzf-lua" then
    with_fzf(items, win)
  else
    with_select(items, win)
  end
end

return M
