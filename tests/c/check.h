/*
 * A minimal test harness: CHECK prints `ok - what` or `not ok - what` with
 * the place of the failure, and CHECK_DONE ends on `N passed, N failed`.
 */
#ifndef GONGWEN_CHECK_H
#define GONGWEN_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (cond) {                                                                \
      check_passed++;                                                          \
      printf("ok - ");                                                         \
    } else {                                                                   \
      check_failed++;                                                          \
      printf("not ok - %s:%d: ", __FILE__, __LINE__);                          \
    }                                                                          \
    printf(__VA_ARGS__);                                                       \
    printf("\n");                                                              \
  } while (0)

#define CHECK_EQ_INT(actual, expected, what)                                   \
  do {                                                                         \
    long long check_a_ = (long long)(actual), check_e_ = (long long)(expected); \
    CHECK(check_a_ == check_e_, "%s (expected %lld, got %lld)", what, check_e_, \
          check_a_);                                                           \
  } while (0)

#define CHECK_EQ_STR(actual, expected, what)                                   \
  do {                                                                         \
    const char *check_a_ = (actual), *check_e_ = (expected);                   \
    CHECK(check_a_ && strcmp(check_a_, check_e_) == 0,                         \
          "%s (expected \"%s\", got \"%s\")", what, check_e_,                  \
          check_a_ ? check_a_ : "(null)");                                     \
  } while (0)

#define CHECK_DONE()                                                           \
  (printf("%d passed, %d failed\n", check_passed, check_failed),              \
   check_failed ? 1 : 0)

#endif
