-- One libgongwen document per attached buffer, kept current from the
-- buffer's own change events.
--
-- nvim_buf_attach's on_bytes reports every change as a byte range replaced
-- by so many new bytes.  The callback may run before the buffer holds the
-- new text (a join, a substitution), so it only widens a pending region:
-- where the document (still at its old text) and the buffer differ.  The
-- region reaches the document as one edit, its new text read from the
-- buffer then, when something needs the document (a motion, the outline, a
-- statusline) or when the buffer has been quiet for `debounce_ms`; then
-- diagnostics, links and outline are brought up to date.  Typing costs a
-- few additions per key.
--
-- The document holds the buffer as Neovim counts bytes: every line followed
-- by "\n".  The library counts rows by "\n" only, as Neovim does, so its
-- rows and byte columns are the buffer's, carriage returns left inside lines
-- (a lone CR, or CRLF read with fileformat=unix) included.
local M = {}

local api = vim.api
local uv = vim.uv or vim.loop -- vim.uv since 0.10
local config = require("gongwen.config")
local lib = require("gongwen.lib")
local i18n = require("gongwen.i18n")

local states = {} -- buf -> state

local function document_text(lines)
  return table.concat(lines, "\n") .. "\n"
end

function M.buffer_text(buf)
  return document_text(api.nvim_buf_get_lines(buf, 0, -1, false))
end

-- The row that holds byte `byte` of the buffer (a binary search over line
-- offsets: reading a region costs no more than the region).
local function row_of(buf, byte, line_count)
  local lo, hi = 0, line_count - 1
  while lo < hi do
    local mid = math.floor((lo + hi + 1) / 2)
    if api.nvim_buf_get_offset(buf, mid) <= byte then
      lo = mid
    else
      hi = mid - 1
    end
  end
  return lo
end

-- The length of the buffer as the document holds it.
local function buffer_length(buf)
  local last = api.nvim_buf_line_count(buf) - 1
  return api.nvim_buf_get_offset(buf, last) + #api.nvim_buf_get_lines(buf, last, last + 1, false)[1] + 1
end

-- Bytes [start, stop) of the buffer as the document holds it.
function M.read_bytes(buf, start, stop)
  if stop <= start then
    return ""
  end
  local line_count = api.nvim_buf_line_count(buf)
  local first = row_of(buf, start, line_count)
  local last = row_of(buf, stop - 1, line_count)
  local text = document_text(api.nvim_buf_get_lines(buf, first, last + 1, false))
  local base = api.nvim_buf_get_offset(buf, first)
  return text:sub(start - base + 1, stop - base)
end

-- Where the buffer differs from the document: bytes [start, old_end) of the
-- document are now bytes [start, new_end) of the buffer.
local Region = {}
Region.__index = Region

function M.region()
  return setmetatable({}, Region)
end

function Region:empty()
  return self.start == nil
end

-- Adds a change of the buffer: bytes [start, start + old_length) replaced
-- by `new_length` bytes.
function Region:add(start, old_length, new_length)
  if self.start == nil then
    self.start, self.old_end, self.new_end = start, start + old_length, start + new_length
    return
  end
  -- Outside the region, document and buffer bytes correspond one to one.
  local end_before = math.max(self.new_end, start + old_length)
  if start < self.start then
    self.start = start
  end
  self.old_end = self.old_end + (end_before - self.new_end)
  self.new_end = end_before + new_length - old_length
end

-- The pending edit of the document, its text read from `buf`, and an
-- empty region: start, old_end, text; nil when there is none.
function Region:take(buf)
  if self.start == nil then
    return nil
  end
  local start, old_end, new_end = self.start, self.old_end, self.new_end
  self.start, self.old_end, self.new_end = nil, nil, nil
  return start, old_end, M.read_bytes(buf, start, new_end)
end

local function report(st, what, err)
  -- One message per buffer and kind of failure: never a storm.
  st.reported = st.reported or {}
  if not st.reported[what] then
    st.reported[what] = true
    vim.schedule(function()
      vim.notify(i18n.t("internal", what, tostring(err)), vim.log.levels.ERROR)
    end)
  end
