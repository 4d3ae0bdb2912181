#pragma once
// Overwrites personal data before its memory is released, so freed heap pages do not keep
// travellers' names, numbers and dates. The C API's frees and the seal results use it.
#include <cstddef>
#include <string>

#include "mrz/mrz_result.hpp"

namespace docverify {

// Never optimised away, unlike a memset before free.
void secure_zero(void* data, std::size_t size) noexcept;

// The whole buffer, up to its capacity: bytes past the end may hold older, longer text.
inline void secure_wipe(std::string& s) noexcept {
  s.resize(s.capacity());  // no reallocation: capacity is already there
  secure_zero(&s[0], s.size());
  s.clear();
}

// Lines, fields, per-position syntax, corrections, messages and reasons of an MRZ result.
void secure_wipe(mrz::MrzResult& r) noexcept;

}  // namespace docverify
