/*
 * docverify: synthetic, entirely fictitious travel documents with ground truth, for tests,
 * benchmarks and trainers (docs/specimen.md). Part of the C API; include
 * <docverify/docverify.h>.
 */
#ifndef DOCVERIFY_SPECIMEN_H
#define DOCVERIFY_SPECIMEN_H

#include "docverify/docverify.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Forgeries (docs/specimen.md); values pinned forever. */
#define DV_FORGERY_NONE 0
#define DV_FORGERY_MRZ_RECOMPUTED 1   /* birth date changed in VIZ and MRZ, check digits recomputed */
#define DV_FORGERY_MRZ_UNRECOMPUTED 2 /* birth date changed, check digits left as printed */
#define DV_FORGERY_VIZ_REWRITTEN 3    /* VIZ surname erased and reprinted in a near font */
#define DV_FORGERY_MRZ_WRONG_FONT 4   /* MRZ retyped in a monospaced font */
#define DV_FORGERY_MRZ_WRONG_PITCH 5  /* MRZ at 2.30 mm pitch */
#define DV_FORGERY_GREY_COPY 6        /* greyscale photocopy */
#define DV_FORGERY_EXPIRED 7          /* genuine but expired */
#define DV_FORGERY_SPECIMEN 8         /* specimen codes */
#define DV_FORGERY_PHOTO_SWAP 9       /* portrait replaced, other noise and JPEG history */
#define DV_FORGERY_COPY_MOVE 10       /* a VIZ birth-date digit copied over another */
#define DV_FORGERY_SCREEN_RECAPTURE 11 /* photographed off a screen: moire, pixel grid, gamma */
#define DV_FORGERY_COLOUR_COPY 12     /* colour photocopy: fine lines lost, halftone */
#define DV_FORGERY_IR_TRANSPARENT_INK 13 /* MRZ missing in the kiosk's infrared image */
#define DV_FORGERY_UV_BRIGHT_PAPER 14 /* paper glows in the kiosk's ultraviolet image */

/* Capture profiles. KIOSK adds infrared and ultraviolet companion images; PHONE writes a
 * JPEG photo (perspective, rotation, clutter, light, glare, blur, noise); NO_DOCUMENT writes
 * scenes without any document. */
#define DV_CAPTURE_SCAN 0
#define DV_CAPTURE_KIOSK 1
#define DV_CAPTURE_PHONE 2
#define DV_CAPTURE_NO_DOCUMENT 3

#define DV_SPECIMEN_OPTIONS_VERSION 2
typedef struct dv_specimen_options {
  uint32_t version;       /* DV_SPECIMEN_OPTIONS_VERSION */
  int32_t format;         /* DV_MRZ_TD1 ... DV_MRZ_FRA_ID */
  uint32_t count;         /* documents to write (dv_specimen_write), 1 to 1000000 */
  uint64_t seed;          /* the same seed and version give the same bytes */
  double dpi;             /* 72 to 1200 */
  int32_t reference_date; /* YYYYMMDD that anchors the random dates */
  int32_t forgery;        /* DV_FORGERY_* */
  int32_t capture;        /* DV_CAPTURE_* */
  uint32_t flags;         /* version 2: DV_SPECIMEN_* flags, 0 for none */
} dv_specimen_options;
/* Print an ICAO Visible Digital Seal (DataMatrix) over the genuine MRZ, signed by the
 * generator's test PKI (dv_specimen_write_pki); MRV-A, MRV-B and TD2 only (else
 * DV_E_INVALID_ARG). Forgeries change the page, never the seal. */
#define DV_SPECIMEN_SEAL 1u
#define DV_SPECIMEN_OPTIONS_INIT \
  {DV_SPECIMEN_OPTIONS_VERSION, 3 /* DV_MRZ_TD3 */, 1, 1, 300.0, 20261201, DV_FORGERY_NONE, DV_CAPTURE_SCAN, 0u}

/* Writes <name>.png and <name>.json (and <name>_ir.png, <name>_uv.png for the kiosk
 * capture) for `count` documents into `directory` (created if
 * needed); *out_written (may be NULL) receives how many. DV_E_IO when the fonts
 * (fonts-ocr-b, fonts-dejavu-core, fonts-dejavu-extra, or DOCVERIFY_FONT_DIR) or the directory are unusable. */
DV_API dv_status dv_specimen_write(const dv_specimen_options* options, const char* directory, uint32_t* out_written);
/* Writes the certificates of the generator's test PKI for `reference_date` (YYYYMMDD, as
 * in the options) into `directory` (created if needed): for the specimen code UTO and each
 * issuing state the generator uses, <CC>/csca.pem and the seal signer <CC>/<CC>TS_5B.pem
 * (CC the ISO 3166 alpha-2 code), a trust store for dv_trust_store_add_path. Test material
 * only. */
DV_API dv_status dv_specimen_write_pki(const char* directory, int32_t reference_date);

/* Document `index` of the corpus in memory: the image (PNG of the page, or the JPEG photo of
 * the phone and no-document captures) and the ground-truth JSON (kiosk companions are
 * written only by dv_specimen_write), both
 * released with dv_free(). Any out pointer may be NULL when not wanted. */
DV_API dv_status dv_specimen_render(const dv_specimen_options* options, uint32_t index, uint8_t** out_png,
                                    size_t* out_png_size, char** out_ground_truth);

#ifdef __cplusplus
}
#endif

#endif /* DOCVERIFY_SPECIMEN_H */
