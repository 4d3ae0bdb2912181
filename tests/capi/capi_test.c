/* The C API as a C program uses it, including misuse: every call returns a status or a
 * documented fallback, never a crash. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <docverify/docverify.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h> /* rmdir */

/* Values pinned forever (docs/api-stability.md): a change here is an ABI break that the
 * abidiff gate cannot see, because #define values are not in the binary. */
#define PINNED(name, expr) typedef char pinned_##name[(expr) ? 1 : -1]
PINNED(ok, DV_OK == 0);
PINNED(errors, DV_E_INVALID_ARG == -1 && DV_E_NOMEM == -2 && DV_E_INTERNAL == -3 && DV_E_BUFFER_TOO_SMALL == -4 &&
                   DV_E_VERSION == -5 && DV_E_UNUSABLE_INPUT == -6 && DV_E_OUT_OF_RANGE == -7 && DV_E_UTF8 == -8 &&
                   DV_E_IO == -9 && DV_E_IMAGE == -10 && DV_E_UNSUPPORTED == -11);
PINNED(checks, DV_CHECK_NOT_DONE == 0 && DV_CHECK_OK == 1 && DV_CHECK_WARNING == 2 && DV_CHECK_ERROR == 3);
PINNED(verdicts, DV_VERDICT_NOT_DONE == 0 && DV_VERDICT_OK == 1 && DV_VERDICT_SUSPECT == 2 && DV_VERDICT_ERROR == 3);
PINNED(profiles, DV_PROFILE_KIOSK == 0 && DV_PROFILE_REMOTE == 1 && DV_PROFILE_TRAINER == 2);
PINNED(params, DV_PARAM_PROFILE == 1 && DV_PARAM_REFERENCE_DATE == 2 && DV_PARAM_MRZ_CORRECTION == 3 &&
                   DV_PARAM_MRZ_MAX_SUBSTITUTIONS == 4 && DV_PARAM_MRZ_AMBIGUITY_MARGIN == 5);
PINNED(pixels, DV_PIXEL_GRAY8 == 1 && DV_PIXEL_RGB8 == 2 && DV_PIXEL_BGR8 == 3 && DV_PIXEL_RGBA8 == 4);
PINNED(containers, DV_CONTAINER_UNKNOWN == 0 && DV_CONTAINER_JPEG == 1 && DV_CONTAINER_PNG == 2 &&
                       DV_CONTAINER_TIFF == 3 && DV_CONTAINER_BMP == 4 && DV_CONTAINER_WEBP == 5 && DV_CONTAINER_JPEG2000 == 6);
PINNED(formats, DV_MRZ_UNKNOWN == 0 && DV_MRZ_TD1 == 1 && DV_MRZ_TD2 == 2 && DV_MRZ_TD3 == 3 && DV_MRZ_MRVA == 4 &&
                    DV_MRZ_MRVB == 5 && DV_MRZ_FRA_ID == 6);
PINNED(fields, DV_FIELD_DOCUMENT_CODE == 1 && DV_FIELD_ISSUING_STATE == 2 && DV_FIELD_DOCUMENT_NUMBER == 3 &&
                   DV_FIELD_NATIONALITY == 4 && DV_FIELD_BIRTH_DATE == 5 && DV_FIELD_SEX == 6 && DV_FIELD_EXPIRY_DATE == 7 &&
                   DV_FIELD_SURNAME == 8 && DV_FIELD_GIVEN_NAMES == 9 && DV_FIELD_OPTIONAL_DATA == 10 &&
                   DV_FIELD_OPTIONAL_DATA_2 == 11);
PINNED(digits, DV_DIGIT_FAIL == 0 && DV_DIGIT_OK == 1 && DV_DIGIT_ABSENT == 2);
PINNED(abi, DV_ABI_VERSION == 1);
PINNED(forgeries, DV_FORGERY_NONE == 0 && DV_FORGERY_MRZ_RECOMPUTED == 1 && DV_FORGERY_MRZ_UNRECOMPUTED == 2 &&
                       DV_FORGERY_VIZ_REWRITTEN == 3 && DV_FORGERY_MRZ_WRONG_FONT == 4 && DV_FORGERY_MRZ_WRONG_PITCH == 5 &&
                       DV_FORGERY_GREY_COPY == 6 && DV_FORGERY_EXPIRED == 7 && DV_FORGERY_SPECIMEN == 8 &&
                       DV_FORGERY_PHOTO_SWAP == 9 && DV_FORGERY_COPY_MOVE == 10 && DV_FORGERY_SCREEN_RECAPTURE == 11 &&
                       DV_FORGERY_COLOUR_COPY == 12 && DV_FORGERY_IR_TRANSPARENT_INK == 13 && DV_FORGERY_UV_BRIGHT_PAPER == 14);
PINNED(captures, DV_CAPTURE_SCAN == 0 && DV_CAPTURE_KIOSK == 1 && DV_CAPTURE_PHONE == 2 && DV_CAPTURE_NO_DOCUMENT == 3);
PINNED(seal_kinds, DV_SEAL_OTHER == 0 && DV_SEAL_ICAO_VDS == 1 && DV_SEAL_ICAO_VDS_NC == 2 && DV_SEAL_AAMVA == 3);
PINNED(symbologies, DV_BARCODE_NONE == 0 && DV_BARCODE_DATA_MATRIX == 1 && DV_BARCODE_QR_CODE == 2 &&
                        DV_BARCODE_PDF417 == 3 && DV_BARCODE_AZTEC == 4);
PINNED(seal_flags, DV_SEAL_STRICT == 1u && DV_SPECIMEN_SEAL == 1u && DV_SEALS_READ == 1 && DV_SEALS_SKIP == 2);
PINNED(struct_versions, DV_CONTEXT_OPTIONS_VERSION == 1 && DV_IMAGE_VIEW_VERSION == 1 && DV_ENCODED_IMAGE_VERSION == 1 &&
                            DV_MRZ_FIELDS_VERSION == 1 && DV_SPECIMEN_OPTIONS_VERSION == 2 && DV_SEAL_OPTIONS_VERSION == 1 &&
                            DV_VERIFY_OPTIONS_VERSION == 4); /* appended fields raise a version */

static int failures = 0;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

static const char kTd3[] =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n";

static dv_context* new_context(int32_t date) {
  dv_context_options o = DV_CONTEXT_OPTIONS_INIT;
  dv_context* ctx = NULL;
  o.reference_date = date;
  CHECK(dv_context_new(&ctx, &o) == DV_OK);
  return ctx;
}

static void test_versions(void) {
  CHECK(strcmp(dv_version_string(), DV_VERSION_STRING) == 0);
  CHECK(dv_version_number() == DV_VERSION_NUMBER);
  CHECK(dv_abi_version() == DV_ABI_VERSION);
}

static void test_status_strings(void) {
  int32_t s;
  for (s = -20; s <= 1; ++s) CHECK(dv_status_str(s) != NULL);
  CHECK(strcmp(dv_status_str(DV_OK), "ok") == 0);
  CHECK(strcmp(dv_status_str(12345), "unknown status") == 0);
  CHECK(dv_last_error_message() != NULL);
}

