#pragma once
// The OCR-B MRZ character classifier: a small multilayer perceptron trained by
// training/ocrb (from the OCR-B font, with augmentation) and compiled into the library.
// It turns one cell (ocr/cell.hpp) into the 37 MRZ characters' probabilities.
#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

#include "mrz/mrz_result.hpp"
#include "ocr/cell.hpp"

namespace docverify::ocr {

// The alphabet in output order.
inline constexpr char kMrzAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
inline constexpr int kClasses = 37;

// Dense layers with ReLU between them and softmax at the end.
struct MlpLayer {
  int inputs = 0, outputs = 0;
  std::vector<float> weights;  // outputs x inputs, row-major
  std::vector<float> bias;     // outputs
};

struct MlpModel {
  std::vector<MlpLayer> layers;
  std::string recipe;  // how it was trained (free text, kept with the weights)
};

// Model file: "DVOCRMLP" magic, uint32 version 1, uint32 layer count, then per layer
// uint32 inputs, uint32 outputs, float32 weights, float32 bias (little endian), then
// uint32 recipe length and the recipe text. Throws InputError on a malformed file.
MlpModel parse_mlp_model(const unsigned char* data, std::size_t size);
std::vector<unsigned char> serialize_mlp_model(const MlpModel& model);

// Forward pass; `probabilities` receives kClasses values summing to 1.
void mlp_forward(const MlpModel& model, const float* input, float* probabilities);

// The `top_k` likeliest characters of a probability vector; with `allowed` (a CharClass
// mask) only characters that class admits, their probabilities renormalised among them.
mrz::CharReading top_characters(const float* probabilities, int top_k, std::uint8_t allowed = 0);

class CharClassifier {
 public:
  // The model compiled into the library.
  static const CharClassifier& builtin();
  explicit CharClassifier(MlpModel model);

  // Probabilities of the kClasses characters (kMrzAlphabet order).
  void probabilities(const CellFeatures& cell, float* out) const;
  // Probabilities for many cells at once (rows of `cells`, CV_32F, kCellFeatures wide):
  // one matrix product per layer instead of one per cell.
  cv::Mat probabilities_batch(const cv::Mat& cells) const;
  // Best `top_k` characters, most likely first.
  mrz::CharReading classify(const CellFeatures& cell, int top_k = 4) const;
  const MlpModel& model() const noexcept { return model_; }

 private:
  MlpModel model_;
};

}  // namespace docverify::ocr
