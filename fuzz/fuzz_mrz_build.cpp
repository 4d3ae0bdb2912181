// libFuzzer target: arbitrary field values (UTF-8 names included) through the builder;
// whatever it writes must parse back as an MRZ of the same format.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "mrz/builder.hpp"
#include "mrz/parser.hpp"
#include "mrz/transliteration.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace docverify::mrz;
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') parts.emplace_back();
    else parts.back() += static_cast<char>(data[i]);
  }
  parts.resize(12);
  try {
    (void)transliteration_variants(parts[8], 16);
  } catch (const std::invalid_argument&) {
  }
  MrzFieldsInput in;
  in.format = static_cast<Format>((parts[0].empty() ? 0 : static_cast<unsigned char>(parts[0][0])) % 6);
  in.document_code = parts[1];
  in.issuing_state = parts[2];
  in.document_number = parts[3];
  in.nationality = parts[4];
  in.birth_date = parts[5];
  in.sex = parts[6].empty() ? 'X' : parts[6][0];
  in.expiry_date = parts[7];
  in.surname = parts[8];
  in.given_names = parts[9];
  in.optional_data = parts[10];
  in.optional_data_2 = parts[11];
  BuiltMrz built;
  try {
    built = build_mrz(in);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  std::string text;
  for (const auto& l : built.lines) text += l + "\n";
  MrzOptions options;
  options.today = docverify::Date{2026, 12, 1};
  const MrzResult r = parse_mrz(text, options);  // must not throw: the builder wrote an MRZ
  // "IDFRA" on 2 x 36 is how the old French card is recognised, whatever was intended.
  if (r.format != in.format && !(in.format == Format::td2 && r.format == Format::fra_id)) std::abort();
  return 0;
}
