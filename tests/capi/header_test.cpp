/* Compiled as C99, C11 and C++ with -Wall -Wextra -pedantic -Werror -Wstrict-prototypes:
 * the public headers stand alone and are pure C. */
#include <docverify/docverify.h>
#include <docverify/mrz.h>

int docverify_header_test(void);
int docverify_header_test(void) {
  dv_context_options o = DV_CONTEXT_OPTIONS_INIT;
  dv_image_view v = DV_IMAGE_VIEW_INIT;
  return (int)o.version + (int)v.version + DV_OK + DV_MRZ_TD3;
}