end

-- The nearest .gongwenrc in `dir` or above it, or nil.
function M.find_config(dir)
  while dir and dir ~= "" do
    local candidate = dir .. "/.gongwenrc"
    if vim.fn.filereadable(candidate) == 1 then
      return candidate
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

-- The rules for `buf`: the `diagnostics.rules` option, then .gongwenrc.
local function read_rules(st, module)
  local rules = vim.deepcopy(config.options.diagnostics.rules)
  st.config_file, st.config_error = nil, nil
  if not config.options.diagnostics.config_file then
    return rules
  end
  local name = api.nvim_buf_get_name(st.buf)
  local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  local found = M.find_config(dir)
  if not found then
    return rules
  end
  st.config_file = found
  local ok, text = pcall(vim.fn.readfile, found, "b")
  if not ok then
    st.config_error = tostring(text)
  else
    local parsed, err = module.read_config(table.concat(text, "\n"))
    if parsed then
      for rule, severity in pairs(parsed) do
        rules[rule] = severity
      end
    else
      st.config_error = tostring(err)
    end
  end
  if st.config_error then
    vim.schedule(function()
      vim.notify(i18n.t("config_error", found, st.config_error), vim.log.levels.WARN)
    end)
  end
  return rules
end

local State = {}
State.__index = State

-- Parses the buffer afresh.
function State:reparse()
  local module = lib.load()
  if not module then
    return nil
  end
  local ok, doc, err = pcall(module.parse, M.buffer_text(self.buf))
  if not ok or not doc then
    report(self, "parse", ok and err or doc)
    return nil
  end
  if self.doc then
    pcall(self.doc.close, self.doc)
  end
  self.doc = doc
  self.edited_from = nil
  self.region = M.region()
  self.reparse_needed = false
  self.version = self.version + 1
  return doc
end

-- The document brought up to the buffer's text; nil without the library.
function State:sync()
  if self.closed then
    return nil
  end
  if not self.doc or self.reparse_needed then
    return self:reparse()
  end
  if self.region:empty() then
    return self.doc
  end
  local start, old_end, text = self.region:take(self.buf)
  local ok, done, err = pcall(self.doc.edit, self.doc, start, old_end, text)
  if not ok or not done then
    -- The document no longer matches the buffer: start again from it.
    report(self, "edit", ok and err or done)
    return self:reparse()
  end
  -- Emptying the buffer with nvim_buf_set_lines is reported as every byte
  -- removed, though the empty line left is a "\n" here: the lengths tell
  -- (a row past the last is the end of the text).
  if self.doc:byte_at(2 ^ 32, 0) ~= buffer_length(self.buf) then
    return self:reparse()
  end
  -- doc:last_change() tells what this edit changed since this version.
  self.edited_from = self.version
  self.version = self.version + 1
  return self.doc
end

-- True when the document is behind the buffer.
function State:stale()
  return self.reparse_needed or not self.region:empty()
end

-- Cached answers of the document for its current version.
function State:cached(name, compute)
  local doc = self:sync()
  if not doc then
    return nil
  end
  local cache = self.cache
  if cache.version ~= self.version then
    cache = { version = self.version }
    self.cache = cache
  end
  if cache[name] == nil then
    local ok, value = pcall(compute, doc)
    if not ok then
      report(self, name, value)
      return nil
    end
    cache[name] = value
  end
  return cache[name]
end

-- Every entry (headings and items), and an index by id.  Whole entries are
-- costly (tens of ms on a large report): only the picker needs them all.
function State:entries()
  return self:cached("entries", function(doc)
    local list = doc:entries()
    local by_id = {}
    for _, e in ipairs(list) do
      by_id[e.id] = e
    end
    return { list = list, by_id = by_id }
  end)
end

-- Entry `id` of the document brought up to date, or nil.
function State:entry(id)
  local doc = self:sync()
  if not doc then
    return nil
  end
  local ok, entry = pcall(doc.entry, doc, id)
  return ok and entry or nil
end

local COLUMNS = { "kind", "parent", "marker", "title", "row" }

