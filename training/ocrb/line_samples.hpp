#pragma once
// Training and test samples for the OCR-B classifier: MRZ-like lines rendered from the
// OCR-B fonts at many scales, degraded as prints, scans and photos degrade them, rectified
// to the canonical scale with the errors a real rectifier makes, and cut into cells by the
// library's own ocr::extract_cell.
#include <cstdint>
#include <string>
#include <vector>

#include "ocr/cell.hpp"
#include "synth/fonts.hpp"
#include "synth/random.hpp"

namespace docverify::training {

struct Sample {
  ocr::CellFeatures cell;
  int label = 0;  // index into ocr::kMrzAlphabet
};

class LineSampler {
 public:
  // `font_files`: OCR-B digitisations to draw from (Regular, Sharp, ...).
  explicit LineSampler(const std::vector<std::string>& font_files);
  // Appends the cells of one random line to `out`.
  void add_line(synth::Random& rng, std::vector<Sample>& out);

 private:
  std::vector<std::unique_ptr<synth::Font>> fonts_;
};

}  // namespace docverify::training
