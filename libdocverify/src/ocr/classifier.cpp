#include "ocr/classifier.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "errors/input_error.hpp"
#include "mrz/alphabet.hpp"

namespace docverify::ocr {

namespace {

constexpr char kMagic[8] = {'D', 'V', 'O', 'C', 'R', 'M', 'L', 'P'};
constexpr std::uint32_t kMaxLayerWidth = 4096;

struct Reader {
  const unsigned char* data;
  std::size_t size;
  std::size_t at = 0;
  void need(std::size_t n) const {
    if (size - at < n) throw InputError("OCR model file is truncated at byte " + std::to_string(at));
  }
  std::uint32_t u32() {
    need(4);
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | data[at + static_cast<std::size_t>(i)];
    at += 4;
    return v;
  }
  void floats(std::vector<float>& out, std::size_t n) {
    need(n * 4);
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t bits = u32();
      float f;
      std::memcpy(&f, &bits, 4);
      if (!std::isfinite(f)) throw InputError("OCR model file holds a non-finite weight");
      out[i] = f;
    }
  }
};

void put_u32(std::vector<unsigned char>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

}  // namespace

MlpModel parse_mlp_model(const unsigned char* data, std::size_t size) {
  Reader r{data, size};
  r.need(sizeof kMagic);
  if (std::memcmp(data, kMagic, sizeof kMagic) != 0) throw InputError("not a docverify OCR model file");
  r.at = sizeof kMagic;
  if (const auto version = r.u32(); version != 1) throw InputError("OCR model version " + std::to_string(version) + " is not known");
  const std::uint32_t count = r.u32();
  if (count == 0 || count > 8) throw InputError("OCR model has " + std::to_string(count) + " layers");
  MlpModel m;
  int previous = kCellFeatures;
  for (std::uint32_t i = 0; i < count; ++i) {
    MlpLayer layer;
    const std::uint32_t in = r.u32(), out = r.u32();
    if (in == 0 || out == 0 || in > kMaxLayerWidth || out > kMaxLayerWidth || static_cast<int>(in) != previous)
      throw InputError("OCR model layer " + std::to_string(i) + " has a wrong shape");
    layer.inputs = static_cast<int>(in);
    layer.outputs = static_cast<int>(out);
    r.floats(layer.weights, std::size_t{in} * out);
    r.floats(layer.bias, out);
    previous = layer.outputs;
    m.layers.push_back(std::move(layer));
  }
  if (previous != kClasses) throw InputError("OCR model does not end in " + std::to_string(kClasses) + " classes");
  const std::uint32_t recipe_len = r.u32();
  r.need(recipe_len);
  m.recipe.assign(reinterpret_cast<const char*>(data + r.at), recipe_len);
  r.at += recipe_len;
  if (r.at != size) throw InputError("OCR model file has trailing bytes");
  return m;
}

std::vector<unsigned char> serialize_mlp_model(const MlpModel& model) {
  std::vector<unsigned char> out(kMagic, kMagic + sizeof kMagic);
  put_u32(out, 1);
  put_u32(out, static_cast<std::uint32_t>(model.layers.size()));
  auto put_floats = [&](const std::vector<float>& v) {
    for (float f : v) {
      std::uint32_t bits;
      std::memcpy(&bits, &f, 4);
      put_u32(out, bits);
    }
  };
  for (const auto& l : model.layers) {
    put_u32(out, static_cast<std::uint32_t>(l.inputs));
    put_u32(out, static_cast<std::uint32_t>(l.outputs));
    put_floats(l.weights);
    put_floats(l.bias);
  }
  put_u32(out, static_cast<std::uint32_t>(model.recipe.size()));
  out.insert(out.end(), model.recipe.begin(), model.recipe.end());
  return out;
}

void mlp_forward(const MlpModel& model, const float* input, float* probabilities) {
  // Two ping-pong buffers sized for the widest layer; no allocation per call.
  thread_local std::vector<float> a, b;
  const float* x = input;
  for (std::size_t li = 0; li < model.layers.size(); ++li) {
    const MlpLayer& l = model.layers[li];
    const bool last = li + 1 == model.layers.size();
    std::vector<float>& y = (li % 2 == 0) ? a : b;
    y.resize(static_cast<std::size_t>(l.outputs));
    for (int o = 0; o < l.outputs; ++o) {
      const float* w = l.weights.data() + static_cast<std::size_t>(o) * static_cast<std::size_t>(l.inputs);
      float s = l.bias[static_cast<std::size_t>(o)];
      for (int i = 0; i < l.inputs; ++i) s += w[i] * x[i];
      y[static_cast<std::size_t>(o)] = last ? s : std::max(0.0F, s);
    }
    x = y.data();
  }
  const float top = *std::max_element(x, x + kClasses);
  float sum = 0;
  for (int c = 0; c < kClasses; ++c) sum += probabilities[c] = std::exp(x[c] - top);
  for (int c = 0; c < kClasses; ++c) probabilities[c] /= sum;
}

CharClassifier::CharClassifier(MlpModel model) : model_(std::move(model)) {
  if (model_.layers.empty() || model_.layers.front().inputs != kCellFeatures || model_.layers.back().outputs != kClasses)
    throw InputError("OCR model does not fit the MRZ cell and alphabet");
}

void CharClassifier::probabilities(const CellFeatures& cell, float* out) const { mlp_forward(model_, cell.data(), out); }

cv::Mat CharClassifier::probabilities_batch(const cv::Mat& cells) const {
  CV_Assert(cells.type() == CV_32F && cells.cols == kCellFeatures);
  cv::Mat x = cells;
  for (std::size_t li = 0; li < model_.layers.size(); ++li) {
    const MlpLayer& l = model_.layers[li];
    const cv::Mat w(l.outputs, l.inputs, CV_32F, const_cast<float*>(l.weights.data()));
    cv::Mat y;
    cv::gemm(x, w, 1.0, cv::noArray(), 0.0, y, cv::GEMM_2_T);
    for (int r = 0; r < y.rows; ++r) {
      float* row = y.ptr<float>(r);
      for (int o = 0; o < l.outputs; ++o) {
        const float v = row[o] + l.bias[static_cast<std::size_t>(o)];
        row[o] = (li + 1 == model_.layers.size()) ? v : std::max(0.0F, v);
      }
    }
    x = y;
  }
  for (int r = 0; r < x.rows; ++r) {
    float* row = x.ptr<float>(r);
    const float top = *std::max_element(row, row + kClasses);
    float sum = 0;
    for (int c = 0; c < kClasses; ++c) sum += row[c] = std::exp(row[c] - top);
    for (int c = 0; c < kClasses; ++c) row[c] /= sum;
  }
  return x;
}

mrz::CharReading CharClassifier::classify(const CellFeatures& cell, int top_k) const {
  float p[kClasses];
  mlp_forward(model_, cell.data(), p);
  return top_characters(p, top_k);
}

mrz::CharReading top_characters(const float* probabilities, int top_k, std::uint8_t allowed) {
  float p[kClasses];
  float sum = 0;
  for (int c = 0; c < kClasses; ++c) {
    p[c] = (allowed == 0 || mrz::class_admits(allowed, kMrzAlphabet[c])) ? probabilities[c] : 0.0F;
    sum += p[c];
  }
  if (sum <= 0) {  // the class admits nothing the classifier sees: keep the raw reading
    std::copy(probabilities, probabilities + kClasses, p);
    sum = 1;
  }
  int order[kClasses];
  for (int c = 0; c < kClasses; ++c) order[c] = c;
  const int k = std::clamp(top_k, 1, kClasses);
  std::partial_sort(order, order + k, order + kClasses, [&](int l, int r) { return p[l] > p[r]; });
  mrz::CharReading reading;
  reading.candidates.reserve(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i)
    if (p[order[i]] > 0 || i == 0) reading.candidates.push_back({kMrzAlphabet[order[i]], p[order[i]] / sum});
  return reading;
}

}  // namespace docverify::ocr
