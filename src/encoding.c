/*
 * Conversion of a file's bytes to UTF-8.
 *
 * Detection, in order: a byte order mark; valid UTF-8 (unless its NUL
 * bytes say UTF-16); then ICU's charset detector, whose multi-byte guesses
 * are tried first, each only if it converts without an error; then
 * GB18030, the superset of GBK and GB2312 that Chinese reports are most
 * often saved in.  An encoding named by the caller is converted with
 * U+FFFD for what it cannot read.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

/* Bytes the detector looks at: enough to judge, and bounded. */
#define DETECT_SAMPLE (64 * 1024)

static bool valid_utf8(const char *text, size_t length) {
  for (size_t pos = 0; pos < length;) {
    if (gw__decode(text, length, &pos) < 0) return false;
  }
  return true;
}

/* UTF-16 without a BOM shows as NUL bytes at one parity: ASCII characters
 * (line breaks, digits) have a zero high byte, and no other charset a
 * report is saved in has NUL bytes.  Returns "UTF-16LE", "UTF-16BE" or
 * NULL when fewer than one unit in `one_in` has a zero high byte, or any
 * notable number of units a zero low byte. */
static const char *utf16_by_zeros(const char *text, size_t length, size_t one_in) {
  if (length < 4 || length % 2) return NULL;
  size_t sample = length < DETECT_SAMPLE ? length : DETECT_SAMPLE;
  size_t even = 0, odd = 0;
  for (size_t i = 0; i + 1 < sample; i += 2) {
    if (text[i] == '\0') even++;
    if (text[i + 1] == '\0') odd++;
  }
  size_t units = sample / 2;
  if (odd > 0 && odd * one_in >= units && even * 64 <= odd) return "UTF-16LE";
  if (even > 0 && even * one_in >= units && odd * 64 <= even) return "UTF-16BE";
  return NULL;
}

/* Converts with ICU; with `strict`, any byte it cannot read is an error. */
static gw_status convert(const char *input, size_t length, const char *encoding, bool strict,
                         char **out, size_t *out_length) {
  UErrorCode icu = U_ZERO_ERROR;
  UConverter *source = ucnv_open(encoding, &icu);
  if (U_FAILURE(icu)) return GW_ERROR_ENCODING;
  UConverter *target = ucnv_open("UTF-8", &icu);
  if (U_FAILURE(icu)) {
    ucnv_close(source);
    return GW_ERROR_ENCODING;
  }
  if (strict) {
    ucnv_setToUCallBack(source, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &icu);
  } else {
    static const UChar replacement[] = {0xFFFD};
    ucnv_setSubstString(source, replacement, 1, &icu);
    ucnv_setToUCallBack(source, UCNV_TO_U_CALLBACK_SUBSTITUTE, NULL, NULL, NULL, &icu);
  }

  size_t capacity = length + length / 2 + 16;
  char *buffer = malloc(capacity + 1);
  gw_status status = buffer ? GW_OK : GW_ERROR_NOMEM;
  UChar pivot[1024];
  UChar *pivot_source = pivot, *pivot_target = pivot;
  const char *src = input, *src_limit = input + length;
  char *dst = buffer;
  bool first = true;
  while (status == GW_OK) {
    icu = U_ZERO_ERROR;
    ucnv_convertEx(target, source, &dst, buffer + capacity, &src, src_limit, pivot,
                   &pivot_source, &pivot_target, pivot + 1024, first, true, &icu);
    first = false;
    if (icu == U_BUFFER_OVERFLOW_ERROR) {
      size_t used = (size_t)(dst - buffer);
      if (capacity > GW_MAX_TEXT) {
        status = GW_ERROR_TOO_LARGE;
        break;
      }
      size_t bigger = capacity * 2;
      char *grown = realloc(buffer, bigger + 1);
      if (!grown) {
        status = GW_ERROR_NOMEM;
        break;
      }
      buffer = grown;
      capacity = bigger;
      dst = buffer + used;
      continue;
    }
    if (U_FAILURE(icu)) status = GW_ERROR_ENCODING;
    break;
  }
  ucnv_close(source);
  ucnv_close(target);
  if (status != GW_OK) {
    free(buffer);
    return status;
  }
  size_t n = (size_t)(dst - buffer);
  if (n > GW_MAX_TEXT) {
    free(buffer);
    return GW_ERROR_TOO_LARGE;
  }
  buffer[n] = '\0';
  *out = buffer;
  *out_length = n;
  return GW_OK;
}

static gw_status copy_utf8(const char *input, size_t length, char **out, size_t *out_length) {
  char *copy = malloc(length + 1);
  if (!copy) return GW_ERROR_NOMEM;
  if (length) memcpy(copy, input, length);
  copy[length] = '\0';
  *out = copy;
  *out_length = length;
  return GW_OK;
}

/* The static name of a charset the detector or a BOM may report. */
static const char *static_name(const char *name) {
  static const char *const names[] = {
      "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "GB18030", "Big5",
      "Shift_JIS", "EUC-JP", "EUC-KR", "ISO-2022-CN", "ISO-2022-JP", "ISO-2022-KR",
      "ISO-8859-1", "ISO-8859-2", "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
      "ISO-8859-8-I", "ISO-8859-9", "windows-1250", "windows-1251", "windows-1252",
      "windows-1253", "windows-1254", "windows-1255", "windows-1256", "KOI8-R",
      "IBM420_rtl", "IBM420_ltr", "IBM424_rtl", "IBM424_ltr",
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(names[i], name) == 0) return names[i];
  }
  return NULL;
}

