-- Document methods on the fixtures (tests/fixtures/README.md gives the
-- expected headings; rows here are its 1-based lines minus one).
local helper = require("helper")
local gongwen = require("gongwen")

local function open(name)
  return assert(gongwen.parse(helper.fixture(name)))
end

local function is_range(range)
  assert.are.equal(4, #range)
  for i = 1, 4 do assert.are.equal("number", type(range[i])) end
  assert.is_true(range[1] < range[3] or (range[1] == range[3] and range[2] <= range[4]))
end

describe("doc:entries, doc:outline and doc:items", function()
  local doc = open("01-standard.txt")
  local entries, outline, items = doc:entries(), doc:outline(), doc:items()

  it("split the outline into headings and items", function()
    assert.are.equal(36, #outline)
    assert.is_true(#items > 0)
    assert.are.equal(#entries, #outline + #items)
    for _, e in ipairs(outline) do assert.are.equal("heading", e.kind) end
    for _, e in ipairs(items) do assert.are.equal("item", e.kind) end
  end)

  it("number entries by their place in the whole outline, in document order", function()
    for i, e in ipairs(entries) do
      assert.are.equal(i, e.id)
      if i > 1 then
        local before = entries[i - 1]
        assert.is_true(before.row < e.row or (before.row == e.row and before.col < e.col))
      end
    end
    for _, e in ipairs(outline) do assert.are.same(entries[e.id], e) end
  end)

  it("count the levels that the fixture README gives", function()
    local per_level = {0, 0, 0, 0, 0}
    for _, e in ipairs(outline) do per_level[e.level] = per_level[e.level] + 1 end
    assert.are.same({4, 12, 13, 5, 2}, per_level)
  end)

  it("describe a heading", function()
    local first = outline[1]
    assert.are.equal(4, first.row)
    assert.are.equal(0, first.col)
    assert.are.equal(1, first.level)
    assert.are.equal(1, first.number)
    assert.are.equal("一、", first.marker)
    assert.are.equal("一、", first.standard_marker)
    assert.are.equal("2025年法治政府建设主要工作", first.title)
    assert.are.same({4, 0, 4, #"一、"}, first.marker_range)
    assert.are.same({4, #"一、", 4, #"一、2025年法治政府建设主要工作"}, first.title_range)
    assert.is_nil(first.body_range)
    assert.is_nil(first.parent)
    is_range(first.range)
    assert.are.equal(first.end_row, first.range[3])
    assert.are.equal(first.end_col, first.range[4])
    -- The section runs up to the next level-1 heading, 二、 on line 33.
    assert.are.equal(32, first.end_row)
    assert.is_true(first.roles.achievements)
    assert.is_nil(first.roles.problems)
  end)

  it("link parents and children both ways", function()
    for _, e in ipairs(entries) do
      for _, child in ipairs(e.children) do
        assert.are.equal(e.id, entries[child].parent)
      end
      if e.parent then
        local found = false
        for _, sibling in ipairs(entries[e.parent].children) do
          found = found or sibling == e.id
        end
        assert.is_true(found)
      end
    end
  end)

  it("give a run-in heading its body and an item its kind and level", function()
    local run_in = helper.at_row(outline, 6) -- 1.健全议事协调机制。…
    assert.are.equal("1.", run_in.marker)
    assert.are.equal(3, run_in.level)
    assert.are.equal(1, run_in.number)
    is_range(run_in.body_range)
    local item = items[1]
    assert.are.equal("item", item.kind)
    assert.truthy(item.marker:match("^一是"))
    assert.are.equal(1, item.number)
    assert.is_table(item.roles)
  end)

  it("read the roles of problem, cause and remedy sections", function()
    assert.is_true(helper.at_row(outline, 32).roles.problems)  -- 二、存在的问题
    assert.is_true(helper.at_row(outline, 40).roles.causes)    -- 三、原因分析
    assert.is_true(helper.at_row(outline, 42).roles.remedies)  -- 四、下一步工作打算
  end)

  it("give the standard form of a messy marker", function()
    local messy = open("02-messy-markers.txt")
    local heading = helper.at_row(messy:outline(), 3) -- (一) 加强组织领导…
    assert.are.equal(2, heading.level)
    assert.are.equal("（一）", heading.standard_marker)
    assert.are_not.equal(heading.standard_marker, heading.marker)
  end)
end)

describe("doc:entry", function()
  local doc = open("01-standard.txt")
  it("returns the entry with that id, or nil", function()
    local entries = doc:entries()
    assert.are.same(entries[3], doc:entry(3))
    assert.is_nil(doc:entry(0))
    assert.is_nil(doc:entry(#entries + 1))
  end)
  it("raises an error for an id that is not a number", function()
    assert.has_error(function() doc:entry("first") end)
  end)
end)

describe("navigation", function()
  local doc = open("01-standard.txt")

  it("finds the section at a position", function()
    assert.are.equal(6, doc:section_at(6, 0).row)
    assert.are.equal(6, doc:section_at(6, 9).row)
    assert.is_nil(doc:section_at(0, 0)) -- the title
  end)

  it("finds the heading that holds the section", function()
    assert.are.equal(5, doc:parent(6, 0).row)  -- （一） holds 1.
    assert.is_nil(doc:parent(4, 0))            -- 一、 has no parent
    assert.is_nil(doc:parent(0, 0))
  end)

  it("gives the breadcrumb from the outermost heading", function()
    local crumbs = doc:breadcrumb(13, 3) -- inside ①商户安置
    assert.are.same({4, 9, 10, 12, 13}, helper.rows(crumbs))
    assert.are.same({1, 2, 3, 4, 5}, {crumbs[1].level, crumbs[2].level, crumbs[3].level,
                                      crumbs[4].level, crumbs[5].level})
    assert.are.same({}, doc:breadcrumb(0, 0))
  end)

  it("moves to the next and previous heading", function()
    assert.are.equal(5, doc:next_heading(4, 0).row)
    assert.are.equal(32, doc:next_heading(4, 0, {same_level = true}).row)
    assert.are.equal(4, doc:prev_heading(5, 0).row)
    assert.is_nil(doc:next_heading(48, 0))
    assert.are.equal(4, doc:next_heading(48, 0, {wrap = true}).row)
    assert.is_nil(doc:prev_heading(0, 0))
    assert.are.equal(48, doc:prev_heading(0, 0, {wrap = true}).row)
  end)

  it("clamps positions past the end", function()
    assert.has_no.errors(function() doc:section_at(100000, 100000) end)
    assert.has_no.errors(function() doc:next_heading(0, 100000) end)
  end)

  it("raises an error for negative or missing positions and bad options", function()
    assert.has_error(function() doc:section_at(-1, 0) end)
    assert.has_error(function() doc:section_at(0, -1) end)
    assert.has_error(function() doc:breadcrumb() end)
    assert.has_error(function() doc:next_heading(0, 0, "wrap") end)
    assert.has_error(function() doc:parent("a", 0) end)
  end)
end)

describe("doc:lint", function()
  local doc = open("05-numbering-faults.txt")

  it("returns diagnostics with positions, messages in both languages and fixes", function()
    local diagnostics = doc:lint()
    assert.is_true(#diagnostics > 0)
    local rules = {}
    for _, rule in ipairs(gongwen.rules()) do rules[rule.name] = true end
    for _, d in ipairs(diagnostics) do
      assert.is_true(rules[d.rule], d.rule)
      assert.is_true(d.severity >= 1 and d.severity <= 4)
      is_range({d.row, d.col, d.end_row, d.end_col})
      assert.are.equal(d.message_zh, d.message)
      assert.is_true(#d.message_en > 0 and #d.message_zh > 0)
      assert.is_table(d.edits)
      for _, edit in ipairs(d.edits) do
        assert.are.same({doc:point_at(edit.start_byte)}, {edit.start_row, edit.start_col})
        assert.are.same({doc:point_at(edit.end_byte)}, {edit.end_row, edit.end_col})
        assert.is_string(edit.text)
      end
    end
    -- The first fault of 05 is the level skipped at line 6.
    assert.are.equal(5, diagnostics[1].row)
  end)

  it("gives messages in English on request", function()
    for _, d in ipairs(doc:lint({lang = "en"})) do assert.are.equal(d.message_en, d.message) end
  end)

  it("switches rules off and re-grades them", function()
    assert.are.same({}, doc:lint({rules = {["*"] = "off"}}))
    local one = doc:lint()[1]
    local only = doc:lint({rules = {["*"] = "off", [one.rule] = "hint"}})
    assert.is_true(#only > 0)
    for _, d in ipairs(only) do
      assert.are.equal(one.rule, d.rule)
      assert.are.equal(4, d.severity)
    end
    assert.are.same(only, doc:lint({rules = {["*"] = 0, [one.rule] = 4}}))
    assert.are.same({}, doc:lint({rules = {["*"] = false}}))
  end)

  it("returns nil and a message for an unknown rule or severity", function()
    local result, message = doc:lint({rules = {["no/such-rule"] = "error"}})
    assert.is_nil(result)
    assert.truthy(message:match("unknown rule"), message)
    result, message = doc:lint({rules = {["numbering/sequence"] = "loud"}})
    assert.is_nil(result)
    assert.truthy(message:match("severity"), message)
  end)

  it("raises an error for options of the wrong type", function()
    assert.has_error(function() doc:lint("all") end)
    assert.has_error(function() doc:lint({rules = "all"}) end)
    assert.has_error(function() doc:lint({rules = {"numbering/sequence"}}) end)
    assert.has_error(function() doc:lint({lang = "fr"}) end)
  end)

  it("finds nothing in a clean report", function()
    assert.are.same({}, open("01-standard.txt"):lint())
  end)

  it("with max, makes tables of the findings nearest a row only, and sums up the rest", function()
    local all = doc:lint()
    assert.is_true(#all > 3)
    local near = all[#all].row
    local list, info = doc:lint({max = 2, near = near})
    assert.are.equal(#all, info.count)
    assert.are.same({all[#all - 1], all[#all]}, list)
    assert.are.equal(#all - 2, info.before)
    local omitted, rules = 0, {}
    for _, s in ipairs(info.omitted) do
      assert.is_nil(rules[s.rule], "one summary per rule")
      rules[s.rule] = true
      omitted = omitted + s.count
    end
    assert.are.equal(#all - 2, omitted)
    -- Each summary is at the first finding of its rule left out.
    for _, s in ipairs(info.omitted) do
      for _, d in ipairs(all) do
        if d.rule == s.rule then
          assert.are.same({d.row, d.col, d.end_row, d.end_col}, {s.row, s.col, s.end_row, s.end_col})
          break
        end
      end
    end
    local first = doc:lint({max = 1, near = 0})
    assert.are.same({all[1]}, first)
  end)

  it("with sections, counts the findings in each heading's own text", function()
    local names = {"01-standard.txt", "02-messy-markers.txt", "03-traditional.txt", "04-pdf-copy.txt",
      "05-numbering-faults.txt", "06-not-headings.txt", "07-problems-remedies.txt",
      "08-combined-section.txt", "09-crlf-bom.txt"}
    local texts = {}
    for i, name in ipairs(names) do texts[i] = helper.fixture(name) end
    -- and one with many findings and sections, ending without a line break
    texts[#texts + 1] = string.rep(helper.fixture("08-combined-section.txt"), 20) .. "一、末节"
    for i, text in ipairs(texts) do
      local each = assert(gongwen.parse(text))
      local list, info = each:lint({sections = true})
      assert.are.same(each:lint(), list)
      local expected = {}
      for _, d in ipairs(list) do
        local section = each:section_at(d.row, d.col)
        if section then
          local s = expected[section.id] or {count = 0, severity = d.severity}
          s.count = s.count + 1
          s.severity = math.min(s.severity, d.severity)
          expected[section.id] = s
        end
      end
      assert.are.same(expected, info.sections, names[i] or "08 twenty times")
      assert.are.same({}, info.omitted)
    end
  end)

  it("raises an error for a max or near of the wrong kind", function()
    assert.has_error(function() doc:lint({max = 0}) end)
    assert.has_error(function() doc:lint({max = 2.5}) end)
    assert.has_error(function() doc:lint({max = "10"}) end)
    assert.has_error(function() doc:lint({max = 1, near = {0, 0}}) end)
    assert.has_error(function() doc:lint({max = 1, near = 1.5}) end)
    assert.has_error(function() doc:lint({max = 1e300}) end)
    assert.has_error(function() doc:lint({max = 0 / 0}) end)
    assert.are.same(doc:lint(), doc:lint({max = 2 ^ 40, near = -5}))
  end)
end)

describe("doc:pair_columns", function()
  it("gives the ids of every pair's problem, cause and remedy", function()
    for _, name in ipairs({"01-standard.txt", "07-problems-remedies.txt", "08-combined-section.txt"}) do
      local doc = open(name)
      local pairs_list, columns = doc:pairs(), doc:pair_columns()
      assert.is_true(#pairs_list > 0, name)
      assert.are.equal(#pairs_list, #columns.problem)
      for i, pair in ipairs(pairs_list) do
        local function id(entry) return entry and entry.id or false end
        assert.are.same({id(pair.problem), id(pair.cause), id(pair.remedy)},
          {columns.problem[i], columns.cause[i], columns.remedy[i]})
      end
    end
    assert.are.same({problem = {}, cause = {}, remedy = {}}, assert(gongwen.parse("")):pair_columns())
  end)
end)

describe("doc:entry_columns", function()
  local doc = open("07-problems-remedies.txt")

  it("gives kind, parent, marker, title and row of every entry", function()
    local entries = doc:entries()
    local columns = doc:entry_columns()
    assert.are.equal(#entries, #columns.kind)
    for i, e in ipairs(entries) do
      assert.are.same({e.kind, e.parent or false, e.marker, e.title, e.row},
        {columns.kind[i], columns.parent[i], columns.marker[i], columns.title[i], columns.row[i]})
    end
  end)

  it("gives a slice, clamped to the outline", function()
    local entries = doc:entries()
    local slice = doc:entry_columns(2, 3)
    assert.are.same({entries[2].title, entries[3].title}, slice.title)
    assert.are.equal(1, #doc:entry_columns(#entries, #entries + 10).kind)
    assert.are.equal(0, #doc:entry_columns(5, 4).kind)
    assert.are.equal(2, #doc:entry_columns(-1, 2).kind)
    assert.has_error(function() doc:entry_columns("a") end)
  end)
end)

describe("doc:fixes", function()
  it("returns sorted, non-overlapping edits that fix what they claim", function()
    local text = helper.fixture("02-messy-markers.txt")
    local doc = assert(gongwen.parse(text))
    local edits = assert(doc:fixes())
    assert.is_true(#edits > 0)
    for i, edit in ipairs(edits) do
      assert.is_true(edit.start_byte <= edit.end_byte)
      if i > 1 then assert.is_true(edits[i - 1].end_byte <= edit.start_byte) end
      assert.are.same({doc:point_at(edit.start_byte)}, {edit.start_row, edit.start_col})
    end
    -- Applied from the end, through doc:edit, the fixes leave nothing to fix.
    for i = #edits, 1, -1 do
      assert.is_true(doc:edit(edits[i].start_byte, edits[i].end_byte, edits[i].text))
    end
    assert.are_not.equal(text, doc:text())
    assert.are.same({}, doc:fixes())
  end)

  it("fixes one rule or one group", function()
    local doc = open("02-messy-markers.txt")
    local all = doc:fixes()
    local some = doc:fixes({rule = "numbering/*"})
    assert.is_true(#some <= #all)
    -- Without a rule, only the rules that opts.rules leaves on are fixed.
    assert.are.same({}, doc:fixes({rules = {["*"] = "off"}}))
    assert.are.same(all, doc:fixes({rules = {["numbering/sequence"] = "error"}}))
  end)

  it("returns nil and a message for an unknown rule", function()
    local edits, message = open("02-messy-markers.txt"):fixes({rule = "no/such-rule"})
    assert.is_nil(edits)
    assert.truthy(message:match("unknown rule"), message)
  end)

  it("raises an error for a rule that is not text", function()
    local doc = open("02-messy-markers.txt")
    assert.has_error(function() doc:fixes({rule = 3}) end)
    assert.has_error(function() doc:fixes("numbering/*") end)
  end)
end)

describe("doc:pairs and doc:pair_of", function()
  local doc = open("07-problems-remedies.txt")
  local pairs_ = doc:pairs()

  it("match problems with remedies, as the fixture README says", function()
    assert.are.equal(4, #pairs_)
    local expected = {[10] = 26, [13] = 32, [16] = 29} -- problem row -> remedy row
    for _, pair in ipairs(pairs_) do
      assert.is_table(pair.problem)
      assert.is_true(pair.score >= 0 and pair.score <= 1)
      if expected[pair.problem.row] then
        assert.are.equal(expected[pair.problem.row], pair.remedy.row)
      else
        assert.are.equal(19, pair.problem.row)
        assert.is_nil(pair.remedy)
      end
    end
  end)

  it("find the pair of a problem, a remedy or a cause", function()
    for _, pair in ipairs(pairs_) do
      assert.are.equal(pair.problem.id, doc:pair_of(pair.problem.id).problem.id)
      if pair.remedy then
        assert.are.equal(pair.problem.id, doc:pair_of(pair.remedy.id).problem.id)
      end
      if pair.cause then
        assert.are.equal(pair.problem.id, doc:pair_of(pair.cause.id).problem.id)
      end
    end
    assert.is_nil(doc:pair_of(1)) -- 一、整改工作总体情况
    assert.is_nil(doc:pair_of(0))
    assert.is_nil(doc:pair_of(100000))
    assert.has_error(function() doc:pair_of() end)
  end)
end)

describe("doc:edit, doc:text, doc:point_at, doc:byte_at, doc:tree", function()
  it("edit the text and re-read the outline", function()
    local doc = assert(gongwen.parse("一、总体情况\n二、存在问题\n"))
    assert.are.equal(2, #doc:outline())
    local second = doc:byte_at(1, 0)
    assert.are.equal(#"一、总体情况\n", second)
    assert.is_true(doc:edit(second, second, "（一）组织领导\n"))
    assert.are.equal("一、总体情况\n（一）组织领导\n二、存在问题\n", doc:text())
    local outline = doc:outline()
    assert.are.equal(3, #outline)
    assert.are.equal(2, outline[2].level)
    assert.are.same({1, 0}, {doc:point_at(second)})
    assert.truthy(doc:tree():match("^%(document"))
  end)

  it("tell what the last edit changed in the outline (doc:last_change)", function()
    local doc = assert(gongwen.parse("一、总体情况\n（一）组织领导\n二、存在问题\n（一）学习不够\n"
      .. "（二）制度不全\n三、整改措施\n（一）加强学习\n四、下一步打算\n（一）健全制度\n"))
    assert.is_nil(doc:last_change())
    local before = doc:entries()
    -- A character typed into a title: only the section of 二、 is read again.
    local at = doc:byte_at(3, #"（一）学习")
    assert.is_true(doc:edit(at, at, "的"))
    assert.are.same({first = 3, removed = 3, added = 3}, doc:last_change())
    local after = doc:entries()
    assert.are.equal("学习的不够", after[4].title)
    for _, id in ipairs({1, 2, 6, 7}) do
      assert.are.equal(before[id].title, after[id].title)
    end
    -- A heading added: one entry more, the later ones one id further.
    at = doc:byte_at(5, 0) - 1
    assert.is_true(doc:edit(at, at, "\n（三）监督不力"))
    local change = doc:last_change()
    assert.are.same({first = 3, removed = 3, added = 4}, change)
    after = doc:entries()
    assert.are.equal(10, #after)
    assert.are.equal("监督不力", after[6].title)
    assert.are.equal("整改措施", after[7].title)
    assert.are.equal(7, after[8].parent)
    assert.are.equal(9, after[10].parent)
    -- A failed edit changes nothing, the last change neither.
    assert.is_nil(doc:edit(0, 100000, ""))
    assert.are.same(change, doc:last_change())
    -- Everything replaced: the whole outline.
    assert.is_true(doc:edit(0, #doc:text(), "一、总体情况\n"))
    assert.are.same({first = 1, removed = 10, added = 1}, doc:last_change())
    doc:close()
    assert.has_error(function() doc:last_change() end)
  end)

  it("return nil and a message for a range outside the text", function()
    local doc = assert(gongwen.parse("一、总体情况\n"))
    local ok, message = doc:edit(5, 1000, "")
    assert.is_nil(ok)
    assert.is_string(message)
    ok, message = doc:edit(6, 3, "")
    assert.is_nil(ok)
    assert.is_string(message)
    assert.are.equal("一、总体情况\n", doc:text())
  end)

  it("raise an error for arguments of the wrong type", function()
    local doc = assert(gongwen.parse("一、总体情况\n"))
    assert.has_error(function() doc:edit(-1, 0, "") end)
    assert.has_error(function() doc:edit(0, 0) end)
    assert.has_error(function() doc:edit(0, 0, {}) end)
    assert.has_error(function() doc:point_at(-1) end)
    assert.has_error(function() doc:byte_at(0) end)
  end)
end)
