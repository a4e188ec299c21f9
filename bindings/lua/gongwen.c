/*
 * The Lua module `gongwen`: libgongwen for Lua 5.4 and for LuaJIT / Lua 5.1
 * (which Neovim loads), from this one source.
 *
 *   local gongwen = require("gongwen")
 *   local doc = assert(gongwen.parse(text))
 *   for _, h in ipairs(doc:outline()) do print(h.row, h.marker, h.title) end
 *   doc:close()
 *
 * Positions follow Neovim: rows are 0-based, columns are byte offsets from
 * the start of the row; entry ids are 1-based indices into doc:entries().
 *
 * Errors: calling a method the wrong way (a closed document, an argument of
 * the wrong type, a negative row) raises a Lua error; input that may come
 * from a user (text the library cannot read, an unknown rule name, a bad
 * configuration line) returns nil and a message instead.
 *
 * Every C resource the library hands out lives in a userdata with a __gc
 * while Lua builds tables from it, so that a Lua error raised midway (out of
 * memory, a bad argument) does not leak it.
 */
#include <lauxlib.h>
#include <lua.h>

#include <stdlib.h>
#include <string.h>

#include "gongwen.h"

#define DOCUMENT_MT "gongwen.document"
#define RESOURCE_MT "gongwen.resource"

/* --- Lua 5.1 / LuaJIT compatibility -------------------------------------- */

#if LUA_VERSION_NUM < 502
/* Lua 5.1 has neither luaL_setfuncs nor luaL_testudata (LuaJIT 2.1 has
 * them, plain 5.1 does not), and calls lua_rawlen lua_objlen. */
#define lua_rawlen lua_objlen

static void compat_setfuncs(lua_State *L, const luaL_Reg *functions) {
  for (; functions->name; functions++) {
    lua_pushcfunction(L, functions->func);
    lua_setfield(L, -2, functions->name);
  }
}

static void *compat_testudata(lua_State *L, int index, const char *type_name) {
  void *data = lua_touserdata(L, index);
  if (!data || !lua_getmetatable(L, index)) return NULL;
  luaL_getmetatable(L, type_name);
  int same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same ? data : NULL;
}
#else
#define compat_setfuncs(L, functions) luaL_setfuncs(L, functions, 0)
#define compat_testudata luaL_testudata
#endif

/* --- resources held while tables are built -------------------------------- */

typedef enum {
  RESOURCE_OPTIONS,     /* gw_options * */
  RESOURCE_DIAGNOSTICS, /* gw_diagnostics * */
  RESOURCE_EDITS,       /* gw_edit * and count */
  RESOURCE_STRING,      /* char * from the library */
} resource_kind;

typedef struct {
  resource_kind kind;
  void *pointer;
  size_t count;
} resource;

static void resource_release(resource *held) {
  if (!held->pointer) return;
  switch (held->kind) {
  case RESOURCE_OPTIONS: gw_options_free(held->pointer); break;
  case RESOURCE_DIAGNOSTICS: gw_diagnostics_free(held->pointer); break;
  case RESOURCE_EDITS: gw_edits_free(held->pointer, held->count); break;
  case RESOURCE_STRING: gw_string_free(held->pointer); break;
  }
  held->pointer = NULL;
  held->count = 0;
}

static int resource_gc(lua_State *L) {
  resource_release(luaL_checkudata(L, 1, RESOURCE_MT));
  return 0;
}

/* Pushes an empty holder onto the stack; fill its pointer right after the
 * library allocates, and release it when done (the __gc is the fallback). */
static resource *resource_push(lua_State *L, resource_kind kind) {
  resource *held = lua_newuserdata(L, sizeof *held);
  held->kind = kind;
  held->pointer = NULL;
  held->count = 0;
  luaL_getmetatable(L, RESOURCE_MT);
  lua_setmetatable(L, -2);
  return held;
}

/* --- small helpers --------------------------------------------------------- */

/* Returns nil, message: how bad input is reported. */
static int fail(lua_State *L, const char *message) {
  lua_pushnil(L);
  lua_pushstring(L, message);
  return 2;
}

static int fail_status(lua_State *L, gw_status status) {
  return fail(L, gw_strerror(status, GW_LANG_EN));
}

