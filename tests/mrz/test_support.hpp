#pragma once
// Helpers shared by the MRZ tests.
#include <string>
#include <vector>

#include "mrz/parser.hpp"

namespace docverify::mrz::test {

inline MrzOptions options_on(int y, int m, int d, Profile p = Profile::kiosk) {
  MrzOptions o;
  o.today = Date{y, m, d};
  o.profile = p;
  return o;
}

inline std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

inline const CheckRecord* find_check(const MrzResult& r, std::string_view id) {
  for (const auto& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

inline CheckStatus status_of(const MrzResult& r, std::string_view id) {
  const CheckRecord* c = find_check(r, id);
  return c ? c->status : CheckStatus::not_done;
}

inline const CheckDigitResult* digit_of(const MrzResult& r, CheckedField f) {
  for (std::uint8_t i = 0; i < r.check_digit_count; ++i)
    if (r.check_digits[i].field == f) return &r.check_digits[i];
  return nullptr;
}

// The ICAO worked examples (spec mrz.md).
inline const std::vector<std::string> kTd3 = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                              "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
inline const std::vector<std::string> kTd2 = {"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"};
inline const std::vector<std::string> kTd1 = {"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                                              "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};
inline const std::vector<std::string> kMrva = {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                               "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"};
inline const std::vector<std::string> kMrvb = {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"};
// Built by docverify's own builder and checked by hand against the layout.
inline const std::vector<std::string> kFraId = {"IDFRABERTHIER<<<<<<<<<<<<<<<<<923047",
                                                "8806923102858CORINNE<<ELISE6512068F4"};

}  // namespace docverify::mrz::test
