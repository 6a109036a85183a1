/* pycomp_pcv.h: build arguments and read results of a pycomp bundle from C,
 * in the generic form of the ABI (NAME_call_F). Most programs need it not:
 * the typed entry points of NAME.h take and return plain C values.
 *
 * Shipped in every bundle beside NAME.h. Header-only: include it where you
 * call the bundle. The encoding (PCV, ABI version 2) is described in
 * docs/abi.md; array payloads start at offsets that are multiples of
 * PCV_ALIGN from the start of the buffer, and a pcv_writer's buffer is
 * PCV_ALIGN-aligned, so the library can view them in place.
 *
 * Ownership: a pcv_writer owns its buffer; free it with pcv_writer_free.
 * A result buffer returned by NAME_call_F belongs to the caller, who frees it
 * with NAME_free_buffer; a pcv_reader only borrows it, and strings and arrays
 * it returns point into it (copy them before freeing the buffer).
 *
 * Class instances: a record (manifest kind "record") is a tuple of its fields,
 * in order. An object of a family (kind "family": a class with a base or
 * subclasses) is a tuple of two, its class's name and its class's record:
 *   pcv_read_seq(&r, PCV_TUPLE) == 2, then pcv_read_str(&r, &n) gives the
 *   class (one of the manifest's "classes"), then pcv_read_seq(&r, PCV_TUPLE)
 *   the count of that class's "fields", read in order.
 * An argument of a family type is written the same way (pcv_tuple(&w, 2),
 * pcv_str(&w, "Circle"), pcv_tuple(&w, 2), the fields); a class the type does
 * not take is a TypeError (status 2).
 */
#ifndef PYCOMP_PCV_H
#define PYCOMP_PCV_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCV_ABI_VERSION 2
#define PCV_ALIGN 16

enum {
  PCV_NONE = 0, PCV_FALSE = 1, PCV_TRUE = 2, PCV_INT = 3, PCV_FLOAT = 4, PCV_STR = 5,
  PCV_LIST = 6, PCV_TUPLE = 7, PCV_DICT = 8, PCV_SET = 9, PCV_NDARRAY = 10, PCV_PACKED = 11,
  PCV_BYTES = 12
};
enum {
  PCV_F32 = 1, PCV_F64 = 2, PCV_I32 = 3, PCV_I64 = 4, PCV_BOOL = 5, PCV_I8 = 6, PCV_U8 = 7,
  PCV_I16 = 8, PCV_U16 = 9, PCV_U32 = 10,
  /* float16: IEEE 754 binary16, each item a uint16_t holding its bits (C has no
   * portable half type; _Float16 where the compiler has it reads the same bytes) */
  PCV_F16 = 11
};

static inline size_t pcv_item_size(uint8_t dtype) {
  switch (dtype) {
    case PCV_F32: case PCV_I32: case PCV_U32: return 4;
    case PCV_F64: case PCV_I64: return 8;
    case PCV_I16: case PCV_U16: case PCV_F16: return 2;
    case PCV_BOOL: case PCV_I8: case PCV_U8: return 1;
    default: return 0;
  }
}

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
  /* aligned_alloc (C11) rather than realloc: the buffer stays PCV_ALIGN-aligned. */
  uint8_t *p = (uint8_t *)aligned_alloc(PCV_ALIGN, cap);
  if (!p) { w->failed = 1; return; }
  if (w->len) memcpy(p, w->data, w->len);
  free(w->data);
  w->data = p;
  w->cap = cap;
}
static inline void pcv_put(pcv_writer *w, const void *bytes, size_t n) {
  if (n == 0) return;
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
/* Zero bytes up to the next multiple of PCV_ALIGN. */
static inline void pcv_pad(pcv_writer *w) {
  static const uint8_t zeros[PCV_ALIGN] = {0};
  pcv_put(w, zeros, (PCV_ALIGN - w->len % PCV_ALIGN) % PCV_ALIGN);
}

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
static inline void pcv_bytes(pcv_writer *w, const uint8_t *b, size_t n) {
  pcv_u8(w, PCV_BYTES); pcv_u64(w, n); pcv_put(w, b, n);
}
static inline void pcv_tuple(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_TUPLE); pcv_u64(w, n); }
static inline void pcv_list(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_LIST); pcv_u64(w, n); }
static inline void pcv_dict(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_DICT); pcv_u64(w, n); }
static inline void pcv_set(pcv_writer *w, uint64_t n) { pcv_u8(w, PCV_SET); pcv_u64(w, n); }
/* A list[float] (PCV_F64), list[int] (PCV_I64) or list[bool] (PCV_BOOL, bytes 0 or 1) of
 * n items: `items` holds them in the machine's order (little-endian targets only). */
