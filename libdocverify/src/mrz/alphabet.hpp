#pragma once
// The MRZ alphabet (ICAO 9303-3 §4.3): A-Z, 0-9 and the filler '<', with the
// character classes each position admits and the check-digit value of a character.
#include <cstdint>

namespace docverify::mrz {

constexpr char kFiller = '<';

// Bit set of what a position admits. Kept as a plain mask so layouts are data.
enum CharClass : std::uint8_t {
  kDigit = 1,
  kLetter = 2,
  kFillerClass = 4,
  kAlnum = kDigit | kLetter,
  kAlnumOrFiller = kDigit | kLetter | kFillerClass,
  kLetterOrFiller = kLetter | kFillerClass,
  kDigitOrFiller = kDigit | kFillerClass,
};

constexpr bool is_mrz_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_mrz_letter(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_mrz_char(char c) noexcept {
  return is_mrz_digit(c) || is_mrz_letter(c) || c == kFiller;
}

constexpr bool class_admits(std::uint8_t cls, char c) noexcept {
  return ((cls & kDigit) && is_mrz_digit(c)) || ((cls & kLetter) && is_mrz_letter(c)) ||
         ((cls & kFillerClass) && c == kFiller);
}

// Check-digit value: 0-9 -> 0-9, A-Z -> 10-35, '<' -> 0. Characters outside the
// alphabet have no value (-1); callers treat them as unverifiable.
constexpr int char_value(char c) noexcept {
  if (is_mrz_digit(c)) return c - '0';
  if (is_mrz_letter(c)) return c - 'A' + 10;
  if (c == kFiller) return 0;
  return -1;
}

// Weights repeat 7, 3, 1 from the first character of the checked span.
constexpr int weight_at(int index) noexcept {
  constexpr int kWeights[3] = {7, 3, 1};
  return kWeights[index % 3];
}

}  // namespace docverify::mrz
