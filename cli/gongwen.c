/*
 * gongwen: check, outline and fix Chinese official reports from the command
 * line (for CI, pre-commit hooks and editors other than Neovim).
 *
 *   gongwen lint [--format text|json|sarif] [--enable R] [--disable R] [--fix] FILE... | -
 *   gongwen outline [--format text|json] FILE | -
 *   gongwen pairs [--format text|json] FILE | -
 *   gongwen fix [--rule R] [--in-place] FILE | -
 *   gongwen rules [--format text|json]
 *
 * Exit status: 0 nothing found (or done), 1 lint found something, 2 a usage
 * or input error.  Lines and columns printed are 1-based, columns counted in
 * characters of the original text (so the same whatever its encoding).
 * doc/gongwen.1 is the manual.
 */
#define _XOPEN_SOURCE 700

#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_NOTHING_FOUND = 0, EXIT_FOUND = 1, EXIT_TROUBLE = 2 };

gw_lang cli_lang = GW_LANG_EN;

typedef enum { COMMAND_LINT, COMMAND_OUTLINE, COMMAND_PAIRS, COMMAND_FIX, COMMAND_RULES } cli_command;
typedef enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF } output_format;

/* One --enable or --disable, applied in the order given. */
typedef struct {
  const char *rule;     /* a name, a group such as numbering/<any>, or "*" */
  gw_severity severity; /* for --enable R=SEVERITY and --disable */
  bool to_default;      /* --enable R: each rule's default severity */
  bool owned;           /* `rule` was copied out of argv */
} rule_setting;

typedef struct {
  cli_command command;
  output_format format;
  const char *encoding;   /* --encoding, or NULL to detect */
  const char *config;     /* --config FILE */
  bool no_config;         /* --no-config */
  bool fix;               /* lint --fix */
  bool in_place;          /* fix --in-place */
  const char *fix_rule;   /* fix --rule */
  const char *stdin_name; /* --stdin-filename */
  rule_setting *settings;
  size_t setting_count;
  const char **files;
  size_t file_count;
} cli_arguments;

static const char *const severity_names[] = {"off", "error", "warning", "info", "hint"};

static const char *severity_name(gw_severity severity) {
  return severity >= GW_SEVERITY_OFF && severity <= GW_SEVERITY_HINT ? severity_names[severity]
                                                                      : "warning";
}

static bool parse_severity(const char *name, gw_severity *out) {
  for (int s = GW_SEVERITY_OFF; s <= GW_SEVERITY_HINT; s++) {
    if (strcmp(name, severity_names[s]) == 0) {
      *out = (gw_severity)s;
      return true;
    }
  }
  return false;
}

/* --- messages ----------------------------------------------------------------- */

static void print_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void print_error(const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  fputs("gongwen: ", stderr);
  vfprintf(stderr, format, arguments);
  fputc('\n', stderr);
  va_end(arguments);
}

static int usage_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* A usage error: the message, a pointer to --help, and exit status 2. */
static int usage_error(const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  fputs("gongwen: ", stderr);
  vfprintf(stderr, format, arguments);
  va_end(arguments);
  fputc('\n', stderr);
  fputs(TR("Try 'gongwen --help'.\n", "运行 gongwen --help 查看用法。\n"), stderr);
  return EXIT_TROUBLE;
}

