#pragma once
// The C API's format numbers (DV_MRZ_*) and the engine's formats, mapped in one place.
#include <cstdint>

#include "docverify/docverify.h"
#include "mrz/format.hpp"

namespace docverify::capi {

inline dv_mrz_format format_code(mrz::Format f) noexcept {
  switch (f) {
    case mrz::Format::td1: return DV_MRZ_TD1;
    case mrz::Format::td2: return DV_MRZ_TD2;
    case mrz::Format::td3: return DV_MRZ_TD3;
    case mrz::Format::mrva: return DV_MRZ_MRVA;
    case mrz::Format::mrvb: return DV_MRZ_MRVB;
    case mrz::Format::fra_id: return DV_MRZ_FRA_ID;
  }
  return DV_MRZ_UNKNOWN;
}

// False for a number that names no format.
inline bool format_of(std::int32_t code, mrz::Format& out) noexcept {
  for (mrz::Format f : {mrz::Format::td1, mrz::Format::td2, mrz::Format::td3, mrz::Format::mrva, mrz::Format::mrvb,
                        mrz::Format::fra_id}) {
    if (format_code(f) == code) {
      out = f;
      return true;
    }
  }
  return false;
}

}  // namespace docverify::capi
