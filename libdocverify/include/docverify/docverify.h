/*
 * docverify: travel-document verification. The C API.
 *
 * Only the headers in include/docverify/ are the API; everything else is internal and may
 * change in any release. This header is pure C99 and includes only <stddef.h>,
 * <stdint.h> and <stdbool.h>.
 *
 * Stability (docs/api-stability.md): within one ABI version (dv_abi_version(), the
 * library's SONAME) functions are only added; status codes, enum values and struct fields
 * are pinned forever; versioned structs grow by appending fields and bumping their
 * *_VERSION. A changed signature gets a new name ending in _v2.
 *
 * Threads (docs/threading.md): a dv_context is used by one thread at a time; results are
 * independent objects; use one context per thread. dv_last_error_message() is per thread.
 *
 * Memory: inputs are borrowed for the duration of a call and never retained. Strings
 * returned by accessors are owned by the object they come from and stay valid until it is
 * freed. Memory the library allocates for the caller is released only with dv_free().
 */
#ifndef DOCVERIFY_DOCVERIFY_H
#define DOCVERIFY_DOCVERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- export ----------------------------------------------------------------------- */
#if defined(_WIN32)
#  if defined(DV_BUILDING_LIBRARY)
#    define DV_API __declspec(dllexport)
#  else
#    define DV_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define DV_API __attribute__((visibility("default")))
#else
#  define DV_API
#endif

/* ---- versions --------------------------------------------------------------------- */
#define DV_VERSION_MAJOR 0
#define DV_VERSION_MINOR 1
#define DV_VERSION_PATCH 0
#define DV_VERSION_STRING "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH */
#define DV_VERSION_NUMBER (DV_VERSION_MAJOR * 10000 + DV_VERSION_MINOR * 100 + DV_VERSION_PATCH)
/* Bumped only on an incompatible ABI change; equals the shared library's SONAME number. */
#define DV_ABI_VERSION 1

DV_API const char* dv_version_string(void); /* runtime twin of DV_VERSION_STRING */
DV_API uint32_t dv_version_number(void);    /* runtime twin of DV_VERSION_NUMBER */
DV_API uint32_t dv_abi_version(void);       /* runtime twin of DV_ABI_VERSION */

/* ---- status codes: 0 is success, negative is an error; values are pinned forever ----- */
typedef int32_t dv_status;
#define DV_OK 0
#define DV_E_INVALID_ARG (-1)      /* NULL where an object is needed, a value out of range */
#define DV_E_NOMEM (-2)            /* out of memory */
#define DV_E_INTERNAL (-3)         /* a bug: please report with dv_last_error_message() */
#define DV_E_BUFFER_TOO_SMALL (-4) /* the caller's buffer is too small; *needed says how big */
#define DV_E_VERSION (-5)          /* a struct's version field is unknown to this library */
#define DV_E_UNUSABLE_INPUT (-6)   /* the input is not what the call reads (e.g. not an MRZ) */
#define DV_E_OUT_OF_RANGE (-7)     /* an index or parameter outside its bounds */
#define DV_E_UTF8 (-8)             /* text that must be UTF-8 is not */
#define DV_E_IO (-9)               /* a file could not be read */
#define DV_E_IMAGE (-10)           /* an image view whose sizes do not fit its buffer */
#define DV_E_UNSUPPORTED (-11)     /* a feature this build does not have */

/* Never NULL: a short English description, "unknown status" for codes it does not know. */
DV_API const char* dv_status_str(dv_status status);
/* Never NULL: the detail of the last failed call on this thread, "" if none. Valid until
 * the next docverify call on this thread. */
DV_API const char* dv_last_error_message(void);

/* Releases memory the library allocated for the caller (JSON strings). NULL is fine. */
DV_API void dv_free(void* memory);

/* ---- results of checks: zero is NOT_DONE, so zeroed memory never reads as a pass --- */
#define DV_CHECK_NOT_DONE 0
#define DV_CHECK_OK 1
#define DV_CHECK_WARNING 2
#define DV_CHECK_ERROR 3

