#pragma once
// One document image in, every authenticity check this build has out (spec:
// authenticity; docs/checks.md): the MRZ read and its logical checks (mrz/), the image
// quality gates, the MRZ's print geometry, the grey-copy test, and a NOT_DONE record for
// each catalogued check that did not run, so that nothing unchecked reads as a pass. The
// verdict is decided again over all of them.
#include <string>

#include <opencv2/core.hpp>

#include "checks/mrz_print.hpp"
#include "reader/mrz_image_reader.hpp"

namespace docverify::verify {

struct VerifyResult {
  // The read, with the image checks added to best.mrz.checks and best.mrz.verdict decided
  // over all of them. Not found: no checks and a not_done verdict.
  reader::ImageReadResult read;
  checks::MrzPrintMeasures print;
  double page_saturation = 0;  // NaN for grey images
};

class DocumentVerifier {
 public:
  explicit DocumentVerifier(reader::ReadOptions options = {});
  // `image`: CV_8UC1, CV_8UC3 (BGR) or CV_8UC4 (BGRA).
  VerifyResult verify(const cv::Mat& image);
  // Decoded within image::DecodeLimits; throw as image::decode_image does.
  VerifyResult verify_encoded(const unsigned char* data, std::size_t size);
  VerifyResult verify_file(const std::string& path);

 private:
  reader::MrzImageReader reader_;
};

}  // namespace docverify::verify
