#pragma once
// Finds MRZ candidates in a full frame: any position, any in-plane rotation, perspective,
// several documents. Rotation-free steps (black-hat, square closings, rotated rectangles)
// give text blocks at a few scales; inside each, connected components are grouped into
// rows of evenly pitched characters, and 2 or 3 rows of equal length, start and spacing
// make an MRZ candidate. Which way up is decided later, by the recogniser.
#include <memory>
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

// The search in steps, cheapest first, so that a reader can stop once it has read an MRZ:
// the frame's line blocks (heaviest first); then, while nothing was read, page-sized
// regions (an MRZ the closings joined to its page) and the same again with the frame
// turned an eighth of a turn.
class MrzSearch {
 public:
  // `gray`: CV_8U, kept by reference (it must outlive the search).
  explicit MrzSearch(const cv::Mat& gray, LocatorLimits limits = {});
  ~MrzSearch();
  MrzSearch(const MrzSearch&) = delete;
  MrzSearch& operator=(const MrzSearch&) = delete;
  // The next candidate, in frame pixels; false when the search is over.
  bool next(MrzCandidate& out);
  // An MRZ was read from `c`: blocks around it are not searched again, and neither are
  // the fallbacks.
  void found_mrz(const MrzCandidate& c);

 private:
  struct Pass;
  bool start_pass();
  const cv::Mat& gray_;
  LocatorLimits limits_;
  std::vector<std::unique_ptr<Pass>> passes_;
  std::vector<MrzCandidate> accepted_;
  int yielded_ = 0;
};

// Every candidate a search with no reader gives, best first; empty when nothing looks
// like an MRZ.
std::vector<MrzCandidate> locate_mrz(const cv::Mat& gray, const LocatorLimits& limits = {});

}  // namespace docverify::image