#define DV_VERDICT_NOT_DONE 0
#define DV_VERDICT_OK 1
#define DV_VERDICT_SUSPECT 2
#define DV_VERDICT_ERROR 3

/* Policy profiles (docs/json-schema.md "Profiles"). */
#define DV_PROFILE_KIOSK 0
#define DV_PROFILE_REMOTE 1
#define DV_PROFILE_TRAINER 2

/* ---- context ---------------------------------------------------------------------- */
typedef struct dv_context dv_context;

#define DV_CONTEXT_OPTIONS_VERSION 1
typedef struct dv_context_options {
  uint32_t version;        /* DV_CONTEXT_OPTIONS_VERSION */
  int32_t profile;         /* DV_PROFILE_* */
  int32_t reference_date;  /* YYYYMMDD; 0: today (UTC) at each call */
} dv_context_options;
#define DV_CONTEXT_OPTIONS_INIT {DV_CONTEXT_OPTIONS_VERSION, DV_PROFILE_KIOSK, 0}

/* opts NULL: defaults. */
DV_API dv_status dv_context_new(dv_context** out, const dv_context_options* opts);
DV_API void dv_context_free(dv_context* ctx); /* NULL is fine */

/* Tunable parameters; values are doubles, integers where the parameter is one. */
typedef int32_t dv_param;
#define DV_PARAM_PROFILE 1            /* DV_PROFILE_*; default DV_PROFILE_KIOSK */
#define DV_PARAM_REFERENCE_DATE 2     /* YYYYMMDD, 0 = today; default 0 */
#define DV_PARAM_MRZ_CORRECTION 3     /* 1: apply corrections check digits prove, 0: never; default 1 */
#define DV_PARAM_MRZ_MAX_SUBSTITUTIONS 4 /* per checked field, 0 to 4; default 2 */
#define DV_PARAM_MRZ_AMBIGUITY_MARGIN 5  /* -ln p by which the best reading must win, 0 to 10; default 1 */
/* Warnings (and non-critical errors) it takes to make the verdict DV_VERDICT_SUSPECT, 0 to
 * 100; 0: they never do (without a critical error the verdict is then OK or NOT_DONE);
 * default 1. */
#define DV_PARAM_VERDICT_MIN_WARNINGS 6

DV_API dv_status dv_context_set_param(dv_context* ctx, dv_param param, double value);
DV_API dv_status dv_context_get_param(const dv_context* ctx, dv_param param, double* out_value);
/* Bounds and default of a parameter; any out pointer may be NULL. */
DV_API dv_status dv_param_bounds(dv_param param, double* out_min, double* out_max, double* out_default);

/* The verdict policy per check (docs/reports.md): how the checks matching `check_id` weigh
 * - an id ("security.tamper.copy_move"), a family ("security.tamper.*") or "*" - and
 * whether their NOT_DONE makes the verdict incomplete. For each check the last matching
 * rule that sets a weight decides its weight, the last that sets `required` its
 * requirement; at most 64 rules. Reports show the flags the verdict used.
 *   weight DV_WEIGHT_AS_REPORTED: the library's own weight (undoes earlier rules);
 *          DV_WEIGHT_IGNORED: reported, but it decides nothing;
 *          DV_WEIGHT_ADVISORY: never critical (an error counts as a warning);
 *          DV_WEIGHT_CRITICAL: an error makes the verdict DV_VERDICT_ERROR;
 *          DV_WEIGHT_UNCHANGED: this rule sets `required` only.
 *   required DV_REQUIRED_AS_REPORTED (-1), 0 (not required) or 1 (required).
 * Errors: DV_E_INVALID_ARG for a NULL context or id and an id that is not a lower-case
 * dotted name of at most 64 characters, "family.*" or "*"; DV_E_OUT_OF_RANGE for an unknown
 * weight or required value and a 65th rule. */
