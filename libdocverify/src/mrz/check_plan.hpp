#pragma once
// Where each check digit of one MRZ sits and what it covers. Usually the layout's table;
// TD1/TD2 long document numbers move the number's digit into the optional data.
#include <array>
#include <cstdint>
#include <string>

#include "mrz/format.hpp"
#include "mrz/mrz_text.hpp"

namespace docverify::mrz {

struct PlannedCheck {
  CheckedField field = CheckedField::document_number;
  Span digit;
  std::array<Span, 4> spans{};
  std::uint8_t span_count = 0;
};

struct CheckPlan {
  std::array<PlannedCheck, 5> checks{};
  std::uint8_t count = 0;
  bool long_number = false;
  Span number_continuation;  // long numbers: the characters after the first nine
  Span optional_remainder;   // long numbers: the optional data after the digit and its '<'
};

// The layout's checks, adjusted for a long document number when the text shows one:
// TD1/TD2 with '<' at the number's digit position and the optional data starting with
// the rest of the number, its check digit and '<' (ICAO 9303-5 §4.2.4, 9303-6).
CheckPlan plan_checks(const Layout& layout, const MrzLines& lines) noexcept;

// Concatenation of the check's spans.
std::string checked_text(const PlannedCheck& check, const MrzLines& lines);

}  // namespace docverify::mrz