static void print_help(void) {
  fputs(TR("Usage: gongwen COMMAND [OPTION]... FILE... | -\n"
           "Check, outline and fix Chinese official reports (GB/T 9704 numbering\n"
           "一、（一）1.（1）①, enumerations 一是……二是……).\n"
           "\n"
           "Commands:\n"
           "  lint FILE... | -     report numbering and consistency faults\n"
           "  outline FILE | -     print the headings and enumeration items as a tree\n"
           "  pairs FILE | -       match each problem with its cause and remedy\n"
           "  fix FILE | -         print the text with every fixable fault fixed\n"
           "  rules                list the rules and their default severities\n"
           "\n"
           "Options:\n"
           "  -f, --format FORMAT  text (default), json; lint also sarif (SARIF 2.1.0)\n"
           "  --enable RULE[=SEVERITY]  turn on a rule, a group (numbering/*) or *\n"
           "  --disable RULE       turn off a rule, a group or *\n"
           "  --fix                lint: fix the files in place, then report what is left\n"
           "  --rule RULE          fix: only the faults of this rule or group\n"
           "  -i, --in-place       fix: rewrite the file (atomically) instead of printing\n"
           "  --config FILE        read the rules from FILE instead of .gongwenrc\n"
           "  --no-config          do not read any .gongwenrc\n"
           "  --encoding NAME      the input's charset (default: detected; UTF-8,\n"
           "                       GB18030, GBK, UTF-16LE, ...)\n"
           "  --stdin-filename NAME  the name to report for -, and where .gongwenrc is sought\n"
           "  --lang zh|en         the language of messages (default: from LANG)\n"
           "  -h, --help           print this help and exit\n"
           "  -V, --version        print the version and exit\n"
           "\n"
           "Positions are line:column, 1-based, columns counted in characters.\n"
           "The rules come from the nearest .gongwenrc in the file's directory or above:\n"
           "lines `RULE = SEVERITY` (off, error, warning, info, hint); # starts a comment.\n"
           "\n"
           "Exit status: 0 nothing found, 1 lint found faults, 2 usage or input error.\n",
           "用法：gongwen 命令 [选项]... 文件... | -\n"
           "检查、列出并修正公文（GB/T 9704 层次序号 一、（一）1.（1）①，\n"
           "列举 一是……二是……）的结构问题。\n"
           "\n"
           "命令：\n"
           "  lint 文件... | -     报告序号与一致性问题\n"
           "  outline 文件 | -     以树形列出各级标题与列举项\n"
           "  pairs 文件 | -       把每个问题与其原因、整改措施对应起来\n"
           "  fix 文件 | -         输出修正了全部可自动修正问题的文本\n"
           "  rules                列出全部规则及其默认级别\n"
           "\n"
           "选项：\n"
           "  -f, --format 格式    text（默认）、json；lint 另有 sarif（SARIF 2.1.0）\n"
           "  --enable 规则[=级别]  启用规则、规则组（numbering/*）或 *\n"
           "  --disable 规则       停用规则、规则组或 *\n"
           "  --fix                lint：先就地修正文件，再报告余下的问题\n"
           "  --rule 规则          fix：只修正该规则或规则组的问题\n"
           "  -i, --in-place       fix：原子地改写文件，而不是输出到标准输出\n"
           "  --config 文件        从该文件读取规则设置，不查找 .gongwenrc\n"
           "  --no-config          不读取任何 .gongwenrc\n"
           "  --encoding 编码      输入的字符集（默认自动识别：UTF-8、GB18030、GBK、\n"
           "                       UTF-16LE 等）\n"
           "  --stdin-filename 名称  标准输入（-）在报告中的文件名，并从其目录查找 .gongwenrc\n"
           "  --lang zh|en         消息语言（默认依 LANG）\n"
           "  -h, --help           显示本帮助并退出\n"
           "  -V, --version        显示版本并退出\n"
           "\n"
           "位置写作 行:列，从 1 开始，列按字符计。\n"
           "规则设置取自文件所在目录或其上层最近的 .gongwenrc：每行 `规则 = 级别`\n"
           "（off、error、warning、info、hint），# 之后为注释。\n"
           "\n"
           "退出码：0 未发现问题，1 lint 发现问题，2 用法或输入错误。\n"),
        stdout);
}

/* --- arguments ------------------------------------------------------------------ */

/* The language from --lang, else from the locale variables in POSIX order. */
static gw_lang choose_lang(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) break;
    const char *value = NULL;
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) value = argv[i + 1];
    if (strncmp(argv[i], "--lang=", 7) == 0) value = argv[i] + 7;
    if (value) return strncmp(value, "zh", 2) == 0 ? GW_LANG_ZH : GW_LANG_EN;
  }
  const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < 3; i++) {
    const char *value = getenv(names[i]);
    if (value && *value) return strncmp(value, "zh", 2) == 0 ? GW_LANG_ZH : GW_LANG_EN;
  }
  return GW_LANG_EN;
}

/* Whether rule `name` is `pattern`: the name itself, its group (the part
 * before the slash followed by a slash and a star), or a lone star. */
static bool rule_matches(const char *pattern, const char *name) {
  if (strcmp(pattern, "*") == 0 || strcmp(pattern, name) == 0) return true;
  size_t length = strlen(pattern);
  return length >= 2 && strcmp(pattern + length - 2, "/*") == 0 &&
         strncmp(pattern, name, length - 1) == 0;
}

static bool rule_exists(const char *pattern) {
  for (size_t i = 0; i < gw_rule_count(); i++) {
    if (rule_matches(pattern, gw_rule_name(i))) return true;
  }
  return false;
}

/* Applies --enable / --disable in order.  False for an unknown rule, which
 * parse_arguments has already ruled out. */
static bool apply_settings(const cli_arguments *args, gw_options *options) {
  for (size_t s = 0; s < args->setting_count; s++) {
    const rule_setting *setting = &args->settings[s];
    if (!setting->to_default) {
      if (gw_options_set_severity(options, setting->rule, setting->severity) != GW_OK) {
        return false;
      }
      continue;
    }
    for (size_t i = 0; i < gw_rule_count(); i++) {
      if (!rule_matches(setting->rule, gw_rule_name(i))) continue;
      gw_severity severity = gw_rule_default_severity(i);
      if (severity == GW_SEVERITY_OFF) severity = GW_SEVERITY_WARNING;
      if (gw_options_set_severity(options, gw_rule_name(i), severity) != GW_OK) return false;
    }
  }
  return true;
}

/* Options that take a value, and the commands that accept each option. */
typedef struct {
  const char *long_name;
  char short_name;
  bool takes_value;
  unsigned commands; /* bit per command; 0 for every command */
} option_spec;

