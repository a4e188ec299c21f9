-- Shared by the specs (Lua 5.4 and LuaJIT): the fixtures, the real reports
-- in ../shared/corpus/seeds when present, and conversions with iconv.
local helper = {}

function helper.read(path)
  local file = assert(io.open(path, "rb"))
  local data = file:read("*a")
  file:close()
  return data
end

function helper.write(path, data)
  local file = assert(io.open(path, "wb"))
  file:write(data)
  file:close()
end

function helper.fixture(name)
  return helper.read("tests/fixtures/" .. name)
end

-- Paths of the seed reports, or an empty list when the corpus is absent.
function helper.seeds()
  local dir = os.getenv("GW_SEEDS") or "../shared/corpus/seeds"
  local list = {}
  local pipe = io.popen('ls "' .. dir .. '" 2>/dev/null')
  if pipe then
    for name in pipe:lines() do
      if name:match("%.txt$") then list[#list + 1] = dir .. "/" .. name end
    end
    pipe:close()
  end
  return list
end

-- `text` converted from UTF-8 to `encoding` by iconv(1).
function helper.iconv(text, encoding)
  local input = os.tmpname()
  local output = os.tmpname()
  helper.write(input, text)
  local ok = os.execute("iconv -f UTF-8 -t " .. encoding .. " " .. input .. " > " .. output)
  local result = helper.read(output)
  os.remove(input)
  os.remove(output)
  assert(ok == true or ok == 0, "iconv to " .. encoding .. " failed")
  return result
end

-- The 0-based rows of a list of entries or diagnostics.
function helper.rows(list)
  local rows = {}
  for i, item in ipairs(list) do rows[i] = item.row end
  return rows
end

-- The first entry of `list` that starts on 0-based `row`.
function helper.at_row(list, row)
  for _, item in ipairs(list) do
    if item.row == row then return item end
  end
  return nil
end

return helper
