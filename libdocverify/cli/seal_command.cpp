#include "seal_command.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.hpp"
#include "image/decode.hpp"
#include "image_command.hpp"
#include "report/seal_report.hpp"
#include "seal/page_seals.hpp"

namespace docverify::cli {
namespace {

constexpr const char* kSealHelp =
    "usage: docverify seal [--json] [--trust PATH]... [--strict] [--today YYYY-MM-DD]\n"
    "                      [--profile kiosk|remote|trainer] (IMAGE ... | --raw FILE)\n"
    "\n"
    "Finds the barcodes on each image (DataMatrix, QR, PDF417, Aztec; deskewed, both\n"
    "polarities) and decodes each: an ICAO Visible Digital Seal (visa, emergency travel\n"
    "document, residence permit, arrival attestation, address sticker, ...), a VDS-NC, or an\n"
    "AAMVA driving licence. Seals are verified: the ECDSA signature with the signer\n"
    "certificate the header names, and that certificate's chain to a CSCA at the signature\n"
    "date. A seal's MRZ is run through the MRZ engine. With --json each image gives one\n"
    "docverify/1 seal report (one per line).\n"
    "\n"
    "  --trust PATH   CSCA and signer certificates, CRLs and CSCA Master Lists: a file (PEM,\n"
    "                 DER, CMS Master List, PKD LDIF) or a folder of them; repeatable.\n"
    "                 Without it, signatures are not_done (not verifiable), never ok\n"
    "  --raw FILE     FILE holds a barcode's payload bytes (e.g. from a hand scanner), '-' for\n"
    "                 standard input\n"
    "  --strict       reject the real-world deviations from ICAO 9303-13 that are otherwise\n"
    "                 accepted and flagged (non-DER 0x80 length, non-standard references)\n"
    "\n"
    "exit status: 0 every verdict ok, 1 some verdict not ok or no barcode found,\n"
    "             2 some input could not be read\n";

// At most the verifier's limit plus one byte is read, so an endless stream (/dev/zero)
// is refused instead of filling memory.
std::vector<std::uint8_t> read_all(const std::string& path) {
  std::vector<std::uint8_t> bytes(seal::kMaxSealPayload + 1);
  std::size_t got = 0;
  auto take = [&](std::istream& in) {
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    got = static_cast<std::size_t>(in.gcount());
  };
  if (path == "-") {
    take(std::cin);
  } else {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::invalid_argument("cannot read " + path);
    take(f);
  }
  if (got > seal::kMaxSealPayload)
    throw std::invalid_argument("a barcode payload is at most " + std::to_string(seal::kMaxSealPayload / 1024) + " KiB");
  bytes.resize(got);
  return bytes;
}

}  // namespace

std::shared_ptr<const crypto::TrustStore> trust_store_of(Args& args, const char* command) {
  const std::vector<std::string> paths = args.options("--trust");
  if (paths.empty()) return nullptr;
  auto store = std::make_shared<crypto::TrustStore>();
  for (const auto& p : paths) {
    const crypto::TrustLoadReport r = store->add_path(p);
    for (const auto& w : r.warnings) std::fprintf(stderr, "docverify %s: --trust %s: %s\n", command, p.c_str(), w.c_str());
  }
  if (store->size() == 0) std::fprintf(stderr, "docverify %s: no certificate in the --trust paths\n", command);
  return store;
}

int run_seal(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kSealHelp, stdout);
    return 0;
  }
  const bool json = args.flag("--json");
  const bool strict = args.flag("--strict");
  const std::string raw = args.option("--raw").value_or("");
  const std::shared_ptr<const crypto::TrustStore> trust = trust_store_of(args, "seal");
  const reader::ReadOptions options = read_options(args);
  seal::SealOptions so;
  so.trust = trust.get();
  so.strict = strict;
  so.mrz = options.mrz;
  const report::ReportContext ctx{options.mrz.today, options.mrz.profile};
  auto emit = [&](std::vector<seal::SealResult>& seals, const std::string& source) {
    const Verdict verdict = seal::seals_verdict(seals, so.mrz.policy);
    const std::string out = json ? report::seal_report_json(seals, verdict, ctx, source)
                                 : report::seal_report_text(seals, verdict, ctx, source);
    std::fwrite(out.data(), 1, out.size(), stdout);
    for (auto& s : seals) s.wipe();
    return verdict.status == VerdictStatus::ok ? 0 : 1;
  };
  if (!raw.empty()) {
    if (!args.positionals().empty()) throw std::invalid_argument("--raw takes no IMAGE");
    const std::vector<std::uint8_t> payload = read_all(raw);
    std::vector<seal::SealResult> seals{seal::verify_seal(payload.data(), payload.size(), so)};
    return emit(seals, raw);
  }
  if (args.positionals().empty()) throw std::invalid_argument("give IMAGE ... or --raw FILE (see --help)");
  return for_each_image(args.positionals(), "seal", [&](const std::string& path) {
    std::vector<seal::SealResult> seals = seal::read_page_seals(image::decode_image_file(path), so);
    return emit(seals, path);
  });
}

}  // namespace docverify::cli
