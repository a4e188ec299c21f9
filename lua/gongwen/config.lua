-- Options of the gongwen plugin: the defaults, their validation, and the
-- options in force.  require("gongwen").setup(opts) merges `opts` over the
-- defaults; nothing needs setup() to work.
local M = {}

-- Every option with its default.  doc/gongwen.txt (|gongwen-options|) says
-- the same at more length; keep the two in step.
M.defaults = {
  -- Path of the compiled Lua module, build/luajit/gongwen.so.  nil: the one
  -- built in the plugin's own build/ directory by `make`.
  library = nil,
  -- Path of the tree-sitter parser.  nil: build/gongwen.so in the plugin.
  parser = nil,
  -- Language of messages and diagnostics: "zh" or "en".  nil: Chinese when
  -- v:lang (or $LANG) starts with "zh", English otherwise.
  lang = nil,
  -- Attach to buffers of these filetypes when they are opened.  Any other
  -- buffer (markdown …) can be attached with :Gongwen attach.
  filetypes = { "gongwen" },
  -- Give *.txt files that look like a report (a title line, then a `一、`
  -- heading within the first lines) the filetype gongwen.
  detect_txt = true,
  -- Milliseconds without edits before the outline, the diagnostics and the
  -- links are brought up to date.  Typing never waits for this work.
  debounce_ms = 200,
  -- Tree-sitter highlighting of gongwen buffers.
  highlight = true,
  -- Folding by section (foldmethod=expr) in gongwen buffers.
  fold = true,
  -- Folds start open: the window's foldlevel is set this high.
  foldlevel = 99,

  diagnostics = {
    -- Report consistency findings through vim.diagnostic.
    enabled = true,
    -- Severity per rule or group: { ["numbering/level-skip"] = "off",
    -- ["text/*"] = "hint" }.  One of "off", "error", "warning", "info",
    -- "hint".  A .gongwenrc found above the file is applied after these.
    rules = {},
    -- Look for a .gongwenrc file in the file's directory and above.
    config_file = true,
    -- Diagnostics published at most: beyond it, those nearest the cursor
    -- and one per rule saying how many more (:Gongwen lint lists them all).
    -- Neovim's work at every keystroke grows with the number published.
    -- false: no limit.
    max = 100,
  },

  -- Problem ↔ remedy links.
  links = {
    -- Show at the end of a problem's line where its remedy is, and at the
    -- end of a remedy's line which problem it answers.
    virtual_text = true,
    -- Characters of a linked title shown in the virtual text.
    title_width = 12,
  },

  outline = {
    -- "right" or "left" of the report's window.
    position = "right",
    width = 40,
    -- Close the outline after <CR> has jumped to a heading.
    close_on_jump = false,
    -- Show enumeration items (一是……) too, under their headings.
    items = false,
    -- Move the outline's cursor to the section the report's cursor is in.
    follow_cursor = true,
    -- Keys in the outline window.  A key may be a string, a list of strings,
    -- or false for none.
    keys = {
      jump = "<CR>", -- jump to the heading (focus goes to the report)
      peek = "p", -- jump to the heading, stay in the outline
      toggle_fold = { "o", "za" }, -- fold or unfold the subtree
      close_all = "zM", -- fold every subtree
      open_all = "zR", -- unfold every subtree
      filter = "f", -- show only headings that contain a text
      clear_filter = "F",
      close = "q",
    },
  },

  -- Keys in report buffers.  Each may be a string, a list of strings, or
  -- false for none; `keys = false` maps nothing.
  keys = {
    outline = "gO", -- open the outline
    next_heading = "]]", -- next heading (count: that many)
    prev_heading = "[[", -- previous heading, or the start of this section
    next_sibling = "][", -- next heading of the same level
    prev_sibling = "[]", -- previous heading of the same level
    parent = "[u", -- the heading of the enclosing section
    pair = "g%", -- problem → remedy → cause → problem
    fix_cursor = "<LocalLeader>f", -- fix the finding under the cursor
    headings = "<LocalLeader>h", -- pick a heading
    section_outer = "as", -- text object: a section with its heading
    section_inner = "is", -- text object: a section without its heading
    heading_outer = "ah", -- text object: the heading line
    heading_inner = "ih", -- text object: the heading's title
  },

  breadcrumb = {
    separator = " › ",
    -- Characters of each title in the breadcrumb; 0 shows markers only.
    title_width = 10,
  },

  -- Heading picker: "auto" (telescope, then fzf-lua, then vim.ui.select),
  -- "telescope", "fzf-lua" or "select".
  picker = "auto",
}

-- vim.islist since 0.10; vim.tbl_islist before (deprecated after).
local islist = vim.islist or vim.tbl_islist

local SEVERITIES = { off = true, error = true, warning = true, info = true, hint = true }

local function is_key(value)
  if value == false or type(value) == "string" then
    return true
  end
  if type(value) ~= "table" then
    return false
  end
  for _, k in ipairs(value) do
    if type(k) ~= "string" or k == "" then
      return false
    end
  end
  return #value == vim.tbl_count(value)
end

