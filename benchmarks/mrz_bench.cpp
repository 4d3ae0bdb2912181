// MRZ engine speed: parse + validate per format, the correction search, the reports.
// Run: build/release/benchmarks/docverify_mrz_bench (figures in benchmarks/README.md).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "mrz/builder.hpp"
#include "mrz/check_digit.hpp"
#include "mrz/parser.hpp"
#include "report/mrz_report.hpp"

namespace {

using namespace docverify;
using namespace docverify::mrz;

std::string text_of(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// Ordinary (non-specimen) documents valid on the reference date: the common case.
std::string ordinary(Format f) {
  MrzFieldsInput in;
  in.format = f;
  in.document_code = f == Format::td3 ? "P" : (f == Format::mrva || f == Format::mrvb) ? "V" : f == Format::fra_id ? "ID" : "ID";
  in.issuing_state = f == Format::fra_id ? "FRA" : "NLD";
  in.nationality = "NLD";
  in.document_number = f == Format::fra_id ? "880692310285" : "NX4K83JP1";
  in.birth_date = "1985-03-10";
  in.sex = 'F';
  in.expiry_date = f == Format::fra_id ? "" : "2031-07-01";
  in.surname = "de Bruijn";
  in.given_names = "Willeke";
  in.optional_data = f == Format::fra_id ? "923047" : "";
  return text_of(build_mrz(in).lines);
}

MrzOptions options() {
  MrzOptions o;
  o.today = Date{2026, 12, 1};
  return o;
}

void BM_ParseValidate(benchmark::State& state, Format f) {
  const std::string text = ordinary(f);
  const MrzOptions o = options();
  for (auto _ : state) {
    MrzResult r = parse_mrz(text, o);
    benchmark::DoNotOptimize(r.valid);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_ParseValidate, TD3, Format::td3);
BENCHMARK_CAPTURE(BM_ParseValidate, TD2, Format::td2);
BENCHMARK_CAPTURE(BM_ParseValidate, TD1, Format::td1);
BENCHMARK_CAPTURE(BM_ParseValidate, MRVA, Format::mrva);
BENCHMARK_CAPTURE(BM_ParseValidate, MRVB, Format::mrvb);
BENCHMARK_CAPTURE(BM_ParseValidate, FRA_ID, Format::fra_id);

// The ICAO specimen: every specimen rule fires and messages are composed.
void BM_ParseValidateSpecimenTD3(benchmark::State& state) {
  const std::string text =
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
  const MrzOptions o = options();
  for (auto _ : state) benchmark::DoNotOptimize(parse_mrz(text, o).valid);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseValidateSpecimenTD3);

// Correction from text: a letter in the birth date, proven by its digit.
void BM_CorrectionText(benchmark::State& state) {
  std::string text = ordinary(Format::td3);
  text[45 + 15] = 'O';
  const MrzOptions o = options();
  for (auto _ : state) benchmark::DoNotOptimize(parse_mrz(text, o).corrections.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CorrectionText);

// Correction from a recogniser's reading: every position has a runner-up, one is needed.
void BM_CorrectionReading(benchmark::State& state) {
  const std::string text = ordinary(Format::td3);
  MrzReading reading;
  reading.lines.resize(2);
  for (int l = 0; l < 2; ++l) {
    for (int c = 0; c < 44; ++c) {
      const char ch = text[static_cast<std::size_t>(l * 45 + c)];
      const char alt = ch == '0' ? 'O' : ch == '<' ? 'K' : ch >= 'A' && ch <= 'Z' ? '8' : '0';
      reading.lines[static_cast<std::size_t>(l)].push_back(CharReading{{{ch, 0.9F}, {alt, 0.05F}}});
    }
  }
  // Misread the document number's '4' as 'A', with the right digit as runner-up.
  reading.lines[1][2].candidates = {{'A', 0.6F}, {'4', 0.35F}};
  const MrzOptions o = options();
  for (auto _ : state) benchmark::DoNotOptimize(parse_mrz_reading(reading, o).corrections.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CorrectionReading);

void BM_CheckDigit(benchmark::State& state) {
  const std::string field = "L898902C3";
  for (auto _ : state) benchmark::DoNotOptimize(compute_check_digit(field));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckDigit);

void BM_JsonReport(benchmark::State& state) {
  const MrzOptions o = options();
  const MrzResult r = parse_mrz(ordinary(Format::td3), o);
  for (auto _ : state) benchmark::DoNotOptimize(report::mrz_report_json(r, {o.today, o.profile}).size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonReport);

}  // namespace

BENCHMARK_MAIN();
