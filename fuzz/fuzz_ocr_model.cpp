// libFuzzer target: an OCR model file (ocr/classifier.hpp format) through the parser.
// Either an InputError, or a model whose layers chain from the cell to the 37 classes, that
// runs a forward pass and serialises back to exactly the bytes it came from (the format
// has no slack: the parser rejects trailing bytes and non-finite weights).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "errors/input_error.hpp"
#include "ocr/classifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace docverify;
  ocr::MlpModel model;
  try {
    model = ocr::parse_mlp_model(data, size);
  } catch (const InputError&) {
    return 0;
  }
  if (model.layers.empty() || model.layers.front().inputs != ocr::kCellFeatures || model.layers.back().outputs != ocr::kClasses)
    __builtin_trap();
  std::vector<float> input(ocr::kCellFeatures, 0.5F);
  float p[ocr::kClasses];
  ocr::mlp_forward(model, input.data(), p);
  const std::vector<unsigned char> again = ocr::serialize_mlp_model(model);
  if (again.size() != size || std::memcmp(again.data(), data, size) != 0) __builtin_trap();
  return 0;
}
