/*
 * docverify: barcodes and digital seals - ICAO Visible Digital Seals (DataMatrix),
 * VDS-NC (QR), AAMVA driving-licence PDF417 - read from images or raw bytes, decoded, and
 * their signatures verified against a trust store of CSCA and signer certificates. Part
 * of the C API; include <docverify/docverify.h>. docs/seals.md has the walkthrough.
 */
#ifndef DOCVERIFY_SEAL_H
#define DOCVERIFY_SEAL_H

#include "docverify/docverify.h"
#include "docverify/mrz.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- trust store ------------------------------------------------------------------
 * CSCA certificates (anchors), barcode-signer certificates, CRLs and CSCA Master Lists.
 * Thread safety: fill a store from one thread; a context given the store with
 * dv_context_set_trust_store keeps a snapshot of its contents, shared and read-only, so
 * many contexts and threads may verify with it at once and the store may be freed (or
 * added to) afterwards without affecting them. */
typedef struct dv_trust_store dv_trust_store;

DV_API dv_status dv_trust_store_new(dv_trust_store** out);
DV_API void dv_trust_store_free(dv_trust_store* store); /* NULL is fine */
/* Adds a file or a directory (searched recursively): PEM bundles of certificates and
 * CRLs, DER certificates and CRLs, CSCA Master Lists (CMS, DER or PEM) and ICAO PKD LDIF
 * files. Files that are none of these are skipped (dv_last_error_message() is not set for
 * them; the JSON of dv_trust_store_json_alloc lists them). *out_added (may be NULL): the
 * number of certificates added. DV_E_IO when the path does not exist or cannot be read. */
DV_API dv_status dv_trust_store_add_path(dv_trust_store* store, const char* path, size_t* out_added);
/* The same for bytes in memory (borrowed for the call); `name` (may be NULL) names them
 * in messages. DV_E_UNUSABLE_INPUT when the bytes hold nothing usable. */
DV_API dv_status dv_trust_store_add_bytes(dv_trust_store* store, const uint8_t* data, size_t size, const char* name,
                                          size_t* out_added);
DV_API size_t dv_trust_store_count(const dv_trust_store* store); /* certificates; 0 for NULL */
/* What the store holds (subjects, serials, validity) and the load warnings, as JSON;
 * release with dv_free. */
DV_API dv_status dv_trust_store_json_alloc(const dv_trust_store* store, char** out_json);
/* The trust store a context verifies seals with (a snapshot, see above); NULL removes it,
 * and signatures are then DV_CHECK_NOT_DONE. */
DV_API dv_status dv_context_set_trust_store(dv_context* ctx, const dv_trust_store* store);

/* ---- reading seals ---------------------------------------------------------------- */
typedef struct dv_seal_list dv_seal_list; /* the barcodes of one image or payload */
typedef struct dv_seal dv_seal;           /* one of them, owned by its list */

typedef int32_t dv_seal_kind;
#define DV_SEAL_OTHER 0       /* a barcode that is not a known seal */
#define DV_SEAL_ICAO_VDS 1
#define DV_SEAL_ICAO_VDS_NC 2
#define DV_SEAL_AAMVA 3       /* carries no signature: evidence for consistency only */

typedef int32_t dv_barcode_symbology;
#define DV_BARCODE_NONE 0     /* raw bytes: no symbol */
#define DV_BARCODE_DATA_MATRIX 1
#define DV_BARCODE_QR_CODE 2
#define DV_BARCODE_PDF417 3
#define DV_BARCODE_AZTEC 4

/* Reject the real-world deviations from ICAO 9303-13 that are otherwise accepted and
 * flagged (a non-DER 0x80 length, non-standard certificate reference layouts). */
#define DV_SEAL_STRICT 1u

#define DV_SEAL_OPTIONS_VERSION 1
typedef struct dv_seal_options {
  uint32_t version;  /* DV_SEAL_OPTIONS_VERSION */
  uint32_t flags;    /* DV_SEAL_* flags, 0 for none */
  /* Image reads: which symbologies to look for, a mask of (1u << DV_BARCODE_*); 0: all
   * four. Asking only for the expected ones is faster. */
  uint32_t symbologies;
  uint32_t max_symbols; /* image reads: 0: default 8, at most 64 */
} dv_seal_options;
#define DV_SEAL_OPTIONS_INIT {DV_SEAL_OPTIONS_VERSION, 0u, 0u, 0u}

/* A barcode's payload as bytes (e.g. from a kiosk's own scanner). The context gives the
 * trust store, the reference date (for expiry and the signer's validity now), the profile
 * and the verdict policy. A malformed seal is not an error: the call returns DV_OK and the
 * seal says so (dv_seal_malformed). options may be NULL. */
