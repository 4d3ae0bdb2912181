// Seals on generated pages, through the image path: the generator prints a VDS signed by
// its test PKI, the page is captured as a scan, a kiosk image or a phone photo, and
// read_page_seals must find it, decode it byte-exact and verify it; a forged page keeps
// the genuine seal, and the verifier's seal.mrz_match catches the printed change.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "crypto/trust_store.hpp"
#include "seal/page_seals.hpp"
#include "synth/document_seal.hpp"
#include "synth/specimen.hpp"
#include "verify/document_verifier.hpp"

namespace docverify::seal {
namespace {

const Date kToday{2026, 12, 1};

synth::PageRenderer& renderer() {
  static synth::PageRenderer r;
  return r;
}

const crypto::TrustStore& trust() {
  static const crypto::TrustStore store = [] {
    crypto::TrustStore s;
    synth::trust_specimen_pkis(s, kToday);
    return s;
  }();
  return store;
}

synth::SpecimenOptions sealed(mrz::Format f, synth::Capture c, synth::Forgery forgery = synth::Forgery::none) {
  synth::SpecimenOptions o;
  o.format = f;
  o.capture = c;
  o.seal = true;
  o.today = kToday;
  o.seed = 21;
  o.forgery = forgery;
  return o;
}

cv::Mat image_of(const synth::Specimen& s) {
  return s.has_photo ? cv::imdecode(s.photo.jpeg, cv::IMREAD_COLOR) : s.page.image;
}

SealOptions options() {
  SealOptions o;
  o.trust = &trust();
  o.mrz.today = kToday;
  return o;
}

struct Case {
  mrz::Format format;
  synth::Capture capture;
};

class SealOnPage : public ::testing::TestWithParam<Case> {};

TEST_P(SealOnPage, FoundDecodedByteExactAndVerified) {
  const Case c = GetParam();
  int found = 0;
  const int n = 3;
  for (int i = 0; i < n; ++i) {
    const synth::Specimen s = synth::make_specimen(sealed(c.format, c.capture), i, renderer());
    ASSERT_FALSE(s.seal_payload.empty());
    const std::vector<SealResult> seals = read_page_seals(image_of(s), options());
    for (const auto& r : seals) {
      if (r.payload != s.seal_payload) continue;
      ++found;
      EXPECT_EQ(r.signature.status, CheckStatus::ok) << s.name << ": " << r.signature.message;
      EXPECT_EQ(r.verdict.status, VerdictStatus::ok) << s.name;
      EXPECT_TRUE(r.position.on_image);
      EXPECT_EQ(r.position.symbology, "data_matrix");
    }
  }
  // Scans and kiosk images must always read; a phone photo may lose one of three.
  EXPECT_GE(found, c.capture == synth::Capture::phone ? n - 1 : n);
}

INSTANTIATE_TEST_SUITE_P(Captures, SealOnPage,
                         ::testing::Values(Case{mrz::Format::mrva, synth::Capture::scan}, Case{mrz::Format::mrvb, synth::Capture::scan},
                                           Case{mrz::Format::td2, synth::Capture::scan}, Case{mrz::Format::mrva, synth::Capture::kiosk},
                                           Case{mrz::Format::mrva, synth::Capture::phone}, Case{mrz::Format::td2, synth::Capture::phone}));

TEST(SealOnPage, GeneratorRefusesFormatsWithoutAProfile) {
  EXPECT_THROW(synth::check_options(sealed(mrz::Format::td3, synth::Capture::scan)), InputError);
  EXPECT_NO_THROW(synth::check_options(sealed(mrz::Format::td2, synth::Capture::scan)));
}

TEST(SealOnPage, ForgedPrintedMrzIsCaughtByTheSignedOne) {
  reader::ReadOptions ro;
  ro.mrz.today = kToday;
  ro.mrz.profile = Profile::trainer;
  verify::VerifyOptions vo;
  vo.visual_zone = false;
  vo.trust = std::make_shared<const crypto::TrustStore>(trust());
  verify::DocumentVerifier verifier(ro, vo);
  for (synth::Forgery f : {synth::Forgery::none, synth::Forgery::mrz_recomputed}) {
    const synth::Specimen s = synth::make_specimen(sealed(mrz::Format::mrva, synth::Capture::scan, f), 0, renderer());
    const verify::VerifyResult r = verifier.verify(s.page.image);
    ASSERT_TRUE(r.read.found) << s.name;
    ASSERT_FALSE(r.seals.empty()) << s.name;
    const CheckRecord* match = nullptr;
    for (const auto& c : r.read.best.mrz.checks)
      if (c.id == "seal.mrz_match") match = &c;
    ASSERT_NE(match, nullptr) << s.name;
    if (f == synth::Forgery::none) {
      EXPECT_EQ(match->status, CheckStatus::ok) << match->message.view();
    } else {
      EXPECT_EQ(match->status, CheckStatus::error) << match->message.view();
      EXPECT_EQ(r.read.best.mrz.verdict.status, VerdictStatus::error);
      EXPECT_FALSE(match->regions.empty());  // boxed on the barcode
    }
  }
}

}  // namespace
}  // namespace docverify::seal
