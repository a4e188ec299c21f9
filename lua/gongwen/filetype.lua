-- Filetype detection: *.gongwen, and *.txt files that look like a report.
-- Loaded at startup (from plugin/ and ftdetect/), so it stays small.
local M = {}

-- How many lines from the top a report's first `一、` heading may be.
M.SCAN_LINES = 40

-- Leading white space: ASCII blanks, U+3000 (ideographic space), a BOM.
local function strip_indent(line)
  line = line:gsub("^\239\187\191", "")
  while true do
    local rest = line:gsub("^[ \t]+", ""):gsub("^\227\128\128", "")
    if rest == line then
      return line
    end
    line = rest
  end
end

-- A level-1 heading: 一 followed by 、 (or the messy 一. 一， 一．).
local H1 = {
  "^一、",
  "^一%.",
  "^一，",
  "^一,",
  "^一．",
}

local function is_h1(line)
  for _, pattern in ipairs(H1) do
    if line:find(pattern) then
      return true
    end
  end
  return false
end

-- True when `lines` (the first lines of a file) look like a report: a first
-- non-blank line that is not a heading (the title), and a `一、` heading
-- after it within M.SCAN_LINES lines.
function M.looks_like_report(lines)
  local title
  for i = 1, math.min(#lines, M.SCAN_LINES) do
    local line = strip_indent(lines[i])
    if line ~= "" then
      if not title then
        if is_h1(line) or not line:find("[\228-\233]") then
          return false -- no title, or a first line without Chinese text
        end
        title = line
      elseif is_h1(line) then
        return true
      end
    end
  end
  return false
end

local function buffer_looks_like_report(buf)
  -- Neovim's own rule: a *.txt whose last line is a help modeline is help.
  local last = vim.api.nvim_buf_get_lines(buf, -2, -1, false)[1] or ""
  if vim.regex([[vim:.*ft=help]]):match_str(last) then
    return false
  end
  local lines = vim.api.nvim_buf_get_lines(buf, 0, M.SCAN_LINES, false)
  return M.looks_like_report(lines)
end

local function detect_txt_enabled()
  local ok, config = pcall(require, "gongwen.config")
  return not ok or config.options.detect_txt
end

local registered = false

-- Registers the detection; safe to call more than once.
function M.register()
  if registered then
    return
  end
  registered = true
  local api = vim.api
  if vim.fn.has("nvim-0.8") == 1 and vim.filetype and vim.filetype.add then
    -- filetype.lua: a pattern of priority 0 is tried before the extension
    -- table, and returning nil leaves *.txt to the built-in rule.
    vim.filetype.add({
      extension = { gongwen = "gongwen" },
      pattern = {
        [".*%.txt"] = function(_, buf)
          if detect_txt_enabled() and buf and buffer_looks_like_report(buf) then
            return "gongwen"
          end
        end,
      },
    })
    return
  end
  -- Neovim 0.7 (filetype.vim): these run after the built-in rules, which
  -- have given *.txt the filetype `text` by then.
  local group = api.nvim_create_augroup("gongwen_filetype", { clear = true })
  api.nvim_create_autocmd({ "BufNewFile", "BufRead" }, {
    group = group,
    pattern = "*.gongwen",
    command = "setfiletype gongwen",
  })
  api.nvim_create_autocmd({ "BufNewFile", "BufRead" }, {
    group = group,
    pattern = "*.txt",
    callback = function(args)
      local ft = vim.bo[args.buf].filetype
      if (ft == "text" or ft == "") and detect_txt_enabled() and buffer_looks_like_report(args.buf) then
        vim.bo[args.buf].filetype = "gongwen"
      end
    end,
  })
end

return M
