-- The Lua functions, the heading picker, links, attaching other buffers.
local t = require("helpers")
local api = vim.api
local gongwen = require("gongwen")

t.test("breadcrumb() gives the headings that hold the cursor", function()
  t.open_report(t.fixture("01-standard.txt"))
  t.set_cursor(14, 10) -- ①商户安置
  t.eq(
    gongwen.breadcrumb({ title_width = 4 }),
    "一、2025…" .. " › " .. "（二）健全依法…" .. " › " .. "1.规范重大…" .. " › " .. "（2）风险评估" .. " › " .. "①商户安置",
    "five levels"
  )
  t.eq(gongwen.breadcrumb({ title_width = 0, separator = "/" }), "一、/（二）/1./（2）/①", "markers only")
  t.set_cursor(2)
  t.eq(gongwen.breadcrumb(), "", "before the first heading")
  vim.cmd("enew")
  t.eq(gongwen.breadcrumb(), "", "a buffer that is not attached")
end)

t.test("breadcrumb() works in a statusline and follows edits", function()
  local buf = t.open_report(t.fixture("07-problems-remedies.txt"))
  vim.wo.statusline = "%{v:lua.require'gongwen'.breadcrumb()}"
  t.set_cursor(12)
  vim.cmd("redrawstatus")
  t.eq(gongwen.breadcrumb({ title_width = 2 }), "二、存在… › （一）重大…", "in 二、（一）")
  t.feed("11G0f）a新<Esc>")
  t.eq(gongwen.breadcrumb({ title_width = 2 }), "二、存在… › （一）新重…", "sees the edit at once")
  t.ok(buf)
end)

