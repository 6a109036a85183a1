/* Calls a compiled embedding bundle from C: embed(texts) -> float32 [n, dim].
 *
 *   cc -O2 -I BUNDLE main.c -L BUNDLE -lembed -Wl,-rpath,BUNDLE -o embed-demo
 *   ./embed-demo "first text" "second text"
 *
 * Prints one line per text: its first values and its L2 norm. Exit status 1
 * with the Python exception class and message when the call fails.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "embed.h"
#include "pycomp_pcv.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s TEXT...\n", argv[0]);
    return 2;
  }
  if (embed_abi_version() != PCV_ABI_VERSION) {
    fprintf(stderr, "bundle ABI version %u, this program was written for %d\n", embed_abi_version(),
            PCV_ABI_VERSION);
    return 1;
  }

  /* Arguments: one tuple holding every parameter; embed has one, a list of str. */
  pcv_writer args = {0};
  pcv_tuple(&args, 1);
  pcv_list(&args, (uint64_t)(argc - 1));
  for (int i = 1; i < argc; i++) pcv_str(&args, argv[i]);
  if (args.failed) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }

  uint8_t *out = NULL;
  size_t out_len = 0;
  int32_t status = embed_call_embed(args.data, args.len, &out, &out_len);
  pcv_writer_free(&args);
  if (status != 0) {
    fprintf(stderr, "%s: %s\n", embed_last_error_class(), embed_last_error_message());
    return 1;
  }

  pcv_reader r = pcv_reader_new(out, out_len);
  pcv_ndarray a;
  if (!pcv_read_ndarray(&r, &a) || a.dtype != PCV_F32 || a.ndim != 2) {
    fprintf(stderr, "unexpected result\n");
    embed_free_buffer(out, out_len);
    return 1;
  }
  uint64_t rows = a.shape[0], dim = a.shape[1];
  const float *values = (const float *)a.data; /* aligned: read in place */
  for (uint64_t i = 0; i < rows; i++) {
    double norm = 0;
    printf("%llu [", (unsigned long long)i);
    for (uint64_t j = 0; j < dim; j++) {
      float v = values[i * dim + j];
      norm += (double)v * v;
      if (j < 4) printf("%s%.6f", j ? ", " : "", v);
    }
    printf(", ...] dim=%llu norm=%.6f\n", (unsigned long long)dim, sqrt(norm));
  }
  embed_free_buffer(out, out_len); /* the result buffer is ours to free, with the bundle's function */
  return 0;
}
