// Accuracy and speed of the MRZ image reader on corpora regenerated from the synthetic
// generator (nothing is committed but the recipe below), with a Tesseract-only baseline
// measured in the same run. Prints one table per engine: per capture profile and format,
// exact full-MRZ match rate, character accuracy, not-found rate, accepted-but-wrong count,
// false MRZs on negatives, median and p95 milliseconds per image (decode apart).
//
//   docverify_mrz_read_accuracy [--limit N] [--baseline-every K] [--only CORPUS] [--dump DIR]
//
// Corpora: the generator's standard ones (synth/corpus.hpp: scan, kiosk, phone, 540
// documents each over the six formats; negatives: 300 scenes without a document and 240
// pages printed without an MRZ). The baseline reads every 15th document (it is slow: that
// is the point of comparing).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "image/decode.hpp"
#include "reader/mrz_image_reader.hpp"
#include "synth/corpus.hpp"
#include "synth/specimen.hpp"

using namespace docverify;

namespace {

struct Cell {
  int images = 0, exact = 0, found = 0, accepted = 0, accepted_wrong = 0;
  long chars = 0, chars_right = 0;
  std::vector<double> ms, decode_ms;
};

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

struct Run {
  std::map<std::pair<std::string, std::string>, Cell> cells;  // (profile, format)
  int negatives = 0, false_mrz = 0;
  std::vector<double> negative_ms;
};

// Counts one read into `c`; true when all MRZ lines were read exactly.
bool score(Cell& c, const synth::Specimen& s, const reader::ImageReadResult& r, double ms, double decode_ms) {
  ++c.images;
  c.ms.push_back(ms);
  c.decode_ms.push_back(decode_ms);
  const auto& truth = s.page.mrz_lines;
  long n = 0;
  for (const auto& l : truth) n += static_cast<long>(l.size());
  c.chars += n;
  if (!r.found) return false;
  ++c.found;
  bool exact = r.best.mrz.lines.count() == static_cast<int>(truth.size());
  for (int i = 0; i < r.best.mrz.lines.count() && i < static_cast<int>(truth.size()); ++i) {
    const std::string_view got = r.best.mrz.lines.line(i);
    const std::string& want = truth[static_cast<size_t>(i)];
    if (got != want) exact = false;
    for (size_t k = 0; k < std::min(got.size(), want.size()); ++k) c.chars_right += got[k] == want[k];
  }
  c.exact += exact;
  if (r.best.valid) {
    ++c.accepted;
    if (!exact) ++c.accepted_wrong;
  }
  return exact;
}

void print(const char* title, const Run& run) {
  std::printf("\n%s\n", title);
  std::printf("| profile | format | images | exact | char acc | not found | accepted | accepted-but-wrong | median ms | p95 ms | decode ms |\n");
  std::printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  std::map<std::string, Cell> totals;
  for (const auto& [key, c] : run.cells) {
    auto& t = totals[key.first];
    t.images += c.images, t.exact += c.exact, t.found += c.found, t.accepted += c.accepted, t.accepted_wrong += c.accepted_wrong;
    t.chars += c.chars, t.chars_right += c.chars_right;
    t.ms.insert(t.ms.end(), c.ms.begin(), c.ms.end());
    t.decode_ms.insert(t.decode_ms.end(), c.decode_ms.begin(), c.decode_ms.end());
  }
  auto row = [](const std::string& p, const std::string& f, const Cell& c) {
    std::printf("| %s | %s | %d | %.1f %% | %.2f %% | %.1f %% | %.1f %% | %d | %.1f | %.1f | %.1f |\n", p.c_str(), f.c_str(), c.images,
                100.0 * c.exact / std::max(1, c.images), 100.0 * static_cast<double>(c.chars_right) / static_cast<double>(std::max(1L, c.chars)),
                100.0 * (c.images - c.found) / std::max(1, c.images), 100.0 * c.accepted / std::max(1, c.images), c.accepted_wrong,
                percentile(c.ms, 0.5), percentile(c.ms, 0.95), percentile(c.decode_ms, 0.5));
  };
  for (const auto& [key, c] : run.cells) row(key.first, key.second, c);
  for (const auto& [p, c] : totals) row(p, "**all**", c);
  std::printf("| negatives | - | %d | - | - | - | - | false MRZ: %d | %.1f | %.1f | - |\n", run.negatives, run.false_mrz,
              percentile(run.negative_ms, 0.5), percentile(run.negative_ms, 0.95));
}

}  // namespace

