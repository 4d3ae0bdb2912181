#pragma once
// Proven OCR correction (spec mrz.md "What a check digit can and cannot prove"): the most
// likely reading whose check digits verify, from per-position alternatives. A
// substitution is applied only where a check digit verifies it and no other reading
// verifies nearly as well; everything else is left as read and reported.
#include <array>
#include <vector>

#include "mrz/check_plan.hpp"
#include "mrz/mrz_result.hpp"

namespace docverify::mrz {

struct Alternative {
  char ch = '<';
  float cost = 0.0F;  // -ln(p(alternative) / p(as read)), >= 0
};
struct PositionAlternatives {
  std::array<Alternative, 6> items{};  // the cheapest ones when more are offered
  std::uint8_t count = 0;
  void add(char c, float cost) noexcept;
};
using AlternativeGrid = std::array<PositionAlternatives, kMaxChars>;

// Text without confidences: the OCR-B look-alikes across letters and digits (O/0, I/1,
// Z/2, S/5, G/6, B/8, ...), each at cost 1, only where the position admits both kinds.
// Digit-for-digit substitutions are never guessed: they are how a forger edits a date.
void add_confusion_alternatives(const MrzLines& lines, const Layout& layout, AlternativeGrid& grid, float cost);

// A recogniser's candidates; cost from the confidence ratio to the character read.
void add_reading_alternatives(const MrzReading& reading, AlternativeGrid& grid);

struct CorrectionSettings {
  int max_substitutions = 2;
  double margin = 1.0;
};

struct CorrectionOutcome {
  std::vector<Correction> applied;
  std::vector<Ambiguity> ambiguities;
};

// Corrects `lines` in place where proven; returns what it did and what it could not decide.
CorrectionOutcome correct_mrz(MrzLines& lines, const Layout& layout, const CheckPlan& plan, const AlternativeGrid& grid,
                              const CorrectionSettings& settings);

// True when every checked position holds a character its class admits and every printed
// check digit verifies: then there is nothing to correct (the common, fast case).
// `digits` are the check digits as evaluated on `lines` (absent ones count as fine).
bool nothing_to_correct(const SyntaxScan& scan, const CheckDigitResult* digits, std::size_t digit_count) noexcept;

// The character class the correction and the syntax check apply at each position.
std::array<std::uint8_t, kMaxChars> position_classes(const Layout& layout, const CheckPlan& plan, const MrzLines& lines);

}  // namespace docverify::mrz