#define FOR(c) (1u << (c))
static const option_spec option_specs[] = {
    {"help", 'h', false, 0},
    {"version", 'V', false, 0},
    {"lang", 0, true, 0},
    {"format", 'f', true, FOR(COMMAND_LINT) | FOR(COMMAND_OUTLINE) | FOR(COMMAND_PAIRS) | FOR(COMMAND_RULES)},
    {"enable", 0, true, FOR(COMMAND_LINT) | FOR(COMMAND_FIX)},
    {"disable", 0, true, FOR(COMMAND_LINT) | FOR(COMMAND_FIX)},
    {"config", 0, true, FOR(COMMAND_LINT) | FOR(COMMAND_FIX)},
    {"no-config", 0, false, FOR(COMMAND_LINT) | FOR(COMMAND_FIX)},
    {"fix", 0, false, FOR(COMMAND_LINT)},
    {"rule", 0, true, FOR(COMMAND_FIX)},
    {"in-place", 'i', false, FOR(COMMAND_FIX)},
    {"encoding", 0, true, FOR(COMMAND_LINT) | FOR(COMMAND_OUTLINE) | FOR(COMMAND_PAIRS) | FOR(COMMAND_FIX)},
    {"stdin-filename", 0, true, FOR(COMMAND_LINT) | FOR(COMMAND_OUTLINE) | FOR(COMMAND_PAIRS) | FOR(COMMAND_FIX)},
};
#define OPTION_COUNT (sizeof option_specs / sizeof option_specs[0])

static const char *const command_names[] = {"lint", "outline", "pairs", "fix", "rules"};

/* Parses argv into *args.  Returns -1 to go on, or an exit status (after
 * --help, --version or a usage error). */
