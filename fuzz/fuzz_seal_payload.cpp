// libFuzzer target: arbitrary bytes as a barcode payload through the whole seal verifier
// (sniffing, the VDS parser with its layout quirks, C40, dates, profiles, VDS-NC, AAMVA, the
// signature with a known signer "UTTS 5B" of a test PKI, the chain, the MRZ engine for MRZ
// features) and the JSON report, lenient and strict. Always a result; never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "crypto/trust_store.hpp"
#include "report/json_writer.hpp"
#include "report/seal_report.hpp"
#include "seal/seal_verifier.hpp"
#include "synth/document_seal.hpp"

namespace {

const docverify::crypto::TrustStore& trust() {
  static const docverify::crypto::TrustStore store = [] {
    docverify::crypto::TrustStore s;
    const docverify::synth::SpecimenPki pki(docverify::Date{2026, 12, 1});
    s.add_bytes(pki.pki.csca().der.data(), pki.pki.csca().der.size(), "csca");
    s.add_bytes(pki.signer.der.data(), pki.signer.der.size(), "signer");
    return s;
  }();
  return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  docverify::seal::SealOptions o;
  o.trust = &trust();
  o.mrz.today = docverify::Date{2026, 12, 1};
  for (bool strict : {false, true}) {
    o.strict = strict;
    docverify::seal::SealResult r = docverify::seal::verify_seal(data, size, o);
    std::string json;
    docverify::report::JsonWriter w(json);
    docverify::report::write_seal(w, r);
    if (json.empty()) __builtin_trap();
    r.wipe();
  }
  return 0;
}
