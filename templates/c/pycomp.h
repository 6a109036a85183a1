/* pycomp.h: the types of the typed C entry points of pycomp bundles
 * (docs/abi.md, "Typed entry points"). Shipped in every bundle and included
 * by its NAME.h; the same for every bundle, so several bundles' headers can
 * be included together.
 *
 * Ownership: a typed entry point only reads its arguments during the call
 * (the caller keeps them). What it writes to *out and *err belongs to the
 * caller, who frees it with the bundle's NAME_..._free function named in
 * the entry point's doc comment (never with free()).
 */
#ifndef PYCOMP_H
#define PYCOMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bundle ABI version these types belong to: a program compares it with
 * NAME_abi_version() and refuses a library of another version. */
#define PYCOMP_ABI_VERSION 2

/* The most dimensions a tensor has. */
#define PYCOMP_MAX_NDIM 8

/* Status codes: what a typed or generic entry point returns. */
#define PYCOMP_OK 0
#define PYCOMP_RAISED 1       /* the compiled Python code raised */
#define PYCOMP_BAD_ARGUMENT 2 /* an argument is not of the declared type */
#define PYCOMP_INTERNAL 3     /* an internal error (a pycomp bug) */

/* dtype codes of pycomp_view (the value encoding's, docs/abi.md). */
#define PYCOMP_F32 1
#define PYCOMP_F64 2
#define PYCOMP_I32 3
#define PYCOMP_I64 4
#define PYCOMP_BOOL 5

/* A failed call: its status, the Python exception class name (e.g.
 * "ValueError") and message, NUL-terminated UTF-8. Owned by the caller once
 * filled in: free with NAME_error_free. Zero-initialise it before a call. */
typedef struct pycomp_error {
  int32_t status;
  char *class_name;
  char *message;
} pycomp_error;

/* A str result: `len` bytes of UTF-8 followed by a NUL (the text itself may
 * contain NUL bytes). Owned: free with NAME_string_free. */
typedef struct pycomp_string {
  char *data;
  size_t len;
} pycomp_string;

/* A list[str] result. Owned: free with NAME_strings_free. */
typedef struct pycomp_strings {
  pycomp_string *items;
  size_t len;
} pycomp_strings;

/* An array argument: C-contiguous `data` of `dtype` (PYCOMP_F32 ...) with
 * `ndim` dimensions `shape`. Borrowed for the call. */
typedef struct pycomp_view {
  const void *data;
  int32_t dtype;
  size_t ndim;
  const int64_t *shape;
} pycomp_view;

/* An array result: `ndim` dimensions `shape`, C-contiguous 16-byte aligned
 * `data`, `strides` counted in items. Owned: free with NAME_tensor_T_free,
 * or move to DLPack with NAME_tensor_T_to_dlpack. `owner` is private. */
#define PYCOMP_TENSOR(NAME, T) \
  typedef struct NAME {        \
    T *data;                   \
    size_t ndim;               \
    int64_t shape[PYCOMP_MAX_NDIM]; \
    int64_t strides[PYCOMP_MAX_NDIM]; \
    void *owner;               \
  } NAME
PYCOMP_TENSOR(pycomp_tensor_f32, float);
PYCOMP_TENSOR(pycomp_tensor_f64, double);
PYCOMP_TENSOR(pycomp_tensor_i32, int32_t);
PYCOMP_TENSOR(pycomp_tensor_i64, int64_t);
PYCOMP_TENSOR(pycomp_tensor_bool, bool);
#undef PYCOMP_TENSOR

/* DLPack (dlpack.h v0.8): defined here unless dlpack.h came first. */
#ifndef DLPACK_DLPACK_H_
#define DLPACK_DLPACK_H_
typedef enum { kDLCPU = 1 } DLDeviceType;
typedef struct {
  int32_t device_type;
  int32_t device_id;
} DLDevice;
typedef enum { kDLInt = 0U, kDLUInt = 1U, kDLFloat = 2U, kDLBool = 6U } DLDataTypeCode;
typedef struct {
  uint8_t code;
  uint8_t bits;
  uint16_t lanes;
} DLDataType;
typedef struct {
  void *data;
  DLDevice device;
  int32_t ndim;
  DLDataType dtype;
  int64_t *shape;
  int64_t *strides;
  uint64_t byte_offset;
} DLTensor;
typedef struct DLManagedTensor {
  DLTensor dl_tensor;
  void *manager_ctx;
  void (*deleter)(struct DLManagedTensor *self);
} DLManagedTensor;
#endif /* DLPACK_DLPACK_H_ */

#endif /* PYCOMP_H */
