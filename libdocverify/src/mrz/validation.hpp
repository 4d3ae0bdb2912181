#pragma once
// Check records for one parsed MRZ (spec: authenticity §2): syntax, check digits, codes,
// names, dates, specimens, national rules and expiry.
#include <vector>

#include "checks/check.hpp"
#include "mrz/check_plan.hpp"
#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

// The id of the check record for a check digit: "mrz.check_digit.<field>".
std::string_view check_digit_check_id(CheckedField field) noexcept;

// Fills result.checks and result.valid from the lines, fields and check digits already
// in `result`.
void validate_mrz(MrzResult& result, const CheckPlan& plan, const MrzOptions& options);

}  // namespace docverify::mrz
