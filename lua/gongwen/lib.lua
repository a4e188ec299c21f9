-- Loads libgongwen's Lua module (build/luajit/gongwen.so, the C binding).
--
-- The binding's module name is `gongwen`, the same as this plugin's own
-- lua/gongwen/init.lua, so it is loaded from its path with package.loadlib
-- and never through require().  When it is missing or broken every feature
-- that needs it says so once, with the reason, and the rest of the plugin
-- (highlighting, folding, filetype detection) keeps working.
local M = {}

local i18n = require("gongwen.i18n")

-- The plugin's root directory: three levels above this file.
function M.root()
  local source = debug.getinfo(1, "S").source
  local path = source:sub(1, 1) == "@" and source:sub(2) or source
  path = vim.fn.fnamemodify(path, ":p")
  return vim.fn.fnamemodify(path, ":h:h:h")
end

function M.default_path()
  return M.root() .. "/build/luajit/gongwen.so"
end

-- The functions the plugin calls; a module without them is not ours.
local REQUIRED = { "version", "parse", "rules", "read_config" }

local loaded -- { module = table|nil, path = string, error = string|nil }
local notified = false

local function try_load(path)
  if vim.fn.filereadable(path) ~= 1 then
    return nil, i18n.t("lib_missing", path, M.root())
  end
  -- A Lua 5.1 binding may register itself as package.loaded.gongwen and as
  -- a global; keep this plugin's module and the global namespace intact.
  local saved_module = package.loaded.gongwen
  local saved_global = rawget(_G, "gongwen")
  local open, err = package.loadlib(path, "luaopen_gongwen")
  local ok, module
  if open then
    ok, module = pcall(open, "gongwen")
  end
  package.loaded.gongwen = saved_module
  rawset(_G, "gongwen", saved_global)
  if not open then
    return nil, i18n.t("lib_failed", path, tostring(err))
  end
  if not ok then
    return nil, i18n.t("lib_failed", path, tostring(module))
  end
  if type(module) ~= "table" then
    return nil, i18n.t("lib_bad", path, "luaopen_gongwen() → table")
  end
  for _, name in ipairs(REQUIRED) do
    if type(module[name]) ~= "function" then
      return nil, i18n.t("lib_bad", path, name .. "()")
    end
  end
  return module
end

-- The module, or nil and why not.  Loads it on the first call, and again
-- when the `library` option names another file.
function M.load()
  local path = require("gongwen.config").options.library or M.default_path()
  if not loaded or loaded.path ~= path then
    local module, err = try_load(path)
    loaded = { module = module, path = path, error = err }
    notified = false
  end
  return loaded.module, loaded.error
end

-- The module for a feature that needs it.  When it cannot be had, says
-- why: every time when `explicit` (the user asked for this feature), else
-- once per session, so that automatic work never floods the messages.
function M.get(explicit)
  local module, err = M.load()
  if not module and (explicit or not notified) then
    notified = true
    vim.notify(err, vim.log.levels.WARN)
  end
  return module, err
end

-- Where the module was looked for and what happened, for :checkhealth.
function M.status()
  M.load()
  return vim.deepcopy({ path = loaded.path, error = loaded.error, loaded = loaded.module ~= nil })
end

-- Forgets a failure so that the next M.load() tries again (after `make`).
-- A module that loaded stays: a shared object cannot be unloaded safely.
function M.reset()
  if loaded and not loaded.module then
    loaded = nil
    notified = false
  end
end

return M
