// Trains the OCR-B MRZ character classifier compiled into libdocverify
// (libdocverify/src/ocr/models/ocrb_mlp.bin). Deterministic: the same seed, fonts and
// build give the same model. Usage:
//   docverify_train_ocrb [--out FILE] [--lines N] [--epochs N] [--seed N]
// Recipe: README.md beside this file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "line_samples.hpp"
#include "ocr/classifier.hpp"

using namespace docverify;

namespace {

struct Options {
  std::string out = "ocrb_mlp.bin";
  int lines = 14000, test_lines = 1500, epochs = 16, hidden = 200;
  std::uint64_t seed = 20261201;
};

std::vector<training::Sample> make_samples(training::LineSampler& sampler, std::uint64_t seed, int lines) {
  synth::Random rng(seed);
  std::vector<training::Sample> samples;
  for (int i = 0; i < lines; ++i) sampler.add_line(rng, samples);
  return samples;
}

ocr::MlpLayer init_layer(int in, int out, synth::Random& rng) {
  ocr::MlpLayer l{in, out, std::vector<float>(static_cast<size_t>(in) * out), std::vector<float>(static_cast<size_t>(out), 0.0F)};
  const double sd = std::sqrt(2.0 / in);  // He initialisation for ReLU
  for (auto& w : l.weights) w = static_cast<float>(rng.normal(0, sd));
  return l;
}

double accuracy(const ocr::MlpModel& m, const std::vector<training::Sample>& set, int* confusion_top = nullptr) {
  int right = 0;
  float p[ocr::kClasses];
  for (const auto& s : set) {
    ocr::mlp_forward(m, s.cell.data(), p);
    const int best = static_cast<int>(std::max_element(p, p + ocr::kClasses) - p);
    right += best == s.label;
  }
  (void)confusion_top;
  return static_cast<double>(right) / static_cast<double>(set.size());
}

// One SGD step with momentum over a minibatch; cross-entropy on softmax; two layers.
struct Trainer {
  ocr::MlpModel& m;
  std::vector<std::vector<float>> vel_w, vel_b;
  explicit Trainer(ocr::MlpModel& model) : m(model) {
    for (auto& l : m.layers) {
      vel_w.emplace_back(l.weights.size(), 0.0F);
      vel_b.emplace_back(l.bias.size(), 0.0F);
    }
  }
  void step(const std::vector<training::Sample>& set, const std::vector<size_t>& batch, float lr, float momentum, float decay) {
    auto& l1 = m.layers[0];
    auto& l2 = m.layers[1];
    std::vector<float> g_w1(l1.weights.size(), 0), g_b1(l1.bias.size(), 0), g_w2(l2.weights.size(), 0), g_b2(l2.bias.size(), 0);
    std::vector<float> h(static_cast<size_t>(l1.outputs)), dh(static_cast<size_t>(l1.outputs));
    float z[ocr::kClasses];
    for (size_t idx : batch) {
      const auto& s = set[idx];
      const float* x = s.cell.data();
      for (int o = 0; o < l1.outputs; ++o) {
        const float* w = &l1.weights[static_cast<size_t>(o) * static_cast<size_t>(l1.inputs)];
        float a = l1.bias[static_cast<size_t>(o)];
        for (int i = 0; i < l1.inputs; ++i) a += w[i] * x[i];
        h[static_cast<size_t>(o)] = std::max(0.0F, a);
      }
      float top = -1e30F;
      for (int c = 0; c < ocr::kClasses; ++c) {
        const float* w = &l2.weights[static_cast<size_t>(c) * static_cast<size_t>(l2.inputs)];
        float a = l2.bias[static_cast<size_t>(c)];
        for (int i = 0; i < l2.inputs; ++i) a += w[i] * h[static_cast<size_t>(i)];
        z[c] = a;
        top = std::max(top, a);
      }
      float sum = 0;
      for (float& v : z) sum += v = std::exp(v - top);
      std::fill(dh.begin(), dh.end(), 0.0F);
      for (int c = 0; c < ocr::kClasses; ++c) {
        const float d = z[c] / sum - (c == s.label ? 1.0F : 0.0F);
        g_b2[static_cast<size_t>(c)] += d;
        float* gw = &g_w2[static_cast<size_t>(c) * static_cast<size_t>(l2.inputs)];
        const float* w = &l2.weights[static_cast<size_t>(c) * static_cast<size_t>(l2.inputs)];
        for (int i = 0; i < l2.inputs; ++i) {
          gw[i] += d * h[static_cast<size_t>(i)];
          dh[static_cast<size_t>(i)] += d * w[i];
        }
      }
      for (int o = 0; o < l1.outputs; ++o) {
        if (h[static_cast<size_t>(o)] <= 0) continue;
        const float d = dh[static_cast<size_t>(o)];
        g_b1[static_cast<size_t>(o)] += d;
        float* gw = &g_w1[static_cast<size_t>(o) * static_cast<size_t>(l1.inputs)];
        for (int i = 0; i < l1.inputs; ++i) gw[i] += d * x[i];
      }
    }
    const float k = 1.0F / static_cast<float>(batch.size());
    auto apply = [&](std::vector<float>& p, std::vector<float>& v, const std::vector<float>& g, bool weights) {
      for (size_t i = 0; i < p.size(); ++i) {
        v[i] = momentum * v[i] - lr * (g[i] * k + (weights ? decay * p[i] : 0.0F));
        p[i] += v[i];
      }
    };
    apply(l1.weights, vel_w[0], g_w1, true);
    apply(l1.bias, vel_b[0], g_b1, false);
    apply(l2.weights, vel_w[1], g_w2, true);
    apply(l2.bias, vel_b[1], g_b2, false);
  }
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--out") o.out = v;
    else if (k == "--lines") o.lines = std::stoi(v);
    else if (k == "--epochs") o.epochs = std::stoi(v);
    else if (k == "--seed") o.seed = std::stoull(v);
    else if (k == "--hidden") o.hidden = std::stoi(v);
    else { std::fprintf(stderr, "unknown option %s\n", k.c_str()); return 2; }
  }
  const std::string dir = "/usr/share/fonts/opentype/ocr-b/";
  training::LineSampler sampler({dir + "OCRB.otf", dir + "OCRBS.otf"});
  std::fprintf(stderr, "rendering %d training lines and %d test lines...\n", o.lines, o.test_lines);
  auto train = make_samples(sampler, o.seed, o.lines);
  const auto test = make_samples(sampler, o.seed ^ 0x5eedULL, o.test_lines);
  std::fprintf(stderr, "%zu training cells, %zu test cells\n", train.size(), test.size());

