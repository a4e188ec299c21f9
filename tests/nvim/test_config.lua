-- setup(): defaults, merging, validation, and the keys it maps.
local t = require("helpers")
local api = vim.api
local gongwen = require("gongwen")
local config = require("gongwen.config")

local function last_note()
  local note = t.notes[#t.notes]
  return note and note.msg or ""
end

t.test("setup() is optional and setup({}) gives the defaults", function()
  t.eq(config.options, config.defaults, "options before any setup()")
  t.ok(gongwen.setup({}))
  t.eq(gongwen.options(), config.defaults, "options after setup({})")
  t.ok(gongwen.setup(), "setup() without a table")
end)

t.test("options merge key by key over the defaults", function()
  t.ok(gongwen.setup({ debounce_ms = 50, outline = { width = 30, keys = { close = { "q", "<Esc>" } } } }))
  local o = gongwen.options()
  t.eq(o.debounce_ms, 50, "debounce_ms")
  t.eq(o.outline.width, 30, "outline.width")
  t.eq(o.outline.position, "right", "outline.position keeps its default")
  t.eq(o.outline.keys.close, { "q", "<Esc>" }, "a key given as a list")
  t.eq(o.outline.keys.jump, "<CR>", "other outline keys keep their defaults")
  t.ok(gongwen.setup({ filetypes = { "gongwen", "markdown" } }))
  t.eq(gongwen.options().filetypes, { "gongwen", "markdown" }, "lists replace the default")
  t.ok(gongwen.setup({ diagnostics = { rules = { ["numbering/*"] = "off" } } }))
  t.eq(gongwen.options().diagnostics.rules, { ["numbering/*"] = "off" }, "rules")
  t.eq(gongwen.options().diagnostics.enabled, true, "diagnostics.enabled keeps its default")
end)

t.test("invalid options are reported, named, and change nothing", function()
  t.ok(gongwen.setup({ debounce_ms = 123 }))
  local cases = {
    { { debounce_ms = "fast" }, "debounce_ms" },
    { { debounce_ms = -1 }, "debounce_ms" },
    { { no_such_option = true }, "no_such_option" },
    { { outline = { widht = 30 } }, "outline.widht" },
    { { outline = { position = "top" } }, "outline.position" },
    { { outline = { width = 3 } }, "outline.width" },
    { { outline = { keys = { jump = 1 } } }, "outline.keys.jump" },
    { { keys = { next_heading = { "]]", 2 } } }, "keys.next_heading" },
    { { keys = { no_such_key = "x" } }, "keys.no_such_key" },
    { { diagnostics = { rules = { ["numbering/sequence"] = "loud" } } }, "diagnostics.rules" },
    { { lang = "fr" }, "lang" },
    { { picker = "dmenu" }, "picker" },
    { { filetypes = "gongwen" }, "filetypes" },
    { "not a table", "setup()" },
  }
  for _, case in ipairs(cases) do
    t.eq(gongwen.setup(case[1]), false, vim.inspect(case[1]) .. " is refused")
    t.ok(last_note():find(case[2], 1, true), "the message names " .. case[2] .. ": " .. last_note())
    t.eq(gongwen.options().debounce_ms, 123, "options unchanged after " .. vim.inspect(case[1]))
  end
end)

local function has_map(buf, mode, lhs)
  for _, m in ipairs(api.nvim_buf_get_keymap(buf, mode)) do
    if m.lhs == lhs then
      return true
    end
  end
  return false
end

t.test("report buffers get the default keys, and each key can be turned off", function()
  local buf = t.open(t.fixture("01-standard.txt"))
  t.ok(has_map(buf, "n", "]]"), "]] in Normal mode")
  t.ok(has_map(buf, "o", "]]"), "]] in Operator-pending mode")
  t.ok(has_map(buf, "x", "as"), "as in Visual mode")
  t.ok(has_map(buf, "n", "gO"), "gO")
  t.ok(has_map(buf, "n", "g%"), "g%")

  t.ok(gongwen.setup({ keys = { next_heading = false, pair = { "<LocalLeader>p", "g%" } } }))
  t.ok(not has_map(buf, "n", "]]"), "]] unmapped in an attached buffer after setup()")
  t.ok(has_map(buf, "n", "[["), "[[ still mapped")
  local leader_p = api.nvim_replace_termcodes("<LocalLeader>p", true, false, true)
  t.ok(has_map(buf, "n", "\\p") or has_map(buf, "n", leader_p), "pair on <LocalLeader>p")

  t.ok(gongwen.setup({ keys = false }))
  for _, mode in ipairs({ "n", "x", "o" }) do
    for _, m in ipairs(api.nvim_buf_get_keymap(buf, mode)) do
      t.ok(not (m.desc or ""):find("^gongwen"), "keys = false leaves no gongwen key, found " .. m.lhs)
    end
  end
end)

t.test("the user's own mappings in other buffers are left alone", function()
  vim.keymap.set("n", "]]", "<Nop>")
  local other = api.nvim_create_buf(true, false)
  t.open(t.fixture("01-standard.txt"))
  t.ok(not has_map(other, "n", "]]"), "no buffer-local ]] in an unattached buffer")
  api.nvim_buf_call(other, function()
    t.eq(vim.fn.maparg("]]", "n", false, true).rhs, "<Nop>", "the global ]] still there")
  end)
  vim.keymap.del("n", "]]")
end)

t.test(":Gongwen completes its subcommands", function()
  local commands = require("gongwen.commands")
  local all = commands.complete("", "Gongwen ")
  for _, name in ipairs({ "attach", "detach", "outline", "lint", "fix", "fix-cursor", "pair", "headings", "rules", "health" }) do
    t.ok(vim.tbl_contains(all, name), "completes " .. name)
  end
  t.eq(commands.complete("fi", "Gongwen fi"), { "fix", "fix-cursor" }, "prefix fi")
  t.eq(commands.complete("t", "Gongwen outline t"), { "toggle" }, "outline arguments")
  vim.cmd("Gongwen frobnicate")
  t.ok(last_note():find("frobnicate", 1, true), "unknown subcommand named: " .. last_note())
end)

t.test("make nvim: the sample report opens with the plugin loaded by --clean", function()
  local command = vim.fn.system({ "make", "-s", "-n", "-C", t.root, "nvim" })
  t.eq(vim.v.shell_error, 0, "make -n nvim")
  local line = vim.split(command, "\n", { trimempty = true })
  line = line[#line]
  t.ok(line:find("^nvim %-%-clean "), "runs nvim --clean: " .. line)
  local probe = t.tmp .. "/make-nvim.out"
  line = line:gsub("^nvim %-%-clean ", "nvim --clean --headless ")
    .. string.format(
      [[ -c "lua vim.fn.writefile({vim.bo.filetype, tostring(vim.g.loaded_gongwen), tostring(vim.treesitter.highlighter.active[vim.api.nvim_get_current_buf()] ~= nil), vim.wo.foldmethod}, '%s')" -c "qall!"]],
      probe
    )
  vim.fn.system("cd " .. vim.fn.shellescape(t.root) .. " && " .. line .. " </dev/null")
  t.eq(vim.fn.readfile(probe), { "gongwen", "true", "true", "expr" }, "filetype, plugin, highlighting, folding")
end)
