-- The real reports in ../shared/corpus/seeds, where present: every method
-- runs on each without an error, and positions stay inside the text.
local helper = require("helper")
local gongwen = require("gongwen")

describe("the seed reports", function()
  local seeds = helper.seeds()

  it("are present, or skipped", function()
    if #seeds == 0 then print("# skipped: no ../shared/corpus/seeds") end
  end)

  for _, path in ipairs(seeds) do
    it(path, function()
      local text = gongwen.to_utf8(helper.read(path))
      local doc = assert(gongwen.parse(text))
      local entries = doc:entries()
      assert.is_true(#doc:outline() > 0)
      local last_row = select(1, doc:point_at(#text))
      for _, e in ipairs(entries) do
        assert.is_true(e.row <= last_row and e.end_row <= last_row)
      end
      for row = 0, last_row do
        local section = doc:section_at(row, 0)
        if section then assert.is_true(section.row <= row) end
        local crumbs = doc:breadcrumb(row, 0)
        if section then assert.are.equal(section.id, crumbs[#crumbs].id) end
      end
      for _, d in ipairs(assert(doc:lint())) do
        assert.is_true(d.row <= last_row)
      end
      assert.is_table(doc:pairs())
      local edits = assert(doc:fixes())
      for i = #edits, 1, -1 do
        assert.is_true(doc:edit(edits[i].start_byte, edits[i].end_byte, edits[i].text))
      end
      doc:close()
    end)
  end
end)
