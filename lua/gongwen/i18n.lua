-- User-facing messages of the plugin, in Chinese and English.
local M = {}

local messages = {
  lib_missing = {
    en = "gongwen: the library %s is not built; run `make` in %s (outline, navigation and diagnostics are off)",
    zh = "gongwen：未找到库 %s，请在 %s 中运行 `make`（大纲、跳转和诊断暂不可用）",
  },
  lib_failed = {
    en = "gongwen: the library %s could not be loaded: %s",
    zh = "gongwen：无法加载库 %s：%s",
  },
  lib_bad = {
    en = "gongwen: %s is not the gongwen Lua module (it has no %s)",
    zh = "gongwen：%s 不是 gongwen 的 Lua 模块（缺少 %s）",
  },
  parser_missing = {
    en = "gongwen: the tree-sitter parser %s is not built; run `make` in %s",
    zh = "gongwen：未找到语法解析器 %s，请在 %s 中运行 `make`",
  },
  parser_failed = {
    en = "gongwen: the tree-sitter parser %s could not be loaded: %s",
    zh = "gongwen：无法加载语法解析器 %s：%s",
  },
  parse_failed = { en = "gongwen: the text could not be read: %s", zh = "gongwen：无法解析文本：%s" },
  internal = { en = "gongwen: %s failed: %s", zh = "gongwen：%s 出错：%s" },
  not_attached = {
    en = "gongwen: this buffer is not attached; use :Gongwen attach",
    zh = "gongwen：当前缓冲区未启用，请使用 :Gongwen attach",
  },
  bad_setup = { en = "gongwen.setup: %s", zh = "gongwen.setup：%s" },
  unknown_command = {
    en = "gongwen: unknown command %q; one of: %s",
    zh = "gongwen：未知命令 %q，可用命令：%s",
  },
  no_heading = { en = "gongwen: no heading there", zh = "gongwen：没有可跳转的标题" },
  no_section = { en = "gongwen: the cursor is in no section", zh = "gongwen：光标不在任何章节中" },
  no_pair = {
    en = "gongwen: the cursor is on no problem, cause or remedy",
    zh = "gongwen：光标不在问题、原因或整改措施上",
  },
  no_remedy = { en = "gongwen: this problem has no remedy", zh = "gongwen：此问题没有对应的整改措施" },
  no_fix_here = { en = "gongwen: nothing to fix under the cursor", zh = "gongwen：光标处没有可修复的问题" },
  nothing_to_fix = { en = "gongwen: nothing to fix", zh = "gongwen：没有可修复的问题" },
  fixed = { en = "gongwen: %d edit(s) applied", zh = "gongwen：已应用 %d 处修改" },
  lint_clean = { en = "gongwen: no findings", zh = "gongwen：未发现问题" },
  lint_count = { en = "gongwen: %d finding(s)", zh = "gongwen：发现 %d 个问题" },
  config_error = {
    en = "gongwen: %s: %s (rules from it are not applied)",
    zh = "gongwen：%s：%s（其中的规则未生效）",
  },
  diagnostics_more = {
    en = "gongwen: %d more finding(s) of %s not shown here; :Gongwen lint lists them all",
    zh = "gongwen：另有 %d 个 %s 问题未在此显示，:Gongwen lint 可列出全部",
  },
  lint_title = { en = "gongwen lint", zh = "gongwen 检查" },
  headings_prompt = { en = "Heading", zh = "标题" },
  filter_prompt = { en = "Filter headings: ", zh = "筛选标题：" },
  outline_title = { en = "Outline", zh = "大纲" },
  link_remedy = { en = "remedy", zh = "措施" },
  link_problem = { en = "problem", zh = "问题" },
  link_cause = { en = "cause", zh = "原因" },
  rules_header = { en = "rule  severity  description", zh = "规则  级别  说明" },
}

-- "zh" or "en": the option `lang`, else the user's locale.
function M.lang()
  local ok, config = pcall(require, "gongwen.config")
  local lang = ok and config.options.lang or nil
  if lang then
    return lang
  end
  local locale = vim.v.lang or ""
  if locale == "" or locale == "C" then
    locale = os.getenv("LC_ALL") or os.getenv("LC_MESSAGES") or os.getenv("LANG") or ""
  end
  return locale:lower():match("^zh") and "zh" or "en"
end

-- The message `key` in the current language, formatted with `...`.
function M.t(key, ...)
  local entry = messages[key]
  local text = entry and entry[M.lang()] or key
  if select("#", ...) > 0 then
    return string.format(text, ...)
  end
  return text
end

return M