static void test_parse_and_accessors(void) {
  dv_context* ctx = new_context(20100101);
  dv_mrz_result* r = NULL;
  size_t i, n, needed = 0;
  char* json = NULL;
  char* text = NULL;
  char small[8];
  int found_composite = 0;
  CHECK(dv_mrz_parse(&r, ctx, kTd3, strlen(kTd3)) == DV_OK);
  CHECK(r != NULL);
  CHECK(dv_mrz_result_format(r) == DV_MRZ_TD3);
  CHECK(strcmp(dv_mrz_result_format_name(r), "TD3") == 0);
  CHECK(dv_mrz_result_valid(r));
  CHECK(dv_mrz_result_failed(r)); /* the specimen check is in error */
  CHECK(dv_mrz_result_failed(NULL));
  CHECK(dv_mrz_result_line_count(r) == 2);
  CHECK(strcmp(dv_mrz_result_line(r, 1), "L898902C36UTO7408122F1204159ZE184226B<<<<<10") == 0);
  CHECK(dv_mrz_result_line(r, 2) == NULL);
  CHECK(strcmp(dv_mrz_result_field(r, DV_FIELD_DOCUMENT_NUMBER), "L898902C3") == 0);
  CHECK(strcmp(dv_mrz_result_field(r, DV_FIELD_BIRTH_DATE), "1974-08-12") == 0);
  CHECK(strcmp(dv_mrz_result_field(r, DV_FIELD_GIVEN_NAMES), "ANNA MARIA") == 0);
  CHECK(strcmp(dv_mrz_result_field(r, DV_FIELD_SEX), "F") == 0);
  CHECK(dv_mrz_result_field(r, 0) == NULL);
  CHECK(dv_mrz_result_field(r, 99) == NULL);
  CHECK(dv_mrz_result_field_uncovered(r, DV_FIELD_SURNAME));
  CHECK(!dv_mrz_result_field_uncovered(r, DV_FIELD_DOCUMENT_NUMBER));
  CHECK(dv_mrz_result_check_digit_count(r) == 5);
  for (i = 0; i < dv_mrz_result_check_digit_count(r); ++i) CHECK(dv_mrz_result_check_digit_status(r, i) == DV_DIGIT_OK);
  CHECK(dv_mrz_result_check_digit_status(r, 99) == -1);
  n = dv_mrz_result_check_count(r);
  CHECK(n > 10);
  for (i = 0; i < n; ++i) {
    const char* id = dv_mrz_result_check_id(r, i);
    CHECK(id != NULL && dv_mrz_result_check_message(r, i) != NULL && dv_mrz_result_check_group(r, i) != NULL);
    if (strcmp(id, "mrz.check_digit.composite") == 0) {
      found_composite = 1;
      CHECK(dv_mrz_result_check_status(r, i) == DV_CHECK_OK);
      CHECK(dv_mrz_result_check_critical(r, i));
      CHECK(strcmp(dv_mrz_result_check_diagnose(r, i), "") == 0);
    }
  }
  CHECK(found_composite);
  CHECK(dv_mrz_result_check_id(r, n) == NULL);
  CHECK(dv_mrz_result_check_status(r, n) == -1);
  CHECK(dv_mrz_result_verdict(r) == DV_VERDICT_ERROR); /* specimen in the kiosk profile */
  CHECK(dv_mrz_result_specimen(r));
  CHECK(!dv_mrz_result_incomplete(r));
  CHECK(dv_mrz_result_reason_count(r) >= 1 && dv_mrz_result_reason(r, 0) != NULL);
  CHECK(dv_mrz_result_correction_count(r) == 0);
  CHECK(dv_mrz_result_correction(r, 0, NULL, NULL, NULL, NULL) == DV_E_OUT_OF_RANGE);

  /* JSON: caller buffer too small, then right; library-owned copy */
  CHECK(dv_mrz_result_json(r, small, sizeof small, &needed) == DV_E_BUFFER_TOO_SMALL);
  CHECK(needed > 100);
  CHECK(dv_mrz_result_json(r, NULL, 0, &needed) == DV_E_BUFFER_TOO_SMALL);
  {
    char* buf = (char*)malloc(needed);
    CHECK(dv_mrz_result_json(r, buf, needed, NULL) == DV_OK);
    CHECK(strstr(buf, "\"schema\":\"docverify/1\"") != NULL);
    CHECK(strlen(buf) + 1 == needed);
    free(buf);
  }
  CHECK(dv_mrz_result_json_alloc(r, &json) == DV_OK && json != NULL);
  CHECK(strstr(json, "\"document_number\":\"L898902C3\"") != NULL);
  dv_free(json);
  CHECK(dv_mrz_result_text_alloc(r, &text) == DV_OK && strstr(text, "Verdict: ERROR") != NULL);
  dv_free(text);
  dv_mrz_result_free(r);
  dv_context_free(ctx);
}

static void test_correction_through_c(void) {
  dv_context* ctx = new_context(20100101);
  dv_mrz_result* r = NULL;
  char bad[sizeof kTd3];
  uint32_t line = 0, column = 0;
  char from = 0, to = 0;
  memcpy(bad, kTd3, sizeof kTd3);
  bad[45 + 15] = 'O'; /* birth date 740812 -> 74O812 */
  CHECK(dv_mrz_parse(&r, ctx, bad, strlen(bad)) == DV_OK);
  CHECK(dv_mrz_result_valid(r));
  CHECK(dv_mrz_result_correction_count(r) == 1);
  CHECK(dv_mrz_result_correction(r, 0, &line, &column, &from, &to) == DV_OK);
  CHECK(line == 2 && column == 16 && from == 'O' && to == '0');
  dv_mrz_result_free(r);
  /* correction off through a parameter */
  CHECK(dv_context_set_param(ctx, DV_PARAM_MRZ_CORRECTION, 0) == DV_OK);
  CHECK(dv_mrz_parse(&r, ctx, bad, strlen(bad)) == DV_OK);
  CHECK(!dv_mrz_result_valid(r) && dv_mrz_result_correction_count(r) == 0);
  dv_mrz_result_free(r);
  dv_context_free(ctx);
}

static void test_params(void) {
  dv_context* ctx = new_context(0);
  double v = -1, lo = 0, hi = 0, def = 0;
  CHECK(dv_context_get_param(ctx, DV_PARAM_MRZ_MAX_SUBSTITUTIONS, &v) == DV_OK && v == 2);
  CHECK(dv_param_bounds(DV_PARAM_MRZ_MAX_SUBSTITUTIONS, &lo, &hi, &def) == DV_OK && lo == 0 && hi == 4 && def == 2);
  CHECK(dv_param_bounds(DV_PARAM_PROFILE, NULL, NULL, NULL) == DV_OK);
  CHECK(dv_context_set_param(ctx, DV_PARAM_MRZ_MAX_SUBSTITUTIONS, 5) == DV_E_OUT_OF_RANGE);
  CHECK(strlen(dv_last_error_message()) > 0);
  CHECK(dv_context_set_param(ctx, DV_PARAM_MRZ_MAX_SUBSTITUTIONS, 1.5) == DV_E_OUT_OF_RANGE);
  CHECK(dv_context_set_param(ctx, DV_PARAM_MRZ_AMBIGUITY_MARGIN, NAN) == DV_E_OUT_OF_RANGE);
  CHECK(dv_context_set_param(ctx, DV_PARAM_REFERENCE_DATE, 20230230) == DV_E_OUT_OF_RANGE);
  CHECK(dv_context_set_param(ctx, DV_PARAM_REFERENCE_DATE, 20240229) == DV_OK);
  CHECK(dv_context_set_param(ctx, 999, 1) == DV_E_OUT_OF_RANGE);
  CHECK(dv_context_get_param(ctx, 999, &v) == DV_E_OUT_OF_RANGE);
  lo = hi = def = 42;
  CHECK(dv_param_bounds(999, &lo, &hi, &def) == DV_E_OUT_OF_RANGE);
  CHECK(lo == 0 && hi == 0 && def == 0); /* out-params are cleared on failure */
  v = 42;
  CHECK(dv_context_get_param(ctx, 999, &v) == DV_E_OUT_OF_RANGE && v == 0);
  CHECK(dv_context_set_param(ctx, DV_PARAM_PROFILE, DV_PROFILE_TRAINER) == DV_OK);
  CHECK(dv_context_set_param(ctx, DV_PARAM_MRZ_MAX_SUBSTITUTIONS, 3) == DV_OK);
  CHECK(strcmp(dv_last_error_message(), "") == 0); /* a successful call clears it */
  dv_context_free(ctx);
}