static inline void pcv_packed(pcv_writer *w, uint8_t dtype, const void *items, uint64_t n) {
  pcv_u8(w, PCV_PACKED); pcv_u8(w, dtype); pcv_u64(w, n); pcv_pad(w);
  pcv_put(w, items, (size_t)n * pcv_item_size(dtype));
}
/* An ndarray of `dtype`, `ndim` dimensions `shape`, C-contiguous `data`. */
static inline void pcv_array(pcv_writer *w, uint8_t dtype, uint8_t ndim, const uint64_t *shape,
                             const void *data) {
  uint64_t n = 1;
  pcv_u8(w, PCV_NDARRAY); pcv_u8(w, dtype); pcv_u8(w, ndim);
  for (int i = 0; i < ndim; i++) { pcv_u64(w, shape[i]); n *= shape[i]; }
  pcv_u64(w, n * pcv_item_size(dtype));
  pcv_pad(w);
  pcv_put(w, data, (size_t)(n * pcv_item_size(dtype)));
}

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
/* A bytes value: its bytes inside the result buffer, and their length. */
static inline const uint8_t *pcv_read_bytes(pcv_reader *r, size_t *len) {
  *len = 0;
  if (!pcv_expect(r, PCV_BYTES)) return NULL;
  uint64_t n = pcv_read_u64(r);
  if (!pcv_take(r, (size_t)n)) return NULL;
  const uint8_t *b = r->data + r->pos;
  r->pos += (size_t)n;
  *len = (size_t)n;
  return b;
}
/* A list, tuple, dict or set: its item count (a dict counts pairs). */
static inline uint64_t pcv_read_seq(pcv_reader *r, uint8_t tag) {
  if (!pcv_expect(r, tag)) return 0;
  uint64_t n = pcv_read_u64(r);
  if (n > r->len - r->pos) { r->failed = 1; return 0; }
  return n;
}
static inline void pcv_skip_padding(pcv_reader *r) {
  size_t n = (PCV_ALIGN - r->pos % PCV_ALIGN) % PCV_ALIGN;
  if (pcv_take(r, n)) r->pos += n;
}
/* A packed list of `dtype` (PCV_F64, PCV_I64 or PCV_BOOL): its items inside the result
 * buffer (aligned: read them in place) and their count. */
static inline const void *pcv_read_packed(pcv_reader *r, uint8_t dtype, uint64_t *count) {
  *count = 0;
  if (!pcv_expect(r, PCV_PACKED)) return NULL;
  if (pcv_read_u8(r) != dtype) { r->failed = 1; return NULL; }
  uint64_t n = pcv_read_u64(r);
  pcv_skip_padding(r);
  if (r->failed || n > (r->len - r->pos) / pcv_item_size(dtype)) { r->failed = 1; return NULL; }
  const void *items = r->data + r->pos;
  for (uint64_t i = 0; dtype == PCV_BOOL && i < n; i++) {
    if (r->data[r->pos + i] > 1) { r->failed = 1; return NULL; }
  }
  r->pos += (size_t)(n * pcv_item_size(dtype));
  *count = n;
  return items;
}

typedef struct {
  uint8_t dtype;      /* PCV_F32 ... */
  uint8_t ndim;
  uint64_t shape[8];
  const void *data;   /* C-contiguous items inside the result buffer, aligned: read them in place */
  uint64_t nbytes;
} pcv_ndarray;

static inline int pcv_read_ndarray(pcv_reader *r, pcv_ndarray *a) {
  memset(a, 0, sizeof *a);
  if (!pcv_expect(r, PCV_NDARRAY)) return 0;
  a->dtype = pcv_read_u8(r);
  a->ndim = pcv_read_u8(r);
  if (a->ndim > 8) { r->failed = 1; return 0; }
  uint64_t n = 1;
  for (int i = 0; i < a->ndim; i++) { a->shape[i] = pcv_read_u64(r); n *= a->shape[i]; }
  a->nbytes = pcv_read_u64(r);
  pcv_skip_padding(r);
  if (r->failed || pcv_item_size(a->dtype) == 0 || a->nbytes > r->len - r->pos ||
      n * pcv_item_size(a->dtype) != a->nbytes || !pcv_take(r, (size_t)a->nbytes)) {
    r->failed = 1;
    return 0;
  }
  for (uint64_t i = 0; a->dtype == PCV_BOOL && i < a->nbytes; i++) {
    if (r->data[r->pos + i] > 1) { r->failed = 1; return 0; }
  }
  a->data = r->data + r->pos;
  r->pos += (size_t)a->nbytes;
  return !r->failed;
}

#endif /* PYCOMP_PCV_H */
