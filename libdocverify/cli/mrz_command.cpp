#include <cstdio>
#include <stdexcept>
#include <string>

#include "cli_args.hpp"
#include "commands.hpp"
#include "mrz/builder.hpp"
#include "mrz/parser.hpp"
#include "report/mrz_report.hpp"

namespace docverify::cli {
namespace {

constexpr const char* kMrzHelp =
    "usage: docverify mrz [--json] [--today YYYY-MM-DD] [--profile kiosk|remote|trainer]\n"
    "                     [--no-correct] [LINE ...]\n"
    "\n"
    "Parses the MRZ given as LINE arguments, or on standard input when there are none,\n"
    "corrects OCR errors only where a check digit proves the correction, validates it and\n"
    "prints a readable report (or with --json the docverify/1 JSON report).\n"
    "\n"
    "  --today D     reference date for expiry, age and century (default: today, UTC)\n"
    "  --profile P   kiosk (default): expired or specimen documents are errors;\n"
    "                trainer: specimens are warnings; remote: as kiosk for MRZ text\n"
    "  --no-correct  report the text exactly as given\n"
    "\n"
    "exit status: 0 valid, 1 parsed but some check failed, 2 unusable input\n";

constexpr const char* kMakeHelp =
    "usage: docverify make-mrz --format TD1|TD2|TD3|MRVA|MRVB|FRA_ID --document-code C\n"
    "         --issuing-state S --document-number N [--nationality S] --birth-date YYYY-MM-DD\n"
    "         [--sex M|F|X] [--expiry-date YYYY-MM-DD] --surname NAME [--given-names NAMES]\n"
    "         [--optional-data D] [--optional-data-2 D]\n"
    "\n"
    "Writes the MRZ lines for the given fields. Names are UTF-8 as printed in the visual\n"
    "zone; they are transliterated (ICAO 9303-3 section 6) and truncated to fit.\n";

// Reads standard input up to one byte past the limit, so oversized input is refused
// without reading all of it.
std::string read_stdin_bounded() {
  std::string text;
  char buf[1024];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
    text.append(buf, n);
    if (text.size() > mrz::kMaxMrzInputBytes) break;
  }
  return text;
}


}  // namespace

int run_mrz(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kMrzHelp, stdout);
    return 0;
  }
  mrz::MrzOptions options;
  const bool json = args.flag("--json");
  options.correct = !args.flag("--no-correct");
  options.today = reference_date(args);
  if (auto p = args.option("--profile")) {
    if (!parse_profile(*p, options.profile)) throw std::invalid_argument("unknown profile '" + *p + "'");
  }
  const auto lines = args.positionals();
  std::string text;
  if (lines.empty() || (lines.size() == 1 && lines[0] == "-")) {
    text = read_stdin_bounded();
  } else {
    for (const auto& l : lines) text += l + "\n";
  }
  mrz::MrzResult result;
  try {
    result = mrz::parse_mrz(text, options);
  } catch (const mrz::MrzInputError& e) {
    std::fprintf(stderr, "docverify mrz: unusable input: %s\n", e.what());
    return 2;
  }
  const report::ReportContext ctx{options.today, options.profile};
  const std::string out = json ? report::mrz_report_json(result, ctx) : report::mrz_report_text(result, ctx);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return result.some_check_failed() ? 1 : 0;
}

int run_make_mrz(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kMakeHelp, stdout);
    return 0;
  }
  mrz::MrzFieldsInput in;
  const auto format = args.option("--format");
  if (!format || !mrz::parse_format_name(*format, in.format))
    throw std::invalid_argument("--format must be one of TD1, TD2, TD3, MRVA, MRVB, FRA_ID");
  in.document_code = args.option("--document-code").value_or("");
  in.issuing_state = args.option("--issuing-state").value_or("");
  in.document_number = args.option("--document-number").value_or("");
  in.nationality = args.option("--nationality").value_or("");
  in.birth_date = args.option("--birth-date").value_or("");
  const std::string sex = args.option("--sex").value_or("X");
  if (sex.size() != 1) throw std::invalid_argument("--sex must be M, F or X");
  in.sex = sex[0];
  in.expiry_date = args.option("--expiry-date").value_or("");
  in.surname = args.option("--surname").value_or("");
  in.given_names = args.option("--given-names").value_or("");
  in.optional_data = args.option("--optional-data").value_or("");
  in.optional_data_2 = args.option("--optional-data-2").value_or("");
  if (!args.positionals().empty()) throw std::invalid_argument("unexpected argument '" + args.positionals()[0] + "'");
  const mrz::BuiltMrz built = mrz::build_mrz(in);
  for (const auto& l : built.lines) std::printf("%s\n", l.c_str());
  if (built.name_truncated) std::fprintf(stderr, "docverify make-mrz: note: the name was truncated to fit\n");
  return 0;
}

}  // namespace docverify::cli
