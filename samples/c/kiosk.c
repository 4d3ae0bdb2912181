/* A kiosk integration in C: one context for the life of the kiosk, many documents, every
 * status checked, the JSON report of each document written out.
 *
 * usage: kiosk [FILE.mrz ...]   (no files: the two built-in examples) */
#include <docverify/docverify.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole (small) file; NULL with a message on failure. */
static char* read_file(const char* path, size_t* length) {
  FILE* f = fopen(path, "rb");
  char* buf;
  size_t n;
  if (!f) {
    fprintf(stderr, "kiosk: cannot open %s\n", path);
    return NULL;
  }
  buf = (char*)malloc(8192);
  n = buf ? fread(buf, 1, 8191, f) : 0;
  fclose(f);
  if (!buf) return NULL;
  buf[n] = '\0';
  *length = n;
  return buf;
}

static int verify_one(dv_context* ctx, const char* name, const char* text, size_t length) {
  dv_mrz_result* result = NULL;
  char* json = NULL;
  size_t i;
  const dv_status s = dv_mrz_parse(&result, ctx, text, length);
  if (s == DV_E_UNUSABLE_INPUT) {
    /* Not an MRZ: ask the traveller to present the document again. */
    printf("%s: cannot read an MRZ (%s)\n", name, dv_last_error_message());
    return 2;
  }
  if (s != DV_OK) {
    fprintf(stderr, "%s: %s: %s\n", name, dv_status_str(s), dv_last_error_message());
    return 3;
  }
  printf("%s: %s %s %s, verdict %d%s\n", name, dv_mrz_result_format_name(result),
         dv_mrz_result_field(result, DV_FIELD_ISSUING_STATE), dv_mrz_result_field(result, DV_FIELD_DOCUMENT_NUMBER),
         dv_mrz_result_verdict(result), dv_mrz_result_specimen(result) ? " (specimen)" : "");
  for (i = 0; i < dv_mrz_result_reason_count(result); ++i) printf("  reason: %s\n", dv_mrz_result_reason(result, i));
  if (dv_mrz_result_json_alloc(result, &json) == DV_OK) {
    printf("  json: %.60s...\n", json);
    dv_free(json); /* library memory goes back to the library */
  }
  i = (size_t)dv_mrz_result_verdict(result);
  dv_mrz_result_free(result); /* also wipes the traveller's data from memory */
  return i == DV_VERDICT_OK ? 0 : 1;
}

int main(int argc, char** argv) {
  static const char passport[] =
      "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<\nNX4K83JP10NLD8503105F3107014<<<<<<<<<<<<<<<8\n";
  static const char garbage[] = "this is not a travel document";
  dv_context_options options = DV_CONTEXT_OPTIONS_INIT;
  dv_context* ctx = NULL;
  int i, worst = 0;
  options.profile = DV_PROFILE_KIOSK;
  options.reference_date = 20261201; /* pinned for the test; 0 means today */
  if (dv_context_new(&ctx, &options) != DV_OK) {
    fprintf(stderr, "kiosk: %s\n", dv_last_error_message());
    return 3;
  }
  if (argc < 2) {
    int a = verify_one(ctx, "passport", passport, strlen(passport));
    int b = verify_one(ctx, "garbage", garbage, strlen(garbage));
    worst = (a == 0 && b == 2) ? 0 : 1; /* the expected outcomes of the built-in examples */
  }
  for (i = 1; i < argc; ++i) {
    size_t length = 0;
    char* text = read_file(argv[i], &length);
    int r;
    if (!text) {
      worst = 3;
      continue;
    }
    r = verify_one(ctx, argv[i], text, length);
    if (r > worst) worst = r;
    free(text);
  }
  dv_context_free(ctx);
  return worst;
}