static int parse_arguments(int argc, char **argv, cli_arguments *args) {
  memset(args, 0, sizeof *args);
  args->settings = calloc((size_t)argc, sizeof *args->settings);
  args->files = calloc((size_t)argc, sizeof *args->files);
  if (!args->settings || !args->files) {
    print_error("%s", strerror(ENOMEM));
    return EXIT_TROUBLE;
  }
  int command_index = -1;
  const char *format_name = NULL;
  /* Options seen (a bit per option_specs index), to check against the
   * command once it is known. */
  unsigned seen = 0;
  bool only_files = false;

  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (only_files || arg[0] != '-' || arg[1] == '\0') {
      if (command_index < 0) {
        for (int c = 0; c <= COMMAND_RULES; c++) {
          if (strcmp(arg, command_names[c]) == 0) command_index = c;
        }
        if (command_index < 0) {
          return usage_error(TR("unknown command '%s'", "未知命令“%s”"), arg);
        }
      } else {
        args->files[args->file_count++] = arg;
      }
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      only_files = true;
      continue;
    }

    /* --name, --name=value, -x, -x value */
    const option_spec *spec = NULL;
    const char *value = NULL;
    if (arg[1] == '-') {
      const char *name = arg + 2;
      const char *equals = strchr(name, '=');
      size_t length = equals ? (size_t)(equals - name) : strlen(name);
      for (size_t o = 0; o < OPTION_COUNT; o++) {
        if (strlen(option_specs[o].long_name) == length &&
            strncmp(option_specs[o].long_name, name, length) == 0) {
          spec = &option_specs[o];
        }
      }
      if (spec && equals) {
        if (!spec->takes_value) {
          return usage_error(TR("option '%s' takes no value", "选项“%s”不带参数"), arg);
        }
        value = equals + 1;
      }
    } else if (arg[2] == '\0') {
      for (size_t o = 0; o < OPTION_COUNT; o++) {
        if (option_specs[o].short_name == arg[1]) spec = &option_specs[o];
      }
    }
    if (!spec) return usage_error(TR("unknown option '%s'", "未知选项“%s”"), arg);
    if (spec->takes_value && !value) {
      if (i + 1 >= argc) {
        return usage_error(TR("option '%s' needs a value", "选项“%s”需要参数"), arg);
      }
      value = argv[++i];
    }
    seen |= 1u << (spec - option_specs);

    const char *name = spec->long_name;
    if (strcmp(name, "help") == 0) {
      print_help();
      return EXIT_NOTHING_FOUND;
    } else if (strcmp(name, "version") == 0) {
      printf("gongwen %s\n", gw_version());
      return EXIT_NOTHING_FOUND;
    } else if (strcmp(name, "lang") == 0) {
      if (strcmp(value, "zh") != 0 && strcmp(value, "en") != 0) {
        return usage_error(TR("--lang must be zh or en, not '%s'", "--lang 只能是 zh 或 en，不能是“%s”"),
                           value);
      }
    } else if (strcmp(name, "format") == 0) {
      format_name = value;
    } else if (strcmp(name, "enable") == 0 || strcmp(name, "disable") == 0) {
      rule_setting *setting = &args->settings[args->setting_count++];
      setting->rule = value;
      setting->severity = GW_SEVERITY_OFF;
      setting->to_default = name[0] == 'e';
      const char *equals = strchr(value, '=');
      if (equals && name[0] == 'e') {
        /* --enable RULE=SEVERITY: the rule part is copied out of argv. */
        size_t length = (size_t)(equals - value);
        char *rule = malloc(length + 1);
        if (!rule) {
          print_error("%s", strerror(ENOMEM));
          return EXIT_TROUBLE;
        }
        memcpy(rule, value, length);
        rule[length] = '\0';
        setting->rule = rule;
        setting->owned = true;
        setting->to_default = false;
        if (!parse_severity(equals + 1, &setting->severity)) {
          return usage_error(TR("'%s' is not a severity (off, error, warning, info, hint)",
                                "“%s”不是级别（off、error、warning、info、hint）"),
                             equals + 1);
        }
      }
      if (!rule_exists(setting->rule)) {
        return usage_error(TR("unknown rule '%s' (see gongwen rules)",
                              "未知规则“%s”（见 gongwen rules）"),
                           setting->rule);
      }
    } else if (strcmp(name, "config") == 0) {
      args->config = value;
    } else if (strcmp(name, "no-config") == 0) {
      args->no_config = true;
    } else if (strcmp(name, "fix") == 0) {
      args->fix = true;
    } else if (strcmp(name, "rule") == 0) {
      if (!rule_exists(value)) {
        return usage_error(TR("unknown rule '%s' (see gongwen rules)",
                              "未知规则“%s”（见 gongwen rules）"),
                           value);
      }
      args->fix_rule = value;
    } else if (strcmp(name, "in-place") == 0) {
      args->in_place = true;
    } else if (strcmp(name, "encoding") == 0) {
      args->encoding = value;
    } else if (strcmp(name, "stdin-filename") == 0) {
      args->stdin_name = value;
    }
  }

  if (command_index < 0) return usage_error("%s", TR("no command given", "没有给出命令"));
  args->command = (cli_command)command_index;
  for (size_t o = 0; o < OPTION_COUNT; o++) {
    const option_spec *spec = &option_specs[o];
    if ((seen & (1u << o)) && spec->commands && !(spec->commands & FOR(args->command))) {
      return usage_error(TR("option '--%s' does not apply to '%s'", "选项“--%s”不能用于“%s”"),
                         spec->long_name, command_names[args->command]);
    }
  }

  if (format_name) {
    if (strcmp(format_name, "text") == 0) {
      args->format = FORMAT_TEXT;
    } else if (strcmp(format_name, "json") == 0) {
      args->format = FORMAT_JSON;
    } else if (strcmp(format_name, "sarif") == 0 && args->command == COMMAND_LINT) {
      args->format = FORMAT_SARIF;
    } else {
      return usage_error(TR("unknown format '%s'", "未知格式“%s”"), format_name);
    }
  }

  size_t stdin_count = 0;
  for (size_t f = 0; f < args->file_count; f++) stdin_count += strcmp(args->files[f], "-") == 0;
  if (args->command == COMMAND_RULES) {
    if (args->file_count > 0) {
      return usage_error(TR("'rules' takes no file ('%s')", "rules 不接受文件（“%s”）"),
                         args->files[0]);
    }
  } else if (args->file_count == 0) {
    return usage_error(TR("no input file (give FILE, or - for standard input) for '%s'",
                          "“%s”缺少输入文件（给出文件名，或用 - 表示标准输入）"),
                       command_names[args->command]);
  } else if (args->command != COMMAND_LINT && args->file_count > 1) {
    return usage_error(TR("'%s' takes one file", "“%s”只接受一个文件"),
                       command_names[args->command]);
  }
  if (stdin_count > 1) {
    return usage_error("%s", TR("standard input (-) can be read only once",
                                "标准输入（-）只能读取一次"));
  }
  if (stdin_count && (args->fix || args->in_place)) {
    return usage_error("%s", TR("--fix and --in-place need a file, not standard input "
                                "(gongwen fix - prints the fixed text)",
                                "--fix 与 --in-place 需要文件而非标准输入"
                                "（gongwen fix - 会输出修正后的文本）"));
  }
  return -1;
}

static void free_arguments(cli_arguments *args) {
  for (size_t s = 0; s < args->setting_count; s++) {
    if (args->settings[s].owned) free((char *)(uintptr_t)args->settings[s].rule);
  }
  free(args->settings);
  free(args->files);
}

/* --- per-file setup ------------------------------------------------------------- */

/* The name shown for `path`. */
static const char *display_name(const cli_arguments *args, const char *path) {
  if (strcmp(path, "-") != 0) return path;
  return args->stdin_name ? args->stdin_name : "<stdin>";
}

/* The options for `path`: defaults, then .gongwenrc (or --config), then
 * --enable / --disable.  NULL after printing why. */
