/*
 * Reading reports and writing them back.
 *
 * A report is read whole (from a file or standard input), converted to UTF-8
 * by gw_to_utf8 (which detects the charset unless --encoding names it), and
 * its byte order mark is set aside: an editor does not show it, so positions
 * count from the first visible character.  Writing back in place restores
 * the original charset and BOM.
 */
#define _XOPEN_SOURCE 700

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

/* Writes a message to `error` and returns false. */
static bool failf(char *error, size_t error_size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static bool failf(char *error, size_t error_size, const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(error, error_size, format, arguments);
  va_end(arguments);
  return false;
}

/* Reads all of `file` into a malloc'd, NUL-terminated buffer. */
static bool read_stream(FILE *file, char **out, size_t *length) {
  size_t capacity = 64 * 1024, size = 0;
  char *data = malloc(capacity);
  if (!data) return false;
  for (;;) {
    if (capacity - size < 2) {
      if (capacity > GW_MAX_TEXT) {
        free(data);
        errno = EFBIG;
        return false;
      }
      char *grown = realloc(data, capacity * 2);
      if (!grown) {
        free(data);
        errno = ENOMEM;
        return false;
      }
      data = grown;
      capacity *= 2;
    }
    size_t got = fread(data + size, 1, capacity - size - 1, file);
    size += got;
    if (got == 0) {
      if (ferror(file)) {
        int saved = errno;
        free(data);
        errno = saved ? saved : EIO;
        return false;
      }
      break;
    }
  }
  data[size] = '\0';
  *out = data;
  *length = size;
  return true;
}

bool cli_read_file(const char *path, char **out, size_t *length, char *error, size_t error_size) {
  FILE *file = fopen(path, "rb");
  if (!file) return failf(error, error_size, "%s: %s", path, strerror(errno));
  bool ok = read_stream(file, out, length);
  int saved = errno;
  fclose(file);
  if (!ok) return failf(error, error_size, "%s: %s", path, strerror(saved));
  return true;
}

/* The byte order marks gw_to_utf8 reads (it may or may not keep them). */
static bool starts_with_bom(const char *bytes, size_t length) {
  const unsigned char *b = (const unsigned char *)bytes;
  if (length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return true;
  if (length >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
    return true;
  }
  if (length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return true;
  return false;
}

bool cli_input_read(cli_input *input, const char *path, const char *encoding, char *error,
                    size_t error_size) {
  memset(input, 0, sizeof *input);
  char *raw = NULL;
  size_t raw_length = 0;
  if (strcmp(path, "-") == 0) {
    if (!read_stream(stdin, &raw, &raw_length)) {
      return failf(error, error_size, "%s: %s", TR("standard input", "标准输入"),
                   strerror(errno));
    }
  } else if (!cli_read_file(path, &raw, &raw_length, error, error_size)) {
    return false;
  }

  char *text = NULL;
  size_t length = 0;
  const char *detected = NULL;
  gw_status status = gw_to_utf8(raw, raw_length, encoding, &text, &length, &detected);
  bool bom = starts_with_bom(raw, raw_length);
  free(raw);
  if (status != GW_OK) {
    snprintf(error, error_size, "%s: %s%s%s", strcmp(path, "-") == 0 ? "-" : path,
             gw_strerror(status, cli_lang), encoding ? " " : "", encoding ? encoding : "");
    return false;
  }
  if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    memmove(text, text + 3, length - 3 + 1);
    length -= 3;
    bom = true;
  }
  input->text = text;
  input->length = length;
  input->had_bom = bom;
  const char *name = detected ? detected : encoding ? encoding : "UTF-8";
  input->encoding = malloc(strlen(name) + 1);
  if (!input->encoding) {
    cli_input_free(input);
    return failf(error, error_size, "%s: %s", path, strerror(ENOMEM));
  }
  strcpy(input->encoding, name);
  return true;
}

void cli_input_free(cli_input *input) {
  gw_string_free(input->text);
  free(input->encoding);
  memset(input, 0, sizeof *input);
}

static bool is_utf8_name(const char *name) {
  return ucnv_compareNames(name, "UTF-8") == 0;
}

/* Charsets whose converter writes its own byte order mark. */
static bool writes_own_bom(const char *name) {
  return ucnv_compareNames(name, "UTF-16") == 0 || ucnv_compareNames(name, "UTF-32") == 0;
}

bool cli_encode_like(const cli_input *input, const char *text, size_t length, char **out,
                     size_t *out_length, char *error, size_t error_size) {
  if (is_utf8_name(input->encoding)) {
    size_t bom = input->had_bom ? 3 : 0;
    char *data = malloc(length + bom + 1);
    if (!data) return failf(error, error_size, "%s", strerror(ENOMEM));
    memcpy(data, "\xEF\xBB\xBF", bom);
    memcpy(data + bom, text, length);
    data[bom + length] = '\0';
    *out = data;
    *out_length = bom + length;
    return true;
  }

  /* UTF-8 → UTF-16 → the original charset, stopping at anything that the
   * charset cannot hold rather than writing a substitute. */
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = 0;
  if (length > INT32_MAX / 2) return failf(error, error_size, "%s", strerror(EFBIG));
  u_strFromUTF8(NULL, 0, &units, text, (int32_t)length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return failf(error, error_size, TR("the text is not valid UTF-8 (%s)", "文本不是有效的 UTF-8（%s）"),
                 u_errorName(status));
  }
  bool add_bom = input->had_bom && !writes_own_bom(input->encoding);
  UChar *wide = malloc(((size_t)units + 2) * sizeof *wide);
  if (!wide) return failf(error, error_size, "%s", strerror(ENOMEM));
  size_t offset = add_bom ? 1 : 0;
  wide[0] = 0xFEFF;
  status = U_ZERO_ERROR;
  u_strFromUTF8(wide + offset, units + 1, NULL, text, (int32_t)length, &status);
  if (U_FAILURE(status)) {
    free(wide);
    return failf(error, error_size, "%s", u_errorName(status));
  }
  int32_t wide_length = units + (int32_t)offset;

  status = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(input->encoding, &status);
  if (U_FAILURE(status)) {
    free(wide);
    return failf(error, error_size, TR("cannot write %s: %s", "无法写成 %s：%s"),
                 input->encoding, u_errorName(status));
  }
  ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
  int32_t needed = ucnv_fromUChars(converter, NULL, 0, wide, wide_length, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) status = U_ZERO_ERROR;
  char *data = U_SUCCESS(status) ? malloc((size_t)needed + 1) : NULL;
  if (data) ucnv_fromUChars(converter, data, needed + 1, wide, wide_length, &status);
  ucnv_close(converter);
  free(wide);
  if (!data || U_FAILURE(status)) {
    free(data);
    return failf(error, error_size,
                 TR("the fixed text cannot be written as %s (%s)",
                    "修改后的文本无法以 %s 编码写回（%s）"),
                 input->encoding, u_errorName(status));
  }
  *out = data;
  *out_length = (size_t)needed;
  return true;
}

/* Writes all of `data` to `fd`, retrying short writes and interruptions. */
static bool write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t written = write(fd, data, length);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    length -= (size_t)written;
  }
  return true;
}

