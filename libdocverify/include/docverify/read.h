/*
 * docverify: the MRZ read from photos and scans (locate, rectify, recognise, prove), one
 * frame at a time or as a stream of camera frames. Part of the C API; include
 * <docverify/docverify.h>.
 */
#ifndef DOCVERIFY_READ_H
#define DOCVERIFY_READ_H

#include "docverify/docverify.h"
#include "docverify/mrz.h"
#include "docverify/seal.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dv_read_result dv_read_result;
typedef struct dv_mrz_stream dv_mrz_stream;

typedef int32_t dv_ocr_engine;
#define DV_OCR_BUILTIN 1              /* the OCR-B classifier only (fastest) */
#define DV_OCR_BUILTIN_TESSERACT 2    /* ask Tesseract when the check digits do not verify (default) */
#define DV_OCR_TESSERACT 3            /* Tesseract only (a baseline; slow) */

#define DV_READ_OPTIONS_VERSION 1
typedef struct dv_read_options {
  uint32_t version;              /* DV_READ_OPTIONS_VERSION */
  dv_ocr_engine engine;          /* 0: default */
  double min_uncovered_confidence; /* 0: default 0.80; characters no check digit covers must be this sure */
  uint32_t max_documents;        /* 0: default 4 */
} dv_read_options;
#define DV_READ_OPTIONS_INIT {DV_READ_OPTIONS_VERSION, 0, 0.0, 0}

/* Reads the MRZ in an image. `options` may be NULL (defaults). The context gives the
 * reference date, profile and correction settings. Not finding an MRZ is not an error:
 * the call returns DV_OK and dv_read_result_found() says false. DV_E_IMAGE for a view that
 * does not fit its buffer or bytes that do not decode (dv_last_error_message() says why),
 * DV_E_IO for a file that cannot be read. */
DV_API dv_status dv_read_image(dv_read_result** out, dv_context* ctx, const dv_image_view* image, const dv_read_options* options);
DV_API dv_status dv_read_encoded(dv_read_result** out, dv_context* ctx, const dv_encoded_image* image, const dv_read_options* options);
DV_API dv_status dv_read_file(dv_read_result** out, dv_context* ctx, const char* path, const dv_read_options* options);
DV_API void dv_read_result_free(dv_read_result* result);

DV_API bool dv_read_result_found(const dv_read_result* result);
/* Every check digit verifies and no character outside their cover is unsure. */
DV_API bool dv_read_result_valid(const dv_read_result* result);
/* Lowest character confidence in [0, 1] (0 when nothing was found). */
DV_API double dv_read_result_confidence(const dv_read_result* result);
/* The MRZ as the text engine reports it (fields, check digits, checks, verdict), owned by
 * the read result; NULL when nothing was found. */
DV_API const dv_mrz_result* dv_read_result_mrz(const dv_read_result* result);
/* Further documents in the frame (the best one is the result itself). */
DV_API size_t dv_read_result_other_count(const dv_read_result* result);
DV_API const dv_mrz_result* dv_read_result_other(const dv_read_result* result, size_t index);

typedef int32_t dv_quad_kind;
#define DV_QUAD_MRZ 1
#define DV_QUAD_DOCUMENT 2 /* projected from the MRZ through the format's page layout */
/* Corners TL, TR, BR, BL (reading direction) as x0, y0, ... x3, y3 in image pixels. */
DV_API dv_status dv_read_result_quad(const dv_read_result* result, dv_quad_kind kind, double out_xy[8]);

/* The docverify/1 JSON report with the "image" member (docs/json-schema.md); release with
 * dv_free. */
DV_API dv_status dv_read_result_json_alloc(const dv_read_result* result, char** out_json);

/* Verification: the read plus the authenticity checks this version has (image quality
 * gates, MRZ print geometry, grey copy, infrared and ultraviolet when given; docs/checks.md), each a check record of the
 * result's dv_read_result_mrz() with the verdict decided over all of them. Checks that
 * could not run are records with DV_CHECK_NOT_DONE, never missing; the context's profile
 * says which of them are required (a required one not done: verdict DV_VERDICT_NOT_DONE).
 * Errors as dv_read_*. */
