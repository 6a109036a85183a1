/* pycomp_pcv.h: build arguments and read results of a pycomp bundle from C.
 *
 * Shipped in every bundle beside NAME.h. Header-only: include it where you
 * call the bundle. The encoding (PCV) is described in docs/abi.md.
 *
 * Ownership: a pcv_writer owns its buffer; free it with pcv_writer_free.
 * A result buffer returned by NAME_call_F belongs to the caller, who frees it
 * with NAME_free_buffer; a pcv_reader only borrows it, and strings and arrays
 * it returns point into it (copy them before freeing the buffer).
 */
#ifndef PYCOMP_PCV_H
#define PYCOMP_PCV_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
  PCV_NONE = 0, PCV_FALSE = 1, PCV_TRUE = 2, PCV_INT = 3, PCV_FLOAT = 4, PCV_STR = 5,
  PCV_LIST = 6, PCV_TUPLE = 7, PCV_DICT = 8, PCV_SET = 9, PCV_NDARRAY = 10
};
enum { PCV_F32 = 1, PCV_F64 = 2, PCV_I32 = 3, PCV_I64 = 4, PCV_BOOL = 5 };

typedef struct {
  uint8_t *data;
  size_t len;
  size_t cap;
  int failed; /* set when an allocation failed; the buffer is then unusable */
} pcv_writer;

static inline void pcv_reserve(pcv_writer *w, size_t n) {
  if (w->failed || w->len + n <= w->cap) return;
  size_t cap = w->cap ? w->cap * 2 : 256;
  while (cap < w->len + n) cap *= 2;
  uint8_t *p = (uint8_t *)realloc(w->data, cap);
  if (!p) { w->failed = 1; return; }
  w->data = p;
  w->cap = cap;
}
static inline void pcv_put(pcv_writer *w, const void *bytes, size_t n) {
  pcv_reserve(w, n);
  if (w->failed) return;
  memcpy(w->data + w->len, bytes, n);
  w->len += n;
}
static inline void pcv_u8(pcv_writer *w, uint8_t v) { pcv_put(w, &v, 1); }
static inline void pcv_u64(pcv_writer *w, uint64_t v) {
  uint8_t b[8];
  for (int i = 0; i < 8; i++) b[i] = (uint8_t)(v >> (8 * i));
  pcv_put(w, b, 8);
}
static inline void pcv_writer_free(pcv_writer *w) { free(w->data); w->data = NULL; w->len = w->cap = 0; }

/* Values. A call's arguments are one tuple: pcv_tuple(w, number of parameters) first. */
static inline void pcv_none(pcv_writer *w) { pcv_u8(w, PCV_NONE); }
static inline void pcv_bool(pcv_writer *w, int v) { pcv_u8(w, v ? PCV_TRUE : PCV_FALSE); }
static inline void pcv_int(pcv_writer *w, int64_t v) { pcv_u8(w, PCV_INT); pcv_u64(w, (uint64_t)v); }
static inline void pcv_float(pcv_writer *w, double v) {
  uint64_t bits;
  memcpy(&bits, &v, 8);
  pcv_u8(w, PCV_FLOAT);
  pcv_u64(w, bits);
}
static inline void pcv_str_n(pcv_writer *w, const char *s, size_t n) {
  pcv_u8(w, PCV_STR); pcv_u64(w, n); pcv_put(w, s, n);
}
static inline void pcv_str(pcv_writer *w, const char *s) { pcv_str_n(w, s, strlen(s)); }
static inline void pcv_tuple(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_TUPLE); pcv_u64(w, n); }
static inline void pcv_list(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_LIST); pcv_u64(w, n); }
static inline void pcv_dict(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_DICT); pcv_u64(w, n); }
static inline void pcv_set(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_SET); pcv_u64(w, n); }

typedef struct {
  const uint8_t *data;
  size_t len;
  size_t pos;
  int failed; /* set when the buffer ended early or held another type */
} pcv_reader;

static inline pcv_reader pcv_reader_new(const uint8_t *data, size_t len) {
  pcv_reader r = {data, len, 0, 0};
  return r;
}
static inline int pcv_take(pcv_reader *r, size_t n) {
  if (r->failed || r->len - r->pos < n) { r->failed = 1; return 0; }
  return 1;
}
static inline uint8_t pcv_read_u8(pcv_reader *r) { return pcv_take(r, 1) ? r->data[r->pos++] : 0; }
static inline uint64_t pcv_read_u64(pcv_reader *r) {
  if (!pcv_take(r, 8)) return 0;
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) v |= (uint64_t)r->data[r->pos + i] << (8 * i);
  r->pos += 8;
  return v;
}
/* Each reader checks the tag; on a mismatch it sets r->failed and returns 0/NULL. */
static inline int pcv_expect(pcv_reader *r, uint8_t tag) {
  if (pcv_read_u8(r) != tag) { r->failed = 1; return 0; }
  return 1;
}
static inline int64_t pcv_read_int(pcv_reader *r) { return pcv_expect(r, PCV_INT) ? (int64_t)pcv_read_u64(r) : 0; }
static inline double pcv_read_float(pcv_reader *r) {
  double v = 0;
  if (pcv_expect(r, PCV_FLOAT)) { uint64_t bits = pcv_read_u64(r); memcpy(&v, &bits, 8); }
  return v;
}
static inline int pcv_read_bool(pcv_reader *r) {
  uint8_t t = pcv_read_u8(r);
  if (t != PCV_TRUE && t != PCV_FALSE) r->failed = 1;
  return t == PCV_TRUE;
}
/* A str: its bytes (not NUL-terminated) inside the result buffer, and their length. */
static inline const char *pcv_read_str(pcv_reader *r, size_t *len) {
  *len = 0;
  if (!pcv_expect(r, PCV_STR)) return NULL;
  uint64_t n = pcv_read_u64(r);
  if (!pcv_take(r, (size_t)n)) return NULL;
  const char *s = (const char *)r->data + r->pos;
  r->pos += (size_t)n;
  *len = (size_t)n;
  return s;
}
/* A list, tuple, dict or set: its item count (a dict counts pairs). */
static inline uint64_t pcv_read_seq(pcv_reader *r, uint8_t tag) { return pcv_expect(r, tag) ? pcv_read_u64(r) : 0; }

typedef struct {
  uint8_t dtype;      /* PCV_F32 ... */
  uint8_t ndim;
  uint64_t shape[8];
  const void *data;   /* C-contiguous items inside the result buffer (may be unaligned: memcpy) */
  uint64_t nbytes;
} pcv_ndarray;

static inline int pcv_read_ndarray(pcv_reader *r, pcv_ndarray *a) {
  memset(a, 0, sizeof *a);
  if (!pcv_expect(r, PCV_NDARRAY)) return 0;
  a->dtype = pcv_read_u8(r);
  a->ndim = pcv_read_u8(r);
  if (a->ndim > 8) { r->failed = 1; return 0; }
  for (int i = 0; i < a->ndim; i++) a->shape[i] = pcv_read_u64(r);
  a->nbytes = pcv_read_u64(r);
  if (!pcv_take(r, (size_t)a->nbytes)) return 0;
  a->data = r->data + r->pos;
  r->pos += (size_t)a->nbytes;
  return !r->failed;
}

#endif /* PYCOMP_PCV_H */