bool cli_write_atomically(const char *path, const char *data, size_t length, char *error,
                          size_t error_size) {
  /* Replace the file a link points to, not the link. */
  char *real = realpath(path, NULL);
  if (!real) return failf(error, error_size, "%s: %s", path, strerror(errno));
  struct stat original;
  if (stat(real, &original) != 0) {
    int saved = errno;
    free(real);
    return failf(error, error_size, "%s: %s", path, strerror(saved));
  }

  const char *slash = strrchr(real, '/');
  size_t dir_length = slash ? (size_t)(slash - real) : 0;
  const char *base = slash ? slash + 1 : real;
  static const char suffix[] = ".gongwen-XXXXXX";
  size_t temp_size = dir_length + 2 + strlen(base) + sizeof suffix;
  char *temp = malloc(temp_size);
  if (!temp) {
    free(real);
    return failf(error, error_size, "%s: %s", path, strerror(ENOMEM));
  }
  snprintf(temp, temp_size, "%.*s/.%s%s", (int)dir_length, real, base, suffix);

  int fd = mkstemp(temp);
  if (fd < 0) {
    int saved = errno;
    snprintf(error, error_size, TR("%s: cannot create a temporary file beside it: %s",
                                   "%s：无法在同一目录下创建临时文件：%s"),
             path, strerror(saved));
    free(temp);
    free(real);
    return false;
  }
  bool ok = write_all(fd, data, length) && fsync(fd) == 0 &&
            fchmod(fd, original.st_mode & 07777) == 0;
  int saved = errno;
  if (ok && fchown(fd, original.st_uid, original.st_gid) != 0) {
    /* Only root may give a file away; the mode is what matters. */
  }
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && rename(temp, real) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    unlink(temp);
    snprintf(error, error_size, "%s: %s", path, strerror(saved));
  } else {
    /* Make the rename durable; a failure here leaves a complete file. */
    if (dir_length == 0) {
      strcpy(temp, "/");
    } else {
      temp[dir_length] = '\0';
    }
    int dir = open(temp, O_RDONLY);
    if (dir >= 0) {
      fsync(dir);
      close(dir);
    }
  }
  free(temp);
  free(real);
  return ok;
}

char *cli_find_config(const char *path) {
  char *dir;
  if (!path || strcmp(path, "-") == 0) {
    dir = getcwd(NULL, 0);
  } else {
    /* The directory part of the name as given: the file itself need not
     * exist (a name given with --stdin-filename). */
    const char *slash = strrchr(path, '/');
    size_t dir_length = !slash ? 0 : slash == path ? 1 : (size_t)(slash - path);
    char *given = malloc(dir_length + 2);
    if (!given) return NULL;
    if (dir_length == 0) {
      strcpy(given, ".");
    } else {
      memcpy(given, path, dir_length);
      given[dir_length] = '\0';
    }
    dir = realpath(given, NULL);
    free(given);
  }
  if (!dir) return NULL;

  /* Walk up: /a/b/c, /a/b, /a, / */
  size_t capacity = strlen(dir) + sizeof "/.gongwenrc";
  char *candidate = malloc(capacity);
  if (!candidate) {
    free(dir);
    return NULL;
  }
  for (;;) {
    snprintf(candidate, capacity, "%s%s.gongwenrc", dir,
             dir[strlen(dir) - 1] == '/' ? "" : "/");
    struct stat info;
    if (stat(candidate, &info) == 0 && S_ISREG(info.st_mode)) {
      free(dir);
      return candidate;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || (slash == dir && dir[1] == '\0')) break;
    if (slash == dir) {
      dir[1] = '\0';
    } else {
      *slash = '\0';
    }
  }
  free(candidate);
  free(dir);
  return NULL;
}
