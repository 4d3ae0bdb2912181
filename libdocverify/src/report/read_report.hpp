#pragma once
// The image reader's result as JSON (docs/json-schema.md, "image" member) and as text: the
// MRZ report of the text engine plus what the image adds (found, confidence, quads,
// quality, timings, other documents in the frame).
#include <string>

#include "reader/mrz_image_reader.hpp"
#include "report/mrz_report.hpp"

namespace docverify::report {

std::string read_report_json(const reader::ImageReadResult& result, const ReportContext& context, const std::string& source);
std::string read_report_text(const reader::ImageReadResult& result, const ReportContext& context, const std::string& source);

}  // namespace docverify::report
