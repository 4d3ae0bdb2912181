/* A program outside the docverify tree, built against an installed docverify. */
#include <docverify/docverify.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  static const char td1[] =
      "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";
  dv_context* ctx = NULL;
  dv_mrz_result* r = NULL;
  int ok;
  if (dv_context_new(&ctx, NULL) != DV_OK) return 1;
  if (dv_mrz_parse(&r, ctx, td1, strlen(td1)) != DV_OK) return 2;
  ok = dv_mrz_result_valid(r) && dv_mrz_result_format(r) == DV_MRZ_TD1 && dv_abi_version() == DV_ABI_VERSION;
  printf("consumer: docverify %s, %s valid=%d\n", dv_version_string(), dv_mrz_result_format_name(r), ok);
  dv_mrz_result_free(r);
  dv_context_free(ctx);
  return ok ? 0 : 3;
}
