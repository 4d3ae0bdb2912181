#pragma once
// One document image in, every authenticity check this build has out (spec:
// authenticity; docs/checks.md): the MRZ read and its logical checks (mrz/), the image
// quality gates, the MRZ's print geometry, the grey-copy test, the kiosk's infrared and
// ultraviolet checks when those images are given, screen and copy detection, local
// tampering and the MRZ against the visual zone. A check that cannot run on this input is
// a NOT_DONE record saying why, so that nothing unchecked reads as a pass. The verdict is
// decided again over all of them.
#include <memory>
#include <string>

#include <opencv2/core.hpp>

#include "checks/inpaint.hpp"
#include "checks/mrz_glyphs.hpp"
#include "checks/mrz_position.hpp"
#include "checks/mrz_print.hpp"
#include "checks/presentation.hpp"
#include "checks/spectral.hpp"
#include "checks/tamper.hpp"
#include "checks/viz_consistency.hpp"
#include "ocr/viz_text_reader.hpp"
#include "reader/mrz_image_reader.hpp"
#include "report/visual_report.hpp"
#include "seal/seal_result.hpp"

namespace docverify::crypto {
class TrustStore;
}

namespace docverify::verify {

// The same page under a kiosk reader's other light sources, covering the visible image's
// field of view (any resolution); empty when not supplied.
struct CompanionImages {
  cv::Mat infrared;     // B900 band
  cv::Mat ultraviolet;  // 365 nm
};

struct VerifyResult {
  // The read, with the image checks added to best.mrz.checks and best.mrz.verdict decided
  // over all of them. Not found: no checks and a not_done verdict.
  reader::ImageReadResult read;
  checks::MrzPrintMeasures print;
  checks::MrzGlyphMeasures glyphs;
  checks::MrzPositionMeasures position;
  double page_saturation = 0;  // NaN for grey images
  checks::InfraredMeasures infrared;
  checks::UltravioletMeasures ultraviolet;
  checks::PresentationMeasures presentation;
  checks::TamperEvidence tamper;
  checks::InpaintEvidence inpaint;
  checks::VizComparison viz;
  double viz_ms = 0;  // reading the visual zone (Tesseract), the costliest check
  cv::Size frame_size;  // of the verified image; the check regions are in its pixels
  // The barcodes on the page, each verified as a seal (VerifyOptions::seals); the checks of
  // the seals are also among best.mrz.checks.
  std::vector<seal::SealResult> seals;
  // For the HTML and annotated reports: the heat maps always, the page and its companions
  // when VerifyOptions::keep_page.
  report::PageEvidence evidence;
};

// Companion image files decoded as the page is (empty path: none).
CompanionImages load_companions(const std::string& infrared_path, const std::string& ultraviolet_path);
// NAME_ir.EXT and NAME_uv.EXT beside the page image NAME.EXT (as the generator's kiosk
// capture writes them), each when it exists.
CompanionImages companions_beside(const std::string& image_path);

struct VerifyOptions {
  // Read the visual zone with Tesseract and compare it with the MRZ: the costliest check
  // (about a second a page); off, its records are NOT_DONE.
  bool visual_zone = true;
  // Keep a copy of the page (at most report::kEvidenceMaxSide pixels) and its infrared and
  // ultraviolet frames in the result, for the HTML and annotated-PNG reports.
  bool keep_page = false;
  // Find the page's barcodes and verify their seals against `trust` (none: signatures are
  // not_done); their checks join the verdict.
  bool seals = true;
  std::shared_ptr<const crypto::TrustStore> trust = nullptr;
  bool strict_seals = false;
};

class DocumentVerifier {
 public:
  explicit DocumentVerifier(reader::ReadOptions options = {}, VerifyOptions verify = {});
  // `image`: CV_8UC1, CV_8UC3 (BGR) or CV_8UC4 (BGRA).
  VerifyResult verify(const cv::Mat& image, const CompanionImages& companions = {});
  // Decoded within image::DecodeLimits; throw as image::decode_image does.
  VerifyResult verify_encoded(const unsigned char* data, std::size_t size, const CompanionImages& companions = {});
  VerifyResult verify_file(const std::string& path, const CompanionImages& companions = {});

 private:
  reader::MrzImageReader reader_;
  VerifyOptions options_;
  std::unique_ptr<ocr::VizTextReader> viz_reader_;  // made on first use (Tesseract's start-up)
};

}  // namespace docverify::verify
