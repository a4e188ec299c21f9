-- gongwen: Chinese official reports in Neovim.  See :help gongwen.
--
-- This is the plugin's Lua interface.  libgongwen's own Lua module (the C
-- binding, also named gongwen) is loaded by lua/gongwen/lib.lua.
local M = {}

local api = vim.api

-- Sets the options (see :help gongwen-options); every one has a default, so
-- calling setup() is optional.  Invalid options are reported and the
-- options in force stay as they were.  Returns true or false.
function M.setup(opts)
  local config = require("gongwen.config")
  local ok, err = config.set(opts)
  if not ok then
    vim.notify(require("gongwen.i18n").t("bad_setup", err), vim.log.levels.ERROR)
    return false
  end
  require("gongwen.lib").reset()
  -- Buffers attached before setup() get the keys, rules and language of the
  -- new options.
  local keys = require("gongwen.keys")
  for _, buf in ipairs(require("gongwen.buffer").attached()) do
    keys.map(buf)
  end
  require("gongwen.buffer").reload_rules()
  return true
end

-- The options in force (a copy).
function M.options()
  return vim.deepcopy(require("gongwen.config").options)
end

function M.attach(buf)
  return require("gongwen.buffer").attach(buf or 0, { explicit = true }) ~= nil
end

function M.detach(buf)
  require("gongwen.buffer").detach(buf or 0)
end

function M.outline()
  require("gongwen.outline").open()
end

function M.pair()
  require("gongwen.nav").pair()
end

function M.lint()
  return require("gongwen.diagnostics").lint()
end

function M.fix(rule)
  return require("gongwen.diagnostics").fix(rule)
end

function M.headings()
  require("gongwen.picker").headings()
end

local breadcrumb_cache = {} -- buf -> { version, row, col, text }

-- The headings that hold the cursor, outermost first, joined for a
-- statusline: `三、下一步工作打算 › （一）推动法治学习…`.  "" in a buffer that is
-- not attached, before the first heading, or without the library.
-- opts: { buf, win, separator, title_width }.
function M.breadcrumb(opts)
  opts = opts or {}
  local ok, text = pcall(function()
    local config = require("gongwen.config").options.breadcrumb
    local win = opts.win or api.nvim_get_current_win()
    local buf = opts.buf or api.nvim_win_get_buf(win)
    local st = require("gongwen.buffer").get(buf)
    if not st or not st.doc or not st:sync() then
      return ""
    end
    local pos = api.nvim_win_get_cursor(win)
    local row, col = pos[1] - 1, pos[2]
    local separator = opts.separator or config.separator
    local width = opts.title_width or config.title_width
    local cached = breadcrumb_cache[buf]
    if
      cached
      and cached.version == st.version
      and cached.row == row
      and cached.col == col
      and cached.separator == separator
      and cached.width == width
    then
      return cached.text
    end
    local parts = {}
    local label = require("gongwen.links").label
    for _, e in ipairs(st.doc:breadcrumb(row, col) or {}) do
      parts[#parts + 1] = label(e, width)
    end
    local result = table.concat(parts, separator)
    breadcrumb_cache[buf] = {
      version = st.version,
      row = row,
      col = col,
      separator = separator,
      width = width,
      text = result,
    }
    return result
  end)
  return ok and text or ""
end

return M
