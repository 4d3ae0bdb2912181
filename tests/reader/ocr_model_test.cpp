// The OCR-B classifier's model file: the builtin model survives serialise -> parse bit
// for bit, and every malformed file (truncated anywhere, wrong magic or version, wrong
// layer shapes, non-finite weights, trailing bytes) is an InputError, never a crash or a
// model that half loads.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "errors/input_error.hpp"
#include "ocr/classifier.hpp"

namespace docverify::ocr {
namespace {

using Bytes = std::vector<unsigned char>;

const Bytes& builtin_bytes() {
  static const Bytes b = serialize_mlp_model(CharClassifier::builtin().model());
  return b;
}

MlpModel parse(const Bytes& b) { return parse_mlp_model(b.data(), b.size()); }

void set_u32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<unsigned char>(v >> (8 * i));
}
void set_float(Bytes& b, std::size_t at, float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, 4);
  set_u32(b, at, bits);
}

// Offsets in the file format (classifier.hpp): magic 8, version 4, count 4, then layers.
constexpr std::size_t kVersionAt = 8, kCountAt = 12, kFirstLayerAt = 16;

std::vector<float> some_input(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0F, 1.0F);
  std::vector<float> x(kCellFeatures);
  for (auto& v : x) v = u(rng);
  return x;
}

TEST(OcrModel, BuiltinIsWellFormed) {
  const MlpModel& m = CharClassifier::builtin().model();
  ASSERT_FALSE(m.layers.empty());
  EXPECT_EQ(m.layers.front().inputs, kCellFeatures);
  EXPECT_EQ(m.layers.back().outputs, kClasses);
  for (std::size_t i = 0; i < m.layers.size(); ++i) {
    const MlpLayer& l = m.layers[i];
    EXPECT_EQ(l.weights.size(), static_cast<std::size_t>(l.inputs) * static_cast<std::size_t>(l.outputs)) << i;
    EXPECT_EQ(l.bias.size(), static_cast<std::size_t>(l.outputs)) << i;
    if (i + 1 < m.layers.size()) {
      EXPECT_EQ(l.outputs, m.layers[i + 1].inputs) << i;
    }
  }
}

TEST(OcrModel, RoundTripGivesIdenticalModelAndOutputs) {
  const MlpModel& original = CharClassifier::builtin().model();
  const MlpModel parsed = parse(builtin_bytes());
  ASSERT_EQ(parsed.layers.size(), original.layers.size());
  for (std::size_t i = 0; i < parsed.layers.size(); ++i) {
    EXPECT_EQ(parsed.layers[i].inputs, original.layers[i].inputs);
    EXPECT_EQ(parsed.layers[i].outputs, original.layers[i].outputs);
    EXPECT_EQ(std::memcmp(parsed.layers[i].weights.data(), original.layers[i].weights.data(), parsed.layers[i].weights.size() * 4), 0);
    EXPECT_EQ(parsed.layers[i].bias, original.layers[i].bias);
  }
  EXPECT_EQ(parsed.recipe, original.recipe);
  EXPECT_EQ(serialize_mlp_model(parsed), builtin_bytes());
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const std::vector<float> x = some_input(seed);
    float a[kClasses], b[kClasses];
    mlp_forward(original, x.data(), a);
    mlp_forward(parsed, x.data(), b);
    EXPECT_EQ(std::memcmp(a, b, sizeof a), 0) << "seed " << seed;
    float sum = 0;
    for (float p : b) {
      EXPECT_TRUE(std::isfinite(p));
      EXPECT_GE(p, 0.0F);
      sum += p;
    }
    EXPECT_NEAR(sum, 1.0F, 1e-4F);
  }
  // A classifier made from the parsed model classifies like the builtin one.
  const CharClassifier again(parsed);
  CellFeatures cell{};
  const std::vector<float> x = some_input(9);
  std::copy(x.begin(), x.end(), cell.begin());
  EXPECT_EQ(again.classify(cell).candidates.front().ch, CharClassifier::builtin().classify(cell).candidates.front().ch);
}

TEST(OcrModel, TruncatedAnywhereIsInputError) {
  const Bytes& full = builtin_bytes();
  std::vector<std::size_t> cuts = {0, 1, 7, 8, 11, 12, 15, 16, 19, 20, 23, 24, 100, full.size() / 3, full.size() / 2, full.size() - 5,
                                   full.size() - 4, full.size() - 1};
  const std::size_t recipe = CharClassifier::builtin().model().recipe.size();
  if (recipe > 0) cuts.push_back(full.size() - recipe);  // the recipe length present, its text gone
  for (std::size_t n : cuts) {
    ASSERT_LT(n, full.size());
    const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_THROW(parse(cut), InputError) << "cut to " << n << " of " << full.size() << " bytes";
  }
  EXPECT_THROW(parse_mlp_model(nullptr, 0), InputError);
}

TEST(OcrModel, WrongMagicOrVersionIsInputError) {
  Bytes b = builtin_bytes();
  b[0] = 'X';
  EXPECT_THROW(parse(b), InputError);
  b = builtin_bytes();
  b[7] = 'Q';
  EXPECT_THROW(parse(b), InputError);
  for (std::uint32_t version : {0u, 2u, 0xFFFFFFFFu}) {
    b = builtin_bytes();
    set_u32(b, kVersionAt, version);
    EXPECT_THROW(parse(b), InputError) << "version " << version;
  }
}

