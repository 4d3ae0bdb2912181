// The classifier compiled into the library; its bytes come from models/ocrb_mlp.bin
// (generated source, see cmake/EmbedFile.cmake). Kept apart from classifier.cpp so the
// trainer can link the engine before any model exists.
#include "ocr/classifier.hpp"

namespace docverify::ocr {

extern const unsigned char kBuiltinOcrbModel[];
extern const std::size_t kBuiltinOcrbModelSize;

const CharClassifier& CharClassifier::builtin() {
  static const CharClassifier classifier(parse_mlp_model(kBuiltinOcrbModel, kBuiltinOcrbModelSize));
  return classifier;
}

}  // namespace docverify::ocr
