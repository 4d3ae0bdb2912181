#pragma once
// What the MRZ engine reports: fields, check digits, corrections, check records, verdict.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "checks/check.hpp"
#include "checks/verdict.hpp"
#include "mrz/format.hpp"
#include "mrz/mrz_text.hpp"

namespace docverify::mrz {

// A YYMMDD date with its century resolved against the reference date. Birth dates may
// have unknown parts ('<'); those stay unknown rather than being guessed.
struct MrzDate {
  bool present = false;         // the format has this date and it is not all fillers
  bool year_known = false;
  bool month_known = false;
  bool day_known = false;
  bool calendar_valid = false;  // the known parts form a real calendar date
  int year = 0;                 // with century; 0 when unknown
  int month = 0;
  int day = 0;
  bool complete() const noexcept { return present && year_known && month_known && day_known && calendar_valid; }
  Date date() const noexcept { return Date{year, month, day}; }
  // "1974-08-12"; reduced precision "1974-08" or "1974" when parts are unknown; "" when
  // absent or not a calendar date.
  std::string iso() const;
};

struct MrzFields {
  std::string document_code;    // fillers removed: "P", "ID", "V"
  std::string issuing_state;    // "UTO", "D"
  std::string document_number;  // whole number, long numbers joined
  std::string nationality;
  MrzDate birth_date;
  char sex = '\0';              // 'M', 'F', 'X' (printed '<' or 'X'); '\0' when not a sex value
  MrzDate expiry_date;
  std::string surname;          // components joined by single spaces
  std::string given_names;
  std::string optional_data;    // trailing fillers removed; French ID: department + office
  std::string optional_data_2;
};

enum class CheckDigitStatus : std::uint8_t { ok, fail, absent };
std::string_view to_string(CheckDigitStatus s) noexcept;

struct CheckDigitResult {
  CheckedField field = CheckedField::document_number;
  CheckDigitStatus status = CheckDigitStatus::fail;
  char expected = '\0';  // computed digit, '\0' when the field holds non-MRZ characters
  char found = '\0';     // the character printed at the digit position
  std::uint8_t line = 0;    // 0-based position of the digit
  std::uint8_t column = 0;
  bool corrected = false;   // verifies only after a proven correction
};

// One substitution. Positions are 0-based here; reports print them 1-based.
struct Correction {
  std::uint8_t line = 0;
  std::uint8_t column = 0;
  char from = '\0';
  char to = '\0';
  CheckedField proven_by = CheckedField::composite;
};

// Two or more readings verify equally well, so none was applied.
struct Ambiguity {
  CheckedField check = CheckedField::composite;
  std::vector<std::vector<Correction>> readings;
};

// What the name fields break of the rules (NameIssue bits) and where the first digit or
// foreign character sits; found while reading the names, reported by the name check.
struct NameSyntax {
  std::uint16_t issues = 0;
  int bad_line = -1;  // 0-based
  int bad_column = -1;
};

// Characters outside the alphabet, and characters a position does not admit outside the
// names; found in one pass, used by the corrector and the syntax checks.
struct SyntaxScan {
  std::array<signed char, kMaxChars> values{};  // check-digit value per position, -1 outside the alphabet
  int bad_chars = 0;
  int bad_classes = 0;
  int bad_outside_names = 0;  // either kind, outside the name zones
};

struct MrzResult {
  Format format = Format::td3;
  MrzLines lines;       // after proven corrections
  MrzLines lines_read;  // as given
  MrzFields fields;
  std::array<CheckDigitResult, 5> check_digits{};
  std::uint8_t check_digit_count = 0;
  std::uint16_t uncovered_fields = 0;  // bit (1 << FieldId) set: no check digit covers it
  bool long_document_number = false;
  std::vector<Correction> corrections;
  std::vector<Ambiguity> ambiguities;
  NameSyntax name_syntax;
  SyntaxScan syntax;
  bool valid = false;  // syntax and every check digit right
  std::vector<CheckRecord> checks;
  Verdict verdict;

  bool is_uncovered(FieldId f) const noexcept { return (uncovered_fields >> static_cast<int>(f)) & 1U; }
  // Not valid, or some check in error: what makes the CLIs exit 1.
  bool some_check_failed() const noexcept {
    if (!valid) return true;
    for (const auto& c : checks)
      if (c.status == CheckStatus::error) return true;
    return false;
  }
};

// One OCR'd character with its alternatives, best first; confidences in [0, 1].
struct CharCandidate {
  char ch = '<';
  float confidence = 1.0F;
};
struct CharReading {
  std::vector<CharCandidate> candidates;
};
// What an image recogniser hands over: lines of characters with alternatives.
struct MrzReading {
  std::vector<std::vector<CharReading>> lines;
};

struct MrzOptions {
  Date today{};                     // reference date; the faces default it to today (UTC)
  Profile profile = Profile::kiosk;
  bool correct = true;              // apply corrections that check digits prove
  int max_substitutions = 2;        // per checked field
  double ambiguity_margin = 1.0;    // cost (-ln p) by which the best reading must win
  VerdictPolicy policy;             // how the checks weigh in the verdict (defaults: as reported)
};

}  // namespace docverify::mrz