static gw_options *options_for(const cli_arguments *args, const char *path) {
  gw_options *options = gw_options_new();
  if (!options) {
    print_error("%s", strerror(ENOMEM));
    return NULL;
  }
  char *config = NULL;
  if (args->config) {
    config = malloc(strlen(args->config) + 1);
    if (config) strcpy(config, args->config);
  } else if (!args->no_config) {
    const char *from = strcmp(path, "-") == 0 ? args->stdin_name : path;
    config = cli_find_config(from);
  }
  if (config) {
    char *text = NULL;
    size_t length = 0;
    char error[512];
    if (!cli_read_file(config, &text, &length, error, sizeof error)) {
      print_error("%s", error);
      free(config);
      gw_options_free(options);
      return NULL;
    }
    size_t line = 0;
    gw_status status = gw_options_parse(options, text, length, &line);
    free(text);
    if (status != GW_OK) {
      const char *why =
          status == GW_ERROR_UNKNOWN_RULE
              ? TR("unknown rule (gongwen rules lists them)", "未知规则（gongwen rules 列出全部规则）")
          : status == GW_ERROR_ARGUMENT
              ? TR("expected `RULE = SEVERITY` (off, error, warning, info, hint)",
                   "应为“规则 = 级别”（off、error、warning、info、hint）")
              : gw_strerror(status, cli_lang);
      print_error("%s:%lu: %s", config, (unsigned long)line, why);
      free(config);
      gw_options_free(options);
      return NULL;
    }
    free(config);
  }
  if (!apply_settings(args, options)) {
    print_error("%s", gw_strerror(GW_ERROR_UNKNOWN_RULE, cli_lang));
    gw_options_free(options);
    return NULL;
  }
  return options;
}

static bool read_input(const cli_arguments *args, const char *path, cli_input *input) {
  char error[1024];
  if (!cli_input_read(input, path, args->encoding, error, sizeof error)) {
    print_error("%s", error);
    return false;
  }
  return true;
}

static gw_document *parse_document(const char *name, const char *text, size_t length) {
  gw_document *doc = NULL;
  gw_status status = gw_document_new(text, length, &doc);
  if (status != GW_OK) {
    print_error("%s: %s", name, gw_strerror(status, cli_lang));
    return NULL;
  }
  return doc;
}

/* Applies the fixes of `rule` (NULL: every enabled rule) to `text` until
 * none are left (a fix may make another fault visible), at most a few
 * rounds.  On success *out is malloc'd and *changed says whether it differs. */
static bool fix_text(const char *name, const char *text, size_t length,
                     const gw_options *options, const char *rule, char **out,
                     size_t *out_length, bool *changed) {
  char *current = malloc(length + 1);
  if (!current) {
    print_error("%s", strerror(ENOMEM));
    return false;
  }
  memcpy(current, text, length);
  current[length] = '\0';
  size_t current_length = length;
  *changed = false;
  for (int round = 0; round < 8; round++) {
    gw_document *doc = parse_document(name, current, current_length);
    if (!doc) {
      free(current);
      return false;
    }
    gw_edit *edits = NULL;
    size_t count = 0;
    gw_status status = gw_fix_edits(doc, options, rule, &edits, &count);
    gw_document_free(doc);
    if (status != GW_OK) {
      print_error("%s: %s", name, gw_strerror(status, cli_lang));
      free(current);
      return false;
    }
    if (count == 0) {
      gw_edits_free(edits, count);
      break;
    }
    char *next = NULL;
    size_t next_length = 0;
    status = gw_apply_edits(current, current_length, edits, count, &next, &next_length);
    gw_edits_free(edits, count);
    if (status != GW_OK) {
      print_error("%s: %s", name, gw_strerror(status, cli_lang));
      free(current);
      return false;
    }
    bool same = next_length == current_length && memcmp(next, current, next_length) == 0;
    if (!same) {
      char *copy = realloc(current, next_length + 1);
      if (!copy) {
        gw_string_free(next);
        free(current);
        print_error("%s", strerror(ENOMEM));
        return false;
      }
      current = copy;
      memcpy(current, next, next_length);
      current[next_length] = '\0';
      current_length = next_length;
      *changed = true;
    }
    gw_string_free(next);
    if (same) break;
  }
  *out = current;
  *out_length = current_length;
  return true;
}

/* Writes the fixed `text` back to `path` in the file's own encoding. */
static bool write_back(const char *path, const cli_input *input, const char *text,
                       size_t length) {
  char error[1024];
  char *bytes = NULL;
  size_t byte_length = 0;
  if (!cli_encode_like(input, text, length, &bytes, &byte_length, error, sizeof error)) {
    print_error("%s: %s", path, error);
    return false;
  }
  bool ok = cli_write_atomically(path, bytes, byte_length, error, sizeof error);
  free(bytes);
  if (!ok) print_error("%s", error);
  return ok;
}

/* --- lint ------------------------------------------------------------------------- */

static const char *sarif_level(gw_severity severity) {
  switch (severity) {
  case GW_SEVERITY_ERROR: return "error";
  case GW_SEVERITY_WARNING: return "warning";
  default: return "note";
  }
}

static long rule_index(const char *name) {
  for (size_t i = 0; i < gw_rule_count(); i++) {
    if (strcmp(gw_rule_name(i), name) == 0) return (long)i;
  }
  return -1;
}

static void json_key_string(const char *key, const char *value, size_t length) {
  printf("\"%s\": ", key);
  cli_json_string(stdout, value, length);
}

static void sarif_region(cli_position start, cli_position end) {
  printf("{\"startLine\": %lu, \"startColumn\": %lu, \"endLine\": %lu, \"endColumn\": %lu}",
         start.line, start.column, end.line, end.column);
}