#define DV_VERIFY_OPTIONS_VERSION 4
typedef struct dv_verify_options {
  uint32_t version;              /* DV_VERIFY_OPTIONS_VERSION */
  const dv_read_options* read;   /* how the MRZ is read; NULL: defaults */
  /* version 2: the same page under a kiosk reader's infrared (B900) and ultraviolet light,
   * covering the visible image's field of view at any resolution, as pixels or as a file
   * (not both); NULL: not supplied, and the IR/UV checks are DV_CHECK_NOT_DONE. */
  const dv_image_view* infrared;
  const dv_image_view* ultraviolet;
  const char* infrared_path;
  const char* ultraviolet_path;
  /* version 2: 0 or DV_VIZ_READ: read the visual zone with Tesseract and compare it with
   * the MRZ (about a second a page); DV_VIZ_SKIP: do not (its check is DV_CHECK_NOT_DONE). */
  int32_t visual_zone;
  /* version 3: DV_VERIFY_* flags, 0 for none. */
  uint32_t flags;
  /* version 4: 0 or DV_SEALS_READ: find the barcodes on the page and verify their seals
   * with the context's trust store (dv_read_result_seal); their checks join the verdict,
   * with seal.mrz_match comparing a seal's MRZ to the printed one (without a trust store
   * the signature records are reported but not required). DV_SEALS_SKIP: do not. Options
   * of versions 1-3 read no seals; NULL options do. */
  int32_t seals;
} dv_verify_options;
#define DV_SEALS_READ 1
#define DV_SEALS_SKIP 2
#define DV_VIZ_READ 1
#define DV_VIZ_SKIP 2
/* Keep a copy of the page (at most 2000 pixels on its longer side) and of its infrared
 * and ultraviolet images in the result, for dv_read_result_report_alloc's pictures (wiped
 * when the result is freed). Unknown flags: DV_E_OUT_OF_RANGE. */
#define DV_VERIFY_KEEP_PAGE 1u
#define DV_VERIFY_OPTIONS_INIT {DV_VERIFY_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, 0, 0}

DV_API dv_status dv_verify_image(dv_read_result** out, dv_context* ctx, const dv_image_view* image, const dv_verify_options* options);
DV_API dv_status dv_verify_encoded(dv_read_result** out, dv_context* ctx, const dv_encoded_image* image,
                                   const dv_verify_options* options);
DV_API dv_status dv_verify_file(dv_read_result** out, dv_context* ctx, const char* path, const dv_verify_options* options);

/* The barcodes a verification found on the page (dv_verify_options.seals), each with its
 * seal's decoded content, signature and checks; owned by the read result. */
DV_API size_t dv_read_result_seal_count(const dv_read_result* result);
DV_API const dv_seal* dv_read_result_seal(const dv_read_result* result, size_t index);

/* Reports of a verification (docs/reports.md). DV_REPORT_HTML: one self-contained HTML
 * file a trainer can project - the verdict, the annotated page and heat maps (when the
 * page was kept: DV_VERIFY_KEEP_PAGE), every check with its measurement, threshold and
 * message, and what could not be checked; DV_REPORT_PNG: the page with each flagged
 * check's regions numbered and boxed, as PNG bytes (DV_E_UNUSABLE_INPUT when the page was
 * not kept). Release *out with dv_free; *out_size (required) is the byte count (the HTML
 * is also NUL-terminated). DV_E_INVALID_ARG for a NULL argument, DV_E_OUT_OF_RANGE for an
 * unknown kind. Where each check looked: dv_mrz_result_check_region. */
typedef int32_t dv_report_kind;
#define DV_REPORT_HTML 1
#define DV_REPORT_PNG 2
DV_API dv_status dv_read_result_report_alloc(const dv_read_result* result, dv_report_kind kind, unsigned char** out, size_t* out_size);

/* A stream session: feed successive frames of one document; *out_ready becomes true once
 * the per-character vote verifies and `frames_to_agree` frames agree with it (0: 2). Each
 * feed may give a result (*out_result, may be NULL; free it): the voted one when ready,
 * else the frame's own. */
DV_API dv_status dv_mrz_stream_new(dv_mrz_stream** out, dv_context* ctx, const dv_read_options* options, uint32_t frames_to_agree);
DV_API dv_status dv_mrz_stream_feed(dv_mrz_stream* stream, const dv_image_view* frame, bool* out_ready,
                                    uint32_t* out_frames_used, dv_read_result** out_result);
DV_API void dv_mrz_stream_reset(dv_mrz_stream* stream);
DV_API void dv_mrz_stream_free(dv_mrz_stream* stream);

#ifdef __cplusplus
}
#endif

#endif /* DOCVERIFY_READ_H */
