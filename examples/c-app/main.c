/* Calls a compiled embedding bundle from C through its typed entry point
 * (see embed.h for the Python signature and who owns what):
 *
 *   int32_t embed_embed(const char *const *texts, size_t n_texts,
 *                       pycomp_tensor_f32 *out, pycomp_error *err);
 *
 * Strings in, an owned float32 tensor out; no value encoding by hand.
 *
 *   cc -O2 -I BUNDLE main.c -L BUNDLE -lembed -Wl,-rpath,BUNDLE -lm -o embed-demo
 *   ./embed-demo "first text" "second text"
 *
 * Prints one line per text: its first values and its L2 norm. Exit status 1
 * with the Python exception class and message when the call fails.
 */
#include <math.h>
#include <stdio.h>

#include "embed.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s TEXT...\n", argv[0]);
    return 2;
  }
  if (embed_abi_version() != PYCOMP_ABI_VERSION) {
    fprintf(stderr, "bundle ABI version %u, this program was written for %d\n", embed_abi_version(),
            PYCOMP_ABI_VERSION);
    return 1;
  }

  pycomp_tensor_f32 out;      /* ours once the call succeeds */
  pycomp_error err = {0};     /* ours once the call fails */
  if (embed_embed((const char *const *)(argv + 1), (size_t)(argc - 1), &out, &err) != PYCOMP_OK) {
    fprintf(stderr, "%s: %s\n", err.class_name, err.message);
    embed_error_free(&err);
    return 1;
  }

  /* A [texts, dim] tensor: C-contiguous, 16-byte aligned, strides in items. */
  for (int64_t i = 0; i < out.shape[0]; i++) {
    const float *row = out.data + i * out.strides[0];
    double norm = 0;
    printf("%lld [", (long long)i);
    for (int64_t j = 0; j < out.shape[1]; j++) {
      norm += (double)row[j] * row[j];
      if (j < 4) printf("%s%.6f", j ? ", " : "", row[j]);
    }
    printf(", ...] dim=%lld norm=%.6f\n", (long long)out.shape[1], sqrt(norm));
  }
  embed_tensor_f32_free(&out); /* with the bundle's function, never free() */
  return 0;
}