static void sarif_begin(void) {
  printf("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
         "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
         "    \"tool\": {\"driver\": {\"name\": \"gongwen\", \"version\": \"%s\",\n"
         "      \"rules\": [",
         gw_version());
  for (size_t i = 0; i < gw_rule_count(); i++) {
    const char *name = gw_rule_name(i);
    const char *description = gw_rule_description(i, cli_lang);
    gw_severity severity = gw_rule_default_severity(i);
    printf("%s\n        {\"id\": ", i ? "," : "");
    cli_json_string(stdout, name, strlen(name));
    printf(", \"shortDescription\": {\"text\": ");
    cli_json_string(stdout, description, strlen(description));
    printf("}, \"defaultConfiguration\": {\"enabled\": %s, \"level\": \"%s\"}}",
           severity == GW_SEVERITY_OFF ? "false" : "true", sarif_level(severity));
  }
  printf("]}},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [");
}

static void sarif_end(void) { printf("\n    ]\n  }]\n}\n"); }

/* Column caches for print_diagnostic: starts, ends and fix edits each come
 * in order. */
typedef struct {
  cli_column_cache start, end, edit;
} diagnostic_columns;

static void print_diagnostic(const cli_arguments *args, const char *name, const gw_document *doc,
                             const gw_diagnostic *d, diagnostic_columns *columns, bool first) {
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  cli_position start = cli_position_of(&columns->start, text, length, d->range.start);
  cli_position end = cli_position_of(&columns->end, text, length, d->range.end);
  const char *message = cli_lang == GW_LANG_ZH ? d->message_zh : d->message_en;
  if (!message) message = d->message_en ? d->message_en : "";

  switch (args->format) {
  case FORMAT_TEXT:
    cli_print_line_text(stdout, name, strlen(name));
    printf(":%lu:%lu: %s: ", start.line, start.column, severity_name(d->severity));
    cli_print_line_text(stdout, message, strlen(message));
    printf(" [%s]\n", d->rule);
    break;
  case FORMAT_JSON:
    printf("%s\n  {", first ? "" : ",");
    json_key_string("file", name, strlen(name));
    printf(", ");
    json_key_string("rule", d->rule, strlen(d->rule));
    printf(", \"severity\": \"%s\", \"line\": %lu, \"column\": %lu, \"end_line\": %lu, "
           "\"end_column\": %lu, ",
           severity_name(d->severity), start.line, start.column, end.line, end.column);
    json_key_string("message", message, strlen(message));
    printf(", \"fixable\": %s}", d->edit_count > 0 ? "true" : "false");
    break;
  case FORMAT_SARIF: {
    printf("%s\n      {\"ruleId\": ", first ? "" : ",");
    cli_json_string(stdout, d->rule, strlen(d->rule));
    long index = rule_index(d->rule);
    if (index >= 0) printf(", \"ruleIndex\": %ld", index);
    printf(", \"level\": \"%s\", \"message\": {\"text\": ", sarif_level(d->severity));
    cli_json_string(stdout, message, strlen(message));
    printf("},\n       \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"");
    cli_uri(stdout, name);
    printf("\"}, \"region\": ");
    sarif_region(start, end);
    printf("}}]");
    if (d->edit_count > 0) {
      printf(",\n       \"fixes\": [{\"artifactChanges\": [{\"artifactLocation\": {\"uri\": \"");
      cli_uri(stdout, name);
      printf("\"}, \"replacements\": [");
      for (size_t e = 0; e < d->edit_count; e++) {
        const gw_edit *edit = &d->edits[e];
        cli_position from =
            cli_position_of(&columns->edit, text, length, gw_document_point_at(doc, edit->start_byte));
        cli_position to =
            cli_position_of(&columns->edit, text, length, gw_document_point_at(doc, edit->end_byte));
        printf("%s{\"deletedRegion\": ", e ? ", " : "");
        sarif_region(from, to);
        printf(", \"insertedContent\": {\"text\": ");
        cli_json_string(stdout, edit->text ? edit->text : "", edit->text ? edit->text_length : 0);
        printf("}}");
      }
      printf("]}]}]");
    }
    printf("}");
    break;
  }
  }
}

static int run_lint(const cli_arguments *args) {
  bool trouble = false, found = false, first = true;
  if (args->format == FORMAT_JSON) printf("[");
  if (args->format == FORMAT_SARIF) sarif_begin();

  for (size_t f = 0; f < args->file_count; f++) {
    const char *path = args->files[f];
    const char *name = display_name(args, path);
    cli_input input;
    if (!read_input(args, path, &input)) {
      trouble = true;
      continue;
    }
    gw_options *options = options_for(args, path);
    if (!options) {
      trouble = true;
      cli_input_free(&input);
      continue;
    }
    const char *text = input.text;
    size_t length = input.length;
    char *fixed = NULL;
    if (args->fix) {
      bool changed = false;
      size_t fixed_length = 0;
      if (!fix_text(name, text, length, options, NULL, &fixed, &fixed_length, &changed) ||
          (changed && !write_back(path, &input, fixed, fixed_length))) {
        trouble = true;
        free(fixed);
        gw_options_free(options);
        cli_input_free(&input);
        continue;
      }
      text = fixed;
      length = fixed_length;
    }

    gw_document *doc = parse_document(name, text, length);
    gw_diagnostics *diagnostics = NULL;
    gw_status status = doc ? gw_lint(doc, options, &diagnostics) : GW_OK;
    if (!doc) {
      trouble = true;
    } else if (status != GW_OK) {
      print_error("%s: %s", name, gw_strerror(status, cli_lang));
      trouble = true;
    } else {
      size_t count = gw_diagnostics_count(diagnostics);
      diagnostic_columns columns;
      memset(&columns, 0, sizeof columns);
      for (size_t i = 0; i < count; i++) {
        const gw_diagnostic *d = gw_diagnostics_get(diagnostics, i);
        if (!d || d->severity == GW_SEVERITY_OFF) continue;
        print_diagnostic(args, name, doc, d, &columns, first);
        first = false;
        found = true;
      }
    }
    gw_diagnostics_free(diagnostics);
    gw_document_free(doc);
    free(fixed);
    gw_options_free(options);
    cli_input_free(&input);
  }

  if (args->format == FORMAT_JSON) printf("%s]\n", first ? "" : "\n");
  if (args->format == FORMAT_SARIF) sarif_end();
  return trouble ? EXIT_TROUBLE : found ? EXIT_FOUND : EXIT_NOTHING_FOUND;
}

/* --- outline and pairs ---------------------------------------------------------------- */

/* The last line an entry covers, 1-based: its extent ends after a line
 * break, at column 0 of the next row, which is not part of it. */
static unsigned long last_line(const gw_entry *entry) {
  gw_point end = entry->extent.end;
  if (end.column == 0 && end.row > entry->extent.start.row) return end.row;
  return (unsigned long)end.row + 1;
}

static void print_range_text(const gw_document *doc, gw_range range, bool json) {
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  size_t start = range.start.byte < length ? range.start.byte : length;
  size_t end = range.end.byte < length ? range.end.byte : length;
  if (end < start) end = start;
  if (json) {
    cli_json_string(stdout, text + start, end - start);
  } else {
    cli_print_line_text(stdout, text + start, end - start);
  }
}

static int run_outline(const cli_arguments *args, const gw_document *doc) {
  size_t count = gw_outline_count(doc);
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  if (args->format == FORMAT_JSON) {
    cli_column_cache columns;
    memset(&columns, 0, sizeof columns);
    printf("[");
    for (size_t i = 0; i < count; i++) {
      const gw_entry *e = gw_outline_entry(doc, i);
      cli_position at = cli_position_of(&columns, text, length, e->marker.start);
      printf("%s\n  {\"kind\": \"%s\", \"level\": %d, \"number\": %lu, \"marker\": ", i ? "," : "",
             e->kind == GW_ENTRY_ITEM ? "item" : "heading", e->level, (unsigned long)e->number);
      print_range_text(doc, e->marker, true);
      printf(", \"title\": ");
      print_range_text(doc, e->title, true);
      printf(", \"line\": %lu, \"column\": %lu, \"end_line\": %lu}", at.line, at.column,
             last_line(e));
    }
    printf("%s]\n", count ? "\n" : "");
    return EXIT_NOTHING_FOUND;
  }

  /* Text: the line number, then the entry indented by its depth in the tree. */
  size_t *depth = calloc(count ? count : 1, sizeof *depth);
  if (!depth) {
    print_error("%s", strerror(ENOMEM));
    return EXIT_TROUBLE;
  }
  int width = 1;
  for (unsigned long rows = gw_document_point_at(doc, length).row + 1; rows >= 10; rows /= 10) {
    width++;
  }
  for (size_t i = 0; i < count; i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->parent >= 0 && (size_t)e->parent < i) depth[i] = depth[e->parent] + 1;
    printf("%*lu  %*s", width, (unsigned long)e->marker.start.row + 1, (int)(2 * depth[i]), "");
    print_range_text(doc, e->marker, false);
    print_range_text(doc, e->title, false);
    printf("\n");
  }
  free(depth);
  return EXIT_NOTHING_FOUND;
}