-- The entry columns after an edit, from those before it and the edit's
-- doc:last_change(): the entries it replaced are fetched, those after them
-- move by as many ids (their parents too) and by as many rows as the first
-- of them did.  nil when the change does not fit the columns.
local function columns_after_change(doc, old, change)
  if not change then
    return nil
  end
  local first, removed, added = change.first, change.removed, change.added
  local old_count = #old.kind
  local after = first + removed -- the first entry after those replaced (its old id)
  if first < 1 or after - 1 > old_count then
    return nil
  end
  local shift = added - removed
  local replaced = doc:entry_columns(first, first + added - 1)
  if #replaced.kind ~= added then
    return nil
  end
  local row_shift = 0
  if after <= old_count then
    local moved = doc:entry_columns(after + shift, after + shift)
    if #moved.row ~= 1 then
      return nil
    end
    row_shift = moved.row[1] - old.row[after]
  end
  local new = {}
  for _, name in ipairs(COLUMNS) do
    local from, to, fresh = old[name], {}, replaced[name]
    for id = 1, first - 1 do
      to[id] = from[id]
    end
    for k = 1, added do
      to[first + k - 1] = fresh[k]
    end
    for id = after, old_count do
      to[id + shift] = from[id]
    end
    new[name] = to
  end
  local parents, rows = new.parent, new.row
  for id = after + shift, old_count + shift do
    local parent = parents[id]
    if parent and parent >= after then
      parents[id] = parent + shift
    elseif parent and parent >= first then
      return nil -- a parent among the replaced entries: not what last_change promises
    end
    rows[id] = rows[id] + row_shift
  end
  return new
end

-- What the outline and the links show of every entry (doc:entry_columns):
-- a few lists, where doc:entries() makes eight tables per entry.  After
-- one edit, those of the version before with the entries it replaced
-- fetched again: an edit replaces a few entries of thousands.
function State:entry_columns()
  return self:cached("entry_columns", function(doc)
    local previous, columns = self.previous_columns, nil
    if previous and previous.version == self.edited_from and doc.last_change then
      columns = columns_after_change(doc, previous.value, doc:last_change())
    end
    columns = columns or doc:entry_columns()
    self.previous_columns = { version = self.version, value = columns }
    return columns
  end)
end

-- The ids of every pair's problem, cause and remedy (doc:pair_columns).
function State:pair_columns()
  return self:cached("pair_columns", function(doc)
    return doc:pair_columns()
  end)
end

function State:lint()
  return self:cached("lint", function(doc)
    return doc:lint({ rules = self.rules, lang = i18n.lang() })
  end)
end

-- The row the published findings gather around: the cursor of the current
-- window if it shows the buffer, else of a window that does.
function State:anchor_row()
  local win = api.nvim_get_current_win()
  if api.nvim_win_get_buf(win) ~= self.buf then
    win = vim.fn.win_findbuf(self.buf)[1]
  end
  return win and api.nvim_win_get_cursor(win)[1] - 1 or 0
end

-- What the refresh shows of the findings: { list = the `diagnostics.max`
-- nearest `row` (all of them without a max), info = doc:lint's summary of
-- them all (count, before, omitted, sections) }.  A large report has tens
-- of thousands of findings, and making a Lua table of each costs more than
-- finding them; the selection and the counts per section are made in C.
-- Cached for the version and the row.
function State:lint_near(row)
  local max = config.options.diagnostics.max or nil
  -- A holder per version (State:cached), filled for the row asked.
  local value = self:cached("lint_near", function()
    return {}
  end)
  if not value then
    return nil
  end
  if value.list and value.row == row and value.max == max then
    return value
  end
  local ok, list, info = pcall(self.doc.lint, self.doc,
    { rules = self.rules, lang = i18n.lang(), max = max, near = row, sections = true })
  if not ok or not list then
    report(self, "lint", ok and info or list)
    return nil
  end
  value.list, value.info, value.row, value.max = list, info, row, max
  return value
end

