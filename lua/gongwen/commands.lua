-- :Gongwen {subcommand} [arguments]
local M = {}

local i18n = require("gongwen.i18n")

local function buffer()
  return require("gongwen.buffer")
end

local function rule_names()
  local module = require("gongwen.lib").load()
  local names = {}
  if module then
    local ok, rules = pcall(module.rules)
    for _, r in ipairs(ok and rules or {}) do
      names[#names + 1] = r.name
      local group = r.name:match("^([^/]+)/")
      if group and not vim.tbl_contains(names, group .. "/*") then
        names[#names + 1] = group .. "/*"
      end
    end
  end
  return names
end

-- name → { run = function(args, command), complete = function() -> list }
M.subcommands = {
  attach = {
    run = function()
      buffer().attach(0, { explicit = true })
    end,
  },
  detach = {
    run = function()
      buffer().detach(0)
    end,
  },
  outline = {
    run = function(args)
      local outline = require("gongwen.outline")
      local action = args[1] or "open"
      if action == "close" then
        outline.close()
      elseif action == "toggle" then
        outline.toggle()
      else
        outline.open()
      end
    end,
    complete = function()
      return { "open", "close", "toggle" }
    end,
  },
  lint = {
    run = function()
      require("gongwen.diagnostics").lint()
    end,
  },
  fix = {
    run = function(args, command)
      local line1, line2
      if command.range and command.range > 0 then
        line1, line2 = command.line1, command.line2
      end
      require("gongwen.diagnostics").fix(args[1], line1, line2)
    end,
    complete = rule_names,
  },
  ["fix-cursor"] = {
    run = function()
      require("gongwen.diagnostics").fix_cursor()
    end,
  },
  pair = {
    run = function()
      require("gongwen.nav").pair()
    end,
  },
  headings = {
    run = function()
      require("gongwen.picker").headings()
    end,
  },
  rules = {
    run = function()
      require("gongwen.commands").show_rules()
    end,
  },
  health = {
    run = function()
      vim.cmd("checkhealth gongwen")
    end,
  },
}

function M.names()
  local names = vim.tbl_keys(M.subcommands)
  table.sort(names)
  return names
end

-- :Gongwen rules — every rule, its severity for this buffer, what it checks.
function M.show_rules()
  local module, err = require("gongwen.lib").get(true)
  if not module then
    return err
  end
  local st = buffer().get(0)
  local configured = st and st.rules or require("gongwen.config").options.diagnostics.rules
  local lang = i18n.lang()
  local lines = { i18n.t("rules_header") }
  for _, r in ipairs(module.rules()) do
    local severity = configured[r.name] or configured[(r.name:match("^([^/]+)/") or "") .. "/*"] or r.severity
    local description = lang == "zh" and r.description_zh or r.description_en
    lines[#lines + 1] = string.format("%-28s %-8s %s", r.name, severity, description or "")
  end
  vim.api.nvim_echo({ { table.concat(lines, "\n") } }, false, {})
  return lines
end

function M.run(command)
  local args = vim.split(command.args or "", "%s+", { trimempty = true })
  local name = table.remove(args, 1)
  local sub = name and M.subcommands[name]
  if not sub then
    vim.notify(i18n.t("unknown_command", name or "", table.concat(M.names(), ", ")), vim.log.levels.ERROR)
    return
  end
  local ok, err = pcall(sub.run, args, command)
  if not ok then
    vim.notify(i18n.t("internal", ":Gongwen " .. name, tostring(err)), vim.log.levels.ERROR)
  end
end

function M.complete(arglead, cmdline)
  local words = vim.split(cmdline:sub(1, #cmdline - #arglead), "%s+", { trimempty = true })
  -- words[1] is the command itself (possibly after a range)
  local candidates
  if #words <= 1 then
    candidates = M.names()
  else
    local sub = M.subcommands[words[2]]
    candidates = sub and sub.complete and sub.complete() or {}
  end
  return vim.tbl_filter(function(c)
    return c:sub(1, #arglead) == arglead
  end, candidates)
end

return M
