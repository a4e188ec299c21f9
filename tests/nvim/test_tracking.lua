-- The document of a buffer is kept current from nvim_buf_attach's byte
-- events.  These tests follow a buffer with a plain Lua copy of its text,
-- updated from the same events the document gets, and require the copy to
-- equal the buffer after every kind of change.
local t = require("helpers")
local api = vim.api
local buffer = require("gongwen.buffer")

local function mirror_of(buf)
  local m = { text = buffer.buffer_text(buf), changes = 0, region = buffer.region() }
  m.handle = buffer.track(buf, function(start, old_length, new_length)
    m.region:add(start, old_length, new_length)
    m.changes = m.changes + 1
  end, function()
    m.reloaded = true
  end)
  -- What State:sync() does: one edit for everything pending.
  function m.sync()
    if m.reloaded then
      m.text, m.reloaded, m.region = buffer.buffer_text(buf), false, buffer.region()
      return
    end
    local start, old_end, text = m.region:take(buf)
    if start then
      assert(start <= old_end and old_end <= #m.text, "edit inside the text")
      m.text = m.text:sub(1, start) .. text .. m.text:sub(old_end + 1)
    end
  end
  return m
end

local function check(m, buf, what)
  m.sync()
  local expected = buffer.buffer_text(buf)
  if m.text ~= expected then
    local i = 1
    while m.text:byte(i) == expected:byte(i) do
      i = i + 1
    end
    error(
      string.format(
        "%s: copy differs from the buffer at byte %d (sizes %d, %d):\n  copy   %q\n  buffer %q",
        what,
        i - 1,
        #m.text,
        #expected,
        m.text:sub(math.max(1, i - 20), i + 40),
        expected:sub(math.max(1, i - 20), i + 40)
      ),
      2
    )
  end
end

t.test("the copy follows normal-mode edits, undo and redo", function()
  local buf = t.open(t.fixture("01-standard.txt"))
  local m = mirror_of(buf)
  local steps = {
    { "insert in a line", "5Gf、a新增<Esc>" },
    { "open a line at the end", "Go最后一行<Esc>" },
    { "delete the last line", "Gdd" },
    { "delete the first line", "ggdd" },
    { "join lines", "10GJ" },
    { "undo", "u" },
    { "redo", "<C-r>" },
    { "change to the end of a line", "20Gf。C替换。<Esc>" },
    { "indent", "30G3>>" },
    { "visual block insert", "35G0<C-v>2jI　　<Esc>" },
    { "delete everything", "ggdG" },
    { "paste it back", "P" },
    { "undo twice", "uu" },
    { "replace a character", "7Gfxr0" },
    { "delete a word across a multibyte run", "8G5ldw" },
  }
  for _, step in ipairs(steps) do
    t.feed(step[2])
    check(m, buf, step[1])
  end
  t.ok(m.changes > 10, "changes seen")
end)

t.test("many changes between two updates of the copy make one edit", function()
  local buf = t.open(t.fixture("05-numbering-faults.txt"))
  local m = mirror_of(buf)
  t.feed("3Gdd10GJ20Gi插入<Esc>Gyyp5Gx")
  vim.cmd("%s/执法/行政执法/g")
  t.feed("ggOa<Esc>u")
  api.nvim_buf_set_text(buf, 0, 0, 0, 0, { "", "" })
  check(m, buf, "after a series of changes")
end)

t.test("the copy follows Ex commands and API calls", function()
  local buf = t.open(t.fixture("07-problems-remedies.txt"))
  local m = mirror_of(buf)
  vim.cmd("%s/问题/不足/g")
  check(m, buf, ":%s")
  vim.cmd("$put ='附件：无'")
  check(m, buf, ":$put")
  vim.cmd("1,3delete")
  check(m, buf, ":1,3delete")
  vim.cmd("$delete")
  check(m, buf, ":$delete at the end")
  api.nvim_buf_set_lines(buf, 0, -1, false, { "只有一行" })
  check(m, buf, "set_lines of everything")
  api.nvim_buf_set_lines(buf, -1, -1, false, { "追加一", "追加二" })
  check(m, buf, "append after the last line")
  api.nvim_buf_set_text(buf, 0, 0, 0, 0, { "回车\r在行中" })
  check(m, buf, "a carriage return inside a line")
  t.ok(m.text:find("回车\r在行中", 1, true), "the CR is in the document's text")
  vim.cmd("undo")
  check(m, buf, "undo")
  vim.cmd("%delete")
  check(m, buf, ":%delete")
end)

t.test("random edits with multibyte text", function()
  local buf = t.open(t.fixture("02-messy-markers.txt"))
  local m = mirror_of(buf)
  math.randomseed(20251230)
  local pieces = { "", "一、", "（二）", "\n", "3.", "文字", "a", "\n\n", "①、正文。\n" }
  for i = 1, 300 do
    local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
    local function position()
      local row = math.random(0, #lines - 1)
      local chars = vim.fn.strchars(lines[row + 1])
      local col = #vim.fn.strcharpart(lines[row + 1], 0, math.random(0, chars))
      return row, col
    end
    local r1, c1 = position()
    local r2, c2 = position()
    if r2 < r1 or (r2 == r1 and c2 < c1) then
      r1, c1, r2, c2 = r2, c2, r1, c1
    end
    if math.random() < 0.5 then
      r2, c2 = r1, c1 -- insertion
    end
    local text = pieces[math.random(#pieces)]
    api.nvim_buf_set_text(buf, r1, c1, r2, c2, vim.split(text, "\n", { plain = true }))
    if i % 7 == 0 then
      check(m, buf, "random edit " .. i)
    end
  end
  check(m, buf, "after 300 random edits")
end)

t.test(":edit! reports a reload or a detach, so that tracking can start again", function()
  local buf = t.open(t.fixture("03-traditional.txt"))
  local events = {}
  buffer.track(buf, function() end, function()
    events[#events + 1] = "reload"
  end, function()
    events[#events + 1] = "detach"
  end)
  t.feed("ggdd")
  vim.cmd("edit!")
  t.ok(#events > 0, "an event after :edit!")
end)

-- A generator of numbers 1..n, the same from the same seed.
local function random_from(seed)
  return function(n)
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n + 1
  end
end

t.test("emptying the buffer through the API leaves the document as the buffer", function()
  local buf, st = t.open_report(t.fixture("01-standard.txt"))
  api.nvim_buf_set_lines(buf, 0, -1, false, {})
  st:sync()
  t.eq(st.doc:text(), t.buffer_text(buf), "after nvim_buf_set_lines(0, -1, {})")
  t.feed("i一、标题<CR>正文<Esc>")
  st:sync()
  t.eq(st.doc:text(), t.buffer_text(buf), "after typing into it")
  api.nvim_buf_set_lines(buf, 0, -1, false, { "二、另一节" })
  st:sync()
  t.eq(st.doc:text(), t.buffer_text(buf), "after replacing every line")
  t.eq(t.notes, {}, "no message")
end)

t.test("entry columns carried over across edits are the document's", function()
  local pieces = { "的", "，", "\n", "一是", "二是", "。", "1.", "（一）", "一、", "\n二、", "问题", "措施", "",
    "特此报告。", "2025年1月1日", "①", "\n\n" }
  local random = random_from(11)
  local function check_fixture(path, edits)
    local buf = t.open_report(path)
    local st = buffer.get(buf)
    st:entry_columns()
    -- Fetches of every entry's columns (no first and last) are counted.
    local methods = getmetatable(st.doc).__index
    local entry_columns, fetched_all = methods.entry_columns, 0
    methods.entry_columns = function(doc, first, last)
      if first == nil then
        fetched_all = fetched_all + 1
      end
      return entry_columns(doc, first, last)
    end
    local edited, reparsed, differing, first_difference = 0, 0, 0, nil
    for i = 1, edits do
      local count = api.nvim_buf_line_count(buf)
      local row = random(count) - 1
      local line = api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
      local chars = vim.fn.strchars(line)
      local at = random(chars + 1) - 1
      local col = vim.str_byteindex(line, at)
      local kind = random(5)
      if kind == 1 and row + 2 < count then
        -- lines deleted, often a heading and its text
        api.nvim_buf_set_lines(buf, row, row + random(3), false, {})
      elseif kind == 2 and at < chars then
        api.nvim_buf_set_text(buf, row, col, row, vim.str_byteindex(line, at + 1), { "" })
      else
        local piece = pieces[random(#pieces)]
        if random(3) == 1 then
          col = 0 -- where markers are
        end
        api.nvim_buf_set_text(buf, row, col, row, col, vim.split(piece, "\n", { plain = true }))
      end
      local version = st.version
      st:sync()
      if st.version ~= version then
        edited = edited + 1
        if st.edited_from ~= version then
          reparsed = reparsed + 1 -- the buffer emptied (see the test above)
        end
      end
      if st.doc:text() ~= t.buffer_text(buf) then
        differing = differing + 1
        first_difference = first_difference or string.format(" (the text, after edit %d)", i)
      end
      local kept = st:entry_columns()
      local truth = entry_columns(st.doc)
      if not vim.deep_equal(kept, truth) then
        differing = differing + 1
        first_difference = first_difference or string.format(" (first after edit %d, at %d:%d)", i, row, col)
      end
    end
    methods.entry_columns = entry_columns
    t.eq(differing, 0, path .. ": edits after which the columns differ from doc:entry_columns()" .. (first_difference or ""))
    t.ok(edited > edits / 2, path .. ": " .. edited .. " edits")
    t.eq(fetched_all, reparsed, path .. ": the columns of every entry fetched again, but after a parse afresh")
  end
  for _, fixture in ipairs({ "01-standard.txt", "05-numbering-faults.txt", "07-problems-remedies.txt", "08-combined-section.txt", "09-crlf-bom.txt" }) do
    check_fixture(t.fixture(fixture), 200)
  end
end)
