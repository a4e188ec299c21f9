-- gongwen: Chinese official reports in Neovim.  See :help gongwen.
-- Only what must exist at startup lives here: the :Gongwen command, the
-- filetype detection and the autocommand that attaches report buffers.
-- Everything else is in lua/gongwen/ and is loaded when first used.
if vim.g.loaded_gongwen then
  return
end
vim.g.loaded_gongwen = true

if vim.fn.has("nvim-0.7") == 0 then
  vim.api.nvim_err_writeln("gongwen needs Neovim 0.7 or later / gongwen 需要 Neovim 0.7 或更高版本")
  return
end

local api = vim.api

require("gongwen.filetype").register()

vim.cmd("highlight default link GongwenLink Comment")
vim.cmd("highlight default link GongwenOutlineMarker Number")

api.nvim_create_user_command("Gongwen", function(command)
  require("gongwen.commands").run(command)
end, {
  nargs = "*",
  range = true,
  desc = "gongwen: outline, lint, fix, pair, headings …",
  complete = function(arglead, cmdline)
    return require("gongwen.commands").complete(arglead, cmdline)
  end,
})

local group = api.nvim_create_augroup("gongwen", { clear = true })
-- A .gongwenrc written in Neovim applies to the attached buffers at once.
api.nvim_create_autocmd("BufWritePost", {
  group = group,
  pattern = ".gongwenrc",
  callback = function()
    if package.loaded["gongwen.buffer"] then
      require("gongwen.buffer").reload_rules()
    end
  end,
})
api.nvim_create_autocmd("FileType", {
  group = group,
  callback = function(args)
    local filetypes = require("gongwen.config").options.filetypes
    if vim.tbl_contains(filetypes, args.match) then
      require("gongwen.buffer").attach(args.buf)
    end
  end,
})
