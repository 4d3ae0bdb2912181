#include <cstdio>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "image_command.hpp"
#include "reader/mrz_image_reader.hpp"
#include "report/read_report.hpp"

namespace docverify::cli {
namespace {

constexpr const char* kReadHelp =
    "usage: docverify read [--json] [--today YYYY-MM-DD] [--profile kiosk|remote|trainer]\n"
    "                      [--engine builtin|builtin+tesseract|tesseract] IMAGE ...\n"
    "\n"
    "Finds and reads the MRZ in each image (JPEG, PNG, TIFF, BMP, WebP; EXIF orientation\n"
    "honoured): any position and rotation, passports, ID cards and visas. Check digits are\n"
    "validated and OCR errors corrected only where a check digit proves it. With --json each\n"
    "image gives one docverify/1 report (one per line).\n"
    "\n"
    "  --engine E   builtin: the OCR-B classifier only; builtin+tesseract (default): ask\n"
    "               Tesseract when the check digits do not verify; tesseract: Tesseract only\n"
    "\n"
    "exit status: 0 every image gave a valid MRZ, 1 some image gave none or an invalid one,\n"
    "             2 some image could not be read (missing, corrupt, over the limits)\n";

}  // namespace

int run_read(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kReadHelp, stdout);
    return 0;
  }
  const bool json = args.flag("--json");
  reader::ReadOptions options = read_options(args);
  if (auto e = args.option("--engine")) {
    if (*e == "builtin") options.engine = reader::OcrEngine::builtin;
    else if (*e == "builtin+tesseract") options.engine = reader::OcrEngine::builtin_then_tesseract;
    else if (*e == "tesseract") options.engine = reader::OcrEngine::tesseract;
    else throw std::invalid_argument("unknown engine '" + *e + "'");
  }
  reader::MrzImageReader mrz_reader(options);
  const report::ReportContext ctx{options.mrz.today, options.mrz.profile};
  return for_each_image(args.positionals(), "read", [&](const std::string& path) {
    const reader::ImageReadResult result = mrz_reader.read_file(path);
    const std::string out = json ? report::read_report_json(result, ctx, path) : report::read_report_text(result, ctx, path);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return result.found && result.best.valid ? 0 : 1;
  });
}

}  // namespace docverify::cli
