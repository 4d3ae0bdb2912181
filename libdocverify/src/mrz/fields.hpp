#pragma once
// Reading the fields and check digits out of MRZ lines whose format is known.
#include "mrz/check_plan.hpp"
#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

MrzFields extract_fields(const MrzLines& lines, const Layout& layout, const CheckPlan& plan, const Date& today,
                         NameSyntax& names);

// One pass over every position: alphabet and character classes.
SyntaxScan scan_syntax(const MrzLines& lines, const Layout& layout, const CheckPlan& plan) noexcept;

// Residue of a planned check's spans; empty when they hold non-MRZ characters.
std::optional<int> planned_residue(const PlannedCheck& check, const MrzLines& lines) noexcept;

// The same from the per-position values of a syntax scan of `lines` (the fast path).
std::optional<int> planned_residue(const PlannedCheck& check, const MrzLines& lines, const SyntaxScan& scan) noexcept;

CheckDigitResult evaluate_check_digit(const PlannedCheck& check, const MrzLines& lines, const SyntaxScan& scan) noexcept;

// Bit (1 << FieldId) for every field of the format that no check digit covers.
std::uint16_t uncovered_fields(const Layout& layout) noexcept;

// The zone of a given kind in a layout, or nullptr.
const Zone* find_zone(const Layout& layout, ZoneKind kind) noexcept;

std::string_view strip_trailing_fillers(std::string_view s) noexcept;

}  // namespace docverify::mrz
