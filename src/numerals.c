/*
 * Numbers of markers and items: Chinese numerals, Arabic digits of either
 * width, and circled numbers.
 */
#include "internal.h"

#include <string.h>

enum { NOT_A_NUMERAL = -1 };

/* 0-9 for a Chinese digit (common, formal, traditional), else -1. */
static int cn_digit(int32_t c) {
  switch (c) {
  case 0x3007: case 0x96F6: return 0;                 /* 〇 零 */
  case 0x4E00: case 0x58F9: case 0x5F0C: return 1;    /* 一 壹 弌 */
  case 0x4E8C: case 0x8D30: case 0x8CB3: case 0x4E24: /* 二 贰 貳 两 */
  case 0x5169: case 0x5F0D: return 2;                 /* 兩 弍 */
  case 0x4E09: case 0x53C1: case 0x53C3: case 0x53C4: /* 三 叁 參 叄 */
  case 0x5F0E: return 3;                              /* 弎 */
  case 0x56DB: case 0x8086: return 4;                 /* 四 肆 */
  case 0x4E94: case 0x4F0D: return 5;                 /* 五 伍 */
  case 0x516D: case 0x9646: case 0x9678: return 6;    /* 六 陆 陸 */
  case 0x4E03: case 0x67D2: return 7;                 /* 七 柒 */
  case 0x516B: case 0x634C: return 8;                 /* 八 捌 */
  case 0x4E5D: case 0x7396: return 9;                 /* 九 玖 */
  default: return NOT_A_NUMERAL;
  }
}

/* 10, 100, 1000 or 10000 for a unit character, else 0. */
static uint32_t cn_unit(int32_t c) {
  switch (c) {
  case 0x5341: case 0x62FE: return 10;     /* 十 拾 */
  case 0x767E: case 0x4F70: return 100;    /* 百 佰 */
  case 0x5343: case 0x4EDF: return 1000;   /* 千 仟 */
  case 0x4E07: case 0x842C: return 10000;  /* 万 萬 */
  default: return 0;
  }
}

static int arabic_digit(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10;
  return NOT_A_NUMERAL;
}

static uint32_t circled_value(int32_t c) {
  if (c >= 0x2460 && c <= 0x2473) return (uint32_t)(c - 0x2460 + 1);  /* ① … ⑳ */
  if (c >= 0x3251 && c <= 0x325F) return (uint32_t)(c - 0x3251 + 21); /* ㉑ … ㉟ */
  if (c >= 0x32B1 && c <= 0x32BF) return (uint32_t)(c - 0x32B1 + 36); /* ㊱ … ㊿ */
  return 0;
}

/* Longest number read: more digits than this is not a marker. */
#define MAX_CODE_POINTS 16

/* Digits written one by one, as in years: 二〇二五 → 2025, 12 → 12. */
static bool positional_value(const int *digits, size_t n, uint32_t *value) {
  if (n == 0 || n > 9) return false;
  uint32_t v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (uint32_t)digits[i];
  *value = v;
  return true;
}

/* Chinese numerals with units: 十一, 二十, 一百零五, 一千二 (= 1200). */
static bool unit_value(const int32_t *cps, size_t n, uint32_t *value) {
  uint64_t total = 0, section = 0;
  uint32_t last_unit = 0; /* the unit read last in this section, 0 for none */
  int pending = NOT_A_NUMERAL; /* a digit not yet multiplied by a unit */
  bool zero_since_unit = false;
  for (size_t i = 0; i < n; i++) {
    int d = cn_digit(cps[i]);
    if (d != NOT_A_NUMERAL) {
      if (d == 0) {
        if (pending > 0) return false; /* 一〇十: positional digits among units */
        zero_since_unit = true;
        pending = 0;
        continue;
      }
      if (pending > 0) return false; /* two digits in a row */
      pending = d;
      continue;
    }
    uint32_t unit = cn_unit(cps[i]);
    if (unit == 10000) {
      if (pending > 0) section += (uint64_t)pending;
      if (section == 0 || total > 0) return false;
      total = section * 10000;
      section = 0;
      last_unit = 0;
      pending = NOT_A_NUMERAL;
      zero_since_unit = false;
      continue;
    }
    if (pending == 0) return false; /* 零十 */
    if (last_unit && unit >= last_unit) return false; /* units must fall: 十百 */
    section += (uint64_t)(pending == NOT_A_NUMERAL ? 1 : pending) * unit;
    last_unit = unit;
    pending = NOT_A_NUMERAL;
    zero_since_unit = false;
  }
  if (pending > 0) {
    /* 一百五 is 150 and 一千二 is 1200; 一百零五 is 105. */
    uint32_t scale = (last_unit >= 100 && !zero_since_unit) ? last_unit / 10 : 1;
    section += (uint64_t)pending * scale;
  }
  total += section;
  if (total > UINT32_MAX) return false;
  *value = (uint32_t)total;
  return true;
}

bool gw__number_value(const char *text, size_t length, uint32_t *value) {
  if (!text || !value || length == 0) return false;
  int32_t cps[MAX_CODE_POINTS];
  size_t n = 0;
  for (size_t pos = 0; pos < length;) {
    int32_t c = gw__decode(text, length, &pos);
    if (c < 0 || n == MAX_CODE_POINTS) return false;
    cps[n++] = c;
  }

  if (n == 1 && circled_value(cps[0])) {
    *value = circled_value(cps[0]);
    return true;
  }

  int digits[MAX_CODE_POINTS];
  bool arabic = true, chinese_digits = true, has_unit = false;
  for (size_t i = 0; i < n; i++) {
    digits[i] = arabic_digit(cps[i]);
    if (digits[i] == NOT_A_NUMERAL) arabic = false;
    if (cn_unit(cps[i])) has_unit = true;
    else if (cn_digit(cps[i]) == NOT_A_NUMERAL) chinese_digits = false;
  }
  if (arabic) return positional_value(digits, n, value);
  if (!chinese_digits) return false;
  if (has_unit) return unit_value(cps, n, value);
  for (size_t i = 0; i < n; i++) digits[i] = cn_digit(cps[i]);
  return positional_value(digits, n, value);
}

size_t gw__cn_numeral(uint32_t value, char *buffer, size_t size) {
  static const char *const digit[10] = {"〇", "一", "二", "三", "四",
                                        "五", "六", "七", "八", "九"};
  static const char *const unit[4] = {"千", "百", "十", ""};
  static const uint32_t place[4] = {1000, 100, 10, 1};
  char out[64];
  size_t n = 0;
  if (value == 0) {
    memcpy(out, digit[0], strlen(digit[0]));
    n = strlen(digit[0]);
  } else if (value <= 9999) {
    bool started = false, gap = false;
    for (int i = 0; i < 4; i++) {
      uint32_t d = value / place[i] % 10;
      if (d == 0) {
        gap = started;
        continue;
      }
      if (gap) {
        memcpy(out + n, "零", strlen("零"));
        n += strlen("零");
        gap = false;
      }
      /* 十一, not 一十一, when the tens lead. */
      if (!(place[i] == 10 && d == 1 && !started)) {
        memcpy(out + n, digit[d], strlen(digit[d]));
        n += strlen(digit[d]);
      }
      memcpy(out + n, unit[i], strlen(unit[i]));
      n += strlen(unit[i]);
      started = true;
    }
  }
  if (size > 0) {
    size_t copy = n < size - 1 ? n : size - 1;
    memcpy(buffer, out, copy);
    buffer[copy] = '\0';
  }
  return n;
}