static void set_integer(lua_State *L, const char *key, lua_Integer value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

static void set_string(lua_State *L, const char *key, const char *value) {
  lua_pushstring(L, value);
  lua_setfield(L, -2, key);
}

/* A non-negative integer argument (a row, a column, a byte offset). */
static lua_Integer check_position(lua_State *L, int arg, const char *what) {
  lua_Integer value = luaL_checkinteger(L, arg);
  if (value < 0) {
    lua_pushfstring(L, "%s must not be negative", what);
    luaL_argerror(L, arg, lua_tostring(L, -1));
  }
  return value;
}

/* A value that fits the library's 32-bit rows and columns. */
static uint32_t clamp32(lua_Integer value) {
  return value > (lua_Integer)UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

static const char *const severity_names[] = {"off", "error", "warning", "info", "hint"};

/* Reads a severity: a name ("warning"), a number 0-4 (vim.diagnostic's), or
 * false for off.  Returns false when the value names no severity. */
static bool to_severity(lua_State *L, int index, gw_severity *out) {
  if (lua_type(L, index) == LUA_TBOOLEAN && !lua_toboolean(L, index)) {
    *out = GW_SEVERITY_OFF;
    return true;
  }
  if (lua_type(L, index) == LUA_TNUMBER) {
    lua_Number number = lua_tonumber(L, index);
    for (int s = GW_SEVERITY_OFF; s <= GW_SEVERITY_HINT; s++) {
      if (number == (lua_Number)s) {
        *out = (gw_severity)s;
        return true;
      }
    }
    return false;
  }
  if (lua_type(L, index) == LUA_TSTRING) {
    const char *name = lua_tostring(L, index);
    for (int s = GW_SEVERITY_OFF; s <= GW_SEVERITY_HINT; s++) {
      if (strcmp(name, severity_names[s]) == 0) {
        *out = (gw_severity)s;
        return true;
      }
    }
  }
  return false;
}

/* --- documents --------------------------------------------------------------- */

typedef struct {
  gw_document *doc; /* NULL once closed */
} lua_document;

/* The open document that a method was called on.  Raises an error for a
 * closed one, and for a call made with `.` instead of `:`. */
static gw_document *check_document(lua_State *L) {
  lua_document *handle = compat_testudata(L, 1, DOCUMENT_MT);
  if (!handle) {
    luaL_error(L, "gongwen: a document method was called without a document "
                  "(write doc:method(...), not doc.method(...))");
  }
  if (!handle->doc) luaL_error(L, "gongwen: the document is closed");
  return handle->doc;
}

static void push_text_range(lua_State *L, const gw_document *doc, gw_range range) {
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  size_t start = range.start.byte, end = range.end.byte;
  if (end > length) end = length;
  if (start > end) start = end;
  lua_pushlstring(L, text + start, end - start);
}

static void push_range(lua_State *L, gw_range range) {
  lua_createtable(L, 4, 0);
  lua_pushinteger(L, range.start.row);
  lua_rawseti(L, -2, 1);
  lua_pushinteger(L, range.start.column);
  lua_rawseti(L, -2, 2);
  lua_pushinteger(L, range.end.row);
  lua_rawseti(L, -2, 3);
  lua_pushinteger(L, range.end.column);
  lua_rawseti(L, -2, 4);
}

/* An outline index as a 1-based id, or nil for GW_NONE. */
static void push_id(lua_State *L, const gw_document *doc, long index) {
  if (index < 0 || (size_t)index >= gw_outline_count(doc)) {
    lua_pushnil(L);
  } else {
    lua_pushinteger(L, (lua_Integer)index + 1);
  }
}

static const struct {
  unsigned bit;
  const char *name;
} role_names[] = {
    {GW_ROLE_ACHIEVEMENTS, "achievements"},
    {GW_ROLE_PROBLEMS, "problems"},
    {GW_ROLE_CAUSES, "causes"},
    {GW_ROLE_REMEDIES, "remedies"},
};

/* Pushes the table of outline entry `index`, or nil when there is none. */
static void push_entry(lua_State *L, const gw_document *doc, long index) {
  const gw_entry *entry = index < 0 ? NULL : gw_outline_entry(doc, (size_t)index);
  if (!entry) {
    lua_pushnil(L);
    return;
  }
  lua_createtable(L, 0, 18);
  set_integer(L, "id", (lua_Integer)index + 1);
  set_string(L, "kind", entry->kind == GW_ENTRY_ITEM ? "item" : "heading");
  set_integer(L, "level", entry->level);
  set_integer(L, "number", entry->number);

  push_text_range(L, doc, entry->marker);
  lua_setfield(L, -2, "marker");
  char buffer[64];
  size_t needed = gw_entry_standard_marker(doc, (size_t)index, buffer, sizeof buffer);
  if (needed < sizeof buffer) {
    lua_pushlstring(L, buffer, needed);
  } else {
    char *large = lua_newuserdata(L, needed + 1);
    gw_entry_standard_marker(doc, (size_t)index, large, needed + 1);
    lua_pushlstring(L, large, needed);
    lua_remove(L, -2);
  }
  lua_setfield(L, -2, "standard_marker");
  push_text_range(L, doc, entry->title);
  lua_setfield(L, -2, "title");

  set_integer(L, "row", entry->marker.start.row);
  set_integer(L, "col", entry->marker.start.column);
  set_integer(L, "end_row", entry->extent.end.row);
  set_integer(L, "end_col", entry->extent.end.column);
  set_integer(L, "start_byte", entry->marker.start.byte);
  set_integer(L, "end_byte", entry->extent.end.byte);
  push_range(L, entry->marker);
  lua_setfield(L, -2, "marker_range");
  push_range(L, entry->title);
  lua_setfield(L, -2, "title_range");
  if (entry->body.end.byte > entry->body.start.byte) {
    push_range(L, entry->body);
    lua_setfield(L, -2, "body_range");
  }
  push_range(L, entry->extent);
  lua_setfield(L, -2, "range");

  push_id(L, doc, entry->parent);
  lua_setfield(L, -2, "parent");
  lua_newtable(L);
  /* The sibling chain is bounded by the outline's size, so a malformed
   * chain cannot loop forever. */
  size_t count = gw_outline_count(doc);
  int n = 0;
  for (long child = entry->first_child; child >= 0 && (size_t)child < count && (size_t)n < count;) {
    lua_pushinteger(L, (lua_Integer)child + 1);
    lua_rawseti(L, -2, ++n);
    const gw_entry *next = gw_outline_entry(doc, (size_t)child);
    child = next ? next->next_sibling : GW_NONE;
  }
  lua_setfield(L, -2, "children");

  lua_newtable(L);
  for (size_t r = 0; r < sizeof role_names / sizeof role_names[0]; r++) {
    if (entry->roles & role_names[r].bit) {
      lua_pushboolean(L, 1);
      lua_setfield(L, -2, role_names[r].name);
    }
  }
  lua_setfield(L, -2, "roles");
}

/* The entries of `kind` (0 for both) as a list. */
static int push_entries(lua_State *L, gw_entry_kind kind) {
  gw_document *doc = check_document(L);
  size_t count = gw_outline_count(doc);
  lua_createtable(L, (int)(count < 1024 ? count : 1024), 0);
  int n = 0;
  for (size_t i = 0; i < count; i++) {
    const gw_entry *entry = gw_outline_entry(doc, i);
    if (!entry || (kind && entry->kind != kind)) continue;
    push_entry(L, doc, (long)i);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

static int document_entries(lua_State *L) { return push_entries(L, 0); }
static int document_outline(lua_State *L) { return push_entries(L, GW_ENTRY_HEADING); }
static int document_items(lua_State *L) { return push_entries(L, GW_ENTRY_ITEM); }

/* doc:entry(id) -> entry | nil */
static int document_entry(lua_State *L) {
  gw_document *doc = check_document(L);
  lua_Integer id = luaL_checkinteger(L, 2);
  if (id < 1 || (size_t)id > gw_outline_count(doc)) {
    lua_pushnil(L);
  } else {
    push_entry(L, doc, (long)(id - 1));
  }
  return 1;
}

/* doc:entry_columns([first [, last]]) -> { kind = {...}, parent = {...},
 * marker = {...}, title = {...}, row = {...} }: of entries first..last
 * (default all), the k-th value of each list for entry first + k - 1,
 * parent false for none, row the marker's.  What an outline shows, at a
 * fraction of the cost of whole entries (one table per field rather than
 * eight per entry). */
static int document_entry_columns(lua_State *L) {
  gw_document *doc = check_document(L);
  lua_Integer count = (lua_Integer)gw_outline_count(doc);
  lua_Integer first = luaL_optinteger(L, 2, 1);
  lua_Integer last = luaL_optinteger(L, 3, count);
  if (first < 1) first = 1;
  if (last > count) last = count;
  int n = last >= first ? (int)(last - first + 1) : 0;
  static const char *const columns[] = {"kind", "parent", "marker", "title", "row"};
  lua_createtable(L, 0, 4);
  int result = lua_gettop(L);
  for (size_t c = 0; c < sizeof columns / sizeof columns[0]; c++) {
    lua_createtable(L, n, 0);
  }
  for (int k = 0; k < n; k++) {
    long index = (long)(first - 1 + k);
    const gw_entry *entry = gw_outline_entry(doc, (size_t)index);
    if (!entry) break;
    lua_pushstring(L, entry->kind == GW_ENTRY_ITEM ? "item" : "heading");
    lua_rawseti(L, result + 1, k + 1);
    if (entry->parent >= 0 && (lua_Integer)entry->parent < count) {
      lua_pushinteger(L, (lua_Integer)entry->parent + 1);
    } else {
      lua_pushboolean(L, 0);
    }
    lua_rawseti(L, result + 2, k + 1);
    push_text_range(L, doc, entry->marker);
    lua_rawseti(L, result + 3, k + 1);
    push_text_range(L, doc, entry->title);
    lua_rawseti(L, result + 4, k + 1);
    lua_pushinteger(L, entry->marker.start.row);
    lua_rawseti(L, result + 5, k + 1);
  }
  for (int c = (int)(sizeof columns / sizeof columns[0]) - 1; c >= 0; c--) {
    lua_setfield(L, result, columns[c]);
  }
  return 1;
}

/* The byte offset of the (row, col) arguments at `arg`, arg + 1. */
static size_t check_row_col(lua_State *L, const gw_document *doc, int arg) {
  lua_Integer row = check_position(L, arg, "row");
  lua_Integer col = check_position(L, arg + 1, "column");
  return gw_document_byte_at(doc, clamp32(row), clamp32(col));
}

/* doc:section_at(row, col) -> innermost heading whose section holds it */
static int document_section_at(lua_State *L) {
  gw_document *doc = check_document(L);
  push_entry(L, doc, gw_heading_at(doc, check_row_col(L, doc, 2)));
  return 1;
}

/* doc:parent(row, col): the heading that holds the section at (row, col),
 * i.e. the parent of the innermost heading there. */
static int document_parent(lua_State *L) {
  gw_document *doc = check_document(L);
  long here = gw_heading_at(doc, check_row_col(L, doc, 2));
  const gw_entry *entry = here >= 0 ? gw_outline_entry(doc, (size_t)here) : NULL;
  push_entry(L, doc, entry ? entry->parent : GW_NONE);
  return 1;
}

static unsigned check_navigation_flags(lua_State *L, int arg) {
  unsigned flags = 0;
  if (lua_isnoneornil(L, arg)) return 0;
  luaL_checktype(L, arg, LUA_TTABLE);
  lua_getfield(L, arg, "same_level");
  if (lua_toboolean(L, -1)) flags |= GW_NAV_SAME_LEVEL;
  lua_getfield(L, arg, "wrap");
  if (lua_toboolean(L, -1)) flags |= GW_NAV_WRAP;
  lua_pop(L, 2);
  return flags;
}

static int document_next_heading(lua_State *L) {
  gw_document *doc = check_document(L);
  size_t byte = check_row_col(L, doc, 2);
  push_entry(L, doc, gw_next_heading(doc, byte, check_navigation_flags(L, 4)));
  return 1;
}

static int document_prev_heading(lua_State *L) {
  gw_document *doc = check_document(L);
  size_t byte = check_row_col(L, doc, 2);
  push_entry(L, doc, gw_prev_heading(doc, byte, check_navigation_flags(L, 4)));
  return 1;
}

/* doc:breadcrumb(row, col) -> headings from the outermost in */
static int document_breadcrumb(lua_State *L) {
  gw_document *doc = check_document(L);
  size_t byte = check_row_col(L, doc, 2);
  long small[16];
  long *path = small;
  size_t depth = gw_breadcrumb(doc, byte, small, 16);
  if (depth > 16) {
    path = lua_newuserdata(L, depth * sizeof *path);
    depth = gw_breadcrumb(doc, byte, path, depth);
  }
  lua_createtable(L, (int)(depth < 64 ? depth : 64), 0);
  for (size_t i = 0; i < depth; i++) {
    push_entry(L, doc, path[i]);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* --- options ----------------------------------------------------------------- */

/* 0 for "*", 1 for a group ("numbering/" and a star), 2 for a rule. */
static int rule_breadth(const char *name) {
  size_t length = strlen(name);
  if (strcmp(name, "*") == 0) return 0;
  return length >= 2 && name[length - 2] == '/' && name[length - 1] == '*' ? 1 : 2;
}

/* Builds options from the `rules` field of the table at `arg` (absent: the
 * defaults), into a holder left on the stack.  On bad input (an unknown rule,
 * a value that names no severity) returns NULL with nil, message on the top
 * of the stack, for the caller to return. */
static gw_options *check_options(lua_State *L, int arg) {
  resource *held = resource_push(L, RESOURCE_OPTIONS);
  held->pointer = gw_options_new();
  if (!held->pointer) luaL_error(L, "gongwen: out of memory");
  if (lua_isnoneornil(L, arg)) return held->pointer;
  luaL_checktype(L, arg, LUA_TTABLE);
  lua_getfield(L, arg, "rules");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return held->pointer;
  }
  if (!lua_istable(L, -1)) luaL_error(L, "gongwen: opts.rules must be a table of rule = severity");
  int rules = lua_gettop(L);
  /* A table has no order, so the broad settings go first and the narrow
   * ones win: "*", then groups, then single rules. */
  for (int pass = 0; pass < 3; pass++) {
    lua_pushnil(L);
    while (lua_next(L, rules)) {
      if (lua_type(L, -2) != LUA_TSTRING) {
        luaL_error(L, "gongwen: opts.rules must be a table of rule = severity");
      }
      const char *name = lua_tostring(L, -2);
      if (rule_breadth(name) != pass) {
        lua_pop(L, 1);
        continue;
      }
      gw_severity severity;
      if (!to_severity(L, -1, &severity)) {
        lua_pushnil(L);
        lua_pushfstring(L, "rule %s: not a severity (off, error, warning, info, hint)", name);
        return NULL;
      }
      gw_status status = gw_options_set_severity(held->pointer, name, severity);
      if (status != GW_OK) {
        lua_pushnil(L);
        if (status == GW_ERROR_UNKNOWN_RULE) {
          lua_pushfstring(L, "unknown rule: %s", name);
        } else {
          lua_pushfstring(L, "rule %s: %s", name, gw_strerror(status, GW_LANG_EN));
        }
        return NULL;
      }
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  return held->pointer;
}

static gw_lang check_lang(lua_State *L, int arg) {
  gw_lang lang = GW_LANG_ZH;
  if (lua_isnoneornil(L, arg)) return lang;
  lua_getfield(L, arg, "lang");
  if (!lua_isnil(L, -1)) {
    const char *name = lua_tostring(L, -1);
    if (name && strcmp(name, "en") == 0) {
      lang = GW_LANG_EN;
    } else if (!name || strcmp(name, "zh") != 0) {
      luaL_error(L, "gongwen: opts.lang must be \"zh\" or \"en\"");
    }
  }
  lua_pop(L, 1);
  return lang;
}

/* --- lint and fixes ----------------------------------------------------------- */

static void push_edit(lua_State *L, const gw_document *doc, const gw_edit *edit) {
  gw_point start = gw_document_point_at(doc, edit->start_byte);
  gw_point end = gw_document_point_at(doc, edit->end_byte);
  lua_createtable(L, 0, 7);
  set_integer(L, "start_byte", edit->start_byte);
  set_integer(L, "end_byte", edit->end_byte);
  set_integer(L, "start_row", start.row);
  set_integer(L, "start_col", start.column);
  set_integer(L, "end_row", end.row);
  set_integer(L, "end_col", end.column);
  lua_pushlstring(L, edit->text ? edit->text : "", edit->text ? edit->text_length : 0);
  lua_setfield(L, -2, "text");
}

static void push_diagnostic(lua_State *L, const gw_document *doc, const gw_diagnostic *d,
                            gw_lang lang) {
  lua_createtable(L, 0, 11);
  set_string(L, "rule", d->rule);
  set_integer(L, "severity", d->severity);
  set_integer(L, "row", d->range.start.row);
  set_integer(L, "col", d->range.start.column);
  set_integer(L, "end_row", d->range.end.row);
  set_integer(L, "end_col", d->range.end.column);
  set_integer(L, "start_byte", d->range.start.byte);
  set_integer(L, "end_byte", d->range.end.byte);
  set_string(L, "message", lang == GW_LANG_EN ? d->message_en : d->message_zh);
  set_string(L, "message_en", d->message_en);
  set_string(L, "message_zh", d->message_zh);
  lua_createtable(L, (int)d->edit_count, 0);
  for (size_t e = 0; e < d->edit_count; e++) {
    push_edit(L, doc, &d->edits[e]);
    lua_rawseti(L, -2, (int)e + 1);
  }
  lua_setfield(L, -2, "edits");
}

/* What doc:lint converts when asked for less than every finding. */
typedef struct {
  bool limited;       /* opts.max given */
  lua_Integer max;    /* at most this many findings as tables */
  lua_Integer near;   /* ... those nearest this row */
  bool sections;      /* counts per section */
} lint_selection;

/* Whether the value at `index` is a number with an integer's value that
 * lua_tointeger gives exactly (in Lua 5.1 too, which has no integers). */
static bool is_integer(lua_State *L, int index) {
  if (lua_type(L, index) != LUA_TNUMBER) return false;
  lua_Number number = lua_tonumber(L, index);
  return number >= -9007199254740992.0 && number <= 9007199254740992.0 &&
         number == (lua_Number)lua_tointeger(L, index);
}

static lint_selection check_lint_selection(lua_State *L, int arg) {
  lint_selection selection = {false, 0, 0, false};
  if (lua_isnoneornil(L, arg)) return selection;
  lua_getfield(L, arg, "max");
  if (!lua_isnil(L, -1)) {
    if (!is_integer(L, -1) || lua_tointeger(L, -1) < 1) {
      luaL_error(L, "gongwen: opts.max must be a positive integer");
    }
    selection.limited = true;
    selection.max = lua_tointeger(L, -1);
  }
  lua_getfield(L, arg, "near");
  if (!lua_isnil(L, -1)) {
    if (!is_integer(L, -1)) luaL_error(L, "gongwen: opts.near must be a row (an integer)");
    selection.near = lua_tointeger(L, -1);
  }
  lua_getfield(L, arg, "sections");
  selection.sections = lua_toboolean(L, -1);
  lua_pop(L, 3);
  return selection;
}

/* The findings [*first, *last) of the `max` nearest row `near` (they are
 * consecutive, the findings being sorted by position): the next one above or
 * below is taken in turn, whichever is nearer, above on a tie. */
static void nearest_findings(const gw_diagnostics *diagnostics, size_t count, lua_Integer max,
                             lua_Integer near, size_t *first, size_t *last) {
  if ((lua_Integer)count <= max) {
    *first = 0;
    *last = count;
    return;
  }
  size_t lo = 0, hi = count; /* the first finding at or below `near` */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((lua_Integer)gw_diagnostics_get(diagnostics, mid)->range.start.row >= near) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  size_t above = lo, below = lo; /* taken: [above, below) */
  for (lua_Integer taken = 0; taken < max; taken++) {
    lua_Integer up = above > 0
        ? near - (lua_Integer)gw_diagnostics_get(diagnostics, above - 1)->range.start.row
        : -1;
    lua_Integer down = below < count
        ? (lua_Integer)gw_diagnostics_get(diagnostics, below)->range.start.row - near
        : -1;
    if (up >= 0 && (down < 0 || up <= down)) {
      above--;
    } else {
      below++;
    }
  }
  *first = above;
  *last = below;
}

/* The index of rule `name` among the library's `rules`, or `rules`.  The
 * findings' names are the library's static strings: the pointers are
 * compared first, the characters only if none is the same. */
static size_t rule_slot(const char *name, size_t rules) {
  for (size_t slot = 0; slot < rules; slot++) {
    if (gw_rule_name(slot) == name) return slot;
  }
  for (size_t slot = 0; slot < rules; slot++) {
    if (strcmp(gw_rule_name(slot), name) == 0) return slot;
  }
  return rules;
}

/* Pushes { {rule=, count=, severity=, row=, col=, end_row=, end_col=}, ... }:
 * one summary per rule of the findings outside [first, last), at the first
 * of them, the rules in the order of their first such finding. */
static void push_omitted(lua_State *L, const gw_diagnostics *diagnostics, size_t count,
                         size_t first, size_t last) {
  size_t rules = gw_rule_count();
  /* One slot per rule, and one for a name gw_rule_name does not give. */
  typedef struct {
    const gw_diagnostic *at;
    size_t count;
    gw_severity severity;
  } summary;
  summary *by_rule = lua_newuserdata(L, (rules + 1) * sizeof *by_rule);
  int holder = lua_gettop(L);
  memset(by_rule, 0, (rules + 1) * sizeof *by_rule);
  size_t *order = lua_newuserdata(L, (rules + 1) * sizeof *order);
  size_t ordered = 0;
  for (size_t i = 0; i < count; i++) {
    if (i == first) i = last;
    if (i >= count) break;
    const gw_diagnostic *d = gw_diagnostics_get(diagnostics, i);
    size_t slot = rule_slot(d->rule, rules);
    summary *s = &by_rule[slot];
    if (!s->at) {
      s->at = d;
      s->severity = d->severity;
      order[ordered++] = slot;
    }
    s->count++;
    if (d->severity < s->severity) s->severity = d->severity;
  }
  lua_createtable(L, (int)ordered, 0);
  for (size_t k = 0; k < ordered; k++) {
    const summary *s = &by_rule[order[k]];
    lua_createtable(L, 0, 7);
    set_string(L, "rule", s->at->rule);
    set_integer(L, "count", (lua_Integer)s->count);
    set_integer(L, "severity", s->severity);
    set_integer(L, "row", s->at->range.start.row);
    set_integer(L, "col", s->at->range.start.column);
    set_integer(L, "end_row", s->at->range.end.row);
    set_integer(L, "end_col", s->at->range.end.column);
    lua_rawseti(L, -2, (int)k + 1);
  }
  lua_replace(L, holder);
  lua_settop(L, holder);
}

/* Pushes { [heading id] = {count=, severity=} }: the findings whose start
 * lies in each heading's own text (gw_heading_at), and the worst severity. */
static void push_sections(lua_State *L, const gw_document *doc,
                          const gw_diagnostics *diagnostics, size_t count) {
  size_t entries = gw_outline_count(doc);
  typedef struct {
    size_t count;
    gw_severity severity;
  } tally;
  tally *by_entry = lua_newuserdata(L, (entries ? entries : 1) * sizeof *by_entry);
  int holder = lua_gettop(L);
  memset(by_entry, 0, (entries ? entries : 1) * sizeof *by_entry);
  int sections = 0;
  for (size_t i = 0; i < count; i++) {
    const gw_diagnostic *d = gw_diagnostics_get(diagnostics, i);
    long heading = gw_heading_at(doc, d->range.start.byte);
    if (heading < 0 || (size_t)heading >= entries) continue;
    tally *t = &by_entry[heading];
    if (t->count == 0) {
      t->severity = d->severity;
      sections++;
    }
    t->count++;
    if (d->severity < t->severity) t->severity = d->severity;
  }
  lua_createtable(L, 0, sections);
  for (size_t e = 0; e < entries; e++) {
    if (by_entry[e].count == 0) continue;
    lua_createtable(L, 0, 2);
    set_integer(L, "count", (lua_Integer)by_entry[e].count);
    set_integer(L, "severity", by_entry[e].severity);
    lua_rawseti(L, -2, (int)e + 1);
  }
  lua_replace(L, holder);
}

/* doc:lint([{rules = {name = severity}, lang = "zh"|"en", max = n, near = row,
 * sections = bool}]): every finding; with `max` or `sections`, also a second
 * value describing them all, and with `max` only the `max` findings nearest
 * row `near` become tables (a large report has tens of thousands). */
static int document_lint(lua_State *L) {
  gw_document *doc = check_document(L);
  lua_settop(L, 2); /* an absent opts becomes nil, below what is pushed next */
  gw_lang lang = check_lang(L, 2);
  lint_selection selection = check_lint_selection(L, 2);
  gw_options *options = check_options(L, 2);
  if (!options) return 2;
  resource *held = resource_push(L, RESOURCE_DIAGNOSTICS);
  gw_diagnostics *diagnostics = NULL;
  gw_status status = gw_lint(doc, options, &diagnostics);
  if (status != GW_OK) return fail_status(L, status);
  held->pointer = diagnostics;

  size_t count = gw_diagnostics_count(diagnostics);
  size_t first = 0, last = count;
  if (selection.limited) {
    nearest_findings(diagnostics, count, selection.max, selection.near, &first, &last);
  }
  lua_createtable(L, (int)(last - first < 1024 ? last - first : 1024), 0);
  int list = lua_gettop(L);
  for (size_t i = first; i < last; i++) {
    push_diagnostic(L, doc, gw_diagnostics_get(diagnostics, i), lang);
    lua_rawseti(L, list, (int)(i - first) + 1);
  }
  if (!selection.limited && !selection.sections) {
    resource_release(held);
    return 1;
  }
  lua_createtable(L, 0, 4);
  set_integer(L, "count", (lua_Integer)count);
  set_integer(L, "before", (lua_Integer)first);
  push_omitted(L, diagnostics, count, first, last);
  lua_setfield(L, -2, "omitted");
  if (selection.sections) {
    push_sections(L, doc, diagnostics, count);
    lua_setfield(L, -2, "sections");
  }
  resource_release(held);
  return 2;
}

/* doc:fixes([{rule = name or group, rules = {...}}]): the merged edits
 * that fix the findings of one rule, a group, or (rule nil) every rule. */
static int document_fixes(lua_State *L) {
  gw_document *doc = check_document(L);
  lua_settop(L, 2);
  const char *rule = NULL;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "rule");
    if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING) {
      luaL_error(L, "gongwen: opts.rule must be a rule name or a group such as \"numbering/*\"");
    }
    rule = lua_tostring(L, -1); /* stays on the stack, so stays valid */
  }
  gw_options *options = check_options(L, 2);
  if (!options) return 2;
  resource *held = resource_push(L, RESOURCE_EDITS);
  gw_edit *edits = NULL;
  size_t count = 0;
  gw_status status = gw_fix_edits(doc, options, rule, &edits, &count);
  if (status == GW_ERROR_UNKNOWN_RULE) {
    lua_pushfstring(L, "unknown rule: %s", rule ? rule : "(nil)");
    return fail(L, lua_tostring(L, -1));
  }
  if (status != GW_OK) return fail_status(L, status);
  held->pointer = edits;
  held->count = count;
  lua_createtable(L, (int)(count < 1024 ? count : 1024), 0);
  for (size_t i = 0; i < count; i++) {
    push_edit(L, doc, &edits[i]);
    lua_rawseti(L, -2, (int)i + 1);
  }
  resource_release(held);
  return 1;
}

/* --- problems and remedies ----------------------------------------------------- */

static void push_pair(lua_State *L, const gw_document *doc, const gw_pair *pair) {
  lua_createtable(L, 0, 4);
  push_entry(L, doc, pair->problem);
  lua_setfield(L, -2, "problem");
  push_entry(L, doc, pair->cause);
  lua_setfield(L, -2, "cause");
  push_entry(L, doc, pair->remedy);
  lua_setfield(L, -2, "remedy");
  lua_pushnumber(L, pair->score);
  lua_setfield(L, -2, "score");
}

static int document_pairs(lua_State *L) {
  gw_document *doc = check_document(L);
  size_t count = gw_pair_count(doc);
  lua_createtable(L, (int)(count < 1024 ? count : 1024), 0);
  int n = 0;
  for (size_t i = 0; i < count; i++) {
    const gw_pair *pair = gw_pair_get(doc, i);
    if (!pair) continue;
    push_pair(L, doc, pair);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* doc:pair_of(id) -> the pair that entry `id` (problem, cause or remedy)
 * belongs to, or nil */
static int document_pair_of(lua_State *L) {
  gw_document *doc = check_document(L);
  lua_Integer id = luaL_checkinteger(L, 2);
  if (id < 1 || (size_t)id > gw_outline_count(doc)) {
    lua_pushnil(L);
    return 1;
  }
  long index = gw_pair_of(doc, (long)(id - 1));
  const gw_pair *pair = index >= 0 ? gw_pair_get(doc, (size_t)index) : NULL;
  if (pair) {
    push_pair(L, doc, pair);
  } else {
    lua_pushnil(L);
  }
  return 1;
}

/* doc:pair_columns() -> { problem = {...}, cause = {...}, remedy = {...} }:
 * the ids of every pair's entries, the k-th of each list for pair k, false
 * for none.  The links between entries, without a table per entry. */
static int document_pair_columns(lua_State *L) {
  gw_document *doc = check_document(L);
  size_t count = gw_pair_count(doc);
  static const char *const columns[] = {"problem", "cause", "remedy"};
  lua_createtable(L, 0, 3);
  int result = lua_gettop(L);
  for (size_t c = 0; c < sizeof columns / sizeof columns[0]; c++) {
    lua_createtable(L, (int)(count < 65536 ? count : 65536), 0);
  }
  int n = 0;
  for (size_t i = 0; i < count; i++) {
    const gw_pair *pair = gw_pair_get(doc, i);
    if (!pair) continue;
    n++;
    const long ids[] = {pair->problem, pair->cause, pair->remedy};
    for (int c = 0; c < 3; c++) {
      if (ids[c] >= 0 && (size_t)ids[c] < gw_outline_count(doc)) {
        lua_pushinteger(L, (lua_Integer)ids[c] + 1);
      } else {
        lua_pushboolean(L, 0);
      }
      lua_rawseti(L, result + 1 + c, n);
    }
  }
  for (int c = 2; c >= 0; c--) lua_setfield(L, result, columns[c]);
  return 1;
}

/* --- text and edits -------------------------------------------------------------- */

/* doc:edit(start_byte, old_end_byte, new_text) -> true | nil, message */
static int document_edit(lua_State *L) {
  gw_document *doc = check_document(L);
  lua_Integer start = check_position(L, 2, "start_byte");
  lua_Integer old_end = check_position(L, 3, "old_end_byte");
  size_t new_length = 0;
  const char *new_text = luaL_checklstring(L, 4, &new_length);
  size_t length = 0;
  gw_document_text(doc, &length);
  if (start > old_end || (size_t)old_end > length) {
    lua_pushfstring(L, "edit range %d..%d is outside the text of %d bytes", (int)start,
                    (int)old_end, (int)length);
    return fail(L, lua_tostring(L, -1));
  }
  gw_status status = gw_document_edit(doc, (size_t)start, (size_t)old_end, new_text, new_length);
  if (status != GW_OK) return fail_status(L, status);
  lua_pushboolean(L, 1);
  return 1;
}

/* doc:last_change() -> { first = id, removed = n, added = n } | nil: what
 * the last doc:edit changed in doc:entries(), for a view of the outline to
 * redraw only that.  Entries first .. first + removed - 1 before the edit
 * were replaced by entries first .. first + added - 1 after it (first may
 * be one past the last entry, when nothing or only entries at the end were
 * replaced).  The entries before `first` are as they were; those after the
 * replaced ones are the same entries (kind, level, number, marker, title,
 * roles), `added - removed` ids further, with their parent and children
 * renumbered, though their rows and columns may have moved.  After an edit
 * that made the library re-read the whole document, the range is the whole
 * outline (first = 1).  nil for a document not edited since
 * gongwen.parse. */
static int document_last_change(lua_State *L) {
  gw_document *doc = check_document(L);
  size_t first = 0, removed = 0, added = 0;
  if (!gw_outline_last_change(doc, &first, &removed, &added)) {
    lua_pushnil(L);
    return 1;
  }
  lua_createtable(L, 0, 3);
  lua_pushinteger(L, (lua_Integer)first + 1);
  lua_setfield(L, -2, "first");
  lua_pushinteger(L, (lua_Integer)removed);
  lua_setfield(L, -2, "removed");
  lua_pushinteger(L, (lua_Integer)added);
  lua_setfield(L, -2, "added");
  return 1;
}

static int document_text(lua_State *L) {
  gw_document *doc = check_document(L);
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  lua_pushlstring(L, text, length);
  return 1;
}

/* doc:point_at(byte) -> row, col */
static int document_point_at(lua_State *L) {
  gw_document *doc = check_document(L);
  gw_point point = gw_document_point_at(doc, (size_t)check_position(L, 2, "byte"));
  lua_pushinteger(L, point.row);
  lua_pushinteger(L, point.column);
  return 2;
}

/* doc:byte_at(row, col) -> byte offset (clamped to the text) */
static int document_byte_at(lua_State *L) {
  gw_document *doc = check_document(L);
  lua_pushinteger(L, (lua_Integer)check_row_col(L, doc, 2));
  return 1;
}

/* doc:tree() -> the syntax tree as an S-expression, for debugging */
static int document_tree(lua_State *L) {
  gw_document *doc = check_document(L);
  resource *held = resource_push(L, RESOURCE_STRING);
  held->pointer = gw_document_tree_string(doc);
  if (!held->pointer) return fail_status(L, GW_ERROR_NOMEM);
  lua_pushstring(L, held->pointer);
  resource_release(held);
  return 1;
}

/* doc:close(), __gc and __close: free the document; safe to repeat. */
static int document_close(lua_State *L) {
  lua_document *handle = luaL_checkudata(L, 1, DOCUMENT_MT);
  gw_document_free(handle->doc);
  handle->doc = NULL;
  return 0;
}

static int document_is_closed(lua_State *L) {
  lua_document *handle = luaL_checkudata(L, 1, DOCUMENT_MT);
  lua_pushboolean(L, handle->doc == NULL);
  return 1;
}

static int document_tostring(lua_State *L) {
  lua_document *handle = luaL_checkudata(L, 1, DOCUMENT_MT);
  if (handle->doc) {
    lua_pushfstring(L, DOCUMENT_MT " (%d entries)", (int)gw_outline_count(handle->doc));
  } else {
    lua_pushliteral(L, DOCUMENT_MT " (closed)");
  }
  return 1;
}

static const luaL_Reg document_methods[] = {
    {"entries", document_entries},
    {"outline", document_outline},
    {"items", document_items},
    {"entry", document_entry},
    {"entry_columns", document_entry_columns},
    {"section_at", document_section_at},
    {"next_heading", document_next_heading},
    {"prev_heading", document_prev_heading},
    {"parent", document_parent},
    {"breadcrumb", document_breadcrumb},
    {"lint", document_lint},
    {"fixes", document_fixes},
    {"pairs", document_pairs},
    {"pair_of", document_pair_of},
    {"pair_columns", document_pair_columns},
    {"edit", document_edit},
    {"last_change", document_last_change},
    {"text", document_text},
    {"point_at", document_point_at},
    {"byte_at", document_byte_at},
    {"tree", document_tree},
    {"close", document_close},
    {"is_closed", document_is_closed},
    {NULL, NULL},
};

/* --- module functions -------------------------------------------------------------- */

static int module_version(lua_State *L) {
  lua_pushstring(L, gw_version());
  return 1;
}

/* gongwen.parse(text) -> document | nil, message */
static int module_parse(lua_State *L) {
  size_t length = 0;
  const char *text = luaL_checklstring(L, 1, &length);
  lua_document *handle = lua_newuserdata(L, sizeof *handle);
  handle->doc = NULL;
  luaL_getmetatable(L, DOCUMENT_MT);
  lua_setmetatable(L, -2);
  gw_status status = gw_document_new(text, length, &handle->doc);
  if (status != GW_OK) return fail_status(L, status);
  return 1;
}

/* gongwen.rules() -> { {name, severity, description_en, description_zh}, ... } */
static int module_rules(lua_State *L) {
  size_t count = gw_rule_count();
  lua_createtable(L, (int)count, 0);
  for (size_t i = 0; i < count; i++) {
    gw_severity severity = gw_rule_default_severity(i);
    lua_createtable(L, 0, 4);
    set_string(L, "name", gw_rule_name(i));
    set_string(L, "severity",
               severity >= GW_SEVERITY_OFF && severity <= GW_SEVERITY_HINT
                   ? severity_names[severity]
                   : "off");
    set_string(L, "description_en", gw_rule_description(i, GW_LANG_EN));
    set_string(L, "description_zh", gw_rule_description(i, GW_LANG_ZH));
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* gongwen.read_config(text) -> { [rule] = severity name } for every rule
 * the text sets (directly or through a group), | nil, message.
 *
 * The text is applied twice, once over every rule at "error" and once over
 * every rule at "hint": a rule the text sets ends the same in both, a rule it
 * leaves alone does not, so only what the file says is returned and a
 * caller can layer it over its own settings. */
static int module_read_config(lua_State *L) {
  size_t length = 0;
  const char *text = luaL_checklstring(L, 1, &length);
  resource *high = resource_push(L, RESOURCE_OPTIONS);
  resource *low = resource_push(L, RESOURCE_OPTIONS);
  high->pointer = gw_options_new();
  low->pointer = gw_options_new();
  if (!high->pointer || !low->pointer) luaL_error(L, "gongwen: out of memory");
  if (gw_options_set_severity(high->pointer, "*", GW_SEVERITY_ERROR) != GW_OK ||
      gw_options_set_severity(low->pointer, "*", GW_SEVERITY_HINT) != GW_OK) {
    luaL_error(L, "gongwen: could not set up options");
  }
  size_t error_line = 0;
  gw_status status = gw_options_parse(high->pointer, text, length, &error_line);
  if (status == GW_OK) status = gw_options_parse(low->pointer, text, length, &error_line);
  if (status == GW_ERROR_NOMEM) luaL_error(L, "gongwen: out of memory");
  if (status == GW_ERROR_UNKNOWN_RULE) {
    lua_pushfstring(L, "line %d: unknown rule (gongwen.rules() lists them)", (int)error_line);
    return fail(L, lua_tostring(L, -1));
  }
  if (status != GW_OK) {
    lua_pushfstring(L, "line %d: expected `rule = severity` (off, error, warning, info, hint)",
                    (int)error_line);
    return fail(L, lua_tostring(L, -1));
  }
  lua_newtable(L);
  for (size_t i = 0; i < gw_rule_count(); i++) {
    const char *name = gw_rule_name(i);
    gw_severity a = gw_options_severity(high->pointer, name);
    gw_severity b = gw_options_severity(low->pointer, name);
    if (a == b && a >= GW_SEVERITY_OFF && a <= GW_SEVERITY_HINT) {
      set_string(L, name, severity_names[a]);
    }
  }
  resource_release(high);
  resource_release(low);
  return 1;
}

/* gongwen.to_utf8(bytes [, encoding]) -> text, detected | nil, message */
static int module_to_utf8(lua_State *L) {
  size_t length = 0;
  const char *input = luaL_checklstring(L, 1, &length);
  const char *encoding = luaL_optstring(L, 2, NULL);
  if (encoding && (strcmp(encoding, "") == 0 || strcmp(encoding, "auto") == 0)) encoding = NULL;
  resource *held = resource_push(L, RESOURCE_STRING);
  char *out = NULL;
  size_t out_length = 0;
  const char *detected = NULL;
  gw_status status = gw_to_utf8(input, length, encoding, &out, &out_length, &detected);
  if (status != GW_OK) return fail_status(L, status);
  held->pointer = out;
  lua_pushlstring(L, out, out_length);
  lua_pushstring(L, detected ? detected : (encoding ? encoding : "UTF-8"));
  resource_release(held);
  return 2;
}

static const luaL_Reg module_functions[] = {
    {"version", module_version},
    {"parse", module_parse},
    {"rules", module_rules},
    {"read_config", module_read_config},
    {"to_utf8", module_to_utf8},
    {NULL, NULL},
};

#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
int luaopen_gongwen(lua_State *L);

int luaopen_gongwen(lua_State *L) {
  if (luaL_newmetatable(L, RESOURCE_MT)) {
    lua_pushcfunction(L, resource_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);

  if (luaL_newmetatable(L, DOCUMENT_MT)) {
    lua_newtable(L);
    compat_setfuncs(L, document_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, document_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, document_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, document_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, DOCUMENT_MT);
    lua_setfield(L, -2, "__name");
  }
  lua_pop(L, 1);

  lua_newtable(L);
  compat_setfuncs(L, module_functions);
  set_string(L, "_VERSION", gw_version());
  return 1;
}
