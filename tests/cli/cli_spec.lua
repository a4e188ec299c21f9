-- End-to-end tests of `gongwen` (GONGWEN_CLI names the binary), under
-- lua5.4 with dkjson to read its JSON and the Lua module to compare with.
local helper = require("helper")
local json = require("dkjson")
local gongwen = require("gongwen")

local cli = os.getenv("GONGWEN_CLI") or "build/gongwen"
local fixtures = "tests/fixtures/"

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function command_line(args)
  local parts = {}
  for i, arg in ipairs(args) do parts[i] = quote(arg) end
  return table.concat(parts, " ")
end

-- Runs the CLI with `args` (a list), standard input from `stdin` (a path)
-- and the environment prefix `env`; returns status, stdout, stderr.
local function run(args, options)
  options = options or {}
  local out, err = os.tmpname(), os.tmpname()
  local env = options.env or "LC_ALL= LC_MESSAGES= LANG=C.UTF-8"
  local program = options.program or cli
  -- as_user (setpriv …) runs the program as another user; the redirections
  -- stay with this shell, which may write the temporary files.
  local line = env .. " " .. (options.as_user and options.as_user .. " " or "") ..
      quote(program) .. " " .. command_line(args) ..
      " < " .. quote(options.stdin or "/dev/null") .. " > " .. out .. " 2> " .. err
  local _, how, status = os.execute(line)
  if how == "signal" then status = 128 + status end
  local stdout, stderr = helper.read(out), helper.read(err)
  os.remove(out)
  os.remove(err)
  return status, stdout, stderr
end

local function decode(text)
  local value, _, message = json.decode(text)
  assert(value ~= nil, "not JSON: " .. tostring(message) .. "\n" .. text)
  return value
end

local function temp_dir()
  local pipe = io.popen("mktemp -d")
  local dir = pipe:read("*l")
  pipe:close()
  return dir
end

local function remove_tree(dir)
  os.execute("chmod -R u+w " .. quote(dir) .. " 2>/dev/null; rm -rf " .. quote(dir))
end