int main(int argc, char** argv) {
  int limit = 0;               // --limit N: at most N documents per corpus, spread over its entries
  int baseline_every = 15;     // --baseline-every K: Tesseract reads every K-th document
  std::string dump;            // --dump DIR: write the images not read as valid (or accepted wrongly)
  std::string only;            // --only NAME: one corpus
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--limit")) limit = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--baseline-every")) baseline_every = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--dump")) dump = argv[i + 1];
    else if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--limit N] [--baseline-every K] [--only scan|kiosk|phone|negatives] [--dump DIR]\n", argv[0]);
      return 2;
    }
  }
  cv::setNumThreads(1);  // single-threaded figures, as the targets are stated
  synth::PageRenderer renderer;
  reader::ReadOptions ours_options;
  ours_options.mrz.today = Date{2026, 12, 1};
  reader::ReadOptions baseline_options = ours_options;
  baseline_options.engine = reader::OcrEngine::tesseract;
  reader::MrzImageReader ours(ours_options), baseline(baseline_options);
  Run run_ours, run_baseline;

  auto read_encoded = [](reader::MrzImageReader& r, const std::vector<unsigned char>& bytes, double& ms, double& decode_ms) {
    const auto t0 = std::chrono::steady_clock::now();
    const cv::Mat img = image::decode_image(bytes.data(), bytes.size());
    const auto t1 = std::chrono::steady_clock::now();
    reader::ImageReadResult result = r.read(img);
    const auto t2 = std::chrono::steady_clock::now();
    decode_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
    return result;
  };

  for (const std::string& name : synth::corpus_names()) {
    if (!only.empty() && only != name) continue;
    const synth::Corpus corpus = synth::standard_corpus(name);
    const int total = corpus.size();
    const int step = limit > 0 && limit < total ? total / limit : 1;
    const bool negatives = name == "negatives";
    int taken = 0;
    for (int i = 0; i < total && (limit <= 0 || taken < limit); i += step, ++taken) {
      const synth::Specimen s = synth::make_corpus_specimen(corpus, i, renderer);
      // Kiosks read the MRZ in infrared, where the background print has gone.
      const bool infrared = !s.infrared.empty();
      const std::vector<unsigned char> bytes = s.has_photo ? s.photo.jpeg : synth::encode_png(infrared ? s.infrared : s.page.image);
      double ms = 0, dms = 0;
      const auto result = read_encoded(ours, bytes, ms, dms);
      const bool with_baseline = baseline_every > 0 && taken % baseline_every == 0;
      if (negatives) {
        ++run_ours.negatives;
        run_ours.false_mrz += result.found;
        run_ours.negative_ms.push_back(ms);
        if (with_baseline) {
          const auto b = read_encoded(baseline, bytes, ms, dms);
          ++run_baseline.negatives;
          run_baseline.false_mrz += b.found;
          run_baseline.negative_ms.push_back(ms);
        }
        if (!dump.empty() && result.found) {
          std::FILE* f = std::fopen((dump + "/" + s.name + "-FALSE-MRZ" + (s.has_photo ? ".jpg" : ".png")).c_str(), "wb");
          if (f) std::fwrite(bytes.data(), 1, bytes.size(), f), std::fclose(f);
        }
        continue;
      }
      const std::string key_format(mrz::format_name(s.identity.fields.format));
      const bool exact = score(run_ours.cells[{name, key_format}], s, result, ms, dms);
      if (!dump.empty() && (!(result.found && result.best.valid) || !exact)) {
        const std::string tag = result.found && result.best.valid && !exact ? "-ACCEPTED-WRONG" : "";
        std::FILE* f = std::fopen((dump + "/" + s.name + "-" + name + tag + (s.has_photo ? ".jpg" : ".png")).c_str(), "wb");
        if (f) std::fwrite(bytes.data(), 1, bytes.size(), f), std::fclose(f);
      }
      if (with_baseline) {
        const auto b = read_encoded(baseline, bytes, ms, dms);
        score(run_baseline.cells[{name, key_format}], s, b, ms, dms);
      }
    }
    std::fprintf(stderr, "%s: %d documents\n", name.c_str(), taken);
  }
  print("docverify (OCR-B classifier, Tesseract as second opinion)", run_ours);
  print("Tesseract only (Debian eng, MRZ whitelist, on the located and rectified band)", run_baseline);
  return 0;
}
