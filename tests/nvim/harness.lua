-- Loads one test file (GW_TEST_FILE), runs its tests in order, prints
-- `ok - name`, `not ok - name: why` or `skip - name: why` for each, then
-- `# done`, and quits (with an error status when a test failed).
local root = os.getenv("GW_ROOT")
package.path = root .. "/tests/nvim/?.lua;" .. package.path

local t = require("helpers")
local file = os.getenv("GW_TEST_FILE")

-- Each line starts on a line of its own even after a message Neovim wrote
-- without a line break.
local function out(line)
  io.stdout:write("\n", line, "\n")
  io.stdout:flush()
end

-- Messages would otherwise end up in the output between the checks.
local notes = {}
vim.notify = function(msg, level)
  notes[#notes + 1] = { msg = tostring(msg), level = level }
end
t.notes = notes

vim.o.report = 100000 -- no "3 fewer lines" messages
vim.o.shortmess = vim.o.shortmess .. "sWAI"

-- What a user's startup does: filetype detection, then the plugin.
vim.cmd("filetype on")
vim.cmd("runtime plugin/gongwen.lua")

local ok, err = pcall(dofile, file)
if not ok then
  out("not ok - " .. vim.fn.fnamemodify(file, ":t") .. " could not be loaded: " .. tostring(err))
end

local failures = 0
for _, case in ipairs(t.cases) do
  t.reset()
  local started = vim.loop.hrtime()
  local case_ok, case_err = xpcall(case.fn, function(e)
    if type(e) == "table" and e.skip then
      return e
    end
    return debug.traceback(tostring(e), 2)
  end)
  local ms = (vim.loop.hrtime() - started) / 1e6
  if case_ok then
    out(string.format("ok - %s (%.0f ms)", case.name, ms))
  elseif type(case_err) == "table" and case_err.skip then
    out("skip - " .. case.name .. ": " .. case_err.reason)
  else
    failures = failures + 1
    out("not ok - " .. case.name .. ": " .. tostring(case_err):gsub("\n", "\n#   "))
  end
end
out("# done")
if failures > 0 or not ok then
  vim.cmd("cquit 1")
else
  vim.cmd("qall!")
end
