#pragma once
// Capture simulation: a data page as a phone camera sees it (perspective, any rotation,
// clutter, uneven light, glare, blur, noise, JPEG), and "no document" scenes.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "synth/random.hpp"

namespace docverify::synth {

// The corners (TL, TR, BR, BL) of a page rectangle as the homography `h` maps them.
std::vector<cv::Point2d> map_box(const cv::Matx33d& h, const cv::Rect& box);

struct PhotoCapture {
  cv::Mat image;                          // BGR
  std::vector<unsigned char> jpeg;        // the image as the phone stored it
  std::vector<cv::Point2d> document_quad; // page corners in the photo (TL, TR, BR, BL of the page)
  std::vector<cv::Point2d> mrz_quad;      // the MRZ box's corners in the photo
  cv::Matx33d page_to_photo = cv::Matx33d::eye();  // homography from page to photo pixels
  // Parameters drawn, for the ground truth.
  double rotation_deg = 0, tilt_deg = 0, blur_sigma = 0, motion_px = 0, noise_sd = 0, mrz_char_px = 0;
  int jpeg_quality = 90;
  bool glare = false;
};

// `page` is the flat data page, `mrz_box` its MRZ in page pixels, `cap_px` the MRZ
// character height on the page. The photo keeps MRZ characters at least ~14 px high.
PhotoCapture capture_phone(const cv::Mat& page, const cv::Rect& mrz_box, double cap_px, Random& rng);

// A cluttered scene with no document in it (negatives for the locator).
PhotoCapture capture_no_document(Random& rng);

}  // namespace docverify::synth