DV_API dv_status dv_seal_read_payload(dv_seal_list** out, dv_context* ctx, const uint8_t* data, size_t size,
                                      const dv_seal_options* options);
/* Every barcode found on an image; none found: DV_OK with an empty list. Errors as
 * dv_read_image / dv_read_encoded / dv_read_file. */
DV_API dv_status dv_seal_read_image(dv_seal_list** out, dv_context* ctx, const dv_image_view* image,
                                    const dv_seal_options* options);
DV_API dv_status dv_seal_read_encoded(dv_seal_list** out, dv_context* ctx, const dv_encoded_image* image,
                                      const dv_seal_options* options);
DV_API dv_status dv_seal_read_file(dv_seal_list** out, dv_context* ctx, const char* path, const dv_seal_options* options);
DV_API void dv_seal_list_free(dv_seal_list* list); /* NULL is fine; personal data is wiped */
DV_API size_t dv_seal_list_count(const dv_seal_list* list);
DV_API const dv_seal* dv_seal_list_at(const dv_seal_list* list, size_t index); /* NULL out of range */
/* One verdict over every seal's checks (DV_VERDICT_NOT_DONE for an empty list). */
DV_API int32_t dv_seal_list_verdict(const dv_seal_list* list);
/* The docverify/1 seal report (docs/json-schema.md "Seals"); release with dv_free. */
DV_API dv_status dv_seal_list_json_alloc(const dv_seal_list* list, char** out_json);

DV_API dv_seal_kind dv_seal_get_kind(const dv_seal* seal);                 /* -1 for NULL */
DV_API dv_barcode_symbology dv_seal_symbology(const dv_seal* seal);       /* -1 for NULL */
/* Corners TL, TR, BR, BL of the symbol as x0, y0 ... x3, y3 in image pixels;
 * DV_E_UNUSABLE_INPUT for a payload read from bytes. */
DV_API dv_status dv_seal_corners(const dv_seal* seal, double out_xy[8]);
DV_API const uint8_t* dv_seal_payload(const dv_seal* seal, size_t* out_size);
DV_API bool dv_seal_malformed(const dv_seal* seal);
DV_API const char* dv_seal_error(const dv_seal* seal); /* why it is malformed; "" otherwise */
/* The signature summary: DV_CHECK_OK only when the signature verifies and the signer
 * chains to a trusted CSCA valid at the signature date; DV_CHECK_ERROR when it does not
 * verify or the chain fails; DV_CHECK_NOT_DONE when it cannot be verified (unknown
 * signer, no trust store, an unsigned AAMVA barcode). -1 for NULL. */
DV_API int32_t dv_seal_signature_status(const dv_seal* seal);
DV_API int32_t dv_seal_chain_status(const dv_seal* seal);
DV_API const char* dv_seal_signer(const dv_seal* seal);            /* "UTTS 5B", a subject, or "" */
DV_API const char* dv_seal_signature_algorithm(const dv_seal* seal); /* "ECDSA brainpoolP256r1 SHA-256" or "" */
DV_API const char* dv_seal_signature_message(const dv_seal* seal);
/* The seal's MRZ feature through the MRZ engine, owned by the seal; NULL without one. */
DV_API const dv_mrz_result* dv_seal_mrz(const dv_seal* seal);
/* The decoded content as name/value pairs: "header.issuing_country", "feature.mrz_mrv_a",
 * "message.pid.n" (VDS-NC), "aamva.DCS" ... Strings owned by the seal. */
DV_API size_t dv_seal_field_count(const dv_seal* seal);
DV_API dv_status dv_seal_field(const dv_seal* seal, size_t index, const char** out_name, const char** out_value);
/* The seal's check records (seal.format, seal.signature, seal.chain, ...). */
DV_API size_t dv_seal_check_count(const dv_seal* seal);
DV_API const char* dv_seal_check_id(const dv_seal* seal, size_t index);
DV_API int32_t dv_seal_check_status(const dv_seal* seal, size_t index); /* DV_CHECK_*, -1 */
DV_API bool dv_seal_check_critical(const dv_seal* seal, size_t index);
DV_API const char* dv_seal_check_diagnose(const dv_seal* seal, size_t index); /* "" when OK */
DV_API const char* dv_seal_check_message(const dv_seal* seal, size_t index);
DV_API int32_t dv_seal_verdict(const dv_seal* seal); /* DV_VERDICT_*, -1 for NULL */
/* This seal alone as JSON (one entry of the report's "seals"); release with dv_free. */
DV_API dv_status dv_seal_json_alloc(const dv_seal* seal, char** out_json);

#ifdef __cplusplus
}
#endif

#endif /* DOCVERIFY_SEAL_H */
