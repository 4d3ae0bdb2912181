#pragma once
// Writing an MRZ from field values (the inverse of the parser): names transliterated
// (ICAO 9303-3 §6) and truncated (§4.6), long document numbers, check digits.
// The synthetic document generator and trainers build on it.
#include <string>
#include <vector>

#include "mrz/format.hpp"

namespace docverify::mrz {

struct MrzFieldsInput {
  Format format = Format::td3;
  std::string document_code;    // "P", "PD", "I", "ID", "AC", "V"
  std::string issuing_state;    // "UTO", "D"
  std::string document_number;  // TD1/TD2: longer than 9 becomes a long number
  std::string nationality;      // ignored for the French ID card
  std::string birth_date;       // "1974-08-12", or "1974-08" / "1974" for unknown parts
  char sex = 'X';               // 'M', 'F' or 'X' (written '<')
  std::string expiry_date;      // "2012-04-15"; empty writes fillers; ignored for the French ID
  std::string surname;          // UTF-8 as in the visual zone: "Müller-Lüdenscheidt"
  std::string given_names;
  std::string optional_data;    // French ID: department (3) + office (3)
  std::string optional_data_2;  // TD1 only
};

struct BuiltMrz {
  std::vector<std::string> lines;
  bool name_truncated = false;
};

// Throws InputError naming the field when a value cannot be written (Utf8Error for names
// that are not UTF-8).
BuiltMrz build_mrz(const MrzFieldsInput& input);

}  // namespace docverify::mrz
