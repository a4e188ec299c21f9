-- Filetype detection: *.gongwen, and *.txt files that look like a report.
local t = require("helpers")
local filetype = require("gongwen.filetype")

local function write_and_open(name, text)
  local path = t.tmp .. "/" .. name
  t.write(path, text)
  t.open(path)
  return vim.bo.filetype
end

t.test("a *.gongwen file is a report", function()
  t.eq(write_and_open("notes.gongwen", "随便写点什么\n"), "gongwen", "filetype")
end)

t.test("every fixture opened as *.txt is detected as a report", function()
  for _, name in ipairs(vim.fn.readdir(t.root .. "/tests/fixtures")) do
    if name:match("%.txt$") then
      t.open(t.fixture(name))
      t.eq(vim.bo.filetype, "gongwen", name)
    end
  end
end)

t.test("a *.txt file that is not a report stays text", function()
  t.eq(write_and_open("plain.txt", "Shopping list\n一、eggs\n"), "text", "English first line")
  t.eq(write_and_open("headingfirst.txt", "一、主要工作\n（一）加强领导\n"), "text", "no title line")
  t.eq(write_and_open("prose.txt", "今天天气很好。\n我们去公园散步。\n"), "text", "no 一、 heading")
end)

t.test("a help file stays help", function()
  vim.o.modeline = true -- -u NONE turns modelines off
  t.eq(write_and_open("myhelp.txt", "*myhelp.txt*  帮助\n一、说明\n vim:tw=78:ft=help:\n"), "help", "modeline wins")
end)

t.test("detect_txt = false leaves *.txt alone", function()
  t.ok(require("gongwen").setup({ detect_txt = false }))
  t.eq(write_and_open("report-off.txt", "关于工作情况的报告\n一、主要工作\n"), "text", "filetype")
end)

t.test("looks_like_report: title, indentation, BOM, messy 一.", function()
  t.ok(filetype.looks_like_report({ "关于2025年工作的报告", "", "一、主要工作" }), "plain")
  t.ok(filetype.looks_like_report({ "\239\187\191关于工作的报告", "一、主要工作" }), "BOM")
  t.ok(filetype.looks_like_report({ "", "　　关于工作的报告", "　　一、主要工作" }), "U+3000 indent")
  t.ok(filetype.looks_like_report({ "关于工作的报告", "一.主要工作" }), "一.")
  t.ok(not filetype.looks_like_report({ "关于工作的报告", "一是加强学习" }), "一是 is no heading")
  local far = { "关于工作的报告" }
  for i = 2, filetype.SCAN_LINES + 5 do
    far[i] = "正文。"
  end
  far[#far + 1] = "一、主要工作"
  t.ok(not filetype.looks_like_report(far), "heading beyond the scanned lines")
end)
