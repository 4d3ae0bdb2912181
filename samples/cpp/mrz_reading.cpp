// Using the C++ engine directly: an MRZ from text, then the same MRZ as a recogniser would
// hand it over (characters with alternatives and confidences), where the check digits pick
// the right reading of an uncertain character. Built and run by the tests.
#include <cstdio>
#include <string>

#include "mrz/parser.hpp"
#include "report/mrz_report.hpp"

int main() {
  using namespace docverify;
  using namespace docverify::mrz;

  MrzOptions options;
  options.today = Date{2026, 12, 1};  // pin the reference date for reproducible results

  // 1. Text: a letter O where the birth date needs a digit; the birth-date check digit
  //    proves that it is a 0.
  const std::string text =
      "P<D<<MUELLER<LUEDENSCHEIDT<<JOERG<<<<<<<<<<<\n"
      "C4J7F2K919D<<79O6307M2906298<<<<<<<<<<<<<<<4\n";
  const MrzResult from_text = parse_mrz(text, options);
  std::printf("text: valid=%d corrections=%zu birth=%s verdict=%s\n", from_text.valid, from_text.corrections.size(),
              from_text.fields.birth_date.iso().c_str(), std::string(to_string(from_text.verdict.status)).c_str());

  // 2. A recogniser's reading: the document number's '4' came out as 'A' (60%), with '4'
  //    as runner-up (35%). 'A' is possible in a document number, so only the check digits
  //    (the number's and the composite) can say which one is right.
  MrzReading reading;
  std::string line1 = "P<D<<MUELLER<LUEDENSCHEIDT<<JOERG<<<<<<<<<<<";
  std::string line2 = "CAJ7F2K919D<<7906307M2906298<<<<<<<<<<<<<<<4";
  for (const std::string* line : {&line1, &line2}) {
    std::vector<CharReading> chars;
    for (char c : *line) chars.push_back(CharReading{{CharCandidate{c, 0.98F}}});
    reading.lines.push_back(std::move(chars));
  }
  reading.lines[1][1].candidates = {CharCandidate{'A', 0.60F}, CharCandidate{'4', 0.35F}};
  const MrzResult from_reading = parse_mrz_reading(reading, options);
  std::printf("reading: valid=%d number=%s\n", from_reading.valid, from_reading.fields.document_number.c_str());
  for (const Correction& c : from_reading.corrections) {
    std::printf("  corrected line %d column %d: '%c' -> '%c' (proven by the %s check digit)\n", c.line + 1,
                c.column + 1, c.from, c.to, std::string(checked_field_name(c.proven_by)).c_str());
  }

  // 3. The same JSON report the CLI prints.
  const std::string json = report::mrz_report_json(from_reading, {options.today, options.profile});
  std::printf("json: %zu bytes, schema %s\n", json.size(), report::kReportSchema);

  const bool ok = from_text.valid && from_reading.valid && from_reading.fields.document_number == "C4J7F2K91";
  return ok ? 0 : 1;
}