-- Brings diagnostics, links and the outline up to date.
function State:refresh()
  if self.closed then
    return
  end
  if self.timer then
    self.timer:stop()
  end
  self.refresh_pending = false
  if not self:sync() then
    return
  end
  local tick = api.nvim_buf_get_changedtick(self.buf)
  if self.fold then
    require("gongwen.treesitter").refresh_folds(self.buf)
  end
  if config.options.diagnostics.enabled then
    require("gongwen.diagnostics").update(self)
  else
    require("gongwen.diagnostics").clear(self.buf)
  end
  if config.options.links.virtual_text then
    require("gongwen.links").update(self)
  else
    require("gongwen.links").clear(self.buf)
  end
  require("gongwen.outline").update(self)
  self.refreshed_tick = tick
  self.refreshed_version = self.version
  if vim.fn.exists("#User#GongwenUpdate") == 1 then
    local event = { pattern = "GongwenUpdate", modeline = false }
    if vim.fn.has("nvim-0.8") == 1 then
      event.data = { buf = self.buf }
    end
    api.nvim_exec_autocmds("User", event)
  end
end

function State:schedule_refresh()
  self.refresh_pending = true
  if not self.timer then
    self.timer = uv.new_timer()
  end
  self.timer:stop()
  self.timer:start(
    config.options.debounce_ms,
    0,
    vim.schedule_wrap(function()
      if self.refresh_pending and not self.closed then
        local ok, err = pcall(self.refresh, self)
        if not ok then
          report(self, "refresh", err)
        end
      end
    end)
  )
end

function State:close()
  if self.closed then
    return
  end
  self.closed = true
  if self.tracker then
    self.tracker.stop()
  end
  if self.timer then
    self.timer:stop()
    if not self.timer:is_closing() then
      self.timer:close()
    end
    self.timer = nil
  end
  if self.doc then
    pcall(self.doc.close, self.doc)
    self.doc = nil
  end
  pcall(api.nvim_del_augroup_by_name, "gongwen_buffer_" .. self.buf)
  require("gongwen.treesitter").forget(self.buf)
  require("gongwen.diagnostics").clear(self.buf)
  require("gongwen.links").clear(self.buf)
  require("gongwen.outline").source_closed(self.buf)
  require("gongwen.keys").unmap(self.buf)
  states[self.buf] = nil
end

-- Follows the changes of `buf`: on_change(start_byte, old_length,
-- new_length) for each (document bytes, see the top of this file; the
-- buffer may not hold the new text yet), and on_reload() when the buffer is
-- read again.  Returns a handle whose stop() ends the tracking (at the next
-- change, as nvim_buf_attach allows).
function M.track(buf, on_change, on_reload, on_detach)
  local handle = { stopped = false }
  function handle.stop()
    handle.stopped = true
  end
  api.nvim_buf_attach(buf, false, {
    on_bytes = function(_, _, _, _, _, offset, _, _, old_length, _, _, new_length)
      if handle.stopped then
        return true
      end
      on_change(offset, old_length, new_length)
    end,
    on_reload = function()
      if not handle.stopped and on_reload then
        on_reload()
      end
    end,
    on_detach = function()
      if not handle.stopped and on_detach then
        on_detach()
      end
    end,
  })
  return handle
end

-- Reads the buffer into a document and follows its changes, if the
-- library is there.  Returns true when the buffer has a document.
function State:start_document(explicit)
  if self.tracker then
    return true
  end
  local module = lib.get(explicit)
  if not module then
    return false
  end
  local buf = self.buf
  self.rules = read_rules(self, module)
  self.tracker = M.track(buf, function(start, old_length, new_length)
    if not self.closed then
      self.region:add(start, old_length, new_length)
      self:schedule_refresh()
    end
  end, function()
    self.reparse_needed = true
    self:schedule_refresh()
  end, function()
    -- :edit! detaches the buffer and reads it again: attach it again once
    -- it is loaded, if nothing else (the FileType event) has.
    local was_explicit = self.explicit
    self:close()
    vim.schedule(function()
      if api.nvim_buf_is_loaded(buf) and not states[buf] then
        M.attach(buf, { explicit = was_explicit })
      end
    end)
  end)
  if self.fold then
    -- Typing must not rebuild the fold levels: the refresh does, debounced.
    require("gongwen.treesitter").defer_folds(buf)
  end
  self:reparse()
  self:schedule_refresh()
  return true
