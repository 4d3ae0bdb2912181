#pragma once
// Finds MRZ candidates in a full frame: any position, any in-plane rotation, perspective,
// several documents. Rotation-free steps (black-hat, square closings, rotated rectangles)
// give text blocks at a few scales; inside each, connected components are grouped into
// rows of evenly pitched characters, and 2 or 3 rows of equal length, start and spacing
// make an MRZ candidate. Which way up is decided later, by the recogniser.
#include <vector>

#include <opencv2/core.hpp>

namespace docverify::image {

struct MrzRow {
  cv::Point2f left, right;  // ends of the row's centre line (left/right ink edges), image pixels
  double char_height = 0;   // median character height, image pixels
  int components = 0;
};

struct MrzCandidate {
  std::vector<MrzRow> rows;  // top to bottom as seen along the candidate's direction
  int chars_per_row = 0;     // 30, 36 or 44 (estimated from length and pitch)
  int alternative_chars_per_row = 0; // a second guess when the estimate is borderline, else 0
  double pitch = 0;          // image pixels along the row
  double score = 0;          // higher is more MRZ-like (regularity of the rows)
  std::vector<cv::Point2f> quad() const;  // TL, TR, BR, BL of the rows' ink box
  // The same rows stretched to `chars` characters at the measured pitch, keeping the left
  // (or right) ends: for rows that glare or wear cut short.
  MrzCandidate extended(int chars, bool keep_left) const;
  // One more row at the rows' spacing above (or below) them: for a TD1 whose third line
  // glare, a signature or wear kept from being found.
  MrzCandidate with_row_added(bool above) const;
};

struct LocatorLimits {
  double min_char_height = 7;  // pixels in the input frame
  int max_candidates = 6;
};

// `gray`: CV_8U. Candidates best first; empty when nothing looks like an MRZ.
std::vector<MrzCandidate> locate_mrz(const cv::Mat& gray, const LocatorLimits& limits = {});

}  // namespace docverify::image