TEST(OcrModel, WrongLayerCountOrShapesIsInputError) {
  const MlpModel& m = CharClassifier::builtin().model();
  for (std::uint32_t count : {0u, static_cast<std::uint32_t>(m.layers.size() + 1), 9u, 0xFFFFFFFFu}) {
    Bytes b = builtin_bytes();
    set_u32(b, kCountAt, count);
    EXPECT_THROW(parse(b), InputError) << "count " << count;
  }
  if (m.layers.size() > 1) {
    Bytes b = builtin_bytes();
    set_u32(b, kCountAt, static_cast<std::uint32_t>(m.layers.size() - 1));  // ends before the 37 classes
    EXPECT_THROW(parse(b), InputError) << "one layer short";
  }
  // First layer's input width not the cell size; zero or huge widths.
  for (std::uint32_t inputs : {0u, static_cast<std::uint32_t>(kCellFeatures - 1), static_cast<std::uint32_t>(kCellFeatures + 1), 0x7FFFFFFFu}) {
    Bytes b = builtin_bytes();
    set_u32(b, kFirstLayerAt, inputs);
    EXPECT_THROW(parse(b), InputError) << "inputs " << inputs;
  }
  for (std::uint32_t outputs : {0u, 5000u, 0xFFFFFFFFu}) {
    Bytes b = builtin_bytes();
    set_u32(b, kFirstLayerAt + 4, outputs);
    EXPECT_THROW(parse(b), InputError) << "outputs " << outputs;
  }
  // Models that chain but do not end in kClasses, or do not chain.
  MlpModel wrong_end = m;
  wrong_end.layers.back().outputs = kClasses - 1;
  wrong_end.layers.back().weights.resize(static_cast<std::size_t>(wrong_end.layers.back().inputs) * (kClasses - 1));
  wrong_end.layers.back().bias.resize(kClasses - 1);
  EXPECT_THROW(parse(serialize_mlp_model(wrong_end)), InputError);
  if (m.layers.size() > 1) {
    MlpModel broken = m;
    broken.layers[0].outputs += 1;
    broken.layers[0].weights.resize(static_cast<std::size_t>(broken.layers[0].inputs) * static_cast<std::size_t>(broken.layers[0].outputs));
    broken.layers[0].bias.resize(static_cast<std::size_t>(broken.layers[0].outputs));
    EXPECT_THROW(parse(serialize_mlp_model(broken)), InputError) << "layer 0 outputs do not feed layer 1";
  }
}

TEST(OcrModel, NonFiniteWeightsAreInputError) {
  const float bad[] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::signaling_NaN(),
                       std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
  const MlpModel& m = CharClassifier::builtin().model();
  const std::size_t first_weight = kFirstLayerAt + 8;
  const std::size_t first_bias = first_weight + m.layers[0].weights.size() * 4;
  for (float f : bad)
    for (std::size_t at : {first_weight, first_bias - 4, first_bias, first_bias + (m.layers[0].bias.size() - 1) * 4}) {
      Bytes b = builtin_bytes();
      set_float(b, at, f);
      EXPECT_THROW(parse(b), InputError) << f << " at byte " << at;
    }
  // In the last layer too.
  Bytes b = builtin_bytes();
  const std::size_t recipe_len_at = b.size() - m.recipe.size() - 4;
  set_float(b, recipe_len_at - 4, std::numeric_limits<float>::quiet_NaN());  // the last bias
  EXPECT_THROW(parse(b), InputError);
}

TEST(OcrModel, TrailingBytesAreInputError) {
  for (std::size_t extra : {1u, 3u, 4u, 1000u}) {
    Bytes b = builtin_bytes();
    b.resize(b.size() + extra, 0);
    EXPECT_THROW(parse(b), InputError) << extra << " trailing bytes";
  }
}

TEST(OcrModel, RecipeLengthOverTheFileIsInputError) {
  const MlpModel& m = CharClassifier::builtin().model();
  Bytes b = builtin_bytes();
  const std::size_t recipe_len_at = b.size() - m.recipe.size() - 4;
  for (std::uint32_t len : {static_cast<std::uint32_t>(m.recipe.size() + 1), 0xFFFFFFFFu, 0x80000000u}) {
    set_u32(b, recipe_len_at, len);
    EXPECT_THROW(parse(b), InputError) << "recipe length " << len;
  }
  // A shorter recipe length leaves the rest as trailing bytes.
  if (!m.recipe.empty()) {
    set_u32(b, recipe_len_at, static_cast<std::uint32_t>(m.recipe.size() - 1));
    EXPECT_THROW(parse(b), InputError);
  }
}

TEST(OcrModel, SmallHandMadeModelParsesAndRuns) {
  // The smallest legal model: one dense layer straight to the classes.
  MlpModel tiny;
  MlpLayer l;
  l.inputs = kCellFeatures;
  l.outputs = kClasses;
  l.weights.assign(static_cast<std::size_t>(kCellFeatures) * kClasses, 0.0F);
  l.bias.assign(kClasses, 0.0F);
  l.bias[5] = 3.0F;  // '5' favoured
  tiny.layers.push_back(l);
  tiny.recipe = "hand made";
  const MlpModel parsed = parse(serialize_mlp_model(tiny));
  EXPECT_EQ(parsed.recipe, "hand made");
  float p[kClasses];
  const std::vector<float> x = some_input(3);
  mlp_forward(parsed, x.data(), p);
  EXPECT_EQ(std::max_element(p, p + kClasses) - p, 5);
  // Random byte flips in a small valid model: InputError or a model that still runs.
  const Bytes good = serialize_mlp_model(tiny);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    Bytes b = good;
    const std::size_t at = rng() % std::min<std::size_t>(b.size(), 64);  // the header and first weights
    b[at] = static_cast<unsigned char>(rng());
    try {
      const MlpModel mm = parse(b);
      mlp_forward(mm, x.data(), p);
    } catch (const InputError&) {
    }
  }
}

}  // namespace
}  // namespace docverify::ocr
