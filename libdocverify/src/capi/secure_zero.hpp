#pragma once
// Overwrites the personal data a result holds before its memory is released, so freed
// heap pages do not keep names, numbers and dates of travellers.
#include <cstring>
#include <string>

#include "capi/handles.hpp"

namespace docverify::capi {

void secure_zero(void* data, std::size_t size) noexcept;

inline void zeroise(std::string& s) noexcept {
  if (!s.empty()) secure_zero(&s[0], s.size());
}

void zeroise(dv_mrz_result& h) noexcept;

}  // namespace docverify::capi
