#pragma once
// Issuer-specific rules (spec: authenticity §2.4). Each rule records where it comes from;
// rules from secondary sources are never critical.
#include <vector>

#include "checks/check.hpp"
#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

// Appends the records of the rules that apply to this document (none for most issuers).
void check_national_rules(const MrzResult& result, const MrzOptions& options, std::vector<CheckRecord>& out);

// Dutch BSN "11-test": weights 9..2 and -1, sum divisible by 11.
bool passes_eleven_test(std::string_view nine_digits) noexcept;

}  // namespace docverify::mrz
