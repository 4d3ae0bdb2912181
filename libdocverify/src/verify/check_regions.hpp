#pragma once
// Where on the page each check's evidence is (the regions of its record): a finding's own
// boxes when the check has them (tampered areas, visual-zone fields), else the part of the
// page it measured - the MRZ characters a logical check read, the MRZ for its print and
// infrared checks, the document for page-wide tests. Checks that did not run get none.
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"

namespace docverify::verify {

struct VerifyResult;

// Boxes of the MRZ characters `start`..`start + length` of 0-based `line`, from the MRZ
// quad (TL, TR, BR, BL; its top and bottom 0.55 pitch beyond the outer line centres, as the
// image reader gives it) and the format's lines and length.
CheckRegion mrz_span_region(const std::vector<cv::Point2f>& mrz_quad, int lines, int length, int line, int start, int count);

// Fills the regions of every record of `result.read.best.mrz.checks`.
void place_check_regions(VerifyResult& result);

CheckRegion region_of(const cv::Rect& r);

}  // namespace docverify::verify
