#include "capi/secure_zero.hpp"

namespace docverify::capi {

void zeroise(dv_mrz_result& h) noexcept {
  zeroise(h.result);
  for (auto& s : h.lines) zeroise(s);
  for (auto& s : h.fields) zeroise(s);
  for (auto& s : h.check_messages) zeroise(s);
  zeroise(h.json);
}

}  // namespace docverify::capi