end

-- Reads the rules again (the options or a .gongwenrc changed) and brings
-- the diagnostics up to date.
function State:reload_rules()
  local module = lib.load()
  if module and not self.closed then
    self.rules = read_rules(self, module)
    self.cache = {}
    self:schedule_refresh()
  end
end

-- Attaches `buf` (0: the current buffer); returns its state.  `opts.explicit`:
-- the user asked for it, so a missing library is reported.
function M.attach(buf, opts)
  opts = opts or {}
  if buf == nil or buf == 0 then
    buf = api.nvim_get_current_buf()
  end
  if states[buf] then
    -- Attached before the library could be loaded: try again.
    states[buf]:start_document(opts.explicit)
    return states[buf]
  end
  if not api.nvim_buf_is_loaded(buf) then
    return nil
  end
  local st = setmetatable({
    buf = buf,
    region = M.region(),
    version = 0,
    cache = {},
    reparse_needed = false,
  }, State)
  states[buf] = st

  local is_report = vim.bo[buf].filetype == "gongwen"
  local treesitter = require("gongwen.treesitter")
  if is_report and config.options.highlight then
    treesitter.highlight(buf)
  end
  if is_report and config.options.fold then
    st.fold = true
    for _, win in ipairs(vim.fn.win_findbuf(buf)) do
      treesitter.fold(win, config.options.foldlevel)
    end
  end
  require("gongwen.keys").map(buf)

  local group = api.nvim_create_augroup("gongwen_buffer_" .. buf, { clear = true })
  api.nvim_create_autocmd({ "BufUnload", "BufWipeout" }, {
    group = group,
    buffer = buf,
    callback = function()
      st:close()
    end,
  })
  if st.fold then
    api.nvim_create_autocmd("BufWinEnter", {
      group = group,
      buffer = buf,
      callback = function()
        treesitter.fold(api.nvim_get_current_win(), config.options.foldlevel)
      end,
    })
  end
  api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI" }, {
    group = group,
    buffer = buf,
    callback = function()
      require("gongwen.outline").follow(st)
    end,
  })
  api.nvim_create_autocmd({ "CursorHold", "CursorHoldI" }, {
    group = group,
    buffer = buf,
    callback = function()
      if st.published then
        require("gongwen.diagnostics").follow(st)
      end
    end,
  })

  st.explicit = opts.explicit
  st:start_document(opts.explicit)
  return st
end

function M.detach(buf)
  if buf == nil or buf == 0 then
    buf = api.nvim_get_current_buf()
  end
  local st = states[buf]
  if st then
    st:close()
    if st.fold then
      for _, win in ipairs(vim.fn.win_findbuf(buf)) do
        api.nvim_win_call(win, function()
          vim.cmd("setlocal foldmethod< foldexpr< foldlevel<")
        end)
      end
    end
    require("gongwen.treesitter").stop_highlight(buf)
  end
end

-- The state of `buf` (0 or nil: current), or nil when not attached.
function M.get(buf)
  if buf == nil or buf == 0 then
    buf = api.nvim_get_current_buf()
  end
  return states[buf]
end

-- The state of the current buffer with a document, or nil after saying why.
function M.current(explicit)
  local st = M.get(0)
  if not st then
    if explicit then
      vim.notify(i18n.t("not_attached"), vim.log.levels.WARN)
    end
    return nil
  end
  if not lib.get(explicit) then
    return nil
  end
  if not st:sync() then
    return nil
  end
  return st
end

-- Runs a pending refresh now (for tests and for commands that need fresh
-- diagnostics).
function M.flush(buf)
  local st = M.get(buf)
  if st then
    st:refresh()
  end
  return st
end

function M.attached()
  return vim.tbl_keys(states)
end

-- Every attached buffer reads its rules again.
function M.reload_rules()
  for _, st in pairs(states) do
    st:reload_rules()
  end
end

return M
