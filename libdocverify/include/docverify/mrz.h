/*
 * docverify: the MRZ of passports, ID cards and visas (ICAO 9303 TD1, TD2, TD3, MRV-A,
 * MRV-B and the French national ID card of 1988-2021). Part of the C API; include
 * <docverify/docverify.h>.
 */
#ifndef DOCVERIFY_MRZ_H
#define DOCVERIFY_MRZ_H

#include "docverify/docverify.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dv_mrz_result dv_mrz_result;

typedef int32_t dv_mrz_format;
#define DV_MRZ_UNKNOWN 0
#define DV_MRZ_TD1 1
#define DV_MRZ_TD2 2
#define DV_MRZ_TD3 3
#define DV_MRZ_MRVA 4
#define DV_MRZ_MRVB 5
#define DV_MRZ_FRA_ID 6

typedef int32_t dv_mrz_field;
#define DV_FIELD_DOCUMENT_CODE 1
#define DV_FIELD_ISSUING_STATE 2
#define DV_FIELD_DOCUMENT_NUMBER 3
#define DV_FIELD_NATIONALITY 4
#define DV_FIELD_BIRTH_DATE 5 /* YYYY-MM-DD, or YYYY-MM / YYYY with unknown parts */
#define DV_FIELD_SEX 6        /* "M", "F" or "X" */
#define DV_FIELD_EXPIRY_DATE 7
#define DV_FIELD_SURNAME 8
#define DV_FIELD_GIVEN_NAMES 9
#define DV_FIELD_OPTIONAL_DATA 10
#define DV_FIELD_OPTIONAL_DATA_2 11

/* Check digit statuses. */
#define DV_DIGIT_FAIL 0
#define DV_DIGIT_OK 1
#define DV_DIGIT_ABSENT 2 /* '<' printed where the digit may be omitted */

/* Parses MRZ text (UTF-8; lines separated by LF, CRLF or CR), corrects it where check
 * digits prove it, validates and decides a verdict. A failed check is not a failed call:
 * it returns DV_OK with a result that says so. DV_E_UNUSABLE_INPUT when the text is not
 * shaped like an MRZ (dv_last_error_message() names the line and column). */
DV_API dv_status dv_mrz_parse(dv_mrz_result** out, dv_context* ctx, const char* text, size_t length);

/* Frees a result and overwrites the personal data it held. NULL is fine. */
DV_API void dv_mrz_result_free(dv_mrz_result* result);

/* Accessors: NULL results give 0, false or NULL; indices out of range give NULL or -1. */
DV_API dv_mrz_format dv_mrz_result_format(const dv_mrz_result* result);
DV_API const char* dv_mrz_result_format_name(const dv_mrz_result* result); /* "TD3", ... */
/* Syntax and every check digit right. */
DV_API bool dv_mrz_result_valid(const dv_mrz_result* result);
/* Not valid, or some check in error (the CLI then exits 1). NULL gives true. */
DV_API bool dv_mrz_result_failed(const dv_mrz_result* result);
DV_API size_t dv_mrz_result_line_count(const dv_mrz_result* result);
DV_API const char* dv_mrz_result_line(const dv_mrz_result* result, size_t index); /* after corrections */
/* A field's value; NULL for a date that is absent or not a calendar date, or an unknown field. */
DV_API const char* dv_mrz_result_field(const dv_mrz_result* result, dv_mrz_field field);
/* Whether no check digit covers the field. */
DV_API bool dv_mrz_result_field_uncovered(const dv_mrz_result* result, dv_mrz_field field);

DV_API size_t dv_mrz_result_check_digit_count(const dv_mrz_result* result);
/* "document_number", "birth_date", "expiry_date", "optional_data" or "composite". */
DV_API const char* dv_mrz_result_check_digit_field(const dv_mrz_result* result, size_t index);
DV_API int32_t dv_mrz_result_check_digit_status(const dv_mrz_result* result, size_t index); /* DV_DIGIT_*, -1 */

DV_API size_t dv_mrz_result_correction_count(const dv_mrz_result* result);
/* One correction: 1-based line and column, characters before and after; DV_E_OUT_OF_RANGE
 * for a bad index. Any out pointer may be NULL. */
DV_API dv_status dv_mrz_result_correction(const dv_mrz_result* result, size_t index, uint32_t* out_line,
                                          uint32_t* out_column, char* out_from, char* out_to);