local function listing(dir)
  local pipe = io.popen("ls -A " .. quote(dir))
  local names = {}
  for name in pipe:lines() do names[#names + 1] = name end
  pipe:close()
  return names
end

-- (line, column, rule) of each finding, from any of the three formats.
local function findings_from_text(stdout)
  local list = {}
  for line in stdout:gmatch("[^\n]+") do
    local l, c, severity, rule = line:match("^[^:]+:(%d+):(%d+): (%a+): .+ %[([%w/%-]+)%]$")
    assert(l, "not file:line:column: severity: message [rule]: " .. line)
    list[#list + 1] = l .. ":" .. c .. ":" .. rule .. ":" .. severity
  end
  return list
end

local function findings_from_json(stdout)
  local list = {}
  for _, d in ipairs(decode(stdout)) do
    list[#list + 1] = d.line .. ":" .. d.column .. ":" .. d.rule .. ":" .. d.severity
  end
  return list
end

local sarif_severity = {error = "error", warning = "warning", note = nil}
local function findings_from_sarif(stdout, json_list)
  local log = decode(stdout)
  local list = {}
  for i, result in ipairs(log.runs[1].results) do
    local region = result.locations[1].physicalLocation.region
    -- SARIF has one level for info and hint: take the word from json.
    local severity = sarif_severity[result.level] or json_list[i]:match("[^:]+$")
    list[#list + 1] = region.startLine .. ":" .. region.startColumn .. ":" .. result.ruleId ..
        ":" .. severity
  end
  return list
end

describe("gongwen --help and --version", function()
  it("print the version", function()
    local status, stdout = run({"--version"})
    assert.are.equal(0, status)
    assert.are.equal("gongwen 0.1.0\n", stdout)
    assert.are.equal("gongwen 0.1.0\n", select(2, run({"-V"})))
  end)

  it("print the usage in English or Chinese", function()
    local status, stdout = run({"--help"})
    assert.are.equal(0, status)
    for _, word in ipairs({"lint", "outline", "pairs", "fix", "--format", "--in-place", "sarif",
                           ".gongwenrc", "Exit status"}) do
      assert.truthy(stdout:find(word, 1, true), word)
    end
    assert.are.equal(stdout, select(2, run({"lint", "-h"})))
    local _, chinese = run({"--help"}, {env = "LC_ALL= LANG=zh_CN.UTF-8"})
    assert.truthy(chinese:find("用法", 1, true))
    assert.are.equal(chinese, select(2, run({"--lang", "zh", "--help"})))
    assert.are.equal(stdout, select(2, run({"--lang=en", "--help"}, {env = "LANG=zh_CN.UTF-8"})))
  end)
end)

describe("usage errors", function()
  local cases = {
    {},
    {"frobnicate", fixtures .. "01-standard.txt"},
    {"lint"},
    {"lint", "--bogus", fixtures .. "01-standard.txt"},
    {"lint", "--format", "yaml", fixtures .. "01-standard.txt"},
    {"lint", "--format"},
    {"outline", "--format", "sarif", fixtures .. "01-standard.txt"},
    {"outline", fixtures .. "01-standard.txt", fixtures .. "02-messy-markers.txt"},
    {"lint", "--enable", "no/such-rule", fixtures .. "01-standard.txt"},
    {"lint", "--enable", "numbering/sequence=loud", fixtures .. "01-standard.txt"},
    {"lint", "--disable", "nothing/*", fixtures .. "01-standard.txt"},
    {"fix", "--rule", "no/such-rule", fixtures .. "01-standard.txt"},
    {"lint", "--fix", "-"},
    {"fix", "--in-place", "-"},
    {"lint", "-", "-"},
    {"outline", "--fix", fixtures .. "01-standard.txt"},
    {"lint", "--lang", "fr", fixtures .. "01-standard.txt"},
    {"lint", "--version=1", fixtures .. "01-standard.txt"},
    {"rules", fixtures .. "01-standard.txt"},
  }
  for _, args in ipairs(cases) do
    it("exit 2 for: gongwen " .. table.concat(args, " "), function()
      local status, stdout, stderr = run(args)
      assert.are.equal(2, status)
      assert.are.equal("", stdout)
      assert.truthy(stderr:match("^gongwen: "), stderr)
      assert.truthy(stderr:find("gongwen --help", 1, true), stderr)
    end)
  end

  it("are in Chinese under a Chinese locale", function()
    local _, _, stderr = run({"frobnicate"}, {env = "LC_ALL=zh_CN.UTF-8"})
    assert.truthy(stderr:find("未知命令", 1, true), stderr)
  end)
end)

describe("input errors", function()
  it("exit 2 for a missing file, after reporting the others", function()
    local status, stdout, stderr = run({"lint", fixtures .. "05-numbering-faults.txt",
                                        "/nonexistent/report.txt"})
    assert.are.equal(2, status)
    assert.truthy(stdout:find("05-numbering-faults.txt:", 1, true))
    assert.truthy(stderr:find("/nonexistent/report.txt", 1, true))
    for _, command in ipairs({"outline", "pairs", "fix"}) do
      assert.are.equal(2, (run({command, "/nonexistent/report.txt"})))
    end
  end)

  it("exit 2 for an encoding that does not exist", function()
    local status, _, stderr = run({"lint", "--encoding", "NO-SUCH-CHARSET",
                                   fixtures .. "01-standard.txt"})
    assert.are.equal(2, status)
    assert.truthy(stderr:match("^gongwen: "))
  end)

  it("exit 2 for a directory", function()
    assert.are.equal(2, (run({"outline", "tests/fixtures"})))
  end)
end)

describe("gongwen lint", function()
  local faulty = fixtures .. "05-numbering-faults.txt"

  it("exits 1 and prints file:line:column: severity: message [rule]", function()
    local status, stdout, stderr = run({"lint", faulty})
    assert.are.equal(1, status)
    assert.are.equal("", stderr)
    local findings = findings_from_text(stdout)
    assert.is_true(#findings > 0)
    for line in stdout:gmatch("[^\n]+") do
      assert.are.equal(faulty, line:match("^(.-):%d+:%d+: "))
    end
  end)

  it("exits 0 and prints nothing when nothing is found", function()
    local status, stdout = run({"lint", "--disable", "*", faulty})
    assert.are.equal(0, status)
    assert.are.equal("", stdout)
    status, stdout = run({"lint", "--format", "json", "--disable", "*", faulty})
    assert.are.equal(0, status)
    assert.are.same({}, decode(stdout))
    status, stdout = run({"lint", fixtures .. "01-standard.txt"})
    assert.are.equal(0, status, stdout)
  end)

  it("prints json: 1-based lines, columns in characters", function()
    local status, stdout = run({"lint", "--format", "json", faulty})
    assert.are.equal(1, status)
    local list = decode(stdout)
    -- The same findings as the Lua module, with rows + 1 and byte columns
    -- turned into character columns.
    local text = helper.read(faulty)
    local doc = assert(gongwen.parse(text))
    local expected = doc:lint({lang = "en"})
    assert.are.equal(#expected, #list)
    local lines = {}
    for line in (text .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
    for i, d in ipairs(list) do
      local e = expected[i]
      assert.are.equal(faulty, d.file)
      assert.are.equal(e.rule, d.rule)
      assert.are.equal(e.row + 1, d.line)
      assert.are.equal(utf8.len(lines[e.row + 1]:sub(1, e.col)) + 1, d.column)
      assert.are.equal(e.end_row + 1, d.end_line)
      assert.are.equal(utf8.len((lines[e.end_row + 1] or ""):sub(1, e.end_col)) + 1, d.end_column)
      assert.are.equal(e.message_en, d.message)
      assert.are.equal(#e.edits > 0, d.fixable)
      assert.are.equal(({"error", "warning", "info", "hint"})[e.severity], d.severity)
    end
  end)

  it("prints SARIF 2.1.0 with the same findings", function()
    local status, stdout = run({"lint", "--format", "sarif", faulty})
    assert.are.equal(1, status)
    local log = decode(stdout)
    assert.are.equal("2.1.0", log.version)
    assert.is_string(log["$schema"])
    local run1 = log.runs[1]
    assert.are.equal("gongwen", run1.tool.driver.name)
    assert.are.equal("0.1.0", run1.tool.driver.version)
    assert.are.equal("unicodeCodePoints", run1.columnKind)
    assert.are.equal(#gongwen.rules(), #run1.tool.driver.rules)
    for _, result in ipairs(run1.results) do
      assert.are.equal(result.ruleId, run1.tool.driver.rules[result.ruleIndex + 1].id)
      assert.truthy(({error = true, warning = true, note = true})[result.level])
      assert.is_string(result.message.text)
      local location = result.locations[1].physicalLocation
      assert.truthy(location.artifactLocation.uri:match("05%-numbering%-faults%.txt$"))
      assert.is_number(location.region.endColumn)
    end
    local json_list = findings_from_json(select(2, run({"lint", "--format", "json", faulty})))
    assert.are.same(json_list, findings_from_sarif(stdout, json_list))
    assert.are.same(json_list, findings_from_text(select(2, run({"lint", faulty}))))
  end)

  it("prints an empty SARIF log when nothing is found", function()
    local status, stdout = run({"lint", "--format=sarif", "--disable=*", faulty})
    assert.are.equal(0, status)
    assert.are.same({}, decode(stdout).runs[1].results)
  end)

  it("reads standard input", function()
    local _, from_file = run({"lint", "--format", "json", faulty})
    local status, stdout = run({"lint", "--format", "json", "-"}, {stdin = faulty})
    assert.are.equal(1, status)
    local a, b = decode(from_file), decode(stdout)
    assert.are.equal(#a, #b)
    for i = 1, #a do
      assert.are.equal("<stdin>", b[i].file)
      b[i].file = a[i].file
    end
    assert.are.same(a, b)
    local _, named = run({"lint", "--stdin-filename", "report.txt", "-"}, {stdin = faulty})
    assert.truthy(named:match("^report%.txt:%d+:%d+: "))
  end)

  it("lints several files into one report", function()
    local status, stdout = run({"lint", "--format", "json", faulty, fixtures .. "01-standard.txt",
                                fixtures .. "02-messy-markers.txt"})
    assert.are.equal(1, status)
    local files = {}
    for _, d in ipairs(decode(stdout)) do files[d.file] = true end
    assert.is_true(files[faulty])
  end)

  it("gives the same findings for a GB18030 copy as for the UTF-8 file", function()
    local dir = temp_dir()
    local copy = dir .. "/05-gb18030.txt"
    helper.write(copy, helper.iconv(helper.read(faulty), "GB18030"))
    local _, utf8_out = run({"lint", "--format", "json", faulty})
    local status, gb_out = run({"lint", "--format", "json", copy})
    local _, forced = run({"lint", "--format", "json", "--encoding", "GB18030", copy})
    local _, piped = run({"lint", "--format", "json", "-"}, {stdin = copy})
    remove_tree(dir)
    assert.are.equal(1, status)
    local expected = decode(utf8_out)
    for _, output in ipairs({gb_out, forced, piped}) do
      local got = decode(output)
      assert.are.equal(#expected, #got)
      for i = 1, #got do got[i].file = expected[i].file end
      assert.are.same(expected, got)
    end
  end)

  it("gives the same positions for UTF-16 and for UTF-8 with a BOM and CRLF", function()
    local dir = temp_dir()
    local copy = dir .. "/09-utf16.txt"
    local original = fixtures .. "09-crlf-bom.txt"
    -- iconv's UTF-16 writes a BOM; the UTF-8 BOM in the fixture becomes a
    -- second one, so drop it first.
    helper.write(copy, helper.iconv(helper.read(original):gsub("^\239\187\191", ""), "UTF-16"))
    local _, utf8_out = run({"outline", "--format", "json", original})
    local status, utf16_out = run({"outline", "--format", "json", copy})
    remove_tree(dir)
    assert.are.equal(0, status)
    assert.are.same(decode(utf8_out), decode(utf16_out))
  end)

  it("prints messages in the language of LANG or --lang", function()
    local _, zh = run({"lint", "--format", "json", faulty}, {env = "LC_ALL= LANG=zh_CN.UTF-8"})
    local _, en = run({"lint", "--format", "json", faulty})
    local _, forced = run({"lint", "--lang", "zh", "--format", "json", faulty})
    local doc = assert(gongwen.parse(helper.read(faulty)))
    local expected = doc:lint()
    zh, en, forced = decode(zh), decode(en), decode(forced)
    for i, d in ipairs(expected) do
      assert.are.equal(d.message_zh, zh[i].message)
      assert.are.equal(d.message_zh, forced[i].message)
      assert.are.equal(d.message_en, en[i].message)
    end
  end)

  it("turns rules on and off with --enable and --disable", function()
    local _, all = run({"lint", "--format", "json", faulty})
    all = decode(all)
    local rule = all[1].rule
    local group = rule:match("^[^/]+") .. "/*"
    local _, only = run({"lint", "--format", "json", "--disable", "*", "--enable", group, faulty})
    only = decode(only)
    assert.is_true(#only > 0)
    for _, d in ipairs(only) do assert.are.equal(group:sub(1, -2), d.rule:sub(1, #group - 1)) end
    local _, graded = run({"lint", "--format", "json", "--disable", "*",
                           "--enable", rule .. "=hint", faulty})
    for _, d in ipairs(decode(graded)) do
      assert.are.equal(rule, d.rule)
      assert.are.equal("hint", d.severity)
    end
    local status = run({"lint", "--disable", rule, "--disable", group, "--disable", "*", faulty})
    assert.are.equal(0, status)
  end)

  it("fixes files in place with --fix, then reports what is left", function()
    local dir = temp_dir()
    local copy = dir .. "/02.txt"
    local original = helper.read(fixtures .. "02-messy-markers.txt")
    helper.write(copy, original)
    local _, fixed = run({"fix", copy})
    local status, stdout = run({"lint", "--fix", "--format", "json", copy})
    local after = helper.read(copy)
    remove_tree(dir)
    assert.truthy(status == 0 or status == 1)
    assert.are.equal(fixed, after)
    assert.are_not.equal(original, after)
    for _, d in ipairs(decode(stdout)) do assert.is_false(d.fixable) end
  end)
end)

describe(".gongwenrc", function()
  local dir, report

  before_each(function()
    dir = temp_dir()
    os.execute("mkdir -p " .. quote(dir .. "/a/b"))
    report = dir .. "/a/b/report.txt"
    helper.write(report, helper.read(fixtures .. "05-numbering-faults.txt"))
  end)

  after_each(function() remove_tree(dir) end)

  it("is found by walking up from the file", function()
    helper.write(dir .. "/.gongwenrc", "# everything off\n* = off\n")
    assert.are.equal(0, (run({"lint", report})))
    assert.are.equal(1, (run({"lint", "--no-config", report})))
    -- --enable comes after the file
    local status, stdout = run({"lint", "--format", "json", "--enable", "numbering/*", report})
    assert.are.equal(1, status)
    for _, d in ipairs(decode(stdout)) do assert.truthy(d.rule:match("^numbering/")) end
  end)

  it("nearer files win, and --stdin-filename says where to look", function()
    helper.write(dir .. "/.gongwenrc", "* = off\n")
    helper.write(dir .. "/a/b/.gongwenrc", "* = error\n")
    local status, stdout = run({"lint", "--format", "json", report})
    assert.are.equal(1, status)
    for _, d in ipairs(decode(stdout)) do assert.are.equal("error", d.severity) end
    assert.are.equal(0, (run({"lint", "--stdin-filename", dir .. "/x.txt", "-"}, {stdin = report})))
  end)

  it("--config names the file instead", function()
    helper.write(dir .. "/other.rc", "[rules]\n* = off\n")
    assert.are.equal(0, (run({"lint", "--config", dir .. "/other.rc", report})))
  end)

  it("a bad file is an input error naming the line", function()
    helper.write(dir .. "/a/.gongwenrc", "# fine\nnumbering/sequence = loud\n")
    local status, stdout, stderr = run({"lint", report})
    assert.are.equal(2, status)
    assert.are.equal("", stdout)
    assert.truthy(stderr:find(dir .. "/a/.gongwenrc:2:", 1, true), stderr)
    assert.truthy(stderr:find("RULE = SEVERITY", 1, true), stderr)
    helper.write(dir .. "/a/.gongwenrc", "no/such-rule = off\n")
    status, _, stderr = run({"lint", report})
    assert.are.equal(2, status)
    assert.truthy(stderr:find(".gongwenrc:1: unknown rule", 1, true), stderr)
  end)

  it("the Lua module reads the same file", function()
    local text = "numbering/* = off\n"
    helper.write(dir .. "/.gongwenrc", text)
    local doc = assert(gongwen.parse(helper.read(report)))
    local lua_findings = doc:lint({rules = assert(gongwen.read_config(text))})
    local _, stdout = run({"lint", "--format", "json", report})
    assert.are.equal(#lua_findings, #decode(stdout))
  end)
end)

describe("gongwen outline", function()
  local file = fixtures .. "01-standard.txt"

  it("prints json entries that agree with the Lua module", function()
    local status, stdout = run({"outline", "--format", "json", file})
    assert.are.equal(0, status)
    local list = decode(stdout)
    local entries = assert(gongwen.parse(helper.read(file))):entries()
    assert.are.equal(#entries, #list)
    for i, e in ipairs(list) do
      assert.are.equal(entries[i].kind, e.kind)
      assert.are.equal(entries[i].level, e.level)
      assert.are.equal(entries[i].number, e.number)
      assert.are.equal(entries[i].marker, e.marker)
      assert.are.equal(entries[i].title, e.title)
      assert.are.equal(entries[i].row + 1, e.line)
      assert.is_true(e.end_line >= e.line)
    end
  end)

  it("counts columns in characters of the original text (09: BOM, CRLF, lone CR)", function()
    -- Lines end at LF only, as in the library and Neovim: the lone CR is a
    -- character of its line.
    local original = fixtures .. "09-crlf-bom.txt"
    local _, stdout = run({"outline", "--format", "json", original})
    local text = helper.read(original):gsub("^\239\187\191", "")
    local lines = {}
    for line in (text .. "\n"):gmatch("([^\n]*)\n") do
      lines[#lines + 1] = line
    end
    local items = 0
    for _, e in ipairs(decode(stdout)) do
      local line = lines[e.line]
      local offset = utf8.offset(line, e.column)
      assert.are.equal(e.marker, line:sub(offset, offset + #e.marker - 1))
      if e.column > 1 then items = items + 1 end
    end
    assert.is_true(items > 0)
  end)

  it("prints an indented tree", function()
    local status, stdout = run({"outline", file})
    assert.are.equal(0, status)
    local _, json_out = run({"outline", "--format", "json", file})
    local list = decode(json_out)
    local i = 0
    local entries = assert(gongwen.parse(helper.read(file))):entries()
    for line in stdout:gmatch("[^\n]+") do
      i = i + 1
      local number, indent, rest = line:match("^%s*(%d+)  ( *)(.+)$")
      assert.are.equal(list[i].line, tonumber(number))
      assert.are.equal(list[i].marker .. list[i].title, rest)
      local depth, parent = 0, entries[i].parent
      while parent do depth, parent = depth + 1, entries[parent].parent end
      assert.are.equal(2 * depth, #indent)
    end
    assert.are.equal(#list, i)
  end)

  it("reads standard input and GB18030", function()
    local _, expected = run({"outline", file})
    local status, stdout = run({"outline", "-"}, {stdin = file})
    assert.are.equal(0, status)
    assert.are.equal(expected, stdout)
    local dir = temp_dir()
    helper.write(dir .. "/gb.txt", helper.iconv(helper.read(file), "GB18030"))
    status, stdout = run({"outline", dir .. "/gb.txt"})
    remove_tree(dir)
    assert.are.equal(0, status)
    assert.are.equal(expected, stdout)
  end)
end)

describe("gongwen pairs", function()
  local file = fixtures .. "07-problems-remedies.txt"

  it("prints json pairs and the problems left unmatched", function()
    local status, stdout = run({"pairs", "--format", "json", file})
    assert.are.equal(0, status)
    local result = decode(stdout)
    local remedy_of = {}
    for _, pair in ipairs(result.pairs) do
      assert.is_string(pair.problem.marker)
      assert.is_string(pair.problem.title)
      assert.is_true(pair.score >= 0 and pair.score <= 1)
      assert.are.equal(24, pair.cause.line)
      remedy_of[pair.problem.line] = pair.remedy.line
    end
    assert.are.same({[11] = 27, [14] = 33, [17] = 30}, remedy_of)
    assert.are.equal(1, #result.unmatched)
    assert.are.equal(20, result.unmatched[1].problem.line)
    assert.are.equal("（四）", result.unmatched[1].problem.marker)
  end)

  it("prints text, in English or Chinese", function()
    local status, stdout = run({"pairs", file})
    assert.are.equal(0, status)
    assert.truthy(stdout:find("problem 11: （一）重大行政决策合法性审查不够规范", 1, true))
    assert.truthy(stdout:find("remedy 27: （一）规范重大行政决策合法性审查", 1, true))
    assert.truthy(stdout:find("remedy: none", 1, true))
    local _, chinese = run({"pairs", "--lang", "zh", file})
    assert.truthy(chinese:find("问题 11: ", 1, true))
  end)

  it("reads standard input", function()
    local _, expected = run({"pairs", "--format", "json", file})
    local status, stdout = run({"pairs", "--format", "json", "-"}, {stdin = file})
    assert.are.equal(0, status)
    assert.are.equal(expected, stdout)
  end)
end)

describe("gongwen fix", function()
  local messy = fixtures .. "02-messy-markers.txt"

  it("prints the fixed text, which has nothing left to fix", function()
    local status, stdout = run({"fix", messy})
    assert.are.equal(0, status)
    assert.are_not.equal(helper.read(messy), stdout)
    local doc = assert(gongwen.parse(stdout))
    assert.are.same({}, doc:fixes())
    local _, piped = run({"fix", "-"}, {stdin = messy})
    assert.are.equal(stdout, piped)
  end)

  it("fixes only one rule or group with --rule", function()
    local doc = assert(gongwen.parse(helper.read(messy)))
    for _, rule in ipairs({"numbering/*", "numbering/width"}) do
      local status, stdout = run({"fix", "--rule", rule, messy})
      assert.are.equal(0, status)
      local fixed = assert(gongwen.parse(stdout))
      assert.are.same({}, fixed:fixes({rule = rule}))
      if #doc:fixes({rule = rule}) == 0 then assert.are.equal(helper.read(messy), stdout) end
    end
  end)

  it("keeps a UTF-8 BOM and prints UTF-8 for other encodings", function()
    local status, stdout = run({"fix", fixtures .. "09-crlf-bom.txt"})
    assert.are.equal(0, status)
    assert.are.equal("\239\187\191", stdout:sub(1, 3))
    local dir = temp_dir()
    helper.write(dir .. "/gb.txt", helper.iconv(helper.read(messy), "GB18030"))
    local _, expected = run({"fix", messy})
    status, stdout = run({"fix", dir .. "/gb.txt"})
    remove_tree(dir)
    assert.are.equal(0, status)
    assert.are.equal(expected, stdout)
  end)

  it("rewrites the file with --in-place, keeping its mode and encoding", function()
    local dir = temp_dir()
    local copy, gb = dir .. "/02.txt", dir .. "/02-gb.txt"
    helper.write(copy, helper.read(messy))
    helper.write(gb, helper.iconv(helper.read(messy), "GB18030"))
    os.execute("chmod 640 " .. quote(copy))
    local _, expected = run({"fix", messy})
    local status, stdout = run({"fix", "--in-place", copy})
    local status_gb = run({"fix", "-i", gb})
    local after, after_gb = helper.read(copy), helper.read(gb)
    local pipe = io.popen("stat -c %a " .. quote(copy))
    local mode = pipe:read("*l")
    pipe:close()
    local names = listing(dir)
    -- An unchanged file is left alone.
    local clean = dir .. "/01.txt"
    helper.write(clean, helper.read(fixtures .. "01-standard.txt"))
    os.execute("touch -d '2001-01-01' " .. quote(clean))
    local status_clean = run({"fix", "--in-place", clean})
    pipe = io.popen("date -r " .. quote(clean) .. " +%Y")
    local year = pipe:read("*l")
    pipe:close()
    remove_tree(dir)
    assert.are.equal(0, status)
    assert.are.equal("", stdout)
    assert.are.equal(expected, after)
    assert.are.equal("640", mode)
    assert.are.equal(0, status_gb)
    assert.are.equal(helper.iconv(expected, "GB18030"), after_gb)
    assert.are.same({"02-gb.txt", "02.txt"}, (function() table.sort(names) return names end)())
    assert.are.equal(0, status_clean)
    assert.are.equal("2001", year)
  end)

  it("--in-place in a read-only directory fails cleanly and leaves the file untouched", function()
    local dir = temp_dir()
    os.execute("mkdir " .. quote(dir .. "/ro") .. " " .. quote(dir .. "/bin"))
    local file = dir .. "/ro/report.txt"
    local original = helper.read(messy)
    helper.write(file, original)
    -- The binary is copied where any user may run it.
    os.execute("cp " .. quote(cli) .. " " .. quote(dir .. "/bin/gongwen") ..
               " && chmod 755 " .. quote(dir) .. " " .. quote(dir .. "/bin") ..
               " && chmod 666 " .. quote(file) .. " && chmod 555 " .. quote(dir .. "/ro"))
    local pipe = io.popen("id -u")
    local uid = pipe:read("*l")
    pipe:close()
    -- root may write anywhere: run as nobody then.
    local as_user = nil
    if uid == "0" then
      if os.execute("command -v setpriv >/dev/null 2>&1") ~= true then
        remove_tree(dir)
        pending("needs setpriv to drop root's rights")
        return
      end
      as_user = "setpriv --reuid=nobody --regid=nogroup --clear-groups"
    end
    local status, stdout, stderr = run({"fix", "--in-place", file},
                                       {program = dir .. "/bin/gongwen", as_user = as_user})
    local after = helper.read(file)
    local names = listing(dir .. "/ro")
    local lint_status = run({"lint", "--fix", file},
                            {program = dir .. "/bin/gongwen", as_user = as_user})
    local after_lint = helper.read(file)
    remove_tree(dir)
    assert.are.equal(2, status)
    assert.are.equal("", stdout)
    assert.truthy(stderr:find("report.txt", 1, true), stderr)
    assert.are.equal(original, after)
    assert.are.same({"report.txt"}, names)
    assert.are.equal(2, lint_status)
    assert.are.equal(original, after_lint)
  end)
end)

describe("gongwen rules", function()
  it("lists the rules in text and json", function()
    local status, stdout = run({"rules", "--format", "json"})
    assert.are.equal(0, status)
    local list = decode(stdout)
    local rules = gongwen.rules()
    assert.are.equal(#rules, #list)
    for i, rule in ipairs(rules) do
      assert.are.equal(rule.name, list[i].name)
      assert.are.equal(rule.severity, list[i].severity)
      assert.are.equal(rule.description_en, list[i].description)
    end
    local _, text = run({"rules"})
    assert.truthy(text:find(rules[1].name, 1, true))
  end)
end)

describe("odd input", function()
  it("an empty file has nothing to report", function()
    local status, stdout = run({"lint", "--format", "json", "-"}, {stdin = "/dev/null"})
    assert.are.equal(0, status)
    assert.are.same({}, decode(stdout))
    status, stdout = run({"outline", "--format", "json", "-"})
    assert.are.equal(0, status)
    assert.are.same({}, decode(stdout))
  end)

  it("bytes that are no text do not crash it, and json stays valid", function()
    local dir = temp_dir()
    local file = dir .. "/junk.txt"
    helper.write(file, "一、\255\254\0\128标题\n（一）\192\175x\n" .. ("\237\160\128"):rep(3))
    for _, args in ipairs({{"lint", "--format", "json", file}, {"outline", "--format", "json", file},
                           {"pairs", "--format", "json", file}, {"lint", "--format", "sarif", file}}) do
      local status, stdout = run(args)
      assert.truthy(status == 0 or status == 1 or status == 2, table.concat(args, " "))
      if status ~= 2 then decode(stdout) end
    end
    remove_tree(dir)
  end)
end)

describe("the seed reports", function()
  local seeds = helper.seeds()
  if #seeds == 0 then
    it("are absent: skipped", function() end)
  end
  for _, path in ipairs(seeds) do
    it(path, function()
      local status, stdout = run({"lint", "--format", "json", path})
      assert.truthy(status == 0 or status == 1)
      assert.are.equal(status == 1, #decode(stdout) > 0)
      status, stdout = run({"outline", "--format", "json", path})
      assert.are.equal(0, status)
      assert.is_true(#decode(stdout) > 0)
      status, stdout = run({"pairs", "--format", "json", path})
      assert.are.equal(0, status)
      assert.is_table(decode(stdout).pairs)
      status, stdout = run({"fix", path})
      assert.are.equal(0, status)
      assert.is_true(#stdout > 0)
    end)
  end
end)
