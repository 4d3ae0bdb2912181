// libFuzzer target: arbitrary bytes as MRZ text. Either an MrzInputError or a complete
// result whose reports render; never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mrz/parser.hpp"
#include "report/mrz_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  docverify::mrz::MrzOptions options;
  options.today = docverify::Date{2026, 12, 1};
  // The first byte picks correction on or off so both paths are explored.
  options.correct = size == 0 || (data[0] & 1U) == 0;
  try {
    const auto result = docverify::mrz::parse_mrz(text, options);
    (void)docverify::report::mrz_report_json(result, {options.today, options.profile});
    (void)docverify::report::mrz_report_text(result, {options.today, options.profile});
  } catch (const docverify::mrz::MrzInputError&) {
  }
  return 0;
}