DV_API size_t dv_mrz_result_check_count(const dv_mrz_result* result);
DV_API const char* dv_mrz_result_check_id(const dv_mrz_result* result, size_t index);
DV_API const char* dv_mrz_result_check_group(const dv_mrz_result* result, size_t index);
DV_API int32_t dv_mrz_result_check_status(const dv_mrz_result* result, size_t index); /* DV_CHECK_*, -1 */
DV_API bool dv_mrz_result_check_critical(const dv_mrz_result* result, size_t index);
DV_API const char* dv_mrz_result_check_diagnose(const dv_mrz_result* result, size_t index); /* "" when OK */
DV_API const char* dv_mrz_result_check_message(const dv_mrz_result* result, size_t index);
/* Measuring checks (the image checks of dv_verify_*): the value measured and the limit it
 * was held to, in dv_mrz_result_check_unit() ("pitches", "dpi", ...). NaN and "" for
 * checks that measure nothing, and for a NULL result or an index out of range. */
DV_API double dv_mrz_result_check_measured(const dv_mrz_result* result, size_t index);
DV_API double dv_mrz_result_check_threshold(const dv_mrz_result* result, size_t index);
DV_API const char* dv_mrz_result_check_unit(const dv_mrz_result* result, size_t index);
/* Where on the page a check of dv_verify_* looked or found its evidence: boxes in the
 * verified image's pixels (a finding's own areas, else what it measured). None for text
 * reads, checks that did not run, a NULL result or an index out of range. */
DV_API size_t dv_mrz_result_check_region_count(const dv_mrz_result* result, size_t index);
/* Box `region` of check `index` as x, y (top left), width, height; DV_E_OUT_OF_RANGE for
 * a bad index. */
DV_API dv_status dv_mrz_result_check_region(const dv_mrz_result* result, size_t index, size_t region, int32_t out_xywh[4]);

DV_API int32_t dv_mrz_result_verdict(const dv_mrz_result* result); /* DV_VERDICT_* */
DV_API bool dv_mrz_result_specimen(const dv_mrz_result* result);
DV_API bool dv_mrz_result_incomplete(const dv_mrz_result* result);
DV_API size_t dv_mrz_result_reason_count(const dv_mrz_result* result);
DV_API const char* dv_mrz_result_reason(const dv_mrz_result* result, size_t index);

/* The docverify/1 JSON report (docs/json-schema.md), NUL-terminated, into the caller's
 * buffer. *out_needed (may be NULL) receives the size including the NUL; with a NULL or too
 * small buffer the call returns DV_E_BUFFER_TOO_SMALL and writes nothing. */
DV_API dv_status dv_mrz_result_json(const dv_mrz_result* result, char* buffer, size_t capacity, size_t* out_needed);
/* The same in memory the library allocates; release it with dv_free(). */
DV_API dv_status dv_mrz_result_json_alloc(const dv_mrz_result* result, char** out_json);
/* The readable report the CLI prints, in memory released with dv_free(). */
DV_API dv_status dv_mrz_result_text_alloc(const dv_mrz_result* result, char** out_text);

/* Field values for writing an MRZ (the inverse of dv_mrz_parse). Strings are UTF-8 and
 * borrowed; NULL means empty. Names are written as printed in the visual zone: they are
 * transliterated (ICAO 9303-3 section 6) and truncated to fit. */
#define DV_MRZ_FIELDS_VERSION 1
typedef struct dv_mrz_fields {
  uint32_t version;          /* DV_MRZ_FIELDS_VERSION */
  dv_mrz_format format;      /* DV_MRZ_TD1 ... DV_MRZ_FRA_ID */
  const char* document_code; /* "P", "ID", "V", ... */
  const char* issuing_state;
  const char* document_number; /* TD1/TD2: longer than 9 characters becomes a long number */
  const char* nationality;
  const char* birth_date;      /* "YYYY-MM-DD", or "YYYY-MM" / "YYYY" for unknown parts */
  char sex;                    /* 'M', 'F' or 'X' */
  const char* expiry_date;     /* "YYYY-MM-DD"; NULL or "" writes fillers */
  const char* surname;
  const char* given_names;
  const char* optional_data;   /* French ID: department (3) + office (3) */
  const char* optional_data_2; /* TD1 only */
} dv_mrz_fields;
#define DV_MRZ_FIELDS_INIT {DV_MRZ_FIELDS_VERSION, DV_MRZ_TD3, NULL, NULL, NULL, NULL, NULL, 'X', NULL, NULL, NULL, NULL, NULL}

/* Writes the MRZ lines, joined by '\n' with a final '\n', in memory released with
 * dv_free(). *out_name_truncated (may be NULL) says whether the name had to be cut.
 * DV_E_INVALID_ARG names the field that cannot be written. */
DV_API dv_status dv_mrz_build(const dv_mrz_fields* fields, char** out_text, bool* out_name_truncated);

#ifdef __cplusplus
}
#endif

#endif /* DOCVERIFY_MRZ_H */