-- How each option is checked: a type name, or a function returning true or
-- false plus what was expected.
local checks = {
  library = { "string", "nil" },
  parser = { "string", "nil" },
  lang = function(v)
    return v == nil or v == "zh" or v == "en", '"zh", "en" or nil'
  end,
  filetypes = function(v)
    if type(v) ~= "table" then
      return false, "a list of filetype names"
    end
    for _, ft in ipairs(v) do
      if type(ft) ~= "string" then
        return false, "a list of filetype names"
      end
    end
    return #v == vim.tbl_count(v), "a list of filetype names"
  end,
  detect_txt = "boolean",
  debounce_ms = function(v)
    return type(v) == "number" and v >= 0 and v == math.floor(v), "a whole number of milliseconds, 0 or more"
  end,
  highlight = "boolean",
  fold = "boolean",
  foldlevel = function(v)
    return type(v) == "number" and v >= 0 and v == math.floor(v), "a whole number, 0 or more"
  end,
  ["diagnostics.enabled"] = "boolean",
  ["diagnostics.rules"] = function(v)
    if type(v) ~= "table" then
      return false, "a table of rule = severity"
    end
    for rule, severity in pairs(v) do
      if type(rule) ~= "string" or not SEVERITIES[severity] then
        return false, 'a table of rule = "off"|"error"|"warning"|"info"|"hint"'
      end
    end
    return true
  end,
  ["diagnostics.config_file"] = "boolean",
  ["diagnostics.max"] = function(v)
    return v == false or (type(v) == "number" and v >= 1 and v == math.floor(v)), "a whole number, 1 or more, or false"
  end,
  ["links.virtual_text"] = "boolean",
  ["links.title_width"] = function(v)
    return type(v) == "number" and v >= 0, "a number, 0 or more"
  end,
  ["outline.position"] = function(v)
    return v == "left" or v == "right", '"left" or "right"'
  end,
  ["outline.width"] = function(v)
    return type(v) == "number" and v >= 10 and v == math.floor(v), "a whole number of columns, 10 or more"
  end,
  ["outline.close_on_jump"] = "boolean",
  ["outline.items"] = "boolean",
  ["outline.follow_cursor"] = "boolean",
  ["breadcrumb.separator"] = "string",
  ["breadcrumb.title_width"] = function(v)
    return type(v) == "number" and v >= 0, "a number, 0 or more"
  end,
  picker = function(v)
    return v == "auto" or v == "telescope" or v == "fzf-lua" or v == "select",
      '"auto", "telescope", "fzf-lua" or "select"'
  end,
}
for name in pairs(M.defaults.keys) do
  checks["keys." .. name] = function(v)
    return is_key(v), "a key (string), a list of keys, or false"
  end
end
for name in pairs(M.defaults.outline.keys) do
  checks["outline.keys." .. name] = function(v)
    return is_key(v), "a key (string), a list of keys, or false"
  end
end

local function check(path, value)
  local c = checks[path]
  if type(c) == "string" then
    c = { c }
  end
  if type(c) == "table" then
    for _, t in ipairs(c) do
      if type(value) == t then
        return true
      end
    end
    return false, table.concat(c, " or ")
  end
  return c(value)
end

-- Walks `opts` against `defaults`; returns nil or a message naming the
-- first option that is unknown or of the wrong kind.
local function validate(opts, defaults, prefix)
  if type(opts) ~= "table" then
    return string.format("%s: expected a table, got %s", prefix ~= "" and prefix or "setup()", type(opts))
  end
  local names = vim.tbl_keys(opts)
  table.sort(names, function(a, b)
    return tostring(a) < tostring(b)
  end)
  for _, name in ipairs(names) do
    local value = opts[name]
    local path = prefix == "" and tostring(name) or (prefix .. "." .. tostring(name))
    local default = type(name) == "string" and defaults[name]
    local known = type(name) == "string" and (checks[path] ~= nil or type(default) == "table")
    if not known then
      return string.format("unknown option %q", path)
    end
    if checks[path] then
      local ok, expected = check(path, value)
      if not ok then
        return string.format("option %q: expected %s, got %s", path, expected, vim.inspect(value))
      end
    elseif path == "keys" and value == false then
      -- keys = false: no mappings at all
    else
      local err = validate(value, default, path)
      if err then
        return err
      end
    end
  end
  return nil
end

-- Tables merged key by key; lists (filetypes, keys given as lists) and the
-- rule table replace the default instead.
local REPLACED = { filetypes = true, ["diagnostics.rules"] = true }

local function merge(base, opts, prefix)
  local out = vim.deepcopy(base)
  for name, value in pairs(opts) do
    local path = prefix == "" and name or (prefix .. "." .. name)
    if type(value) == "table" and type(base[name]) == "table" and not REPLACED[path] and not islist(value) then
      out[name] = merge(base[name], value, path)
    else
      out[name] = vim.deepcopy(value)
    end
  end
  return out
end

M.options = vim.deepcopy(M.defaults)

-- Checks `opts` and makes them the options in force, merged over the
-- defaults.  Returns true, or false and a message (the options in force
-- are then left as they were).
function M.set(opts)
  opts = opts or {}
  local err = validate(opts, M.defaults, "")
  if err then
    return false, err
  end
  local merged = merge(M.defaults, opts, "")
  if opts.keys == false then
    merged.keys = {}
    for name in pairs(M.defaults.keys) do
      merged.keys[name] = false
    end
  end
  M.options = merged
  return true
end

-- Checks the options in force (for :checkhealth); nil when they are sound.
function M.check_current()
  return validate(M.options, M.defaults, "")
end

-- The keys a mapping option stands for, as a list (empty for false).
function M.key_list(value)
  if value == false or value == nil or value == "" then
    return {}
  end
  if type(value) == "string" then
    return { value }
  end
  return value
end

return M
