#include <cstdio>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "image_command.hpp"
#include "report/read_report.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::cli {
namespace {

constexpr const char* kVerifyHelp =
    "usage: docverify verify [--json] [--today YYYY-MM-DD] [--profile kiosk|remote|trainer] IMAGE ...\n"
    "\n"
    "Reads the MRZ of each document image and runs the authenticity checks this version has:\n"
    "the MRZ's logical checks (check digits, dates, codes, specimens, national rules, expiry),\n"
    "image quality gates, the MRZ's print geometry (line spacing, character size, baselines,\n"
    "pitch, stroke; 250 dpi and sharp print needed) and the grey-copy test. Checks it could\n"
    "not run are listed as not_done, never as passed. With --json each image gives one\n"
    "docverify/1 report (one per line), its checks carrying what they measured.\n"
    "\n"
    "exit status: 0 every verdict ok, 1 some verdict suspect, error or not_done (or no MRZ),\n"
    "             2 some image could not be read (missing, corrupt, over the limits)\n";

}  // namespace

int run_verify(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kVerifyHelp, stdout);
    return 0;
  }
  const bool json = args.flag("--json");
  const reader::ReadOptions options = read_options(args);
  verify::DocumentVerifier verifier(options);
  const report::ReportContext ctx{options.mrz.today, options.mrz.profile};
  return for_each_image(args.positionals(), "verify", [&](const std::string& path) {
    const verify::VerifyResult result = verifier.verify_file(path);
    const std::string out = json ? report::read_report_json(result.read, ctx, path) : report::read_report_text(result.read, ctx, path);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return result.read.found && result.read.best.mrz.verdict.status == VerdictStatus::ok ? 0 : 1;
  });
}

}  // namespace docverify::cli