#define DV_WEIGHT_AS_REPORTED 0
#define DV_WEIGHT_IGNORED 1
#define DV_WEIGHT_ADVISORY 2
#define DV_WEIGHT_CRITICAL 3
#define DV_WEIGHT_UNCHANGED 4
#define DV_REQUIRED_AS_REPORTED (-1)
DV_API dv_status dv_context_set_check_policy(dv_context* ctx, const char* check_id, int32_t weight, int32_t required);
/* Forgets every rule dv_context_set_check_policy set (the library's defaults again). */
DV_API dv_status dv_context_clear_check_policies(dv_context* ctx);

/* ---- images (read by the image functions of later releases) ------------------------ */
typedef int32_t dv_pixel_format;
#define DV_PIXEL_GRAY8 1
#define DV_PIXEL_RGB8 2
#define DV_PIXEL_BGR8 3
#define DV_PIXEL_RGBA8 4

/* A borrowed view of pixels: rows of width * channels bytes, row_stride bytes apart. The
 * library checks that height rows fit in size bytes and never keeps the pointer. */
#define DV_IMAGE_VIEW_VERSION 1
typedef struct dv_image_view {
  uint32_t version;       /* DV_IMAGE_VIEW_VERSION */
  dv_pixel_format format; /* DV_PIXEL_* */
  uint32_t width;
  uint32_t height;
  size_t row_stride;      /* bytes from one row to the next, >= width * channels */
  const uint8_t* data;
  size_t size;            /* bytes readable from data */
} dv_image_view;
#define DV_IMAGE_VIEW_INIT {DV_IMAGE_VIEW_VERSION, 0, 0, 0, 0, NULL, 0}

/* Largest image accepted, in pixels (width * height). */
#define DV_MAX_IMAGE_PIXELS 100000000u

/* DV_OK when the view is well formed: known format, non-zero sizes within
 * DV_MAX_IMAGE_PIXELS, stride >= width * channels, and every row inside the buffer. */
DV_API dv_status dv_image_view_check(const dv_image_view* view);
/* Channels of a pixel format (1, 3, 4), or 0 when the format is unknown. */
DV_API uint32_t dv_pixel_format_channels(dv_pixel_format format);

/* An encoded image file in memory (JPEG, PNG, TIFF, BMP, WebP, JPEG 2000), borrowed for
 * the call. */
#define DV_ENCODED_IMAGE_VERSION 1
typedef struct dv_encoded_image {
  uint32_t version; /* DV_ENCODED_IMAGE_VERSION */
  const uint8_t* data;
  size_t size;
} dv_encoded_image;
#define DV_ENCODED_IMAGE_INIT {DV_ENCODED_IMAGE_VERSION, NULL, 0}

/* Largest encoded image accepted, in bytes. */
#define DV_MAX_ENCODED_IMAGE_BYTES (256u * 1024u * 1024u)

typedef int32_t dv_image_container;
#define DV_CONTAINER_UNKNOWN 0
#define DV_CONTAINER_JPEG 1
#define DV_CONTAINER_PNG 2
#define DV_CONTAINER_TIFF 3
#define DV_CONTAINER_BMP 4
#define DV_CONTAINER_WEBP 5
#define DV_CONTAINER_JPEG2000 6

/* DV_OK when the bytes are within DV_MAX_ENCODED_IMAGE_BYTES and start with the signature
 * of a supported container, written to *out_container (may be NULL); DV_E_IMAGE otherwise.
 * Decoding happens in the image reader. */
DV_API dv_status dv_encoded_image_check(const dv_encoded_image* image, dv_image_container* out_container);

#ifdef __cplusplus
}
#endif

#include "docverify/mrz.h"
#include "docverify/seal.h"
#include "docverify/read.h"
#include "docverify/specimen.h"

#endif /* DOCVERIFY_DOCVERIFY_H */
