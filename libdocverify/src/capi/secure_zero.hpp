#pragma once
// Overwrites the personal data a result holds before its memory is released, so freed
// heap pages do not keep names, numbers and dates of travellers.
#include <cstring>
#include <string>

#include "capi/handles.hpp"
#include "memory/secure_wipe.hpp"

namespace docverify::capi {

using docverify::secure_zero;
inline void zeroise(std::string& s) noexcept { secure_wipe(s); }
inline void zeroise(mrz::MrzResult& r) noexcept { secure_wipe(r); }
void zeroise(dv_mrz_result& h) noexcept;

}  // namespace docverify::capi
