/*
 * Roles of sections, from the words of their heading titles.
 *
 * Titles are folded to simplified characters first (only the characters
 * that the keywords use need folding), so that one keyword list serves
 * 存在的问题 and 存在的問題 alike.
 */
#include "internal.h"

#include <string.h>

/* Traditional → simplified for the characters of the keywords below. */
static int32_t fold_traditional(int32_t c) {
  static const int32_t pairs[][2] = {
      {0x554F, 0x95EE}, /* 問 问 */ {0x984C, 0x9898}, /* 題 题 */
      {0x74B0, 0x73AF}, /* 環 环 */ {0x7BC0, 0x8282}, /* 節 节 */
      {0x9032, 0x8FDB}, /* 進 进 */ {0x898B, 0x89C1}, /* 見 见 */
      {0x8B70, 0x8BAE}, /* 議 议 */ {0x958B, 0x5F00}, /* 開 开 */
      {0x6CC1, 0x51B5}, /* 況 况 */ {0x7E3E, 0x7EE9}, /* 績 绩 */
      {0x5283, 0x5212}, /* 劃 划 */ {0x8A08, 0x8BA1}, /* 計 计 */
      {0x5C0D, 0x5BF9}, /* 對 对 */ {0x8209, 0x4E3E}, /* 舉 举 */
      {0x9EDE, 0x70B9}, /* 點 点 */ {0x9805, 0x9879}, /* 項 项 */
      {0x96E3, 0x96BE}, /* 難 难 */ {0x5F8C, 0x540E}, /* 後 后 */
      {0x7E3D, 0x603B}, /* 總 总 */ {0x7D50, 0x7ED3}, /* 結 结 */
      {0x8A2D, 0x8BBE}, /* 設 设 */ {0x9AD4, 0x4F53}, /* 體 体 */
      {0x5F37, 0x5F3A}, /* 強 强 */ {0x898F, 0x89C4}, /* 規 规 */
  };
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    if (pairs[i][0] == c) return pairs[i][1];
  }
  return c;
}

typedef struct {
  const char *word;
  unsigned roles;
} keyword;

static const keyword keywords[] = {
    /* Achievements. */
    {"工作开展情况", GW_ROLE_ACHIEVEMENTS},
    {"开展情况", GW_ROLE_ACHIEVEMENTS},
    {"开展工作", GW_ROLE_ACHIEVEMENTS},
    {"主要工作", GW_ROLE_ACHIEVEMENTS},
    {"工作情况", GW_ROLE_ACHIEVEMENTS},
    {"工作完成情况", GW_ROLE_ACHIEVEMENTS},
    {"成效", GW_ROLE_ACHIEVEMENTS},
    {"成绩", GW_ROLE_ACHIEVEMENTS},
    {"主要做法", GW_ROLE_ACHIEVEMENTS},
    {"工作亮点", GW_ROLE_ACHIEVEMENTS},
    {"经验做法", GW_ROLE_ACHIEVEMENTS},
    /* Problems. */
    {"问题", GW_ROLE_PROBLEMS},
    {"不足", GW_ROLE_PROBLEMS},
    {"短板", GW_ROLE_PROBLEMS},
    {"薄弱环节", GW_ROLE_PROBLEMS},
    {"弱项", GW_ROLE_PROBLEMS},
    {"差距", GW_ROLE_PROBLEMS},
    {"困难", GW_ROLE_PROBLEMS},
    /* Causes. */
    {"原因", GW_ROLE_CAUSES},
    {"根源", GW_ROLE_CAUSES},
    {"症结", GW_ROLE_CAUSES},
    /* Remedies. */
    {"整改措施", GW_ROLE_REMEDIES},
    {"整改情况", GW_ROLE_REMEDIES},
    {"整改建议", GW_ROLE_REMEDIES},
    {"整改举措", GW_ROLE_REMEDIES},
    {"整改方向", GW_ROLE_REMEDIES},
    {"下一步", GW_ROLE_REMEDIES},
    {"下步", GW_ROLE_REMEDIES},
    {"工作打算", GW_ROLE_REMEDIES},
    {"打算", GW_ROLE_REMEDIES},
    {"工作思路", GW_ROLE_REMEDIES},
    {"工作计划", GW_ROLE_REMEDIES},
    {"工作安排", GW_ROLE_REMEDIES},
    {"改进措施", GW_ROLE_REMEDIES},
    {"措施", GW_ROLE_REMEDIES},
    {"举措", GW_ROLE_REMEDIES},
    {"对策", GW_ROLE_REMEDIES},
    {"努力方向", GW_ROLE_REMEDIES},
    {"意见建议", GW_ROLE_REMEDIES},
    {"建议", GW_ROLE_REMEDIES},
    {"今后", GW_ROLE_REMEDIES},
};

/* A heading title longer than this is prose, and only its start is read. */
#define TITLE_WINDOW 64

unsigned gw__title_roles(const char *title, size_t length) {
  if (!title) return 0;
  char folded[TITLE_WINDOW * 4 + 1];
  size_t n = 0;
  size_t count = 0;
  for (size_t pos = 0; pos < length && count < TITLE_WINDOW; count++) {
    int32_t c = gw__decode(title, length, &pos);
    if (c <= 0) c = 0xFFFD; /* keeps the buffer a C string */
    n += gw__encode(fold_traditional(c), folded + n);
  }
  folded[n] = '\0';
  unsigned roles = 0;
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
    if (strstr(folded, keywords[i].word)) roles |= keywords[i].roles;
  }
  return roles;
}
