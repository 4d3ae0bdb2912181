#pragma once
// One document image in, every authenticity check this build has out (spec:
// authenticity; docs/checks.md): the MRZ read and its logical checks (mrz/), the image
// quality gates, the MRZ's print geometry, the grey-copy test, the kiosk's infrared and
// ultraviolet checks when those images are given, and a NOT_DONE record for
// each catalogued check that did not run, so that nothing unchecked reads as a pass. The
// verdict is decided again over all of them.
#include <string>

#include <opencv2/core.hpp>

#include "checks/mrz_print.hpp"
#include "checks/spectral.hpp"
#include "reader/mrz_image_reader.hpp"

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
  double page_saturation = 0;  // NaN for grey images
  checks::InfraredMeasures infrared;
  checks::UltravioletMeasures ultraviolet;
};

// Companion image files decoded as the page is (empty path: none).
CompanionImages load_companions(const std::string& infrared_path, const std::string& ultraviolet_path);

class DocumentVerifier {
 public:
  explicit DocumentVerifier(reader::ReadOptions options = {});
  // `image`: CV_8UC1, CV_8UC3 (BGR) or CV_8UC4 (BGRA).
  VerifyResult verify(const cv::Mat& image, const CompanionImages& companions = {});
  // Decoded within image::DecodeLimits; throw as image::decode_image does.
  VerifyResult verify_encoded(const unsigned char* data, std::size_t size, const CompanionImages& companions = {});
  VerifyResult verify_file(const std::string& path, const CompanionImages& companions = {});

 private:
  reader::MrzImageReader reader_;
};

}  // namespace docverify::verify
