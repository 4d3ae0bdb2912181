// Seal speed: decode + verify one payload (no image work) per signature curve and for a
// VDS-NC, and a page image to a verified seal (a 2 MP sealed visa page, and the cost of
// looking on a page that has no barcode). Issue 7 targets: <= 1 ms a payload, <= 30 ms a
// 2 MP page.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "crypto/trust_store.hpp"
#include "seal/c40.hpp"
#include "seal/jcs.hpp"
#include "seal/json.hpp"
#include "seal/page_seals.hpp"
#include "seal/vds_builder.hpp"
#include "seal/vds_nc.hpp"
#include "synth/document_seal.hpp"
#include "synth/specimen.hpp"
#include "synth/test_pki.hpp"

using namespace docverify;

namespace {

const Date kToday{2026, 12, 1};

struct Fixture {
  synth::TestPki pki{3, kToday};
  crypto::TrustStore trust;
  std::vector<synth::TestCertificate> signers;
  Fixture() { trust.add_bytes(pki.csca().der.data(), pki.csca().der.size(), "csca"); }
  const synth::TestCertificate& signer(const std::string& curve, std::uint64_t serial) {
    synth::TestSignerSpec spec;
    spec.curve = curve;
    spec.serial = serial;
    signers.push_back(pki.issue_signer(spec));
    trust.add_bytes(signers.back().der.data(), signers.back().der.size(), "signer");
    return signers.back();
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

seal::SealOptions options() {
  seal::SealOptions o;
  o.trust = &fixture().trust;
  o.mrz.today = kToday;
  return o;
}

std::vector<std::uint8_t> visa_seal(const synth::TestCertificate& signer, const std::string& reference) {
  seal::VdsBuildSpec s;
  s.certificate_reference = reference;
  s.issue_date = s.signature_date = {2026, 5, 1};
  const std::vector<std::string> mrz = {"VCUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C<3UTO6908061F2806239ZE184226B<<<<<<<"};
  s.features = {{0x01, seal::vds_mrz_feature(mrz, 72)}, {0x03, {0x02}}, {0x04, {0, 3, 0}}, {0x05, seal::encode_c40("L898902C<")}};
  const auto m = seal::build_vds_message(s);
  return seal::append_vds_signature(m, synth::sign_plain_ecdsa(signer.key.get(), m.data(), m.size()));
}

void BM_VerifyVds(benchmark::State& state, const char* curve, std::uint64_t serial, const char* reference) {
  const auto payload = visa_seal(fixture().signer(curve, serial), reference);
  const seal::SealOptions o = options();
  for (auto _ : state) {
    seal::SealResult r = seal::verify_seal(payload.data(), payload.size(), o);
    if (r.signature.status != CheckStatus::ok) state.SkipWithError("the seal did not verify");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK_CAPTURE(BM_VerifyVds, brainpoolP256r1, "brainpoolP256r1", 0x5B, "5B")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_VerifyVds, brainpoolP224r1, "brainpoolP224r1", 0x5C, "5C")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_VerifyVds, brainpoolP384r1, "brainpoolP384r1", 0x5D, "5D")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_VerifyVds, brainpoolP512r1, "brainpoolP512r1", 0x5E, "5E")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_VerifyVds, prime256v1, "prime256v1", 0x5F, "5F")->Unit(benchmark::kMicrosecond);

void BM_ParseVdsOnly(benchmark::State& state) {
  const auto payload = visa_seal(fixture().signer("brainpoolP256r1", 0x60), "60");
  seal::SealOptions o = options();
  o.trust = nullptr;  // no signature: the parse, C40, profile and MRZ engine
  for (auto _ : state) benchmark::DoNotOptimize(seal::verify_seal(payload.data(), payload.size(), o));
}
BENCHMARK(BM_ParseVdsOnly)->Unit(benchmark::kMicrosecond);

void BM_VerifyVdsNc(benchmark::State& state) {
  synth::TestSignerSpec spec;
  spec.curve = "prime256v1";
  spec.serial = 0x61;
  spec.vds_nc = true;
  spec.document_types = {"NV"};
  const synth::TestCertificate signer = fixture().pki.issue_signer(spec);
  const std::string data =
      R"({"hdr":{"t":"icao.vacc","v":1,"is":"UTO"},"msg":{"uvci":"U1","pid":{"n":"Smith Bill","dob":"1990-01-02"},"ve":[{"des":"XM68M6","nam":"C","dis":"RA01.0","vd":[{"dvc":"2021-04-01","seq":1,"ctr":"UTO","adm":"X","lot":"V"}]}]}})";
  const std::string canonical = seal::canonical_json(seal::parse_json(data));
  const auto rs = synth::sign_plain_ecdsa(signer.key.get(), reinterpret_cast<const std::uint8_t*>(canonical.data()),
                                          canonical.size(), "SHA256");
  const std::string text =
      R"({"data":)" + data + R"(,"sig":{"alg":"ES256","cer":")" + seal::encode_base64url(signer.der) + R"(","sigvl":")" + seal::encode_base64url(rs) + R"("}})";
  const seal::SealOptions o = options();
  for (auto _ : state) {
    seal::SealResult r = seal::verify_seal(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), o);
    if (r.signature.status != CheckStatus::ok) state.SkipWithError("the VDS-NC did not verify");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_VerifyVdsNc)->Unit(benchmark::kMicrosecond);

// A sealed MRV-A visa page at 350 dpi: 1722 x 1212 pixels, 2.1 MP.
void BM_PageToVerifiedSeal(benchmark::State& state) {
  synth::PageRenderer renderer;
  synth::SpecimenOptions so;
  so.format = mrz::Format::mrva;
  so.seal = true;
  so.dpi = 350;
  so.today = kToday;
  const synth::Specimen s = synth::make_specimen(so, 0, renderer);
  crypto::TrustStore trust;
  synth::trust_specimen_pkis(trust, kToday);
  seal::SealOptions o;
  o.trust = &trust;
  o.mrz.today = kToday;
  for (auto _ : state) {
    const auto seals = seal::read_page_seals(s.page.image, o);
    if (seals.empty() || seals[0].signature.status != CheckStatus::ok) state.SkipWithError("no verified seal");
    benchmark::DoNotOptimize(seals);
  }
  state.counters["megapixels"] = s.page.image.total() / 1e6;
}
BENCHMARK(BM_PageToVerifiedSeal)->Unit(benchmark::kMillisecond);

// The same page without a barcode: what looking costs `verify` on every document.
void BM_PageWithoutBarcode(benchmark::State& state) {
  synth::PageRenderer renderer;
  synth::SpecimenOptions so;
  so.format = mrz::Format::mrva;
  so.barcode_area = synth::FeatureChoice::off;
  so.dpi = 350;
  so.today = kToday;
  const synth::Specimen s = synth::make_specimen(so, 0, renderer);
  const seal::SealOptions o = options();
  for (auto _ : state) benchmark::DoNotOptimize(seal::read_page_seals(s.page.image, o));
  state.counters["megapixels"] = s.page.image.total() / 1e6;
}
BENCHMARK(BM_PageWithoutBarcode)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
