-- :checkhealth gongwen
local M = {}

-- vim.health.start … (0.10), vim.health.report_start … (0.9), or the
-- health module (0.7, 0.8).
local function reporter()
  local h = vim.health
  if h and h.start then
    return { start = h.start, ok = h.ok, warn = h.warn, error = h.error, info = h.info }
  end
  if not (h and h.report_start) then
    h = require("health")
  end
  return {
    start = h.report_start,
    ok = h.report_ok,
    warn = h.report_warn,
    error = h.report_error,
    info = h.report_info,
  }
end

M.PLUGIN_VERSION = "0.1.0"

function M.check()
  local report = reporter()
  local lib = require("gongwen.lib")
  local config = require("gongwen.config")
  local treesitter = require("gongwen.treesitter")

  report.start("gongwen: Neovim")
  local v = vim.version()
  local version = string.format("%d.%d.%d", v.major, v.minor, v.patch)
  if vim.fn.has("nvim-0.7") == 1 then
    report.ok("Neovim " .. version)
  else
    report.error("Neovim " .. version .. ": gongwen needs 0.7 or later")
  end
  report.info("plugin " .. M.PLUGIN_VERSION .. " in " .. lib.root())

  report.start("gongwen: tree-sitter parser")
  local path = treesitter.parser_path()
  local ok, err = treesitter.register()
  if ok then
    local abi, min_abi, max_abi = treesitter.abi()
    report.ok("parser " .. path .. " loaded")
    if abi then
      local range = string.format("ABI %d (this Neovim reads %s–%s)", abi, tostring(min_abi), tostring(max_abi))
      if min_abi and max_abi and (abi < min_abi or abi > max_abi) then
        report.error(range)
      else
        report.ok(range)
      end
    end
    for _, name in ipairs({ "highlights", "folds", "textobjects" }) do
      local query, qerr = treesitter.get_query(name)
      if query then
        report.ok("query " .. name .. ".scm")
      else
        report.error("query " .. name .. ".scm: " .. tostring(qerr or "not found on 'runtimepath'"))
      end
    end
  else
    report.error(tostring(err), { "run `make` in " .. lib.root() })
  end

  report.start("gongwen: library (libgongwen Lua module)")
  local status = lib.status()
  if status.loaded then
    local module = lib.load()
    report.ok("loaded " .. status.path)
    local lib_version = module.version()
    if lib_version == M.PLUGIN_VERSION then
      report.ok("library version " .. lib_version)
    else
      report.warn(
        "library version " .. tostring(lib_version) .. ", plugin version " .. M.PLUGIN_VERSION,
        { "rebuild with `make` so that the two match" }
      )
    end
    local rules_ok, rules = pcall(module.rules)
    if rules_ok then
      report.ok(#rules .. " rules")
    else
      report.error("rules(): " .. tostring(rules))
    end
    -- ICU converts legacy encodings: 中文 in GB18030 must come back as UTF-8.
    if type(module.to_utf8) == "function" then
      local conv_ok, text, detected = pcall(module.to_utf8, "\214\208\206\196", "GB18030")
      if conv_ok and text == "中文" then
        report.ok("ICU conversion works (GB18030 → UTF-8" .. (detected and ", " .. tostring(detected) or "") .. ")")
      else
        report.error("ICU conversion failed: " .. tostring(conv_ok and detected or text))
      end
    end
    if module.icu_version then
      report.info("ICU " .. tostring(type(module.icu_version) == "function" and module.icu_version() or module.icu_version))
    end
  else
    report.error(tostring(status.error), {
      "run `make` in " .. lib.root() .. " (needs libtree-sitter, ICU and LuaJIT headers)",
      "or set the `library` option to the path of gongwen.so built for LuaJIT",
    })
  end

  report.start("gongwen: configuration")
  local problem = config.check_current()
  if problem then
    report.error("options: " .. problem)
  else
    report.ok("options are valid")
  end
  local module = lib.load()
  local buffer = require("gongwen.buffer")
  -- The .gongwenrc of a file: checked with the library's own reader.
  local function check_rc(rc)
    if not module then
      report.warn(rc .. " found, but it cannot be checked without the library")
      return
    end
    local read_ok, lines = pcall(vim.fn.readfile, rc, "b")
    local parsed, perr
    if read_ok then
      parsed, perr = module.read_config(table.concat(lines, "\n"))
    else
      perr = lines
    end
    if parsed then
      report.ok(rc .. ": " .. vim.tbl_count(parsed) .. " rule setting(s)")
    else
      report.error(rc .. ": " .. tostring(perr))
    end
  end
  if not config.options.diagnostics.config_file then
    report.info(".gongwenrc files are not read (diagnostics.config_file = false)")
  else
    -- Where the reports are: the attached buffers' directories, else the
    -- current directory (:checkhealth runs in a buffer of its own).
    local dirs, seen = {}, {}
    for _, buf in ipairs(buffer.attached()) do
      local name = vim.api.nvim_buf_get_name(buf)
      local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or nil
      if dir and not seen[dir] then
        seen[dir] = true
        dirs[#dirs + 1] = dir
      end
    end
    if #dirs == 0 then
      dirs[1] = vim.fn.getcwd()
    end
    table.sort(dirs)
    local checked = {}
    for _, dir in ipairs(dirs) do
      local rc = buffer.find_config(dir)
      if not rc then
        report.info("no .gongwenrc in " .. dir .. " or above")
      elseif not checked[rc] then
        checked[rc] = true
        check_rc(rc)
      end
    end
  end
  local attached = #buffer.attached()
  report.info(attached .. " buffer(s) attached; filetypes " .. table.concat(config.options.filetypes, ", "))
end

return M