static void test_misuse(void) {
  dv_context* ctx = NULL;
  dv_mrz_result* r = (dv_mrz_result*)(void*)&ctx; /* must be overwritten with NULL */
  dv_context_options bad = DV_CONTEXT_OPTIONS_INIT;
  char* s = (char*)1;
  CHECK(dv_context_new(NULL, NULL) == DV_E_INVALID_ARG);
  bad.version = 99;
  CHECK(dv_context_new(&ctx, &bad) == DV_E_VERSION && ctx == NULL);
  bad.version = 0;
  CHECK(dv_context_new(&ctx, &bad) == DV_E_VERSION);
  bad = (dv_context_options)DV_CONTEXT_OPTIONS_INIT;
  bad.profile = 7;
  CHECK(dv_context_new(&ctx, &bad) == DV_E_OUT_OF_RANGE && ctx == NULL);
  CHECK(dv_context_new(&ctx, NULL) == DV_OK);
  CHECK(dv_mrz_parse(NULL, ctx, kTd3, strlen(kTd3)) == DV_E_INVALID_ARG);
  CHECK(dv_mrz_parse(&r, NULL, kTd3, strlen(kTd3)) == DV_E_INVALID_ARG && r == NULL);
  CHECK(dv_mrz_parse(&r, ctx, NULL, 10) == DV_E_INVALID_ARG);
  CHECK(dv_mrz_parse(&r, ctx, NULL, 0) == DV_E_UNUSABLE_INPUT); /* empty input */
  CHECK(dv_mrz_parse(&r, ctx, "P<UTO", 5) == DV_E_UNUSABLE_INPUT && r == NULL);
  CHECK(strstr(dv_last_error_message(), "line 1") != NULL);
  CHECK(dv_mrz_parse(&r, ctx, "P<UTO\xC3\x28", 7) == DV_E_UNUSABLE_INPUT); /* invalid UTF-8 */
  { /* embedded NUL is a byte like any other: refused with its position */
    const char nul[] = "P<UTO\0ABC";
    CHECK(dv_mrz_parse(&r, ctx, nul, sizeof nul - 1) == DV_E_UNUSABLE_INPUT);
    CHECK(strstr(dv_last_error_message(), "0x00") != NULL);
  }
  { /* 10 MB of garbage */
    size_t big = 10u * 1024u * 1024u;
    char* g = (char*)malloc(big);
    memset(g, 'A', big);
    CHECK(dv_mrz_parse(&r, ctx, g, big) == DV_E_UNUSABLE_INPUT);
    free(g);
  }
  /* accessors on NULL */
  CHECK(dv_mrz_result_format(NULL) == DV_MRZ_UNKNOWN);
  CHECK(dv_mrz_result_format_name(NULL) == NULL);
  CHECK(!dv_mrz_result_valid(NULL));
  CHECK(dv_mrz_result_line_count(NULL) == 0 && dv_mrz_result_line(NULL, 0) == NULL);
  CHECK(dv_mrz_result_field(NULL, DV_FIELD_SURNAME) == NULL);
  CHECK(dv_mrz_result_check_count(NULL) == 0 && dv_mrz_result_check_id(NULL, 0) == NULL);
  CHECK(dv_mrz_result_verdict(NULL) == DV_VERDICT_NOT_DONE);
  CHECK(dv_mrz_result_json(NULL, NULL, 0, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_mrz_result_json_alloc(NULL, &s) == DV_E_INVALID_ARG && s == NULL);
  CHECK(dv_mrz_result_text_alloc(NULL, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_context_set_param(NULL, DV_PARAM_PROFILE, 0) == DV_E_INVALID_ARG);
  CHECK(dv_context_get_param(ctx, DV_PARAM_PROFILE, NULL) == DV_E_INVALID_ARG);
  /* NULL-safe frees */
  dv_mrz_result_free(NULL);
  dv_context_free(NULL);
  dv_free(NULL);
  dv_context_free(ctx);
}

static void test_neighbours_survive_a_free(void) {
  dv_context* ctx = new_context(20100101);
  dv_mrz_result* a = NULL;
  dv_mrz_result* b = NULL;
  dv_mrz_result* c = NULL;
  CHECK(dv_mrz_parse(&a, ctx, kTd3, strlen(kTd3)) == DV_OK);
  CHECK(dv_mrz_parse(&b, ctx, kTd3, strlen(kTd3)) == DV_OK);
  CHECK(dv_mrz_parse(&c, ctx, kTd3, strlen(kTd3)) == DV_OK);
  dv_mrz_result_free(b);
  CHECK(strcmp(dv_mrz_result_field(a, DV_FIELD_SURNAME), "ERIKSSON") == 0);
  CHECK(strcmp(dv_mrz_result_field(c, DV_FIELD_SURNAME), "ERIKSSON") == 0);
  dv_mrz_result_free(a);
  dv_mrz_result_free(c);
  dv_context_free(ctx);
}

static void test_image_views(void) {
  uint8_t pixels[4 * 3 * 5];
  dv_image_view v = DV_IMAGE_VIEW_INIT;
  memset(pixels, 0, sizeof pixels);
  CHECK(dv_image_view_check(NULL) == DV_E_INVALID_ARG);
  v.format = DV_PIXEL_RGB8;
  v.width = 4;
  v.height = 5;
  v.row_stride = 12;
  v.data = pixels;
  v.size = sizeof pixels;
  CHECK(dv_image_view_check(&v) == DV_OK);
  v.size = sizeof pixels - 1;
  CHECK(dv_image_view_check(&v) == DV_E_IMAGE);
  v.size = sizeof pixels;
  v.row_stride = 11;
  CHECK(dv_image_view_check(&v) == DV_E_IMAGE);
  v.row_stride = 12;
  v.format = 42;
  CHECK(dv_image_view_check(&v) == DV_E_IMAGE);
  v.format = DV_PIXEL_GRAY8;
  v.version = 2;
  CHECK(dv_image_view_check(&v) == DV_E_VERSION);
  v.version = DV_IMAGE_VIEW_VERSION;
  v.width = 100000;
  v.height = 100000;
  v.row_stride = 100000;
  CHECK(dv_image_view_check(&v) == DV_E_IMAGE); /* too many pixels */
  v.width = 1;
  v.height = 3;
  v.row_stride = (size_t)-1;
  CHECK(dv_image_view_check(&v) == DV_E_IMAGE); /* stride overflow */
  v.data = NULL;
  v.row_stride = 1;
  CHECK(dv_image_view_check(&v) == DV_E_INVALID_ARG);
  CHECK(dv_pixel_format_channels(DV_PIXEL_RGBA8) == 4 && dv_pixel_format_channels(0) == 0);
}

static void test_encoded_images(void) {
  static const uint8_t png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
  static const uint8_t jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16};
  static const uint8_t text[] = "not an image";
  dv_encoded_image e = DV_ENCODED_IMAGE_INIT;
  dv_image_container c = 99;
  CHECK(dv_encoded_image_check(NULL, &c) == DV_E_INVALID_ARG && c == DV_CONTAINER_UNKNOWN);
  CHECK(dv_encoded_image_check(&e, NULL) == DV_E_IMAGE); /* empty */
  e.data = png;
  e.size = sizeof png;
  CHECK(dv_encoded_image_check(&e, &c) == DV_OK && c == DV_CONTAINER_PNG);
  e.data = jpeg;
  e.size = sizeof jpeg;
  CHECK(dv_encoded_image_check(&e, &c) == DV_OK && c == DV_CONTAINER_JPEG);
  e.size = 2; /* truncated signature */
  CHECK(dv_encoded_image_check(&e, &c) == DV_E_IMAGE);
  e.data = text;
  e.size = sizeof text;
  CHECK(dv_encoded_image_check(&e, &c) == DV_E_IMAGE && c == DV_CONTAINER_UNKNOWN);
  e.version = 7;
  CHECK(dv_encoded_image_check(&e, &c) == DV_E_VERSION);
}

static void test_build(void) {
  dv_mrz_fields f = DV_MRZ_FIELDS_INIT;
  char* text = NULL;
  bool truncated = true;
  dv_context* ctx = new_context(20100101);
  dv_mrz_result* r = NULL;
  f.format = DV_MRZ_TD3;
  f.document_code = "P";
  f.issuing_state = "UTO";
  f.document_number = "L898902C3";
  f.nationality = "UTO";
  f.birth_date = "1974-08-12";
  f.sex = 'F';
  f.expiry_date = "2012-04-15";
  f.surname = "Eriksson";
  f.given_names = "Anna Maria";
  f.optional_data = "ZE184226B";
  CHECK(dv_mrz_build(&f, &text, &truncated) == DV_OK && !truncated);
  CHECK(text && strcmp(text, kTd3) == 0); /* the ICAO worked example, written back */
  CHECK(dv_mrz_parse(&r, ctx, text, strlen(text)) == DV_OK && dv_mrz_result_valid(r));
  dv_mrz_result_free(r);
  dv_free(text);
  f.birth_date = "1974-13-01";
  CHECK(dv_mrz_build(&f, &text, NULL) == DV_E_INVALID_ARG && text == NULL);
  CHECK(strstr(dv_last_error_message(), "birth_date") != NULL);
  f.birth_date = "1974-08-12";
  f.format = 42;
  CHECK(dv_mrz_build(&f, &text, NULL) == DV_E_INVALID_ARG);
  f.format = DV_MRZ_TD3;
  f.version = 0;
  CHECK(dv_mrz_build(&f, &text, NULL) == DV_E_VERSION);
  CHECK(dv_mrz_build(NULL, &text, NULL) == DV_E_INVALID_ARG);
  f.version = DV_MRZ_FIELDS_VERSION;
  f.surname = "M\xC3"; /* truncated UTF-8 */
  CHECK(dv_mrz_build(&f, &text, NULL) == DV_E_UTF8 && text == NULL);
  dv_context_free(ctx);
}

static void test_specimen(void) {
  dv_specimen_options o = DV_SPECIMEN_OPTIONS_INIT;
  uint8_t* png = NULL;
  size_t png_size = 0;
  char* truth = NULL;
  uint32_t written = 99;
  char dir[] = "/tmp/docverify-capi-specimen-XXXXXX";
  o.format = DV_MRZ_TD1;
  o.dpi = 150;
  o.seed = 3;
  CHECK(dv_specimen_render(&o, 2, &png, &png_size, &truth) == DV_OK);
  CHECK(png != NULL && png_size > 1000 && memcmp(png, "\x89PNG", 4) == 0);
  CHECK(truth != NULL && strstr(truth, "\"schema\":\"docverify-specimen/1\"") != NULL);
  CHECK(strstr(truth, "\"format\":\"TD1\"") != NULL);
  dv_free(png);
  dv_free(truth);
  CHECK(dv_specimen_render(&o, 2, NULL, NULL, &truth) == DV_OK); /* ground truth only */
  dv_free(truth);
  o.forgery = DV_FORGERY_MRZ_UNRECOMPUTED;
  CHECK(dv_specimen_render(&o, 2, NULL, NULL, &truth) == DV_OK);
  CHECK(truth && strstr(truth, "\"type\":\"mrz_unrecomputed\"") != NULL);
  dv_free(truth);
  o.forgery = 42;
  CHECK(dv_specimen_render(&o, 2, NULL, NULL, &truth) == DV_E_INVALID_ARG);
  o.forgery = DV_FORGERY_NONE;
  if (mkdtemp(dir)) {
    o.count = 2;
    o.capture = DV_CAPTURE_KIOSK;
    CHECK(dv_specimen_write(&o, dir, &written) == DV_OK && written == 2);
    o.capture = DV_CAPTURE_SCAN;
  }
  o.capture = DV_CAPTURE_PHONE;
  CHECK(dv_specimen_render(&o, 0, &png, &png_size, NULL) == DV_OK && png && png[0] == 0xFF && png[1] == 0xD8);
  dv_free(png);
  png = NULL;
  o.capture = 5;
  CHECK(dv_specimen_render(&o, 0, NULL, NULL, &truth) == DV_E_INVALID_ARG);
  o.capture = DV_CAPTURE_SCAN;
  o.dpi = 5000;
  CHECK(dv_specimen_render(&o, 0, &png, NULL, NULL) == DV_E_INVALID_ARG && png == NULL);
  o.dpi = 150;
  o.format = 99;
  CHECK(dv_specimen_write(&o, "/tmp", &written) == DV_E_INVALID_ARG && written == 0);
  o.format = DV_MRZ_TD3;
  o.version = 9;
  CHECK(dv_specimen_write(&o, "/tmp", NULL) == DV_E_VERSION);
  o.version = DV_SPECIMEN_OPTIONS_VERSION;
  CHECK(dv_specimen_write(&o, NULL, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_specimen_write(&o, "/proc/docverify-cannot-write-here", NULL) == DV_E_IO);
}

/* The image reader: a generated page read from pixels and from PNG bytes, the quads, the
 * embedded MRZ result, the stream session, and every misuse refused with a status. */
static void test_read(void) {
  dv_context* ctx = new_context(20261201);
  dv_specimen_options so = DV_SPECIMEN_OPTIONS_INIT;
  uint8_t* png = NULL;
  size_t png_size = 0;
  char* truth = NULL;
  dv_read_result* r = NULL;
  dv_encoded_image enc = DV_ENCODED_IMAGE_INIT;
  dv_read_options ro = DV_READ_OPTIONS_INIT;
  double quad[8];
  so.format = DV_MRZ_TD1;
  so.seed = 5;
  CHECK(dv_specimen_render(&so, 0, &png, &png_size, &truth) == DV_OK);
  enc.data = png;
  enc.size = png_size;
  ro.engine = DV_OCR_BUILTIN;
  CHECK(dv_read_encoded(&r, ctx, &enc, &ro) == DV_OK);
  CHECK(dv_read_result_found(r));
  CHECK(dv_read_result_valid(r));
  CHECK(dv_read_result_confidence(r) > 0.5);
  CHECK(dv_mrz_result_format(dv_read_result_mrz(r)) == DV_MRZ_TD1);
  /* The read line is the generator's ground truth. */
  CHECK(truth && strstr(truth, dv_mrz_result_line(dv_read_result_mrz(r), 0)) != NULL);
  CHECK(dv_read_result_quad(r, DV_QUAD_MRZ, quad) == DV_OK && quad[2] > quad[0]);
  CHECK(dv_read_result_quad(r, DV_QUAD_DOCUMENT, quad) == DV_OK);
  CHECK(dv_read_result_quad(r, 99, quad) == DV_E_OUT_OF_RANGE);
  CHECK(dv_read_result_quad(r, DV_QUAD_MRZ, NULL) == DV_E_INVALID_ARG);
  {
    char* json = NULL;
    CHECK(dv_read_result_json_alloc(r, &json) == DV_OK && strstr(json, "\"found\":true") != NULL);
    dv_free(json);
  }
  CHECK(dv_read_result_other_count(r) == 0 && dv_read_result_other(r, 0) == NULL);
  dv_read_result_free(r);

  /* A blank grey frame: nothing found, no MRZ result, no quad. */
  {
    static uint8_t blank[200 * 300];
    dv_image_view v = DV_IMAGE_VIEW_INIT;
    memset(blank, 200, sizeof blank);
    v.format = DV_PIXEL_GRAY8;
    v.width = 300;
    v.height = 200;
    v.row_stride = 300;
    v.data = blank;
    v.size = sizeof blank;
    CHECK(dv_read_image(&r, ctx, &v, NULL) == DV_OK);
    CHECK(!dv_read_result_found(r) && !dv_read_result_valid(r) && dv_read_result_mrz(r) == NULL);
    CHECK(dv_read_result_quad(r, DV_QUAD_MRZ, quad) == DV_E_UNUSABLE_INPUT);
    dv_read_result_free(r);
    /* The stream: never ready on blank frames; a bad view is refused. */
    {
      dv_mrz_stream* s = NULL;
      bool ready = true;
      uint32_t used = 7;
      dv_read_result* sr = NULL;
      CHECK(dv_mrz_stream_new(&s, ctx, NULL, 2) == DV_OK);
      CHECK(dv_mrz_stream_feed(s, &v, &ready, &used, &sr) == DV_OK && !ready && used == 0 && sr != NULL);
      dv_read_result_free(sr);
      v.size = 10;
      CHECK(dv_mrz_stream_feed(s, &v, &ready, &used, NULL) == DV_E_IMAGE);
      CHECK(dv_mrz_stream_feed(NULL, &v, &ready, &used, NULL) == DV_E_INVALID_ARG);
      dv_mrz_stream_reset(s);
      dv_mrz_stream_free(s);
      CHECK(dv_mrz_stream_new(&s, ctx, NULL, 31) == DV_E_OUT_OF_RANGE && s == NULL);
    }
  }

  /* Misuse. */
  CHECK(dv_read_encoded(NULL, ctx, &enc, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_read_encoded(&r, NULL, &enc, NULL) == DV_E_INVALID_ARG && r == NULL);
  ro.version = 99;
  CHECK(dv_read_encoded(&r, ctx, &enc, &ro) == DV_E_VERSION && r == NULL);
  ro.version = DV_READ_OPTIONS_VERSION;
  ro.engine = 42;
  CHECK(dv_read_encoded(&r, ctx, &enc, &ro) == DV_E_OUT_OF_RANGE);
  enc.size = 100; /* a truncated PNG */
  CHECK(dv_read_encoded(&r, ctx, &enc, NULL) == DV_E_IMAGE && r == NULL);
  CHECK(strlen(dv_last_error_message()) > 0);
  CHECK(dv_read_file(&r, ctx, "/nonexistent/passport.jpg", NULL) == DV_E_IO && r == NULL);
  CHECK(dv_read_file(&r, ctx, NULL, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_read_image(&r, ctx, NULL, NULL) == DV_E_INVALID_ARG);
  CHECK(!dv_read_result_found(NULL) && dv_read_result_mrz(NULL) == NULL);
  dv_read_result_free(NULL);
  dv_mrz_stream_free(NULL);
  dv_free(png);
  dv_free(truth);
  dv_context_free(ctx);
}

/* The check record named `id` in `m`, or -1. */
static long check_index(const dv_mrz_result* m, const char* id) {
  size_t i;
  for (i = 0; i < dv_mrz_result_check_count(m); ++i)
    if (strcmp(dv_mrz_result_check_id(m, i), id) == 0) return (long)i;
  return -1;
}

static void test_verify(void) {
  dv_context* ctx = new_context(20261201);
  dv_specimen_options so = DV_SPECIMEN_OPTIONS_INIT;
  uint8_t* png = NULL;
  size_t png_size = 0;
  dv_read_result* r = NULL;
  dv_encoded_image enc = DV_ENCODED_IMAGE_INIT;
  dv_read_options ro = DV_READ_OPTIONS_INIT;
  dv_verify_options vo = DV_VERIFY_OPTIONS_INIT;
  const dv_mrz_result* m;
  long grey, ir, alphabet;
  so.format = DV_MRZ_TD3;
  so.seed = 11;
  CHECK(dv_specimen_render(&so, 0, &png, &png_size, NULL) == DV_OK);
  enc.data = png;
  enc.size = png_size;
  ro.engine = DV_OCR_BUILTIN;
  vo.read = &ro;
  CHECK(dv_verify_encoded(&r, ctx, &enc, &vo) == DV_OK);
  CHECK(dv_read_result_found(r));
  m = dv_read_result_mrz(r);
  grey = check_index(m, "liveness.grey_copy");
  ir = check_index(m, "security.ir.b900");
  alphabet = check_index(m, "mrz.syntax.alphabet");
  CHECK(grey >= 0 && ir >= 0 && alphabet >= 0);
  if (grey >= 0 && ir >= 0 && alphabet >= 0) {
    /* A colour page: the grey-copy test passes with what it measured. */
    CHECK(dv_mrz_result_check_status(m, (size_t)grey) == DV_CHECK_OK);
    CHECK(dv_mrz_result_check_measured(m, (size_t)grey) > dv_mrz_result_check_threshold(m, (size_t)grey));
    CHECK(strlen(dv_mrz_result_check_unit(m, (size_t)grey)) > 0);
    /* No infrared image: not done, required at the kiosk, so the verdict cannot be ok. */
    CHECK(dv_mrz_result_check_status(m, (size_t)ir) == DV_CHECK_NOT_DONE);
    CHECK(strcmp(dv_mrz_result_check_diagnose(m, (size_t)ir), "REQUIRED_IMAGE_MISSING") == 0);
    CHECK(dv_mrz_result_verdict(m) == DV_VERDICT_NOT_DONE && dv_mrz_result_incomplete(m));
    /* A text check measures nothing. */
    CHECK(isnan(dv_mrz_result_check_measured(m, (size_t)alphabet)) && strcmp(dv_mrz_result_check_unit(m, (size_t)alphabet), "") == 0);
  }
  CHECK(isnan(dv_mrz_result_check_measured(m, 9999)) && isnan(dv_mrz_result_check_threshold(NULL, 0)));
  CHECK(strcmp(dv_mrz_result_check_unit(NULL, 0), "") == 0);
  dv_read_result_free(r);
  r = NULL;
  /* Defaults (NULL options) and the other inputs. */
  CHECK(dv_verify_encoded(&r, ctx, &enc, NULL) == DV_OK && dv_read_result_found(r));
  dv_read_result_free(r);
  /* Misuse. */
  vo.version = 99;
  CHECK(dv_verify_encoded(&r, ctx, &enc, &vo) == DV_E_VERSION && r == NULL);
  vo.version = DV_VERIFY_OPTIONS_VERSION;
  ro.engine = 42;
  CHECK(dv_verify_encoded(&r, ctx, &enc, &vo) == DV_E_OUT_OF_RANGE && r == NULL);
  CHECK(dv_verify_file(&r, ctx, NULL, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_verify_file(&r, ctx, "/nonexistent/passport.jpg", NULL) == DV_E_IO && r == NULL);
  CHECK(dv_verify_image(&r, ctx, NULL, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_verify_encoded(NULL, ctx, &enc, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_verify_encoded(&r, NULL, &enc, NULL) == DV_E_INVALID_ARG && r == NULL);
  dv_free(png);
  dv_context_free(ctx);
}

/* The kiosk's companions through dv_verify_options version 2: files written by the
 * generator, pixels of another field of view, and misuse. */
static void test_verify_companions(void) {
  char dir[] = "/tmp/docverify-capi-kiosk-XXXXXX";
  char page[256], ir[256], uv[256];
  dv_context* ctx = new_context(20261201);
  dv_specimen_options so = DV_SPECIMEN_OPTIONS_INIT;
  dv_read_options ro = DV_READ_OPTIONS_INIT;
  dv_verify_options vo = DV_VERIFY_OPTIONS_INIT;
  dv_read_result* r = NULL;
  const dv_mrz_result* m;
  long b900, dull;
  static uint8_t strip[40 * 400];
  dv_image_view view = DV_IMAGE_VIEW_INIT;
  CHECK(dv_context_set_param(ctx, DV_PARAM_PROFILE, DV_PROFILE_KIOSK) == DV_OK);
  ro.engine = DV_OCR_BUILTIN;
  vo.read = &ro;
  if (!mkdtemp(dir)) {
    CHECK(0);
    dv_context_free(ctx);
    return;
  }
  so.capture = DV_CAPTURE_KIOSK;
  so.forgery = DV_FORGERY_IR_TRANSPARENT_INK;
  so.seed = 21;
  CHECK(dv_specimen_write(&so, dir, NULL) == DV_OK);
  snprintf(page, sizeof page, "%s/td3-ir_transparent_ink-seed21-00000.png", dir);
  snprintf(ir, sizeof ir, "%s/td3-ir_transparent_ink-seed21-00000_ir.png", dir);
  snprintf(uv, sizeof uv, "%s/td3-ir_transparent_ink-seed21-00000_uv.png", dir);
  vo.infrared_path = ir;
  vo.ultraviolet_path = uv;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK && dv_read_result_found(r));
  m = dv_read_result_mrz(r);
  b900 = check_index(m, "security.ir.b900");
  dull = check_index(m, "security.uv.dull");
  CHECK(b900 >= 0 && dull >= 0);
  if (b900 >= 0 && dull >= 0) {
    /* The MRZ printed in ink infrared light goes through: a critical error. */
    CHECK(dv_mrz_result_check_status(m, (size_t)b900) == DV_CHECK_ERROR);
    CHECK(strcmp(dv_mrz_result_check_diagnose(m, (size_t)b900), "IR_LOW_CONTRAST") == 0);
    CHECK(dv_mrz_result_check_measured(m, (size_t)b900) < dv_mrz_result_check_threshold(m, (size_t)b900));
    CHECK(dv_mrz_result_check_status(m, (size_t)dull) == DV_CHECK_OK);
    CHECK(dv_mrz_result_verdict(m) == DV_VERDICT_ERROR);
  }
  dv_read_result_free(r);
  r = NULL;
  /* Version 1 callers' structs end before the companions: they are not read. */
  vo.version = 1;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  m = dv_read_result_mrz(r);
  b900 = check_index(m, "security.ir.b900");
  CHECK(b900 >= 0 && strcmp(dv_mrz_result_check_diagnose(m, (size_t)b900), "REQUIRED_IMAGE_MISSING") == 0);
  dv_read_result_free(r);
  r = NULL;
  vo.version = DV_VERIFY_OPTIONS_VERSION;
  /* Pixels of another field of view are not judged. */
  memset(strip, 200, sizeof strip);
  view.format = DV_PIXEL_GRAY8;
  view.width = 400;
  view.height = 40;
  view.row_stride = 400;
  view.data = strip;
  view.size = sizeof strip;
  vo.infrared_path = NULL;
  vo.infrared = &view;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  m = dv_read_result_mrz(r);
  b900 = check_index(m, "security.ir.b900");
  CHECK(b900 >= 0 && strcmp(dv_mrz_result_check_diagnose(m, (size_t)b900), "IMAGES_NOT_REGISTERED") == 0);
  dv_read_result_free(r);
  r = NULL;
  /* The visual zone not read: its check is not done, and says why. */
  vo.infrared = NULL;
  vo.visual_zone = DV_VIZ_SKIP;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  m = dv_read_result_mrz(r);
  dull = check_index(m, "text.viz.mrz_consistency");
  CHECK(dull >= 0 && strcmp(dv_mrz_result_check_diagnose(m, (size_t)dull), "NOT_AVAILABLE") == 0);
  dv_read_result_free(r);
  r = NULL;
  vo.visual_zone = 42;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_E_OUT_OF_RANGE && r == NULL);
  vo.visual_zone = 0;
  vo.infrared = &view;
  /* Misuse: both pixels and a file; a missing or broken companion file. */
  vo.infrared_path = ir;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_E_INVALID_ARG && r == NULL);
  vo.infrared = NULL;
  vo.infrared_path = "/nonexistent/ir.png";
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_E_IO && r == NULL);
  view.size = 10;
  vo.infrared_path = NULL;
  vo.infrared = &view;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_E_IMAGE && r == NULL);
  remove(page);
  remove(ir);
  remove(uv);
  snprintf(page, sizeof page, "%s/td3-ir_transparent_ink-seed21-00000.json", dir);
  remove(page);
  rmdir(dir);
  dv_context_free(ctx);
}

/* Where each check looked, the verdict policy, and the HTML and annotated-PNG reports. */
static void test_verify_reports(void) {
  char dir[] = "/tmp/docverify-capi-reports-XXXXXX";
  char page[256];
  dv_context* ctx = new_context(20261201);
  dv_specimen_options so = DV_SPECIMEN_OPTIONS_INIT;
  dv_read_options ro = DV_READ_OPTIONS_INIT;
  dv_verify_options vo = DV_VERIFY_OPTIONS_INIT;
  dv_read_result* r = NULL;
  const dv_mrz_result* m;
  unsigned char* bytes = NULL;
  size_t size = 0;
  int32_t box[4] = {0, 0, 0, 0};
  double quad[8];
  long birth;
  int i;
  ro.engine = DV_OCR_BUILTIN;
  vo.read = &ro;
  vo.visual_zone = DV_VIZ_SKIP;
  CHECK(dv_context_set_param(ctx, DV_PARAM_PROFILE, DV_PROFILE_TRAINER) == DV_OK);
  if (!mkdtemp(dir)) {
    CHECK(0);
    dv_context_free(ctx);
    return;
  }
  so.forgery = DV_FORGERY_MRZ_UNRECOMPUTED;
  so.seed = 22;
  CHECK(dv_specimen_write(&so, dir, NULL) == DV_OK);
  snprintf(page, sizeof page, "%s/td3-mrz_unrecomputed-seed22-00000.png", dir);

  /* Without the page kept: regions and HTML, but no picture. */
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK && dv_read_result_found(r));
  m = dv_read_result_mrz(r);
  birth = check_index(m, "mrz.check_digit.birth_date");
  CHECK(birth >= 0 && dv_mrz_result_check_status(m, (size_t)birth) == DV_CHECK_ERROR);
  CHECK(dv_read_result_quad(r, DV_QUAD_MRZ, quad) == DV_OK);
  if (birth >= 0) {
    /* The digit and the date it covers, both on the MRZ's second line. */
    CHECK(dv_mrz_result_check_region_count(m, (size_t)birth) == 2);
    CHECK(dv_mrz_result_check_region(m, (size_t)birth, 0, box) == DV_OK);
    CHECK(box[2] > 0 && box[3] > 0 && box[0] >= (int32_t)quad[0] - 2 && box[1] + box[3] <= (int32_t)quad[5] + 2);
    CHECK(dv_mrz_result_check_region(m, (size_t)birth, 2, box) == DV_E_OUT_OF_RANGE);
    CHECK(dv_mrz_result_check_region(m, (size_t)birth, 0, NULL) == DV_E_INVALID_ARG);
  }
  CHECK(dv_mrz_result_check_region_count(m, 100000) == 0 && dv_mrz_result_check_region_count(NULL, 0) == 0);
  CHECK(dv_mrz_result_check_region(NULL, 0, 0, box) == DV_E_INVALID_ARG);
  CHECK(dv_read_result_report_alloc(r, DV_REPORT_PNG, &bytes, &size) == DV_E_UNUSABLE_INPUT && bytes == NULL && size == 0);
  CHECK(dv_read_result_report_alloc(r, DV_REPORT_HTML, &bytes, &size) == DV_OK && bytes && size > 1000);
  if (bytes) {
    CHECK(strncmp((const char*)bytes, "<!doctype html>", 15) == 0 && strlen((const char*)bytes) == size);
    CHECK(strstr((const char*)bytes, "mrz.check_digit.birth_date") != NULL && strstr((const char*)bytes, "<img") == NULL);
  }
  dv_free(bytes);
  bytes = NULL;
  CHECK(dv_read_result_report_alloc(r, 99, &bytes, &size) == DV_E_OUT_OF_RANGE);
  CHECK(dv_read_result_report_alloc(NULL, DV_REPORT_HTML, &bytes, &size) == DV_E_INVALID_ARG);
  CHECK(dv_read_result_report_alloc(r, DV_REPORT_HTML, NULL, &size) == DV_E_INVALID_ARG);
  dv_read_result_free(r);
  r = NULL;

  /* The page kept: a PNG, and an HTML page with the pictures inlined. */
  vo.flags = DV_VERIFY_KEEP_PAGE;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  CHECK(dv_read_result_report_alloc(r, DV_REPORT_PNG, &bytes, &size) == DV_OK && bytes && size > 1000);
  if (bytes) CHECK(memcmp(bytes, "\x89PNG\r\n\x1a\n", 8) == 0);
  dv_free(bytes);
  bytes = NULL;
  CHECK(dv_read_result_report_alloc(r, DV_REPORT_HTML, &bytes, &size) == DV_OK && bytes);
  if (bytes) CHECK(strstr((const char*)bytes, "data:image/jpeg;base64,") != NULL);
  dv_free(bytes);
  bytes = NULL;
  dv_read_result_free(r);
  r = NULL;
  vo.flags = 0x80;
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_E_OUT_OF_RANGE && r == NULL);
  vo.flags = 0;

  /* The verdict policy: the check-digit errors made advisory give SUSPECT, ignored OK... */
  CHECK(dv_context_set_check_policy(ctx, "mrz.check_digit.*", DV_WEIGHT_ADVISORY, DV_REQUIRED_AS_REPORTED) == DV_OK);
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  m = dv_read_result_mrz(r);
  CHECK(dv_mrz_result_verdict(m) == DV_VERDICT_SUSPECT);
  birth = check_index(m, "mrz.check_digit.birth_date");
  CHECK(birth >= 0 && !dv_mrz_result_check_critical(m, (size_t)birth));
  dv_read_result_free(r);
  r = NULL;
  /* ... and with two warnings needed for SUSPECT, the two digit errors still make it. */
  CHECK(dv_context_set_param(ctx, DV_PARAM_VERDICT_MIN_WARNINGS, 3) == DV_OK);
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  CHECK(dv_mrz_result_verdict(dv_read_result_mrz(r)) != DV_VERDICT_SUSPECT);
  dv_read_result_free(r);
  r = NULL;
  CHECK(dv_context_set_param(ctx, DV_PARAM_VERDICT_MIN_WARNINGS, 1) == DV_OK);
  CHECK(dv_context_set_check_policy(ctx, "*", DV_WEIGHT_IGNORED, 0) == DV_OK);
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  CHECK(dv_mrz_result_verdict(dv_read_result_mrz(r)) == DV_VERDICT_OK);
  dv_read_result_free(r);
  r = NULL;
  CHECK(dv_context_clear_check_policies(ctx) == DV_OK);
  CHECK(dv_verify_file(&r, ctx, page, &vo) == DV_OK);
  CHECK(dv_mrz_result_verdict(dv_read_result_mrz(r)) == DV_VERDICT_ERROR);
  dv_read_result_free(r);
  r = NULL;
  /* Misuse. */
  CHECK(dv_context_set_check_policy(NULL, "*", DV_WEIGHT_IGNORED, -1) == DV_E_INVALID_ARG);
  CHECK(dv_context_set_check_policy(ctx, NULL, DV_WEIGHT_IGNORED, -1) == DV_E_INVALID_ARG);
  CHECK(dv_context_set_check_policy(ctx, "", DV_WEIGHT_IGNORED, -1) == DV_E_INVALID_ARG);
  CHECK(dv_context_set_check_policy(ctx, "Mrz.*", DV_WEIGHT_IGNORED, -1) == DV_E_INVALID_ARG);
  CHECK(dv_context_set_check_policy(ctx, "mrz*", DV_WEIGHT_IGNORED, -1) == DV_E_INVALID_ARG);
  CHECK(dv_context_set_check_policy(ctx, "mrz.*", 5, -1) == DV_E_OUT_OF_RANGE);
  CHECK(dv_context_set_check_policy(ctx, "mrz.*", DV_WEIGHT_IGNORED, 2) == DV_E_OUT_OF_RANGE);
  CHECK(dv_context_set_param(ctx, DV_PARAM_VERDICT_MIN_WARNINGS, 101) == DV_E_OUT_OF_RANGE);
  for (i = 0; i < 64; ++i) CHECK(dv_context_set_check_policy(ctx, "security.*", DV_WEIGHT_ADVISORY, -1) == DV_OK);
  CHECK(dv_context_set_check_policy(ctx, "security.*", DV_WEIGHT_ADVISORY, -1) == DV_E_OUT_OF_RANGE);
  CHECK(dv_context_clear_check_policies(NULL) == DV_E_INVALID_ARG);
  remove(page);
  snprintf(page, sizeof page, "%s/td3-mrz_unrecomputed-seed22-00000.json", dir);
  remove(page);
  rmdir(dir);
  dv_context_free(ctx);
}