static void print_side_json(const gw_document *doc, long index) {
  const gw_entry *e = index >= 0 ? gw_outline_entry(doc, (size_t)index) : NULL;
  if (!e) {
    printf("null");
    return;
  }
  printf("{\"line\": %lu, \"marker\": ", (unsigned long)e->marker.start.row + 1);
  print_range_text(doc, e->marker, true);
  printf(", \"title\": ");
  print_range_text(doc, e->title, true);
  printf("}");
}

static void print_side_text(const gw_document *doc, const char *label, long index) {
  const gw_entry *e = index >= 0 ? gw_outline_entry(doc, (size_t)index) : NULL;
  if (!e) {
    printf("%s: %s", label, TR("none", "无"));
    return;
  }
  printf("%s %lu: ", label, (unsigned long)e->marker.start.row + 1);
  print_range_text(doc, e->marker, false);
  print_range_text(doc, e->title, false);
}

static int run_pairs(const cli_arguments *args, const gw_document *doc) {
  size_t count = gw_pair_count(doc);
  if (args->format == FORMAT_JSON) {
    for (int unmatched = 0; unmatched < 2; unmatched++) {
      printf(unmatched ? ",\n  \"unmatched\": [" : "{\n  \"pairs\": [");
      bool first = true;
      for (size_t i = 0; i < count; i++) {
        const gw_pair *p = gw_pair_get(doc, i);
        if (!p || (p->remedy < 0) != (unmatched != 0)) continue;
        printf("%s\n    {\"problem\": ", first ? "" : ",");
        print_side_json(doc, p->problem);
        printf(", \"cause\": ");
        print_side_json(doc, p->cause);
        if (!unmatched) {
          printf(", \"remedy\": ");
          print_side_json(doc, p->remedy);
          printf(", \"score\": %.3f", p->score);
        }
        printf("}");
        first = false;
      }
      printf("%s]", first ? "" : "\n  ");
    }
    printf("\n}\n");
    return EXIT_NOTHING_FOUND;
  }
  for (size_t i = 0; i < count; i++) {
    const gw_pair *p = gw_pair_get(doc, i);
    if (!p) continue;
    print_side_text(doc, TR("problem", "问题"), p->problem);
    printf("\n");
    if (p->cause >= 0) {
      printf("  ");
      print_side_text(doc, TR("cause", "原因"), p->cause);
      printf("\n");
    }
    printf("  ");
    print_side_text(doc, TR("remedy", "措施"), p->remedy);
    if (p->remedy >= 0) printf(" (%s %.2f)", TR("score", "匹配度"), p->score);
    printf("\n");
  }
  return EXIT_NOTHING_FOUND;
}

