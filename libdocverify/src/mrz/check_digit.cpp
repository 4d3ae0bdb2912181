#include "mrz/check_digit.hpp"

#include "mrz/alphabet.hpp"

namespace docverify::mrz {

std::optional<int> check_digit_residue(std::string_view text, int first_weight_index) noexcept {
  int sum = 0;
  int index = first_weight_index;
  for (char c : text) {
    const int v = char_value(c);
    if (v < 0) return std::nullopt;
    sum += v * weight_at(index++);
  }
  return sum % 10;
}

char compute_check_digit(std::string_view text) noexcept {
  const auto r = check_digit_residue(text);
  return r ? static_cast<char>('0' + *r) : '\0';
}

}  // namespace docverify::mrz