  synth::Random rng(o.seed + 1);
  ocr::MlpModel model;
  model.layers.push_back(init_layer(ocr::kCellFeatures, o.hidden, rng));
  model.layers.push_back(init_layer(o.hidden, ocr::kClasses, rng));
  Trainer trainer(model);
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), size_t{0});
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[static_cast<size_t>(rng.next() % (i + 1))]);
    const float lr = 0.08F * std::pow(0.8F, static_cast<float>(epoch));
    for (size_t at = 0; at < order.size(); at += 64) {
      std::vector<size_t> batch(order.begin() + static_cast<std::ptrdiff_t>(at),
                                order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), at + 64)));
      trainer.step(train, batch, lr, 0.9F, 1e-5F);
    }
    std::fprintf(stderr, "epoch %2d  lr %.4f  test accuracy %.4f %%\n", epoch + 1, lr, 100.0 * accuracy(model, test));
  }
  const double acc = accuracy(model, test);
  char recipe[512];
  std::snprintf(recipe, sizeof recipe,
                "docverify_train_ocrb seed=%llu lines=%d epochs=%d hidden=%d fonts=OCRB.otf,OCRBS.otf "
                "cells=%zu test_accuracy=%.4f%%",
                static_cast<unsigned long long>(o.seed), o.lines, o.epochs, o.hidden, train.size(), 100.0 * acc);
  model.recipe = recipe;
  const auto bytes = ocr::serialize_mlp_model(model);
  std::ofstream(o.out, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  std::printf("%s\nwrote %s (%zu bytes)\n", recipe, o.out.c_str(), bytes.size());
  return 0;
}
