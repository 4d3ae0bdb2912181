// libFuzzer target: a recogniser's reading (characters with alternatives and arbitrary
// confidences, NaN included) through the proven-correction search.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "mrz/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace docverify::mrz;
  static const std::pair<int, int> kShapes[] = {{2, 44}, {2, 36}, {3, 30}};
  if (size < 1) return 0;
  const auto [lines, length] = kShapes[data[0] % 3];
  std::size_t pos = 1;
  auto next = [&]() -> std::uint8_t { return pos < size ? data[pos++] : static_cast<std::uint8_t>('<'); };
  MrzReading reading;
  for (int l = 0; l < lines; ++l) {
    std::vector<CharReading> line;
    for (int c = 0; c < length; ++c) {
      CharReading ch;
      const int n = 1 + next() % 3;
      for (int k = 0; k < n; ++k) {
        float conf;
        std::uint8_t raw[4] = {next(), next(), next(), next()};
        std::memcpy(&conf, raw, sizeof conf);
        ch.candidates.push_back(CharCandidate{static_cast<char>(next()), conf});
      }
      line.push_back(std::move(ch));
    }
    reading.lines.push_back(std::move(line));
  }
  MrzOptions options;
  options.today = docverify::Date{2026, 12, 1};
  try {
    (void)parse_mrz_reading(reading, options);
  } catch (const MrzInputError&) {
  }
  return 0;
}
