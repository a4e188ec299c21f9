-- The tree-sitter side: the `gongwen` parser registered with Neovim, the
-- grammar's queries on 'runtimepath', highlighting and folding by section.
-- None of this needs libgongwen.
local M = {}

local api = vim.api
local lib = require("gongwen.lib")
local i18n = require("gongwen.i18n")

local LANG = "gongwen"

function M.parser_path()
  return require("gongwen.config").options.parser or (lib.root() .. "/build/gongwen.so")
end

-- Capture names of grammar/queries/gongwen/highlights.scm and the classic
-- groups they stand for where Neovim has no default for them.
M.links = {
  ["markup.heading"] = "Title",
  ["markup.list"] = "Special",
  ["comment.warning"] = "DiagnosticWarn",
  ["comment"] = "Comment",
  ["label"] = "Label",
  ["number"] = "Number",
  ["punctuation.bracket"] = "Delimiter",
  ["punctuation.delimiter"] = "Delimiter",
}

local function link_highlights()
  local highlighter = vim.treesitter.highlighter
  if vim.fn.has("nvim-0.8") == 0 and highlighter and highlighter.hl_map then
    -- 0.7 maps capture names through hl_map; subcaptures such as
    -- markup.heading.1 fall back to markup.heading.
    for capture, group in pairs(M.links) do
      rawset(highlighter.hl_map, capture, group)
    end
    return
  end
  -- 0.8 and later use @capture groups; 0.10 defines these, older versions
  -- and some colour schemes do not.  `default` leaves any definition alone.
  for capture, group in pairs(M.links) do
    pcall(api.nvim_set_hl, 0, "@" .. capture, { link = group, default = true })
  end
end

local registered -- nil: not tried; true; or an error message

