#pragma once
// ICAO 9303-3 §4.9 check digits over one span or a concatenation of spans.
#include <optional>
#include <string_view>

namespace docverify::mrz {

// Weighted sum mod 10 of `text`, starting with weight 7 at `first_weight_index`.
// Empty optional when `text` holds a character outside the MRZ alphabet.
std::optional<int> check_digit_residue(std::string_view text, int first_weight_index = 0) noexcept;

// The check digit character ('0'-'9') for `text`, or '\0' if `text` is not MRZ text.
char compute_check_digit(std::string_view text) noexcept;

}  // namespace docverify::mrz
