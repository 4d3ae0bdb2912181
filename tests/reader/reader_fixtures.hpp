#pragma once
// Shared by the image reader tests: one page renderer per process (fonts load once), the
// reader options every test uses, generated pages and the comparison with ground truth.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include "reader/mrz_image_reader.hpp"
#include "synth/specimen.hpp"

namespace docverify::reader::testing {

inline synth::PageRenderer& renderer() {
  static synth::PageRenderer r;
  return r;
}

inline ReadOptions read_options(OcrEngine engine = OcrEngine::builtin_then_tesseract) {
  ReadOptions o;
  o.mrz.today = Date{2026, 12, 1};
  o.engine = engine;
  return o;
}

inline synth::Specimen specimen(mrz::Format format, synth::Capture capture, std::uint64_t seed, int index = 0) {
  synth::SpecimenOptions o;
  o.format = format;
  o.capture = capture;
  o.seed = seed;
  o.dpi = 300;
  return synth::make_specimen(o, index, renderer());
}

inline std::vector<std::string> lines_of(const MrzReadout& r) {
  std::vector<std::string> out;
  for (int i = 0; i < r.mrz.lines.count(); ++i) out.emplace_back(r.mrz.lines.line(i));
  return out;
}

inline std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// Read exactly: found, the best reading's lines equal the ground truth character for character.
inline bool read_exactly(const ImageReadResult& r, const std::vector<std::string>& truth) {
  return r.found && lines_of(r.best) == truth;
}

// Test names per format: "TD1", "FRA_ID".
inline std::string format_param_name(const ::testing::TestParamInfo<mrz::Format>& p) {
  return std::string(mrz::format_name(p.param));
}

// Smallest difference of two angles in degrees, 0..180.
inline int angle_between(int a, int b) {
  int d = ((a - b) % 360 + 360) % 360;
  return d > 180 ? 360 - d : d;
}

}  // namespace docverify::reader::testing
