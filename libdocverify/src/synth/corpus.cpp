#include "synth/corpus.hpp"

#include <filesystem>
#include <fstream>

#include "errors/input_error.hpp"
#include "report/json_writer.hpp"

namespace docverify::synth {
namespace {

constexpr mrz::Format kFormats[] = {mrz::Format::td1, mrz::Format::td2,  mrz::Format::td3,
                                    mrz::Format::mrva, mrz::Format::mrvb, mrz::Format::fra_id};

// Each corpus has its own seed range, so no two corpora share a document.
constexpr std::uint64_t kScanSeeds = 1000, kKioskSeeds = 2000, kPhoneSeeds = 3000, kNegativeSeeds = 4000;

// `per_format` documents of every format, split over `dpis`, each run with its own seed.
std::vector<CorpusEntry> all_formats(Capture capture, std::uint64_t first_seed, int per_format,
                                     std::initializer_list<double> dpis) {
  std::vector<CorpusEntry> out;
  std::uint64_t seed = first_seed;
  for (mrz::Format f : kFormats) {
    int left = per_format;
    std::size_t k = 0;
    for (double dpi : dpis) {
      const int share = k + 1 == dpis.size() ? left : per_format / static_cast<int>(dpis.size());
      CorpusEntry e;
      e.format = f, e.capture = capture, e.seed = seed++, e.count = share, e.dpi = dpi;
      out.push_back(e);
      left -= share;
      ++k;
    }
  }
  return out;
}

}  // namespace

int Corpus::size() const noexcept {
  int n = 0;
  for (const CorpusEntry& e : entries) n += e.count;
  return n;
}

std::vector<std::string> corpus_names() { return {"scan", "kiosk", "phone", "negatives"}; }

Corpus standard_corpus(std::string_view name) {
  Corpus c;
  c.name = std::string(name);
  if (name == "scan") {
    // Flatbed scans: 300 dpi as print-quality checks want, 200 dpi as office scanners give.
    c.purpose = "flatbed scans of genuine data pages, all six formats, 300 and 200 dpi";
    c.entries = all_formats(Capture::scan, kScanSeeds, 90, {300.0, 200.0});
  } else if (name == "kiosk") {
    c.purpose = "kiosk reader pages with infrared and ultraviolet companions, all six formats";
    c.entries = all_formats(Capture::kiosk, kKioskSeeds, 90, {300.0});
  } else if (name == "phone") {
    c.purpose = "phone photos of genuine data pages, all six formats";
    c.entries = all_formats(Capture::phone, kPhoneSeeds, 90, {300.0});
  } else if (name == "negatives") {
    // What an MRZ reader must refuse: scenes without any document, and data pages that
    // carry everything but an MRZ.
    c.purpose = "no-document phone scenes and data pages without an MRZ";
    CorpusEntry scenes;
    scenes.capture = Capture::no_document, scenes.seed = kNegativeSeeds, scenes.count = 300;
    c.entries.push_back(scenes);
    std::uint64_t seed = kNegativeSeeds + 1;
    for (mrz::Format f : kFormats) {
      CorpusEntry page;
      page.format = f, page.seed = seed++, page.count = 40, page.without_mrz = true, page.dpi = 200;
      c.entries.push_back(page);
    }
  } else {
    throw InputError("unknown corpus '" + std::string(name) + "' (scan, kiosk, phone, negatives)");
  }
  return c;
}

std::vector<CorpusEntry> corpus_entries(std::string_view name) { return standard_corpus(name).entries; }

SpecimenOptions options_for(const CorpusEntry& e) {
  SpecimenOptions o;
  o.format = e.format, o.capture = e.capture, o.forgery = e.forgery, o.seed = e.seed;
  o.count = e.count, o.dpi = e.dpi, o.without_mrz = e.without_mrz;
  return o;
}

Specimen make_corpus_specimen(const Corpus& corpus, int index, PageRenderer& renderer) {
  int offset = index;
  for (const CorpusEntry& e : corpus.entries) {
    if (offset < e.count) return make_specimen(options_for(e), offset, renderer);
    offset -= e.count;
  }
  throw InputError("document " + std::to_string(index) + " is past the end of corpus '" + corpus.name + "' (" +
                   std::to_string(corpus.size()) + " documents)");
}

std::vector<std::string> write_corpus(const Corpus& corpus, const std::string& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw ResourceError("cannot create " + directory + ": " + ec.message());
  PageRenderer renderer;
  std::vector<std::string> names;
  for (int i = 0; i < corpus.size(); ++i) {
    const Specimen s = make_corpus_specimen(corpus, i, renderer);
    write_specimen_files(s, directory);
    names.push_back(s.name);
  }
  std::string out;
  report::JsonWriter w(out);
  w.begin_object().field("corpus", corpus.name).field("purpose", corpus.purpose).field("documents", corpus.size());
  w.key("entries").begin_array();
  for (const CorpusEntry& e : corpus.entries) {
    const bool scene = e.capture == Capture::no_document;  // no document, so no format and no MRZ
    w.begin_object().key("format");
    if (scene) w.null();
    else w.value(mrz::format_name(e.format));
    w.field("capture", capture_name(e.capture)).field("forgery", forgery_name(e.forgery));
    w.field("seed", static_cast<std::int64_t>(e.seed)).field("count", e.count).field("dpi", e.dpi);
    w.field("mrz_printed", !scene && !e.without_mrz).end_object();
  }
  w.end_array().key("names").begin_array();
  for (const std::string& n : names) w.value(n);
  w.end_array().end_object();
  out += '\n';
  const std::string path = (std::filesystem::path(directory) / "corpus.json").string();
  std::ofstream file(path, std::ios::binary);
  file << out;
  if (!file) throw ResourceError("cannot write " + path);
  return names;
}

}  // namespace docverify::synth
