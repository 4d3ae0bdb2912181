#pragma once
// The MRZ against the visual zone (spec: authenticity §3): the visual zone read with
// Tesseract and each MRZ value looked for in it - names after transliteration, the
// document number allowing only OCR confusions, dates in the forms passports print
// (2010-10-27, 27.10.2010, 27 10 10, 27 OCT/OCT 2010, ...). A value the MRZ has and a
// well-read visual zone lacks is what an edited visual zone (or a retyped MRZ) leaves.
// A value not found is NOT_DONE (OCR misses values on genuine pages); a name whose own
// value (the line after its label) reads confidently as something else is a WARNING.
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "checks/check.hpp"
#include "mrz/mrz_result.hpp"
#include "ocr/viz_text_reader.hpp"

namespace docverify::checks {

// The document above the MRZ, upright at `px_per_mm`, mapped through the MRZ's quad and
// the format's page geometry (ICAO 9303-3 positions), so a turned or tilted photo comes out
// straight. Empty when the quad is unusable.
struct VisualZone {
  cv::Mat image;     // CV_8UC1
  cv::Mat to_frame;  // 3x3 homography, zone pixels -> frame pixels
};
VisualZone visual_zone(const cv::Mat& gray, const std::vector<cv::Point2f>& mrz_quad, mrz::Format format, int line_length,
                       double px_per_mm = 12.0);

// absent: not found anywhere; mismatch: the zone's own value (the line after its label)
// read confidently and not a spelling of the MRZ's.
enum class VizMatch : std::uint8_t { not_compared, found, found_with_confusions, absent, mismatch };

struct VizField {
  std::string_view field;  // "document_number", "surname", "given_names", "birth_date", "expiry_date"
  VizMatch match = VizMatch::not_compared;
  std::string mrz_value;
  std::string viz_value;   // the text that matched, as read
  cv::Rect box;            // where, in frame pixels (empty when absent)
};

struct VizComparison {
  bool tesseract = false;  // the OCR engine was there
  int words = 0;           // words the zone gave
  int unreadable_words = 0;  // words of three letters or more read with confidence under 0.5
  std::vector<VizField> fields;
  int found() const noexcept;
  int compared() const noexcept;
};

// Compares the words read from `zone` with the MRZ's fields.
VizComparison compare_viz(const std::vector<ocr::VizWord>& words, const VisualZone& zone, const mrz::MrzResult& mrz);

// One record per field compared (text.viz.mrz.<field>) and text.viz.mrz_consistency over them.
std::vector<CheckRecord> viz_checks(const VizComparison& c);

}  // namespace docverify::checks