/* Reads the one input of outline and pairs and runs `show` on it. */
static int run_on_document(const cli_arguments *args,
                           int (*show)(const cli_arguments *, const gw_document *)) {
  cli_input input;
  if (!read_input(args, args->files[0], &input)) return EXIT_TROUBLE;
  gw_document *doc = parse_document(display_name(args, args->files[0]), input.text, input.length);
  int status = doc ? show(args, doc) : EXIT_TROUBLE;
  gw_document_free(doc);
  cli_input_free(&input);
  return status;
}

/* --- fix and rules ----------------------------------------------------------------------- */

static int run_fix(const cli_arguments *args) {
  const char *path = args->files[0];
  const char *name = display_name(args, path);
  cli_input input;
  if (!read_input(args, path, &input)) return EXIT_TROUBLE;
  gw_options *options = options_for(args, path);
  char *fixed = NULL;
  size_t fixed_length = 0;
  bool changed = false;
  int status = EXIT_NOTHING_FOUND;
  if (!options ||
      !fix_text(name, input.text, input.length, options, args->fix_rule, &fixed, &fixed_length,
                &changed)) {
    status = EXIT_TROUBLE;
  } else if (args->in_place) {
    /* An unchanged file is not rewritten at all. */
    if (changed && !write_back(path, &input, fixed, fixed_length)) status = EXIT_TROUBLE;
  } else {
    /* Standard output is UTF-8; a UTF-8 file's BOM is kept so that
     * `gongwen fix a > b` reproduces the file's form. */
    bool utf8 = strcmp(input.encoding, "UTF-8") == 0 || strcmp(input.encoding, "utf-8") == 0;
    if (input.had_bom && utf8) fputs("\xEF\xBB\xBF", stdout);
    fwrite(fixed, 1, fixed_length, stdout);
  }
  free(fixed);
  gw_options_free(options);
  cli_input_free(&input);
  return status;
}

static int run_rules(const cli_arguments *args) {
  size_t count = gw_rule_count();
  if (args->format == FORMAT_JSON) printf("[");
  for (size_t i = 0; i < count; i++) {
    const char *name = gw_rule_name(i);
    const char *description = gw_rule_description(i, cli_lang);
    const char *severity = severity_name(gw_rule_default_severity(i));
    if (args->format == FORMAT_JSON) {
      printf("%s\n  {", i ? "," : "");
      json_key_string("name", name, strlen(name));
      printf(", \"severity\": \"%s\", ", severity);
      json_key_string("description", description, strlen(description));
      printf("}");
    } else {
      printf("%-28s %-8s %s\n", name, severity, description);
    }
  }
  if (args->format == FORMAT_JSON) printf("%s]\n", count ? "\n" : "");
  return EXIT_NOTHING_FOUND;
}

int main(int argc, char **argv) {
  cli_lang = choose_lang(argc, argv);
  cli_arguments args;
  int status = parse_arguments(argc, argv, &args);
  if (status < 0) {
    switch (args.command) {
    case COMMAND_LINT: status = run_lint(&args); break;
    case COMMAND_OUTLINE: status = run_on_document(&args, run_outline); break;
    case COMMAND_PAIRS: status = run_on_document(&args, run_pairs); break;
    case COMMAND_FIX: status = run_fix(&args); break;
    case COMMAND_RULES: status = run_rules(&args); break;
    }
  }
  free_arguments(&args);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    print_error("%s: %s", TR("standard output", "标准输出"), strerror(errno));
    return EXIT_TROUBLE;
  }
  return status;
}