t.test(":Gongwen headings offers every heading through vim.ui.select", function()
  t.ok(gongwen.setup({ picker = "select" }))
  t.open_report(t.fixture("01-standard.txt"))
  local select = vim.ui.select
  local offered
  vim.ui.select = function(items, opts, on_choice)
    offered = vim.tbl_map(opts.format_item, items)
    on_choice(items[32]) -- 三、原因分析, the 32nd heading
  end
  vim.cmd("Gongwen headings")
  vim.ui.select = select
  t.eq(#offered, #t.expected_headings("01-standard.txt"), "one item per heading")
  t.eq(offered[1], "一、2025年法治政府建设主要工作", "first item")
  t.eq(offered[2], "  （一）加强组织领导，压实法治建设责任", "indented by depth")
  t.eq(t.cursor()[1], 41, "jumped to the chosen heading")
end)

t.test("picker = auto falls back to vim.ui.select without telescope or fzf-lua", function()
  t.eq(require("gongwen.picker").backend(), "select", "backend")
end)

t.test("links: virtual text at problems and remedies", function()
  local buf = t.open_report(t.fixture("07-problems-remedies.txt"))
  local links = require("gongwen.links")
  local texts = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, links.namespace, 0, -1, { details = true })) do
    texts[m[2] + 1] = m[4].virt_text[1][1]
  end
  t.ok(texts[11] and texts[11]:find("→ remedy （一）规范重大行政决策合法性", 1, true), "line 11: " .. tostring(texts[11]))
  t.ok(texts[14] and texts[14]:find("（三）提升行政执法案卷质量", 1, true), "line 14 → （三）")
  t.ok(texts[33] and texts[33]:find("← problem （二）行政执法案卷质量不高", 1, true), "line 33 ← （二）")
  t.ok(texts[20] and not texts[20]:find("remedy", 1, true), "（四） has no remedy link")

  t.ok(gongwen.setup({ links = { virtual_text = false }, diagnostics = { enabled = false } }))
  t.feed("Gx")
  t.settle(buf)
  t.eq(#api.nvim_buf_get_extmarks(buf, links.namespace, 0, -1, {}), 0, "links gone with the option off")
  t.eq(#vim.diagnostic.get(buf, { namespace = require("gongwen.diagnostics").namespace }), 0, "findings gone too")
end)

t.test("links: after edits the marks are those set afresh", function()
  local buf, st = t.open_report(t.fixture("07-problems-remedies.txt"))
  local links = require("gongwen.links")
  local function marks()
    local list = {}
    for _, m in ipairs(api.nvim_buf_get_extmarks(buf, links.namespace, 0, -1, { details = true })) do
      list[#list + 1] = m[2] .. " " .. m[4].virt_text[1][1]
    end
    table.sort(list)
    return list
  end
  local function check(what)
    t.settle(buf)
    local kept = marks()
    t.ok(#kept > 0, what .. ": links shown")
    links.clear(buf)
    links.update(st)
    t.eq(kept, marks(), what)
  end
  check("at first")
  t.set_cursor(12, 3)
  t.feed("i的<Esc>")
  check("typing in a paragraph")
  t.feed("i<CR><Esc>")
  check("Enter")
  t.set_cursor(11)
  t.feed("dd")
  check("a problem deleted")
  t.set_cursor(1)
  t.feed("J")
  check("lines joined")
  for i = 1, 3 do
    t.feed("u")
    check("undo " .. i)
  end
end)

t.test("links use the language option", function()
  t.ok(gongwen.setup({ lang = "zh" }))
  local buf = t.open_report(t.fixture("01-standard.txt"))
  local links = require("gongwen.links")
  local marks = api.nvim_buf_get_extmarks(buf, links.namespace, { 34, 0 }, { 34, -1 }, { details = true })
  t.ok(#marks == 1 and marks[1][4].virt_text[1][1]:find("→ 措施 （一）推动法治学习", 1, true), "line 35 in Chinese")
  local d = vim.diagnostic.get(buf)
  t.ok(#d == 0 or d[1].message:find("[\228-\233]"), "diagnostics in Chinese too")
end)

t.test(":Gongwen attach works in any buffer; detach undoes it", function()
  t.need_library()
  local path = t.tmp .. "/report.md"
  t.write(path, t.read(t.fixture("07-problems-remedies.txt")))
  local buf = t.open(path)
  t.eq(vim.bo.filetype, "markdown", "a markdown file")
  t.eq(require("gongwen.buffer").get(buf), nil, "not attached by itself")
  vim.cmd("Gongwen attach")
  t.settle(buf)
  t.set_cursor(1)
  t.feed("]]")
  t.eq(t.cursor()[1], 5, "]] works in markdown")
  t.ok(#vim.diagnostic.get(buf, { namespace = require("gongwen.diagnostics").namespace }) > 0, "findings")
  vim.cmd("Gongwen detach")
  t.eq(require("gongwen.buffer").get(buf), nil, "detached")
  t.eq(#vim.diagnostic.get(buf, { namespace = require("gongwen.diagnostics").namespace }), 0, "findings cleared")
  t.eq(vim.fn.maparg("]]", "n"), "", "keys gone")
end)

t.test("filetypes option attaches markdown buffers too", function()
  t.need_library()
  t.ok(gongwen.setup({ filetypes = { "gongwen", "markdown" } }))
  local path = t.tmp .. "/report2.md"
  t.write(path, t.read(t.fixture("01-standard.txt")))
  local buf = t.open(path)
  t.ok(require("gongwen.buffer").get(buf), "attached")
  t.eq(vim.treesitter.highlighter.active[buf], nil, "markdown keeps its own highlighting")
end)

t.test("the GongwenUpdate event fires after each refresh", function()
  t.need_library()
  local fired = 0
  local id = api.nvim_create_autocmd("User", {
    pattern = "GongwenUpdate",
    callback = function()
      fired = fired + 1
    end,
  })
  local buf = t.open_report(t.fixture("01-standard.txt"))
  t.ok(fired >= 1, "after attaching")
  local before = fired
  t.feed("ggx")
  t.settle(buf)
  t.ok(fired > before, "after an edit")
  api.nvim_del_autocmd(id)
end)

t.test("a buffer attached before the library was there gets it on :Gongwen attach", function()
  t.need_library()
  t.ok(gongwen.setup({ library = t.tmp .. "/nowhere/gongwen.so" }))
  local buf = t.open(t.fixture("01-standard.txt"))
  t.eq(require("gongwen.buffer").get(buf).doc, nil, "no document")
  t.ok(gongwen.setup({}))
  vim.cmd("Gongwen attach")
  t.settle(buf)
  t.set_cursor(1)
  t.feed("]]")
  t.eq(t.cursor()[1], 5, "]] works")
end)