static bool is_multibyte(const char *name) {
  return strcmp(name, "GB18030") == 0 || strcmp(name, "Big5") == 0 ||
         strcmp(name, "UTF-16LE") == 0 || strcmp(name, "UTF-16BE") == 0 ||
         strcmp(name, "UTF-32LE") == 0 || strcmp(name, "UTF-32BE") == 0 ||
         strcmp(name, "Shift_JIS") == 0 || strcmp(name, "EUC-JP") == 0 ||
         strcmp(name, "EUC-KR") == 0;
}

/* Tries the detector's guesses; *found receives the name converted. */
static gw_status detect_and_convert(const char *input, size_t length, char **out,
                                    size_t *out_length, const char **found) {
  UErrorCode icu = U_ZERO_ERROR;
  UCharsetDetector *detector = ucsdet_open(&icu);
  const char *single_byte = NULL;
  if (U_SUCCESS(icu)) {
    int32_t sample = (int32_t)(length < DETECT_SAMPLE ? length : DETECT_SAMPLE);
    ucsdet_setText(detector, input, sample, &icu);
    int32_t count = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(detector, &count, &icu);
    for (int32_t i = 0; U_SUCCESS(icu) && i < count; i++) {
      UErrorCode name_status = U_ZERO_ERROR;
      const char *name = static_name(ucsdet_getName(matches[i], &name_status));
      if (U_FAILURE(name_status) || !name) continue;
      if (!is_multibyte(name)) {
        if (!single_byte) single_byte = name;
        continue;
      }
      gw_status status = convert(input, length, name, true, out, out_length);
      if (status == GW_OK || status == GW_ERROR_NOMEM || status == GW_ERROR_TOO_LARGE) {
        ucsdet_close(detector);
        *found = name;
        return status;
      }
    }
    ucsdet_close(detector);
  }
  gw_status status = convert(input, length, "GB18030", true, out, out_length);
  if (status != GW_ERROR_ENCODING) {
    *found = "GB18030";
    return status;
  }
  if (single_byte) {
    *found = single_byte;
    return convert(input, length, single_byte, true, out, out_length);
  }
  return GW_ERROR_ENCODING;
}

gw_status gw_to_utf8(const char *input, size_t length, const char *encoding, char **out,
                     size_t *out_length, const char **detected) {
  if (out) *out = NULL;
  if (out_length) *out_length = 0;
  if (detected) *detected = NULL;
  if (!out || !out_length || (!input && length > 0)) return GW_ERROR_ARGUMENT;
  if (length > GW_MAX_TEXT) return GW_ERROR_TOO_LARGE;
  if (!input) input = "";

  const char *name = NULL;
  gw_status status;
  if (encoding) {
    status = convert(input, length, encoding, false, out, out_length);
    if (status == GW_OK) {
      /* Names from the alias table are static; prefer the IANA one. */
      UErrorCode icu = U_ZERO_ERROR;
      name = ucnv_getStandardName(encoding, "IANA", &icu);
      if (U_FAILURE(icu) || !name) {
        icu = U_ZERO_ERROR;
        name = ucnv_getAlias(encoding, 0, &icu);
        if (U_FAILURE(icu)) name = NULL;
      }
    }
  } else {
    const unsigned char *b = (const unsigned char *)input;
    if (length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
      name = "UTF-8";
      /* What is not UTF-8 after the BOM becomes U+FFFD, as in a named
       * encoding: the result is UTF-8 whatever the input. */
      status = valid_utf8(input + 3, length - 3)
                   ? copy_utf8(input + 3, length - 3, out, out_length)
                   : convert(input + 3, length - 3, name, false, out, out_length);
    } else if (length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
      name = "UTF-32LE";
      status = convert(input + 4, length - 4, name, false, out, out_length);
    } else if (length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
      name = "UTF-32BE";
      status = convert(input + 4, length - 4, name, false, out, out_length);
    } else if (length >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
      name = "UTF-16LE";
      status = convert(input + 2, length - 2, name, false, out, out_length);
    } else if (length >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
      name = "UTF-16BE";
      status = convert(input + 2, length - 2, name, false, out, out_length);
    } else if ((name = utf16_by_zeros(input, length, 8)) != NULL) {
      status = convert(input, length, name, false, out, out_length);
    } else if (valid_utf8(input, length)) {
      name = "UTF-8";
      status = copy_utf8(input, length, out, out_length);
    } else {
      /* A few NUL bytes at one parity still say UTF-16 when the bytes are
       * not UTF-8; the conversion must then succeed without a fault. */
      name = utf16_by_zeros(input, length, 256);
      status = name ? convert(input, length, name, true, out, out_length) : GW_ERROR_ENCODING;
      if (status == GW_ERROR_ENCODING) {
        status = detect_and_convert(input, length, out, out_length, &name);
      }
    }
  }
  if (status == GW_OK && detected) *detected = name;
  return status;
}
