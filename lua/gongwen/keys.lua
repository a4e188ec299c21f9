-- Buffer-local keys of attached buffers, from the `keys` option.
local M = {}

local config = require("gongwen.config")

local function nav()
  return require("gongwen.nav")
end

-- name → { modes, function, description }
M.actions = {
  outline = {
    "n",
    function()
      require("gongwen.outline").open()
    end,
    "gongwen: outline",
  },
  next_heading = {
    { "n", "x", "o" },
    function()
      nav().heading(1, false)
    end,
    "gongwen: next heading",
  },
  prev_heading = {
    { "n", "x", "o" },
    function()
      nav().heading(-1, false)
    end,
    "gongwen: previous heading",
  },
  next_sibling = {
    { "n", "x", "o" },
    function()
      nav().heading(1, true)
    end,
    "gongwen: next heading of this level",
  },
  prev_sibling = {
    { "n", "x", "o" },
    function()
      nav().heading(-1, true)
    end,
    "gongwen: previous heading of this level",
  },
  parent = {
    { "n", "x", "o" },
    function()
      nav().parent()
    end,
    "gongwen: enclosing section's heading",
  },
  pair = {
    "n",
    function()
      nav().pair()
    end,
    "gongwen: problem → remedy → cause",
  },
  fix_cursor = {
    "n",
    function()
      require("gongwen.diagnostics").fix_cursor()
    end,
    "gongwen: fix the finding under the cursor",
  },
  headings = {
    "n",
    function()
      require("gongwen.picker").headings()
    end,
    "gongwen: pick a heading",
  },
  section_outer = {
    { "x", "o" },
    function()
      nav().select_section(false)
    end,
    "gongwen: a section",
  },
  section_inner = {
    { "x", "o" },
    function()
      nav().select_section(true)
    end,
    "gongwen: inside a section",
  },
  heading_outer = {
    { "x", "o" },
    function()
      nav().select_heading(false)
    end,
    "gongwen: a heading line",
  },
  heading_inner = {
    { "x", "o" },
    function()
      nav().select_heading(true)
    end,
    "gongwen: a heading's title",
  },
}

local mapped = {} -- buf -> list of { mode, lhs }

function M.map(buf)
  M.unmap(buf)
  local list = {}
  for name, action in pairs(M.actions) do
    for _, lhs in ipairs(config.key_list(config.options.keys[name])) do
      local modes = type(action[1]) == "table" and action[1] or { action[1] }
      vim.keymap.set(modes, lhs, action[2], { buffer = buf, silent = true, desc = action[3] })
      for _, mode in ipairs(modes) do
        list[#list + 1] = { mode, lhs }
      end
    end
  end
  mapped[buf] = list
end

function M.unmap(buf)
  for _, m in ipairs(mapped[buf] or {}) do
    pcall(vim.keymap.del, m[1], m[2], { buffer = buf })
  end
  mapped[buf] = nil
end

return M
