-- The Lua binding (build/luajit/gongwen.so, what the Neovim plugin calls)
-- under LuaJIT: what turning the library's results into Lua tables adds to
-- the library's own work.
--
--   luajit bench/lua_bench.lua BUILD_DIR FILE...
--
-- For each report: gongwen.parse, doc:lint(), doc:entries(), doc:pairs(), and
-- an edit (doc:edit typing one character in the middle, then deleting it)
-- followed by doc:lint(); beside them the C library's full work on the same
-- report (BUILD_DIR/bench/bench full FILE), timed just before.  Wall-clock
-- times (clock_gettime(CLOCK_MONOTONIC) through the FFI); median (min–max).
-- Prints Markdown.
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *out);
]])
local CLOCK_MONOTONIC = 1
local now_buffer = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_buffer)
  return tonumber(now_buffer.tv_sec) * 1e3 + tonumber(now_buffer.tv_nsec) / 1e6
end

local build = assert(arg[1], "usage: luajit bench/lua_bench.lua BUILD_DIR FILE...")
package.cpath = build .. "/luajit/?.so;" .. package.cpath
local gongwen = require("gongwen")

local function read(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return data
end

local stats = dofile((arg[0]:match("^(.*)/[^/]*$") or ".") .. "/stats.lua")
local summary = stats.summary

-- Runs `run` once to warm up, then at least 5 times and for 1 s in all.
local function measure(run)
  run()
  local samples, total = {}, 0
  while #samples < 5 or (total < 1000 and #samples < 1000) do
    local ms = run()
    samples[#samples + 1] = ms
    total = total + ms
  end
  return summary(samples)
end

local show = stats.show

local function timed(f)
  local t0 = now_ms()
  f()
  return now_ms() - t0
end

print("### The Lua binding under LuaJIT")
print()
print("What the Neovim plugin calls: `build/luajit/gongwen.so` under " .. (jit and jit.version or _VERSION)
  .. ". `C full` is the library's `gw_document_new` + `gw_lint` on the same report, timed just "
  .. "before; `parse + lint` is `gongwen.parse` then `doc:lint()`, the same work with every finding "
  .. "made a Lua table. The edit types one character at the start of a line in the middle of the "
  .. "report (then deletes it), "
  .. "then lints. Median (min–max).")
print()
print("| report | C full | gongwen.parse | doc:lint() | parse + lint, × C full | doc:entries() | doc:pairs() | doc:edit + doc:lint() |")
print("|---|---|---|---|---|---|---|---|")
for i = 2, #arg do
  local path = arg[i]
  local text = read(path)
  local p = io.popen(string.format("%q full %q", build .. "/bench/bench", path))
  local out = p:read("*a")
  p:close()
  local c_full = tonumber(out:match("^(%S+)"))
  io.stderr:write("bench: Lua binding on " .. path .. "\n")

  local parse = measure(function()
    local doc
    local ms = timed(function()
      doc = assert(gongwen.parse(text))
    end)
    doc:close()
    return ms
  end)
  local doc = assert(gongwen.parse(text))
  local findings
  local lint = measure(function()
    return timed(function()
      findings = doc:lint()
    end)
  end)
  local entries = measure(function()
    return timed(function()
      doc:entries()
    end)
  end)
  local pairs_ = measure(function()
    return timed(function()
      doc:pairs()
    end)
  end)
  -- The start of the first line after the middle byte (a character
  -- boundary whatever the text; string.find's 1-based index of the line
  -- break is the 0-based offset just after it).
  local at = text:find("\n", math.floor(#text / 2), true) or 0
  local typed = false
  local edit = measure(function()
    return timed(function()
      if typed then
        assert(doc:edit(at, at + #"的", ""))
      else
        assert(doc:edit(at, at, "的"))
      end
      typed = not typed
      doc:lint()
    end)
  end)
  if typed then
    assert(doc:edit(at, at + #"的", ""))
  end
  assert(doc:text() == text, "the edits did not restore the text")
  doc:close()

  local size = #text >= 512 * 1024 and string.format("%.1f MB", #text / 1048576)
    or string.format("%.0f KB", #text / 1024)
  print(string.format("| %s (%d findings) | %s | %s | %s | %s | %s | %s | %s |", size, #findings,
    c_full and string.format("%.2f ms", c_full) or "n/a", show(parse), show(lint),
    c_full and string.format("%.2f×", (parse.median + lint.median) / c_full) or "n/a",
    show(entries), show(pairs_), show(edit)))
end
print()
