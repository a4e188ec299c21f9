-- Median and spread of timings, for the Lua benchmarks (bench/lua_bench.lua
-- under LuaJIT, bench/nvim_bench.lua in Neovim); loaded with dofile.
local M = {}

-- { median, min, max, n } of a list of times in ms (sorted in place).
function M.summary(samples)
  table.sort(samples)
  local n = #samples
  local median = n % 2 == 1 and samples[(n + 1) / 2] or (samples[n / 2] + samples[n / 2 + 1]) / 2
  return { median = median, min = samples[1], max = samples[n], n = n }
end

-- "1.23 ms (1.20–1.31)", or in µs below 1 ms.
function M.show(s)
  if s.median < 1 then
    return string.format("%.1f µs (%.1f–%.1f)", s.median * 1e3, s.min * 1e3, s.max * 1e3)
  end
  return string.format("%.2f ms (%.2f–%.2f)", s.median, s.min, s.max)
end

return M
