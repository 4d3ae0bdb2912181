#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "image_command.hpp"
#include "seal_command.hpp"
#include "report/read_report.hpp"
#include "report/visual_report.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::cli {
namespace {

constexpr const char* kVerifyHelp =
    "usage: docverify verify [--json] [--today YYYY-MM-DD] [--profile kiosk|remote|trainer]\n"
    "                        [--ir IMAGE] [--uv IMAGE] [--companions] [--no-viz]\n"
    "                        [--html PATH] [--annotate PATH] [--check ID=WEIGHT]...\n"
    "                        [--min-warnings N] [--trust PATH]... [--no-seals] IMAGE ...\n"
    "\n"
    "Reads the MRZ of each document image and runs the authenticity checks this version has:\n"
    "the MRZ's logical checks (check digits, dates, codes, specimens, national rules, expiry),\n"
    "image quality gates, the MRZ against the visual zone (Tesseract), the MRZ's print geometry (line spacing, character size, baselines,\n"
    "pitch, stroke; 250 dpi and sharp print needed), the grey-copy test and, given a kiosk's\n"
    "infrared and ultraviolet images of the same page, the B900 and UV-dull checks. Checks it could\n"
    "not run are listed as not_done, never as passed. With --json each image gives one\n"
    "docverify/1 report (one per line), its checks carrying what they measured.\n"
    "\n"
    "  --ir IMAGE, --uv IMAGE  the page under infrared / ultraviolet light, same field of view\n"
    "                          as the one IMAGE given (any resolution)\n"
    "  --no-viz                do not read the visual zone with Tesseract (about a second a\n"
    "                          page); the MRZ-against-visual-zone check is then not done\n"
    "  --companions            for each IMAGE, use NAME_ir.EXT and NAME_uv.EXT beside it when\n"
    "                          they exist (as `docverify specimen --capture kiosk` writes them)\n"
    "  --html PATH             a self-contained HTML report per image: verdict, the page with\n"
    "                          the findings boxed, heat maps, every check with its measurement,\n"
    "                          threshold and message, and what could not be checked\n"
    "  --annotate PATH         the page as PNG with each flagged check's regions numbered\n"
    "                          (red error, orange warning) and the verdict banner\n"
    "                          (with one IMAGE, PATH is the file; with several, a folder that\n"
    "                          gets NAME.html / NAME.png per image)\n"
    "  --check ID=WEIGHT       the verdict policy for check ID (an id, 'family.*' or '*'):\n"
    "                          ignored (reported, decides nothing), advisory (never critical),\n"
    "                          critical (an error decides), as_reported (the library's own),\n"
    "                          required / optional (whether its not_done makes the verdict\n"
    "                          incomplete); repeatable, the last matching rule wins\n"
    "  --min-warnings N        warnings it takes to make the verdict suspect (default 1; 0: never)\n"
    "  --trust PATH            CSCA and signer certificates, CRLs, Master Lists (file or folder;\n"
    "                          repeatable) to verify the page's seals with (see docverify seal)\n"
    "  --no-seals              do not look for barcodes and seals on the page\n"
    "\n"
    "exit status: 0 every verdict ok, 1 some verdict suspect, error or not_done (or no MRZ),\n"
    "             2 some image could not be read (missing, corrupt, over the limits)\n";

// Where the report of `image` goes: `target` itself for a single image, else NAME.EXT in
// the folder `target` (NAME-2.EXT, ... when two images share a name: a/page.jpg, b/page.png).
std::string report_path(const std::string& target, const std::string& image, bool several, const char* ext,
                        std::map<std::string, int>& names_used) {
  namespace fs = std::filesystem;
  if (!several) return target;
  fs::create_directories(target);
  std::string name = fs::path(image).stem().string();
  if (const int n = ++names_used[name]; n > 1) name += "-" + std::to_string(n);
  return (fs::path(target) / (name + ext)).string();
}

void write_bytes(const std::string& path, const void* data, std::size_t size) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!f) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int run_verify(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kVerifyHelp, stdout);
    return 0;
  }
  const bool json = args.flag("--json");
  const bool beside = args.flag("--companions");
  verify::VerifyOptions verify_options;
  verify_options.visual_zone = !args.flag("--no-viz");
  verify_options.seals = !args.flag("--no-seals");
  verify_options.trust = trust_store_of(args, "verify");
  const std::string html = args.option("--html").value_or(""), annotate = args.option("--annotate").value_or("");
  verify_options.keep_page = !html.empty() || !annotate.empty();
  const std::string ir = args.option("--ir").value_or(""), uv = args.option("--uv").value_or("");
  const reader::ReadOptions options = read_options(args);
  if ((!ir.empty() || !uv.empty()) && (beside || args.positionals().size() != 1))
    throw std::invalid_argument("--ir and --uv go with one IMAGE (use --companions for several)");
  verify::DocumentVerifier verifier(options, verify_options);
  const report::ReportContext ctx{options.mrz.today, options.mrz.profile};
  std::map<std::string, int> html_names, png_names;
  return for_each_image(args.positionals(), "verify", [&](const std::string& path) {
    const verify::CompanionImages companions =
        beside ? verify::companions_beside(path) : verify::load_companions(ir, uv);
    verify::VerifyResult result = verifier.verify_file(path, companions);
    const auto* seals = verify_options.seals ? &result.seals : nullptr;
    const std::string out = json ? report::read_report_json(result.read, ctx, path, seals)
                                 : report::read_report_text(result.read, ctx, path, seals);
    std::fwrite(out.data(), 1, out.size(), stdout);
    const bool several = args.positionals().size() > 1;
    if (!html.empty()) {
      const std::string page = report::html_report(result.evidence, result.read, ctx, path);
      write_bytes(report_path(html, path, several, ".html", html_names), page.data(), page.size());
    }
    if (!annotate.empty()) {
      const std::vector<unsigned char> png = report::annotated_png(result.evidence, result.read);
      write_bytes(report_path(annotate, path, several, ".png", png_names), png.data(), png.size());
    }
    const int code = result.read.found && result.read.best.mrz.verdict.status == VerdictStatus::ok ? 0 : 1;
    for (auto& s : result.seals) s.wipe();
    return code;
  });
}

}  // namespace docverify::cli
