// libFuzzer target: arbitrary bytes as the words an OCR read from a visual zone (lines at
// '\n', words at ' ', any bytes, invalid UTF-8 included), compared with a passport's and an
// ID card's MRZ. Always a comparison and records; never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "checks/viz_consistency.hpp"
#include "mrz/parser.hpp"

namespace {

const docverify::mrz::MrzResult& mrz_of(int which) {
  static const auto make = [](const char* text) {
    docverify::mrz::MrzOptions o;
    o.today = docverify::Date{2026, 12, 1};
    return docverify::mrz::parse_mrz(text, o);
  };
  static const docverify::mrz::MrzResult td3 = make(
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10");
  static const docverify::mrz::MrzResult td1 = make(
      "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<");
  return which ? td1 : td3;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte: which MRZ, and the confidence every word gets.
  const int which = data[0] & 1;
  const float confidence = static_cast<float>(data[0] >> 1) / 127.0f;
  std::vector<docverify::ocr::VizWord> words;
  int line = 0, x = 0;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back({word, cv::Rect(x, line * 20, 10, 10), confidence, line});
    word.clear();
    x += 12;
  };
  for (std::size_t i = 1; i < size; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == ' ') {
      flush();
    } else if (c == '\n') {
      flush();
      ++line;
      x = 0;
    } else {
      word.push_back(c);
    }
  }
  flush();
  const docverify::checks::VizComparison c = docverify::checks::compare_viz(words, {}, mrz_of(which));
  (void)docverify::checks::viz_checks(c);
  return 0;
}
