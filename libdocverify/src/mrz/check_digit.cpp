#include "mrz/check_digit.hpp"

#include "mrz/alphabet.hpp"

namespace docverify::mrz {

namespace {
// Value of every byte, -1 outside the alphabet: one table read per character.
struct ValueTable {
  signed char v[256];
  constexpr ValueTable() : v() {
    for (int c = 0; c < 256; ++c) v[c] = static_cast<signed char>(char_value(static_cast<char>(c)));
  }
};
constexpr ValueTable kValues{};
}  // namespace

std::optional<int> check_digit_residue(std::string_view text, int first_weight_index) noexcept {
  static constexpr int kWeights[5] = {7, 3, 1, 7, 3};
  const int w0 = first_weight_index % 3;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  int sum = 0;
  int bad = 0;  // negative once any character is outside the alphabet
  std::size_t i = 0;
  // Three characters at a time: the weights repeat with period 3.
  for (; i + 3 <= n; i += 3) {
    const int a = kValues.v[p[i]], b = kValues.v[p[i + 1]], c = kValues.v[p[i + 2]];
    bad |= a | b | c;
    sum += a * kWeights[w0] + b * kWeights[w0 + 1] + c * kWeights[w0 + 2];
  }
  for (int k = 0; i < n; ++i, ++k) {
    const int v = kValues.v[p[i]];
    bad |= v;
    sum += v * kWeights[w0 + k];
  }
  if (bad < 0) return std::nullopt;
  return sum % 10;
}

char compute_check_digit(std::string_view text) noexcept {
  const auto r = check_digit_residue(text);
  return r ? static_cast<char>('0' + *r) : '\0';
}

}  // namespace docverify::mrz
