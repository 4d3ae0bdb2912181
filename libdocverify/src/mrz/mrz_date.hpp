#pragma once
// YYMMDD to a date: unknown parts kept, centuries resolved against a reference date
// (spec mrz.md "Dates").
#include <string_view>

#include "calendar/date.hpp"
#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

enum class DateRole { birth, expiry };

// Birth: the latest century not after `today`. Expiry: the century nearest `today`.
MrzDate resolve_mrz_date(std::string_view yymmdd, DateRole role, const Date& today) noexcept;

// ISO date to YYMMDD for building an MRZ; "1974-08" or "1974" leave '<' for the unknown parts.
// Returns false when `iso` is not one of those shapes or not a calendar date.
bool iso_to_yymmdd(std::string_view iso, char out[6]) noexcept;

}  // namespace docverify::mrz
