#pragma once
// Kiosk light sources (spec: authenticity §6, ICAO 9303-2 App. B): the MRZ must stay dark in
// infrared (B900: carbon ink) while coloured background print drops out, and the paper
// must stay dull under ultraviolet light (no optical brightener). The companion images come
// from the same reader as the visible one and cover the same field of view.
#include <limits>
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"
#include "mrz/mrz_text.hpp"

namespace docverify::checks {

// A companion image as a grey (IR) or BGR (UV) image of the visible frame's size: resized
// when only the resolution differs; empty when the field of view cannot be the same
// (aspect ratios more than 2 % apart).
cv::Mat registered_companion(const cv::Mat& companion, cv::Size frame, bool colour);

struct InfraredMeasures {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Diagnose not_done = Diagnose::required_image_missing;  // none when measured
  // Print contrast signal of each MRZ character, PCS = 1 - R_ink / R_background (ISO 1831,
  // 9303-3 asks >= 0.6 in B900).
  double median_pcs = nan, min_pcs = nan;
  int weak_characters = 0, characters = 0;  // weak: under 0.3, next to no ink
  // The page's fine structure outside the MRZ that is still there in infrared, as a share
  // of what visible light shows (coloured background print should vanish).
  double background_retention = nan;
};

// `visible_gray`: the frame the MRZ was read from; `infrared`: as given (any of 8UC1/3/4).
InfraredMeasures measure_infrared(const cv::Mat& visible_gray, const cv::Mat& infrared, const std::vector<cv::Point2f>& mrz_quad,
                                  const std::vector<cv::Point2f>& document_quad, const mrz::MrzLines& lines);

// security.ir.b900 (critical at the kiosk) and security.ir.visibility (warning only: some
// designs print parts of the background in IR-visible ink on purpose).
std::vector<CheckRecord> infrared_checks(const InfraredMeasures& m);

struct UltravioletMeasures {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Diagnose not_done = Diagnose::required_image_missing;
  double blank_luminance = nan;  // median grey (0-255) of the document's paper
  double blank_blue = nan;       // median B / (R + G + B) there: optical brighteners glow blue-white
  double mrz_luminance = nan;    // the same in the MRZ's clear band
  double feature_share = nan;    // share of the page glowing far above the paper (fibres, inks)
};

UltravioletMeasures measure_ultraviolet(const cv::Mat& visible, const cv::Mat& ultraviolet, const std::vector<cv::Point2f>& mrz_quad,
                                        const std::vector<cv::Point2f>& document_quad);

// security.uv.dull (critical at the kiosk) and security.uv.features (no template: at most a
// warning when nothing fluoresces).
std::vector<CheckRecord> ultraviolet_checks(const UltravioletMeasures& m);

}  // namespace docverify::checks
