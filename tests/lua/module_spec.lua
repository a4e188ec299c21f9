-- The module's functions: version, parse, rules, read_config, to_utf8.
local helper = require("helper")
local gongwen = require("gongwen")

describe("the module", function()
  it("is the build under test", function()
    local dir = os.getenv("GONGWEN_MODULE_DIR")
    if dir and package.searchpath then
      assert.are.equal(dir .. "/gongwen.so", package.searchpath("gongwen", package.cpath))
    end
  end)

  it("reports its version", function()
    assert.are.equal("0.1.0", gongwen.version())
    assert.are.equal("0.1.0", gongwen._VERSION)
  end)
end)

describe("gongwen.parse", function()
  it("returns a document", function()
    local doc = assert(gongwen.parse(helper.fixture("01-standard.txt")))
    assert.are.equal("userdata", type(doc))
    assert.truthy(tostring(doc):match("^gongwen%.document %(%d+ entries%)$"))
    doc:close()
  end)

  it("takes empty text and any bytes", function()
    local empty = assert(gongwen.parse(""))
    assert.are.same({}, empty:entries())
    assert.are.equal("", empty:text())
    local junk = "\0\255\254\128" .. ("一、\r（一）\n"):rep(100) .. "\237\160\128"
    local doc = assert(gongwen.parse(junk))
    assert.are.equal(junk, doc:text())
    assert.is_table(doc:outline())
    assert.is_table(doc:lint())
  end)

  it("raises an error for a value that is not text", function()
    assert.has_error(function() gongwen.parse() end)
    assert.has_error(function() gongwen.parse({}) end)
  end)
end)

describe("gongwen.rules", function()
  it("lists every rule with its severity and descriptions", function()
    local rules = gongwen.rules()
    assert.is_true(#rules > 0)
    local severities = {off = true, error = true, warning = true, info = true, hint = true}
    local seen = {}
    for _, rule in ipairs(rules) do
      assert.truthy(rule.name:match("^[%l%d-]+/[%l%d-]+$"), rule.name)
      assert.is_nil(seen[rule.name], "listed twice: " .. rule.name)
      seen[rule.name] = true
      assert.is_true(severities[rule.severity], rule.name)
      assert.is_true(#rule.description_en > 0)
      assert.is_true(#rule.description_zh > 0)
    end
    assert.is_true(seen["numbering/sequence"])
  end)
end)

describe("gongwen.read_config", function()
  local function group_rules(prefix)
    local names = {}
    for _, rule in ipairs(gongwen.rules()) do
      if rule.name:sub(1, #prefix) == prefix then names[#names + 1] = rule.name end
    end
    return names
  end

  it("returns what the text sets, groups expanded, and nothing else", function()
    local config = assert(gongwen.read_config(
      "# project settings\n[rules]\nnumbering/* = off\nnumbering/sequence = error\n"))
    local numbering = group_rules("numbering/")
    assert.is_true(#numbering > 1)
    local count = 0
    for _ in pairs(config) do count = count + 1 end
    assert.are.equal(#numbering, count)
    for _, name in ipairs(numbering) do
      assert.are.equal(name == "numbering/sequence" and "error" or "off", config[name])
    end
  end)

  it("returns an empty table for a file of comments", function()
    assert.are.same({}, gongwen.read_config("# nothing here\n\n"))
  end)

  it("returns nil and the line at fault for bad text", function()
    local config, message = gongwen.read_config("numbering/sequence = error\nnot a setting\n")
    assert.is_nil(config)
    assert.truthy(message:match("^line 2: "), message)
    config, message = gongwen.read_config("no/such-rule = error\n")
    assert.is_nil(config)
    assert.truthy(message:match("^line 1: .*unknown rule"), message)
    config, message = gongwen.read_config("numbering/sequence = loud\n")
    assert.is_nil(config)
    assert.truthy(message:match("^line 1: "), message)
  end)

  it("feeds doc:lint", function()
    local doc = assert(gongwen.parse(helper.fixture("05-numbering-faults.txt")))
    local all_off = assert(gongwen.read_config("* = off\n"))
    assert.are.same({}, doc:lint({rules = all_off}))
  end)

  it("raises an error for a value that is not text", function()
    assert.has_error(function() gongwen.read_config(nil) end)
  end)
end)

describe("gongwen.to_utf8", function()
  local text = helper.fixture("01-standard.txt")

  it("keeps UTF-8 as it is", function()
    local utf8, detected = gongwen.to_utf8(text)
    assert.are.equal(text, utf8)
    assert.are.equal("UTF-8", detected)
  end)

  it("detects GB18030 and UTF-16", function()
    local converted, detected = gongwen.to_utf8(helper.iconv(text, "GB18030"))
    assert.are.equal(text, converted)
    assert.truthy(detected:upper():match("GB"), detected)
    converted = gongwen.to_utf8("\255\254" .. helper.iconv(text, "UTF-16LE"))
    assert.are.equal(text, (converted:gsub("^\239\187\191", "")))
  end)

  it("converts from a named encoding", function()
    local converted, used = gongwen.to_utf8(helper.iconv(text, "GBK"), "GBK")
    assert.are.equal(text, converted)
    assert.is_string(used)
  end)

  it("returns nil and a message for an unknown encoding", function()
    local converted, message = gongwen.to_utf8("abc", "NO-SUCH-CHARSET")
    assert.is_nil(converted)
    assert.is_string(message)
  end)

  it("raises an error for a value that is not text", function()
    assert.has_error(function() gongwen.to_utf8({}) end)
  end)
end)
