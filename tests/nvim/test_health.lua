-- :checkhealth gongwen
local t = require("helpers")
local api = vim.api

local function health_text()
  vim.cmd("checkhealth gongwen")
  local text = table.concat(api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  vim.cmd("bwipeout!")
  return text
end

t.test("the parser, its ABI and its queries are reported", function()
  local text = health_text()
  t.ok(text:find("parser " .. t.root .. "/build/gongwen.so loaded", 1, true), "parser loaded:\n" .. text)
  t.ok(text:find("ABI %d+ %(this Neovim reads %d+–%d+%)"), "ABI line")
  for _, name in ipairs({ "highlights", "folds", "textobjects" }) do
    t.ok(text:find("OK:? query " .. name .. ".scm"), "query " .. name)
  end
  t.ok(text:find("options are valid", 1, true), "options")
end)

t.test("the library is reported as loaded, or with the reason it is not", function()
  local module, err = require("gongwen.lib").load()
  local text = health_text()
  if module then
    t.ok(text:find("loaded " .. t.root .. "/build/luajit/gongwen.so", 1, true), "library loaded:\n" .. text)
    t.ok(text:find("library version " .. module.version(), 1, true), "version")
    t.ok(text:find("ICU conversion works", 1, true), "ICU")
  else
    t.ok(text:find("ERROR:? gongwen: the library"), "library error:\n" .. text)
    t.ok(text:find(err, 1, true), "the reason: " .. err)
  end
end)

t.test("a library that is not a gongwen module is refused with a reason", function()
  -- A real shared object without luaopen_gongwen: the tree-sitter parser.
  t.ok(require("gongwen").setup({ library = t.root .. "/build/gongwen.so" }))
  local lib = require("gongwen.lib")
  local module, err = lib.load()
  t.eq(module, nil, "not loaded")
  t.ok(err:find("could not be loaded", 1, true) and err:find("luaopen_gongwen", 1, true), err)
  local text = health_text()
  t.ok(text:find("could not be loaded", 1, true), "health says so")
  t.ok(package.loaded.gongwen == require("gongwen"), "the plugin's module is intact")
end)

t.test("a missing library: one message, not one per buffer", function()
  t.ok(require("gongwen").setup({ library = t.tmp .. "/nowhere/gongwen.so" }))
  for _, name in ipairs({ "01-standard.txt", "02-messy-markers.txt", "03-traditional.txt" }) do
    t.open(t.fixture(name))
  end
  local count = 0
  for _, note in ipairs(t.notes) do
    if note.msg:find("nowhere", 1, true) then
      count = count + 1
    end
  end
  t.eq(count, 1, "messages about the missing library")
  t.ok(vim.treesitter.highlighter.active[api.nvim_get_current_buf()], "highlighting still works")
  vim.cmd("Gongwen outline")
  t.ok(t.notes[#t.notes].msg:find("nowhere", 1, true), "an explicit command says it again")
end)

t.test("a bad option shows in the health report", function()
  local config = require("gongwen.config")
  config.options.debounce_ms = "soon" -- as a user could by editing the table
  local text = health_text()
  t.ok(text:find('option "debounce_ms"', 1, true), "health names the option:\n" .. text)
end)

t.test("without the library every command and key says why, and nothing raises", function()
  t.ok(require("gongwen").setup({ library = t.tmp .. "/nowhere/gongwen.so" }))
  t.open(t.fixture("07-problems-remedies.txt"))
  local commands = { "outline", "lint", "fix", "fix-cursor", "pair", "headings", "rules", "outline close" }
  for _, sub in ipairs(commands) do
    local before = #t.notes
    local ok, err = pcall(vim.cmd, "Gongwen " .. sub)
    t.ok(ok, ":Gongwen " .. sub .. " raised " .. tostring(err))
    for i = before + 1, #t.notes do
      t.ok(not t.notes[i].msg:find("failed", 1, true), ":Gongwen " .. sub .. ": " .. t.notes[i].msg)
    end
  end
  for _, keys in ipairs({ "]]", "[[", "][", "[]", "[u", "g%", "gO", "yas", "yih", "d]]" }) do
    local ok, err = pcall(t.feed, keys)
    t.ok(ok, keys .. " raised " .. tostring(err))
  end
  t.eq(require("gongwen").breadcrumb(), "", "breadcrumb")
  local last = t.notes[#t.notes].msg
  t.ok(last:find("nowhere", 1, true), "the reason: " .. last)
end)

t.test("the .gongwenrc of the attached reports is checked", function()
  t.need_library()
  local dir = t.tmp .. "/health-project"
  vim.fn.mkdir(dir .. "/sub", "p")
  t.write(dir .. "/.gongwenrc", "numbering/level-skip = off\nno/such-rule = loud\n")
  t.write(dir .. "/sub/r.txt", t.read(t.fixture("01-standard.txt")))
  t.open(dir .. "/sub/r.txt")
  local text = health_text()
  t.ok(text:find("ERROR:? " .. vim.pesc(dir .. "/.gongwenrc") .. ": "), "the bad line reported:\n" .. text)
  t.write(dir .. "/.gongwenrc", "numbering/level-skip = off\n")
  text = health_text()
  t.ok(text:find(dir .. "/.gongwenrc: 1 rule setting(s)", 1, true), "a good file:\n" .. text)
end)
