#pragma once
// An issuer's colours and emblem, derived from the issuing state code and the corpus seed:
// every page of one issuer in a corpus carries the same emblem and tint, as real issues do,
// while another seed redraws them so a reader does not learn one issuer's look.
#include <cstdint>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

namespace docverify::synth {

enum class EmblemShape { shield, star_ring, wreath, sunburst };
std::string_view emblem_shape_name(EmblemShape shape) noexcept;

struct IssuerDesign {
  EmblemShape shape = EmblemShape::shield;
  cv::Scalar primary, secondary, metal;  // BGR: two heraldic colours and a metal (gold, silver)
  cv::Scalar tint;                       // background printing ink of the issuer's pages
  cv::Scalar paper_tint;                 // the light tone the issuer's paper takes
  int points = 5;                        // star points, wreath leaves per side or sun rays
  int count = 12;                        // stars in the ring
  int division = 0;                      // shield: plain, per pale, per fess, per bend
  int charge = 0;                        // shield: star, roundel, cross, chevron
  std::uint64_t key = 0;                 // the hash the design was drawn from
};

IssuerDesign issuer_design(std::string_view issuing_state, std::uint64_t corpus_seed);

// Draws the emblem to fill `box` (square is best). Only primitives: polygons, ellipses, lines.
void draw_emblem(cv::Mat& image, const cv::Rect& box, const IssuerDesign& design);

// "#RRGGBB" of a BGR colour, for the ground truth.
std::string hex_colour(const cv::Scalar& bgr);

}  // namespace docverify::synth
