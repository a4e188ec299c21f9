/*
 * Characters at home in both scripts, though ICU's converters map them:
 * simplified forms that are traditional characters too (干 于 并 后 …, the
 * one-to-many cases such as 干/乾/幹), and traditional forms that simplified
 * text still writes (著 乾 瞭).  Without them a mainland site's traditional
 * page (領導干部, 發布) would read as mixed.
 *
 * Not library code: tools/gen_script_table.c leaves them out of the script
 * table (they are neutral there), and tests/c/test_script_table.c checks the
 * table against ICU with the same exceptions.
 */
#ifndef GW_SCRIPT_SHARED_H
#define GW_SCRIPT_SHARED_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unicode/utf8.h>

static const char gw__shared_characters[] =
    "干于并范筑征后采台里面余只准云周制冲松谷丑斗卷回划借了蒙朴舍万向叶郁愿岳注表才党几价据"
    "克么沈术症致占折游御扎吁凶咸困胡姜腊霉涂伙系历复尽获汇钟须庄佣"
    "著乾瞭藉覆";

static inline bool gw__is_shared_character(int32_t cp) {
  char key[5];
  int32_t length = 0;
  UBool error = 0;
  U8_APPEND((uint8_t *)key, length, 4, cp, error);
  key[length] = '\0';
  return !error && strstr(gw__shared_characters, key) != NULL;
}

#endif
