-- doc/gongwen.txt: valid help, and every command, key, option and Lua
-- function has its tag.
local t = require("helpers")
local config = require("gongwen.config")

local doc = t.read(t.root .. "/doc/gongwen.txt")

local function has_tag(tag)
  return doc:find("*" .. tag .. "*", 1, true) ~= nil
end

t.test(":helptags accepts the help file (no duplicate tags)", function()
  local dir = t.tmp .. "/doc"
  vim.fn.mkdir(dir, "p")
  t.write(dir .. "/gongwen.txt", doc)
  local ok, err = pcall(vim.cmd, "helptags " .. vim.fn.fnameescape(dir))
  t.ok(ok, "helptags: " .. tostring(err))
  local tags = vim.fn.readfile(dir .. "/tags")
  t.ok(#tags > 100, "tags written: " .. #tags)
end)

t.test("every option has a tag", function()
  local function walk(tbl, prefix)
    for name, value in pairs(tbl) do
      local path = prefix .. name
      t.ok(has_tag("gongwen-option-" .. path), "*gongwen-option-" .. path .. "*")
      if type(value) == "table" and not (vim.islist or vim.tbl_islist)(value) and next(value) ~= nil then
        walk(value, path .. ".")
      end
    end
  end
  walk(config.defaults, "")
  -- and nil-valued defaults, which pairs() does not see
  for _, name in ipairs({ "library", "parser", "lang" }) do
    t.ok(has_tag("gongwen-option-" .. name), name)
  end
end)

t.test("every :Gongwen subcommand has a tag", function()
  for _, name in ipairs(require("gongwen.commands").names()) do
    t.ok(has_tag(":Gongwen-" .. name), ":Gongwen-" .. name)
  end
end)

t.test("every default key has a tag", function()
  for _, lhs in pairs(config.defaults.keys) do
    t.ok(has_tag("gongwen-" .. lhs), "gongwen-" .. lhs)
  end
  for name, lhs in pairs(config.defaults.outline.keys) do
    local first = type(lhs) == "table" and lhs[1] or lhs
    t.ok(has_tag("gongwen-outline-" .. first), "outline key " .. name .. " (" .. first .. ")")
  end
end)

t.test("every Lua function of require('gongwen') has a tag", function()
  for name, value in pairs(require("gongwen")) do
    if type(value) == "function" then
      t.ok(has_tag("gongwen." .. name .. "()"), "gongwen." .. name .. "()")
    end
  end
end)
