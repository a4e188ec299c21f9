/*
 * Version, error messages and the release of strings the library allocates.
 */
#include "internal.h"

#include <stdlib.h>

const char *gw_version(void) { return GW_VERSION_STRING; }

const char *gw_strerror(gw_status status, gw_lang lang) {
  bool zh = lang == GW_LANG_ZH;
  switch (status) {
  case GW_OK:
    return zh ? "成功" : "success";
  case GW_ERROR_NOMEM:
    return zh ? "内存不足" : "out of memory";
  case GW_ERROR_ARGUMENT:
    return zh ? "参数无效：缺少必需的指针，或数值超出范围"
              : "invalid argument: a required pointer is missing or a value is out of range";
  case GW_ERROR_ENCODING:
    return zh ? "无法识别或转换输入的字符编码" : "the input's encoding could not be read or converted";
  case GW_ERROR_TOO_LARGE:
    return zh ? "输入过大（超过 4 GiB）" : "the input is too large (over 4 GiB)";
  case GW_ERROR_PARSE:
    return zh ? "语法分析失败" : "the text could not be parsed";
  case GW_ERROR_ABI:
    return zh ? "语法与 tree-sitter 运行库的版本不匹配"
              : "the grammar does not match the tree-sitter runtime";
  case GW_ERROR_UNKNOWN_RULE:
    return zh ? "没有这个名称的规则" : "no rule has this name";
  }
  return zh ? "未知错误" : "unknown error";
}

void gw_string_free(char *string) { free(string); }
