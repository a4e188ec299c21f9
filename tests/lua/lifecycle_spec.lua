-- The document object: metatable, close, __gc, __close and misuse.
local gongwen = require("gongwen")

local function new_doc()
  return assert(gongwen.parse("一、总体情况\n（一）组织领导\n二、存在问题\n"))
end

describe("a document", function()
  it("has the named metatable gongwen.document", function()
    local doc = new_doc()
    local registry = debug.getregistry()
    assert.are.equal(registry["gongwen.document"], getmetatable(doc))
    assert.are.equal("gongwen.document", getmetatable(doc).__name)
    assert.is_function(getmetatable(doc).__index.outline)
    assert.is_function(getmetatable(doc).__gc)
    assert.is_function(getmetatable(doc).__close)
  end)

  it("closes, and closing again is harmless", function()
    local doc = new_doc()
    assert.is_false(doc:is_closed())
    doc:close()
    assert.is_true(doc:is_closed())
    assert.has_no.errors(function() doc:close() end)
    assert.are.equal("gongwen.document (closed)", tostring(doc))
    local mt = getmetatable(doc)
    assert.has_no.errors(function() mt.__gc(doc) end)
    assert.has_no.errors(function() mt.__close(doc) end)
  end)

  it("raises an error when used after close", function()
    local doc = new_doc()
    doc:close()
    for _, call in ipairs({
      function() return doc:outline() end,
      function() return doc:entries() end,
      function() return doc:items() end,
      function() return doc:entry(1) end,
      function() return doc:section_at(0, 0) end,
      function() return doc:next_heading(0, 0) end,
      function() return doc:prev_heading(0, 0) end,
      function() return doc:parent(0, 0) end,
      function() return doc:breadcrumb(0, 0) end,
      function() return doc:lint() end,
      function() return doc:fixes() end,
      function() return doc:pairs() end,
      function() return doc:pair_of(1) end,
      function() return doc:edit(0, 0, "") end,
      function() return doc:text() end,
      function() return doc:point_at(0) end,
      function() return doc:byte_at(0, 0) end,
      function() return doc:tree() end,
    }) do
      assert.has_error(call, "gongwen: the document is closed")
    end
  end)

  it("explains a method called with . instead of :", function()
    local doc = new_doc()
    local ok, message = pcall(doc.outline)
    assert.is_false(ok)
    assert.truthy(message:match("doc:method"), message)
    ok, message = pcall(doc.outline, {})
    assert.is_false(ok)
    assert.truthy(message:match("without a document"), message)
    assert.has_error(function() doc.close() end)
    assert.has_error(function() doc.close({}) end)
  end)

  it("is freed by the garbage collector, also after close", function()
    for i = 1, 200 do
      local doc = new_doc()
      if i % 2 == 0 then doc:close() end
    end
    collectgarbage()
    collectgarbage()
    assert.are.equal(3, #new_doc():outline())
  end)

  it("closes at the end of a to-be-closed variable (Lua 5.4)", function()
    if _VERSION ~= "Lua 5.4" then return end
    local chunk = assert((loadstring or load)([[
      local gongwen, text = ...
      local kept
      do
        local doc <close> = assert(gongwen.parse(text))
        kept = doc
        assert(not doc:is_closed())
      end
      assert(kept:is_closed())
      do
        local doc <close> = assert(gongwen.parse(text))
        doc:close() -- and then __close again at the end of the block
        kept = doc
      end
      return kept:is_closed()
    ]]))
    assert.is_true(chunk(gongwen, "一、总体情况\n"))
  end)
end)