-- Registers the parser and puts grammar/ on 'runtimepath' (its
-- queries/gongwen/*.scm then serve highlighting, folds and text objects).
-- Returns true, or nil and why not.  Tries once.
function M.register()
  if registered ~= nil then
    if registered == true then
      return true
    end
    return nil, registered
  end
  local grammar = lib.root() .. "/grammar"
  local rtp = vim.opt.runtimepath:get()
  if not vim.tbl_contains(rtp, grammar) then
    vim.opt.runtimepath:append(grammar)
  end

  local path = M.parser_path()
  local ok, err
  if vim.fn.filereadable(path) ~= 1 then
    ok, err = false, i18n.t("parser_missing", path, lib.root())
  elseif vim.treesitter.language and vim.treesitter.language.add then
    -- 0.9 and 0.10 raise on failure; 0.11 returns nil and a message.
    local result, message
    ok, result, message = pcall(vim.treesitter.language.add, LANG, { path = path })
    if not ok then
      err = result
    elseif result == nil and message ~= nil then
      ok, err = false, message
    end
  else
    ok, err = pcall(vim.treesitter.require_language, LANG, path)
  end
  if ok and vim.treesitter.language and vim.treesitter.language.register then
    pcall(vim.treesitter.language.register, LANG, { LANG })
  end
  if not ok then
    registered = err and tostring(err) or i18n.t("parser_failed", path, "?")
    if not registered:find("gongwen", 1, true) then
      registered = i18n.t("parser_failed", path, registered)
    end
    return nil, registered
  end
  link_highlights()
  local group = api.nvim_create_augroup("gongwen_highlight_links", { clear = true })
  api.nvim_create_autocmd("ColorScheme", { group = group, callback = link_highlights })
  registered = true
  return true
end

-- The parser's ABI version and the range this Neovim accepts.
function M.abi()
  local info
  if vim.treesitter.language and vim.treesitter.language.inspect then
    local ok, i = pcall(vim.treesitter.language.inspect, LANG)
    info = ok and i or nil
  else
    local ok, i = pcall(vim.treesitter.inspect_language, LANG)
    info = ok and i or nil
  end
  local version = info and (info.abi_version or info._abi_version)
  return version, vim.treesitter.minimum_language_version, vim.treesitter.language_version
end

local function get_query(name)
  local query = vim.treesitter.query
  local get = query.get or query.get_query
  local ok, q = pcall(get, LANG, name)
  if ok then
    return q
  end
  return nil, q
end
M.get_query = get_query

function M.parser(buf)
  if not M.register() then
    return nil
  end
  local ok, parser = pcall(vim.treesitter.get_parser, buf, LANG)
  return ok and parser or nil
end

-- Starts tree-sitter highlighting in `buf`.
function M.highlight(buf)
  if not M.register() then
    return false
  end
  if vim.treesitter.start then
    return (pcall(vim.treesitter.start, buf, LANG))
  end
  local parser = M.parser(buf)
  if not parser then
    return false
  end
  local ok = pcall(vim.treesitter.highlighter.new, parser)
  return ok
end

function M.stop_highlight(buf)
  if vim.treesitter.stop then
    pcall(vim.treesitter.stop, buf)
  elseif vim.treesitter.highlighter.active[buf] then
    vim.treesitter.highlighter.active[buf]:destroy()
  end
end

-- Folding -------------------------------------------------------------------

-- buf -> { tick = changedtick when computed, levels = { [lnum] = expr },
-- line_count =, deferred = true when refresh_folds() keeps it current }
local fold_cache = {}

-- How many times the fold levels of a buffer were computed (each is a pass
-- over the whole buffer): tests check that typing does not pay for one.
M.fold_builds = 0

-- Fold expressions of every line of `buf`: a fold from each @fold capture
-- (a section, or a block of residue) to its last line, nested by depth.
local function compute_folds(buf)
  local levels = {}
  local parser = M.parser(buf)
  local query = parser and get_query("folds")
  local line_count = api.nvim_buf_line_count(buf)
  if not parser or not query then
    return levels
  end
  local tree = parser:parse()[1]
  if not tree then
    return levels
  end
  local delta, starts = {}, {}
  for _, node in query:iter_captures(tree:root(), buf, 0, -1) do
    local start_row, _, end_row, end_col = node:range()
    if end_col == 0 and end_row > start_row then
      end_row = end_row - 1 -- the node ends with its line break
    end
    if end_row > start_row then
      delta[start_row] = (delta[start_row] or 0) + 1
      delta[end_row + 1] = (delta[end_row + 1] or 0) - 1
      starts[start_row] = true
    end
  end
  local level = 0
  for row = 0, line_count - 1 do
    level = level + (delta[row] or 0)
    if starts[row] then
      levels[row + 1] = ">" .. level
    else
      levels[row + 1] = tostring(level)
    end
  end
  return levels
end

local function build_folds(buf)
  M.fold_builds = M.fold_builds + 1
  local ok, levels = pcall(compute_folds, buf)
  return {
    tick = api.nvim_buf_get_changedtick(buf),
    levels = ok and levels or {},
    line_count = api.nvim_buf_line_count(buf),
  }
end

-- 'foldexpr' of gongwen buffers: v:lua.require'gongwen.treesitter'.foldexpr(v:lnum)
--
-- Neovim evaluates it for the changed lines as part of every change, so it
-- must cost next to nothing: it reads the level table.  A buffer followed by
-- the plugin (defer_folds) has its table rebuilt by refresh_folds once the
-- buffer has been quiet for the debounce, the table lagging behind the text
-- until then; any other buffer rebuilds it at the first call after a change.
function M.foldexpr(lnum)
  local buf = api.nvim_get_current_buf()
  local cached = fold_cache[buf]
  if not cached or (not cached.deferred and cached.tick ~= api.nvim_buf_get_changedtick(buf)) then
    local deferred = cached and cached.deferred
    cached = build_folds(buf)
    cached.deferred = deferred
    fold_cache[buf] = cached
  end
  return cached.levels[lnum] or "0"
end

-- From now on the fold levels of `buf` are rebuilt by refresh_folds only.
function M.defer_folds(buf)
  local cached = fold_cache[buf]
  if cached then
    cached.deferred = true
  else
    fold_cache[buf] = { tick = -1, levels = {}, line_count = -1, deferred = true, stale = true }
  end
end

local function same_levels(a, b)
  if #a ~= #b then
    return false
  end
  for i = 1, #a do
    if a[i] ~= b[i] then
      return false
    end
  end
  return true
end

-- Rebuilds the fold levels of `buf` after changes (once per debounced
-- refresh) and, when they or the line count differ from those Neovim folded
-- by, has every window that folds `buf` by them evaluate them again, once.
-- Whether the tree of each buffer changed its structure (tree-sitter's
-- changed ranges, seen at every parse, the highlighter's too) since its fold
-- levels were last built by refresh_folds; and the parser that tells.
local structure_changed, watched_parser = {}, {}

local function watch_structure(buf, parser)
  if watched_parser[buf] == parser then
    return
  end
  watched_parser[buf] = parser
  structure_changed[buf] = true
  parser:register_cbs({
    on_changedtree = function(changes)
      if watched_parser[buf] == parser and #changes > 0 then
        structure_changed[buf] = true
      end
    end,
  })
end

function M.refresh_folds(buf)
  local old = fold_cache[buf]
  local tick = api.nvim_buf_get_changedtick(buf)
  if old and not old.stale and old.tick == tick then
    return
  end
  -- Typing inside lines, the usual edit, leaves every node on its rows: when
  -- the tree kept its structure and the buffer its number of lines, the
  -- levels stand (building them walks the whole tree, 20 ms on 1 MB).
  local parser = M.parser(buf)
  if parser then
    watch_structure(buf, parser)
    pcall(parser.parse, parser)
  end
  if old and not old.stale and parser and not structure_changed[buf]
    and old.line_count == api.nvim_buf_line_count(buf) then
    old.tick = tick
    return
  end
  structure_changed[buf] = false
  local new = build_folds(buf)
  new.deferred = old and old.deferred
  fold_cache[buf] = new
  if old and not old.stale and old.line_count == new.line_count and same_levels(old.levels, new.levels) then
    return
  end
  for _, win in ipairs(vim.fn.win_findbuf(buf)) do
    if vim.wo[win].foldmethod == "expr" and vim.wo[win].foldexpr == M.FOLDEXPR then
      -- Setting 'foldmethod' has Neovim compute the window's folds afresh
      -- (keeping the folds the user opened or closed where they still are).
      api.nvim_win_call(win, function()
        vim.wo.foldmethod = "expr"
      end)
    end
  end
end

function M.forget(buf)
  fold_cache[buf] = nil
  structure_changed[buf], watched_parser[buf] = nil, nil
end

M.FOLDEXPR = "v:lua.require'gongwen.treesitter'.foldexpr(v:lnum)"

-- Sets folding by section in window `win` for the buffer it shows.
function M.fold(win, foldlevel)
  api.nvim_win_call(win, function()
    vim.cmd("setlocal foldmethod=expr foldexpr=" .. M.FOLDEXPR .. " foldlevel=" .. tostring(foldlevel))
  end)
end

return M