/* Seals: a sealed generated visa read from PNG bytes and verified with the generator's
 * PKI loaded as a trust store; its payload read again from bytes, then with one byte
 * changed (signature error) and cut short (malformed); the seal through dv_verify_*;
 * misuse refused with a status. */
static void test_seals(void) {
  char dir[] = "/tmp/docverify-capi-pki-XXXXXX";
  dv_trust_store* store = NULL;
  dv_context* ctx = new_context(20261201);
  dv_specimen_options so = DV_SPECIMEN_OPTIONS_INIT;
  uint8_t* png = NULL;
  size_t png_size = 0, added = 0, n = 0;
  dv_seal_list* list = NULL;
  const dv_seal* seal;
  const uint8_t* payload;
  uint8_t copy[4096];
  char* json = NULL;
  double corners[8];
  const char *name = NULL, *value = NULL;
  size_t i;
  int found_signature_check = 0;
  dv_encoded_image enc = DV_ENCODED_IMAGE_INIT;
  dv_seal_options opts = DV_SEAL_OPTIONS_INIT;
  dv_verify_options vo = DV_VERIFY_OPTIONS_INIT;
  dv_read_result* rr = NULL;

  CHECK(mkdtemp(dir) != NULL);
  CHECK(dv_specimen_write_pki(dir, 20261201) == DV_OK);
  CHECK(dv_specimen_write_pki(NULL, 20261201) == DV_E_INVALID_ARG);
  CHECK(dv_specimen_write_pki(dir, 20261341) == DV_E_INVALID_ARG);
  CHECK(dv_trust_store_new(&store) == DV_OK && store != NULL);
  /* A CSCA and a seal signer for UTO and each of the generator's nine issuing states. */
  CHECK(dv_trust_store_add_path(store, dir, &added) == DV_OK && added == 20);
  CHECK(dv_trust_store_count(store) == 20);
  CHECK(dv_trust_store_add_path(store, "/nonexistent/docverify", NULL) == DV_E_IO);
  CHECK(dv_trust_store_add_bytes(store, (const uint8_t*)"garbage", 7, "g", &added) == DV_E_UNUSABLE_INPUT && added == 0);
  CHECK(dv_trust_store_json_alloc(store, &json) == DV_OK && json && strstr(json, "Test CSCA") != NULL);
  dv_free(json);
  json = NULL;
  CHECK(dv_context_set_trust_store(ctx, store) == DV_OK);
  dv_trust_store_free(store); /* the context keeps its snapshot */

  so.format = DV_MRZ_MRVA;
  so.flags = DV_SPECIMEN_SEAL;
  so.seed = 5;
  CHECK(dv_specimen_render(&so, 0, &png, &png_size, NULL) == DV_OK && png != NULL);
  enc.data = png;
  enc.size = png_size;
  CHECK(dv_seal_read_encoded(&list, ctx, &enc, NULL) == DV_OK && list != NULL);
  CHECK(dv_seal_list_count(list) == 1);
  seal = dv_seal_list_at(list, 0);
  CHECK(seal != NULL && dv_seal_list_at(list, 1) == NULL);
  CHECK(dv_seal_get_kind(seal) == DV_SEAL_ICAO_VDS);
  CHECK(dv_seal_symbology(seal) == DV_BARCODE_DATA_MATRIX);
  CHECK(dv_seal_corners(seal, corners) == DV_OK && corners[0] >= 0 && corners[2] > corners[0]);
  CHECK(dv_seal_signature_status(seal) == DV_CHECK_OK);
  CHECK(dv_seal_chain_status(seal) == DV_CHECK_OK);
  CHECK(dv_seal_verdict(seal) == DV_VERDICT_OK && dv_seal_list_verdict(list) == DV_VERDICT_OK);
  CHECK(strlen(dv_seal_signer(seal)) == 7 && strcmp(dv_seal_signer(seal) + 2, "TS 5B") == 0);
  CHECK(strstr(dv_seal_signature_algorithm(seal), "brainpoolP256r1") != NULL);
  CHECK(!dv_seal_malformed(seal) && strcmp(dv_seal_error(seal), "") == 0);
  CHECK(dv_seal_mrz(seal) != NULL && dv_mrz_result_valid(dv_seal_mrz(seal)));
  CHECK(dv_seal_field_count(seal) > 5);
  for (i = 0; i < dv_seal_field_count(seal); ++i) {
    CHECK(dv_seal_field(seal, i, &name, &value) == DV_OK && name && value);
  }
  CHECK(dv_seal_field(seal, 9999, &name, &value) == DV_E_OUT_OF_RANGE);
  for (i = 0; i < dv_seal_check_count(seal); ++i)
    if (strcmp(dv_seal_check_id(seal, i), "seal.signature") == 0) found_signature_check = dv_seal_check_status(seal, i) == DV_CHECK_OK;
  CHECK(found_signature_check);
  CHECK(dv_seal_check_status(seal, 9999) == -1 && dv_seal_check_id(seal, 9999) == NULL);
  CHECK(dv_seal_list_json_alloc(list, &json) == DV_OK && json && strstr(json, "\"kind\":\"icao_vds\"") != NULL);
  dv_free(json);
  CHECK(dv_seal_json_alloc(seal, &json) == DV_OK && json && strstr(json, "\"status\":\"ok\"") != NULL);
  dv_free(json);
  payload = dv_seal_payload(seal, &n);
  CHECK(payload != NULL && n > 100 && n < sizeof copy);
  if (payload && n < sizeof copy) memcpy(copy, payload, n);
  dv_seal_list_free(list);
  list = NULL;

  /* The same payload as bytes: verified; a byte changed: signature error; cut: malformed. */
  CHECK(dv_seal_read_payload(&list, ctx, copy, n, NULL) == DV_OK && dv_seal_list_count(list) == 1);
  seal = dv_seal_list_at(list, 0);
  CHECK(dv_seal_signature_status(seal) == DV_CHECK_OK && dv_seal_symbology(seal) == DV_BARCODE_NONE);
  CHECK(dv_seal_corners(seal, corners) == DV_E_UNUSABLE_INPUT);
  dv_seal_list_free(list);
  copy[n - 5] ^= 0x40;
  CHECK(dv_seal_read_payload(&list, ctx, copy, n, NULL) == DV_OK);
  CHECK(dv_seal_signature_status(dv_seal_list_at(list, 0)) == DV_CHECK_ERROR);
  CHECK(dv_seal_list_verdict(list) == DV_VERDICT_ERROR);
  dv_seal_list_free(list);
  CHECK(dv_seal_read_payload(&list, ctx, copy, 30, NULL) == DV_OK);
  CHECK(dv_seal_malformed(dv_seal_list_at(list, 0)) && strlen(dv_seal_error(dv_seal_list_at(list, 0))) > 0);
  dv_seal_list_free(list);
  list = NULL;

  /* Options and misuse. */
  opts.version = 99;
  CHECK(dv_seal_read_payload(&list, ctx, copy, n, &opts) == DV_E_VERSION && list == NULL);
  opts.version = DV_SEAL_OPTIONS_VERSION;
  opts.flags = 0x80;
  CHECK(dv_seal_read_payload(&list, ctx, copy, n, &opts) == DV_E_OUT_OF_RANGE);
  opts.flags = DV_SEAL_STRICT;
  opts.symbologies = 1u << DV_BARCODE_QR_CODE; /* the DataMatrix is not looked for */
  CHECK(dv_seal_read_encoded(&list, ctx, &enc, &opts) == DV_OK && dv_seal_list_count(list) == 0);
  CHECK(dv_seal_list_verdict(list) == DV_VERDICT_NOT_DONE);
  dv_seal_list_free(list);
  CHECK(dv_seal_read_payload(NULL, ctx, copy, n, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_seal_read_payload(&list, NULL, copy, n, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_seal_read_payload(&list, ctx, NULL, 5, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_seal_read_file(&list, ctx, "/nonexistent.png", NULL) == DV_E_IO);
  CHECK(dv_seal_list_count(NULL) == 0 && dv_seal_list_at(NULL, 0) == NULL);
  CHECK(dv_seal_get_kind(NULL) == -1 && dv_seal_signature_status(NULL) == -1 && dv_seal_mrz(NULL) == NULL);
  CHECK(strcmp(dv_seal_signer(NULL), "") == 0 && dv_seal_payload(NULL, &n) == NULL && n == 0);
  CHECK(dv_seal_json_alloc(NULL, &json) == DV_E_INVALID_ARG);
  CHECK(dv_trust_store_new(NULL) == DV_E_INVALID_ARG);
  CHECK(dv_trust_store_add_path(NULL, dir, NULL) == DV_E_INVALID_ARG);
  CHECK(dv_context_set_trust_store(NULL, NULL) == DV_E_INVALID_ARG);
  dv_seal_list_free(NULL);
  dv_trust_store_free(NULL);

  /* Verify: the seal is among the result's seals, its checks among the MRZ's. */
  vo.visual_zone = DV_VIZ_SKIP;
  CHECK(dv_verify_encoded(&rr, ctx, &enc, &vo) == DV_OK && rr != NULL);
  CHECK(dv_read_result_seal_count(rr) == 1);
  CHECK(dv_seal_signature_status(dv_read_result_seal(rr, 0)) == DV_CHECK_OK);
  CHECK(dv_read_result_seal(rr, 1) == NULL);
  {
    const dv_mrz_result* m = dv_read_result_mrz(rr);
    int matched = 0;
    for (i = 0; m && i < dv_mrz_result_check_count(m); ++i)
      if (strcmp(dv_mrz_result_check_id(m, i), "seal.mrz_match") == 0) matched = dv_mrz_result_check_status(m, i) == DV_CHECK_OK;
    CHECK(matched);
  }
  CHECK(dv_read_result_json_alloc(rr, &json) == DV_OK && json && strstr(json, "\"seals\":[{") != NULL);
  dv_free(json);
  dv_read_result_free(rr);
  vo.seals = DV_SEALS_SKIP;
  CHECK(dv_verify_encoded(&rr, ctx, &enc, &vo) == DV_OK && dv_read_result_seal_count(rr) == 0);
  dv_read_result_free(rr);
  vo.seals = 7;
  CHECK(dv_verify_encoded(&rr, ctx, &enc, &vo) == DV_E_OUT_OF_RANGE && rr == NULL);
  CHECK(dv_read_result_seal_count(NULL) == 0);

  /* Without a trust store the signature cannot be verified: not done, never ok. */
  CHECK(dv_context_set_trust_store(ctx, NULL) == DV_OK);
  CHECK(dv_seal_read_encoded(&list, ctx, &enc, NULL) == DV_OK);
  CHECK(dv_seal_signature_status(dv_seal_list_at(list, 0)) == DV_CHECK_NOT_DONE);
  dv_seal_list_free(list);
  dv_free(png);
  dv_context_free(ctx);
  /* the PKI folder: one folder of certificates per issuing state */
  {
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    CHECK(system(command) == 0);
  }
}

int main(void) {
  test_versions();
  test_status_strings();
  test_parse_and_accessors();
  test_correction_through_c();
  test_params();
  test_misuse();
  test_neighbours_survive_a_free();
  test_image_views();
  test_encoded_images();
  test_build();
  test_specimen();
  test_read();
  test_verify();
  test_verify_companions();
  test_verify_reports();
  test_seals();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
