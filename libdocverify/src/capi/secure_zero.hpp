#pragma once
// Overwrites the personal data a result holds before its memory is released, so freed
// heap pages do not keep names, numbers and dates of travellers.
#include <cstring>
#include <string>

#include "capi/handles.hpp"

namespace docverify::capi {

void secure_zero(void* data, std::size_t size) noexcept;

// The whole buffer, up to its capacity: bytes past the end may hold older, longer text.
inline void zeroise(std::string& s) noexcept {
  s.resize(s.capacity());  // no reallocation: capacity is already there
  secure_zero(&s[0], s.size());
  s.clear();
}

void zeroise(mrz::MrzResult& r) noexcept;
void zeroise(dv_mrz_result& h) noexcept;

}  // namespace docverify::capi
