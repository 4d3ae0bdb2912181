#pragma once
// Gaussian sensor/toner noise drawn from OpenCV's generator seeded by ours: deterministic,
// and fast on whole images (one fill, not a call per pixel).
#include <opencv2/core.hpp>

#include "synth/random.hpp"

namespace docverify::synth {

inline void add_gaussian_noise(cv::Mat& image, double sd, Random& rng) {
  cv::RNG noise_rng(rng.next());
  const int type = CV_MAKETYPE(CV_16S, image.channels());
  cv::Mat noise(image.size(), type);
  noise_rng.fill(noise, cv::RNG::NORMAL, 0.0, sd);
  cv::Mat wide;
  image.convertTo(wide, type);
  wide += noise;
  wide.convertTo(image, image.type());
}

}  // namespace docverify::synth
