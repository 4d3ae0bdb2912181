#include <cstdio>
#include <stdexcept>
#include <string>

#include "cli_args.hpp"
#include "commands.hpp"
#include "synth/corpus.hpp"
#include "synth/document_seal.hpp"
#include "synth/specimen.hpp"

namespace docverify::cli {
namespace {

constexpr const char* kHelp =
    "usage: docverify specimen [--format TD1|TD2|TD3|MRVA|MRVB|FRA_ID] [--count N] [--seed S]\n"
    "                          [--dpi D] [--today YYYY-MM-DD] [--capture scan|kiosk|phone|no_document]\n"
    "                          [--forgery TYPE] [--microtext auto|on|off]\n"
    "                          [--barcode-area auto|on|off] [--without-mrz] [--seal] --out DIR\n"
    "       docverify specimen --pki-out DIR [--today YYYY-MM-DD]\n"
    "       docverify specimen --corpus scan|kiosk|phone|negatives --out DIR\n"
    "\n"
    "Writes synthetic, entirely fictitious documents: for each, DIR/<name>.png (a data page as\n"
    "a flatbed scan at D dpi, default 300) and DIR/<name>.json (its ground truth: fields, MRZ\n"
    "lines, MRZ and character boxes). The same seed and version give the same bytes.\n"
    "\n"
    "  --capture C     scan (default); kiosk adds <name>_ir.png and <name>_uv.png, the\n"
    "                  infrared and ultraviolet images a kiosk reader takes; phone writes\n"
    "                  <name>.jpg, a photo (perspective, rotation, clutter, light, glare,\n"
    "                  blur, noise, JPEG); no_document writes scenes without a document\n"
    "  --forgery TYPE  none (default), mrz_recomputed, mrz_unrecomputed, viz_rewritten,\n"
    "                  mrz_wrong_font, mrz_wrong_pitch, grey_copy, expired, specimen,\n"
    "                  photo_swap, copy_move, screen_recapture, colour_copy,\n"
    "                  ir_transparent_ink, uv_bright_paper (these two show with --capture kiosk);\n"
    "                  the ground truth says what was forged where\n"
    "  --microtext C   a line of microtext (the issuer's name at 0.3-0.5 mm): auto (default,\n"
    "                  60 % of pages), on or off\n"
    "  --barcode-area C  an area kept for a 2D barcode: auto (default: half of TD1 and TD3\n"
    "                  pages, 60 % of visas, 35 % of TD2, never the old French card), on, off\n"
    "  --without-mrz   pages with everything but the MRZ (negatives)\n"
    "  --seal          print an ICAO Visible Digital Seal (DataMatrix) over the genuine MRZ in\n"
    "                  the barcode area, signed by the generator's test PKI (MRVA, MRVB, TD2);\n"
    "                  forgeries change the page, never the seal\n"
    "  --pki-out DIR   write that test PKI's certificates (DIR/<CC>/csca.pem and <CC>TS_5B.pem\n"
    "                  for UTO and every issuing state the generator uses) for\n"
    "                  `docverify seal --trust DIR` / `verify --trust DIR`; it depends on --today\n"
    "  --corpus NAME   writes a standard benchmark corpus (docs/specimen.md) and corpus.json;\n"
    "                  no other option but --out\n";

}  // namespace

int run_specimen(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (auto corpus = args.option("--corpus")) {
    const synth::Corpus c = synth::standard_corpus(*corpus);
    const auto out = args.option("--out");
    if (!out) throw std::invalid_argument("--out DIR is required");
    if (!args.positionals().empty()) throw std::invalid_argument("unexpected argument '" + args.positionals()[0] + "'");
    const auto names = synth::write_corpus(c, *out);
    std::printf("wrote corpus %s: %zu document(s) to %s\n", c.name.c_str(), names.size(), out->c_str());
    return 0;
  }
  synth::SpecimenOptions o;
  if (auto f = args.option("--format")) {
    if (!mrz::parse_format_name(*f, o.format)) throw std::invalid_argument("unknown --format '" + *f + "'");
  }
  if (auto c = args.option("--count")) o.count = std::stoi(*c);
  if (auto s = args.option("--seed")) o.seed = std::stoull(*s);
  if (auto d = args.option("--dpi")) o.dpi = std::stod(*d);
  if (auto t = args.option("--today")) {
    auto d = parse_iso_date(*t);
    if (!d) throw std::invalid_argument("--today needs a date YYYY-MM-DD");
    o.today = *d;
  }
  if (auto c = args.option("--capture")) {
    if (!synth::parse_capture(*c, o.capture)) throw std::invalid_argument("unknown --capture '" + *c + "'");
  }
  if (auto f = args.option("--forgery")) {
    if (!synth::parse_forgery(*f, o.forgery)) throw std::invalid_argument("unknown --forgery '" + *f + "'");
  }
  if (auto m = args.option("--microtext")) {
    if (!synth::parse_feature_choice(*m, o.microtext)) throw std::invalid_argument("--microtext takes auto, on or off");
  }
  if (auto b = args.option("--barcode-area")) {
    if (!synth::parse_feature_choice(*b, o.barcode_area)) throw std::invalid_argument("--barcode-area takes auto, on or off");
  }
  o.without_mrz = args.flag("--without-mrz");
  o.seal = args.flag("--seal");
  const auto out = args.option("--out");
  if (auto pki_dir = args.option("--pki-out")) {
    if (!args.positionals().empty()) throw std::invalid_argument("unexpected argument '" + args.positionals()[0] + "'");
    synth::write_specimen_pki(*pki_dir, o.today);
    std::printf("wrote the specimen PKI (a CSCA and a seal signer per issuing state) to %s\n", pki_dir->c_str());
    if (!out) return 0;
  }
  if (!out) throw std::invalid_argument("--out DIR is required");
  if (!args.positionals().empty()) throw std::invalid_argument("unexpected argument '" + args.positionals()[0] + "'");
  const auto names = synth::write_specimens(o, *out);
  std::printf("wrote %zu document(s) to %s\n", names.size(), out->c_str());
  return 0;
}

}  // namespace docverify::cli
