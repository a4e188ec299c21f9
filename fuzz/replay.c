/*
 * Runs a fuzz target's LLVMFuzzerTestOneInput on given files, without
 * libFuzzer: so that every regression input and seed is checked by any C
 * compiler, under the sanitizers and under valgrind.
 *
 *   replay NAME PATH...     (a PATH that is a directory: every file in it)
 *
 * Each input runs in a child process with a time limit, so that a crash or
 * a hang is reported against its file and the others still run.  Prints
 * `ok - NAME FILE` or `not ok - …` per input and ends on `N passed,
 * N failed`.  GW_TIME_SCALE multiplies the limit (slow builds: valgrind).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Seconds one input may take before it counts as a hang. */
#define TIME_LIMIT 30

static int passed, failed;
static const char *target_name;

static uint8_t *read_all(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t capacity = 4096, n = 0, got;
  uint8_t *data = malloc(capacity);
  while (data && (got = fread(data + n, 1, capacity - n, f)) > 0) {
    n += got;
    if (n == capacity) {
      uint8_t *bigger = realloc(data, capacity * 2);
      if (!bigger) {
        free(data);
        data = NULL;
        break;
      }
      data = bigger;
      capacity *= 2;
    }
  }
  fclose(f);
  *size = n;
  return data;
}

static unsigned time_limit(void) {
  const char *scale = getenv("GW_TIME_SCALE");
  long factor = scale ? strtol(scale, NULL, 10) : 1;
  if (factor < 1) factor = 1;
  return (unsigned)(TIME_LIMIT * factor);
}

static void run_file(const char *path) {
  fflush(stdout);
  pid_t child = fork();
  if (child < 0) {
    perror("fork");
    failed++;
    return;
  }
  if (child == 0) {
    alarm(time_limit());
    size_t size = 0;
    uint8_t *data = read_all(path, &size);
    if (!data) {
      fprintf(stderr, "cannot read %s\n", path);
      _exit(2);
    }
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    exit(0); /* exit, not _exit: leak checkers report at exit */
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    passed++;
    printf("ok - %s %s\n", target_name, path);
  } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
    failed++;
    printf("not ok - %s %s: took longer than %u s\n", target_name, path, time_limit());
  } else if (WIFSIGNALED(status)) {
    failed++;
    printf("not ok - %s %s: killed by signal %d\n", target_name, path, WTERMSIG(status));
  } else {
    failed++;
    printf("not ok - %s %s: exit status %d\n", target_name, path, WEXITSTATUS(status));
  }
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    printf("# %s: absent, skipped\n", path);
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    run_file(path);
    return;
  }
  DIR *dir = opendir(path);
  if (!dir) {
    failed++;
    printf("not ok - cannot open %s\n", path);
    return;
  }
  char **names = NULL;
  size_t count = 0, capacity = 0;
  for (struct dirent *d; (d = readdir(dir));) {
    if (d->d_name[0] == '.') continue;
    if (count == capacity) {
      capacity = capacity ? capacity * 2 : 64;
      char **bigger = realloc(names, capacity * sizeof *names);
      if (!bigger) break;
      names = bigger;
    }
    size_t n = strlen(path) + strlen(d->d_name) + 2;
    names[count] = malloc(n);
    if (!names[count]) break;
    snprintf(names[count], n, "%s/%s", path, d->d_name);
    count++;
  }
  closedir(dir);
  /* Sorted, so that runs are reproducible. */
  qsort(names, count, sizeof *names, by_name);
  for (size_t i = 0; i < count; i++) {
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) run_file(names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s NAME PATH...\n", argv[0]);
    return 2;
  }
  target_name = argv[1];
  for (int i = 2; i < argc; i++) run_path(argv[i]);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
