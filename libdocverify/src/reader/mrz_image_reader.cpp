#include "reader/mrz_image_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "errors/input_error.hpp"
#include "image/decode.hpp"
#include "image/mrz_locator.hpp"
#include "image/mrz_rectifier.hpp"
#include "mrz/alphabet.hpp"
#include "mrz/country_codes.hpp"
#include "mrz/format.hpp"
#include "mrz/parser.hpp"
#include "ocr/classifier.hpp"
#include "ocr/tesseract_reader.hpp"
#include "reader/mrz_geometry.hpp"

namespace docverify::reader {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Tesseract's reading of a character becomes one more alternative: the engine takes it
// only where a check digit proves it.
constexpr float kTesseractAlternativeConfidence = 0.30F;
constexpr int kTopK = 4;
// Mean first-choice confidence below which a reading is not taken for an MRZ at all.
constexpr double kMinMeanConfidence = 0.75;
// Mean cell confidence of an MRZ read sharply enough that its text needs fewer digits to
// be believed (the general gate above is 0.75).
constexpr double kStrongMeanConfidence = 0.90;
// Probability the classifier must give the format's first letters before the grammar may
// choose among them.
constexpr float kMinFirstLetterMass = 0.25F;

struct Attempt {
  image::RectifiedMrz rectified;
  std::vector<std::vector<std::array<float, ocr::kClasses>>> probabilities;  // per line, per cell
  mrz::MrzReading reading;
  mrz::MrzResult result;
  double score = -1e300;
  int unsure = 0;  // characters no check digit covers, read below the confidence floor
  bool parsed = false;
};

void recognise(Attempt& a) {
  const ocr::CharClassifier& classifier = ocr::CharClassifier::builtin();
  const image::RectifiedMrz& r = a.rectified;
  size_t total = 0;
  for (const auto& line : r.lines) total += line.cells.size();
  cv::Mat cells(static_cast<int>(total), ocr::kCellFeatures, CV_32F);
  ocr::CellFeatures cell;
  int row = 0;
  for (const auto& line : r.lines) {
    const int y0 = std::max(0, static_cast<int>(line.centre_y - ocr::kLineHeightPx / 2.0F));
    const int y1 = std::min(r.canonical.rows, static_cast<int>(line.centre_y + ocr::kLineHeightPx / 2.0F));
    std::vector<float> xs;
    for (const auto& centre : line.cells) xs.push_back(centre.x);
    const std::vector<ocr::InkLevels> levels = ocr::measure_cell_ink_levels(r.canonical.rowRange(y0, y1), xs);
    for (size_t i = 0; i < line.cells.size(); ++i) {
      ocr::extract_cell(r.canonical, line.cells[i], levels[i], cell);
      std::copy(cell.begin(), cell.end(), cells.ptr<float>(row++));
    }
  }
  const cv::Mat probs = classifier.probabilities_batch(cells);
  a.probabilities.clear();
  a.reading.lines.clear();
  row = 0;
  for (const auto& line : r.lines) {
    std::vector<std::array<float, ocr::kClasses>> line_probs(line.cells.size());
    std::vector<mrz::CharReading> chars;
    chars.reserve(line.cells.size());
    for (size_t i = 0; i < line.cells.size(); ++i, ++row) {
      std::copy(probs.ptr<float>(row), probs.ptr<float>(row) + ocr::kClasses, line_probs[i].begin());
      chars.push_back(ocr::top_characters(line_probs[i].data(), kTopK));
    }
    a.probabilities.push_back(std::move(line_probs));
    a.reading.lines.push_back(std::move(chars));
  }
}
// Once the format is known, each position's grammar (letters in names, digits in dates)
// rules characters out; the classifier's probabilities are renormalised over the rest.
void restrict_to_format(Attempt& a, const mrz::MrzOptions& options, float floor);

int verified_digits(const mrz::MrzResult& r) {
  int ok = 0;
  for (int i = 0; i < r.check_digit_count; ++i) ok += r.check_digits[static_cast<size_t>(i)].status == mrz::CheckDigitStatus::ok;
  return ok;
}

double mean_log_confidence(const mrz::MrzReading& reading) {
  double s = 0;
  int n = 0;
  for (const auto& line : reading.lines)
    for (const auto& c : line) s += std::log(std::max(1e-6F, c.candidates.front().confidence)), ++n;
  return n ? s / n : -1e9;
}


float confidence_of(const mrz::CharReading& r, char c);

// Corrections a single mod-10 check digit "proves" are weak when they pile up: two
// substitutions in one field verify by chance about one time in ten. Such positions, and
// corrections to characters the classifier hardly saw, count as unsure.
constexpr float kMinCorrectionConfidence = 0.15F;

}  // namespace

int count_unsure(const mrz::MrzResult& result, const mrz::MrzReading& reading, float floor) {
  const mrz::Layout& layout = mrz::layout_of(result.format);
  int unsure = 0;
  for (int li = 0; li < layout.lines && li < static_cast<int>(reading.lines.size()); ++li)
    for (int ci = 0; ci < layout.length && ci < static_cast<int>(reading.lines[static_cast<size_t>(li)].size()); ++ci)
      if (unsure_character(result.format, li, ci, reading.lines[static_cast<size_t>(li)][static_cast<size_t>(ci)], result.lines.at(li, ci), floor))
        ++unsure;
  int per_field[8] = {};
  for (const auto& c : result.corrections) {
    ++per_field[static_cast<int>(c.proven_by) & 7];
    if (c.line < reading.lines.size() && c.column < reading.lines[c.line].size() &&
        confidence_of(reading.lines[c.line][c.column], c.to) < kMinCorrectionConfidence)
      ++unsure;
  }
  for (int n : per_field) unsure += n >= 2 ? n : 0;
  return unsure;
}

namespace {

// Ranks readings: verified check digits first, then characters nobody can verify read
// surely, then the classifier's mean confidence.
void evaluate(Attempt& a, const mrz::MrzOptions& options, float floor) {
  try {
    a.result = mrz::parse_mrz_reading(a.reading, options);
    a.parsed = true;
    a.unsure = count_unsure(a.result, a.reading, floor);
    a.score = 10.0 * verified_digits(a.result) + (a.result.valid ? 20.0 : 0.0) - 2.0 * a.unsure + mean_log_confidence(a.reading);
  } catch (const InputError&) {
    a.parsed = false;
    a.score = -1e9 + mean_log_confidence(a.reading);
  }
}

bool accepted(const Attempt& a) { return a.parsed && a.result.valid && a.unsure == 0; }

void restrict_to_format(Attempt& a, const mrz::MrzOptions& options, float floor) {
  if (!a.parsed) return;
  const mrz::Layout& layout = mrz::layout_of(a.result.format);
  if (static_cast<int>(a.probabilities.size()) != layout.lines) return;
  Attempt restricted = a;
  for (int li = 0; li < layout.lines; ++li) {
    auto& probs = a.probabilities[static_cast<size_t>(li)];
    if (static_cast<int>(probs.size()) != layout.length) return;
    for (int ci = 0; ci < layout.length; ++ci)
      restricted.reading.lines[static_cast<size_t>(li)][static_cast<size_t>(ci)] =
          ocr::top_characters(probs[static_cast<size_t>(ci)].data(), kTopK, layout.classes[static_cast<size_t>(li * layout.length + ci)]);
  }
  // The format was told apart by its first letter, so that letter is one of the format's
  // (P, V, or A/C/I) when the classifier saw it at all; a letter it did not see stays as
  // read, for the syntax check to report.
  std::array<float, ocr::kClasses> first = a.probabilities[0][0];
  const std::string_view letters = mrz::document_code_first_letters(a.result.format);
  float mass = 0;
  for (int c = 0; c < ocr::kClasses; ++c) {
    if (letters.find(ocr::kMrzAlphabet[c]) == std::string_view::npos) first[static_cast<size_t>(c)] = 0;
    mass += first[static_cast<size_t>(c)];
  }
  if (mass >= kMinFirstLetterMass) restricted.reading.lines[0][0] = ocr::top_characters(first.data(), kTopK);
  evaluate(restricted, options, floor);
  if (restricted.parsed && restricted.result.format == a.result.format) a = std::move(restricted);
}

float confidence_of(const mrz::CharReading& r, char c) {
  for (const auto& cand : r.candidates)
    if (cand.ch == c) return cand.confidence;
  return 0.0F;
}

std::string_view zone_name(mrz::ZoneKind k) {
  switch (k) {
    case mrz::ZoneKind::document_code: return "document_code";
    case mrz::ZoneKind::issuing_state: return "issuing_state";
    case mrz::ZoneKind::name: return "name";
    case mrz::ZoneKind::surname: return "surname";
    case mrz::ZoneKind::given_names: return "given_names";
    case mrz::ZoneKind::document_number: return "document_number";
    case mrz::ZoneKind::nationality: return "nationality";
    case mrz::ZoneKind::birth_date: return "birth_date";
    case mrz::ZoneKind::sex: return "sex";
    case mrz::ZoneKind::expiry_date: return "expiry_date";
    case mrz::ZoneKind::optional_data: return "optional_data";
    case mrz::ZoneKind::optional_data_2: return "optional_data_2";
    case mrz::ZoneKind::department: return "department";
    case mrz::ZoneKind::office: return "office";
    case mrz::ZoneKind::check_digit: return "check_digit";
  }
  return "unknown";
}

cv::Point2f map_point(const cv::Matx33d& h, cv::Point2d p) {
  const cv::Vec3d v = h * cv::Vec3d(p.x, p.y, 1.0);
  return {static_cast<float>(v[0] / v[2]), static_cast<float>(v[1] / v[2])};
}

ImageQuality measure_quality(const cv::Mat& gray, const image::RectifiedMrz& r, const std::vector<cv::Point2f>& quad, double pitch) {
  ImageQuality q;
  q.char_height_px = pitch * 2.46 / 2.54;
  q.dpi_estimate = pitch * 10.0;  // 2.54 mm per character = 10 characters per inch
  // Glare: saturated pixels inside the MRZ quad.
  cv::Rect box = cv::boundingRect(quad) & cv::Rect(0, 0, gray.cols, gray.rows);
  if (box.area() > 0) {
    cv::Mat mask = cv::Mat::zeros(box.size(), CV_8U);
    std::vector<cv::Point> poly;
    for (const auto& p : quad) poly.emplace_back(cvRound(p.x) - box.x, cvRound(p.y) - box.y);
    cv::fillConvexPoly(mask, poly, 255);
    const double area = cv::countNonZero(mask);
    cv::Mat bright;
    cv::compare(gray(box), 250, bright, cv::CMP_GE);
    cv::bitwise_and(bright, mask, bright);
    q.glare = area > 0 ? cv::countNonZero(bright) / area : 0.0;
  }
  // Sharpness: the steepest ink edges on the canonical grid relative to the contrast (a
  // crisp edge crosses from paper to ink within about one canonical pixel).
  const ocr::InkLevels lv = ocr::measure_ink_levels(r.canonical);
  cv::Mat gx, gy, mag;
  cv::Sobel(r.canonical, gx, CV_32F, 1, 0, 3);
  cv::Sobel(r.canonical, gy, CV_32F, 0, 1, 3);
  cv::magnitude(gx, gy, mag);
  std::vector<float> values(mag.begin<float>(), mag.end<float>());
  if (!values.empty()) {
    const size_t at = values.size() * 98 / 100;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(at), values.end());
    q.sharpness = std::clamp(values[at] / (4.0 * std::max(16.0F, lv.paper - lv.ink)), 0.0, 1.0);
  }
  return q;
}

}  // namespace

namespace {
// Whether (line, column) of `format` is covered by a check digit (by one for a field alone
// when `field_only`); false outside the layout.
bool checked(mrz::Format format, int line, int column, bool field_only) noexcept {
  const mrz::Layout& layout = mrz::layout_of(format);
  if (line < 0 || column < 0 || line >= layout.lines || column >= layout.length) return false;
  const auto i = static_cast<size_t>(line * layout.length + column);
  return field_only ? layout.field_checked[i] : layout.checked[i];
}

// A runner-up seen at least this likely counts as a rival the check digit must rule out.
constexpr float kRivalConfidence = 0.02F;
}  // namespace

bool covered_by_check_digit(mrz::Format format, int line, int column) noexcept { return checked(format, line, column, false); }

bool unsure_character(mrz::Format format, int line, int column, const mrz::CharReading& reading, char read, float floor) noexcept {
  if (confidence_of(reading, read) >= floor) return false;
  if (!checked(format, line, column, true)) return true;  // no digit, or the composite only
  const int value = mrz::char_value(read) % 10;
  for (const auto& c : reading.candidates)
    if (c.ch != read && c.confidence >= kRivalConfidence && mrz::char_value(c.ch) % 10 == value) return true;
  return false;
}

struct MrzImageReader::Tesseract {
  ocr::TesseractReader reader;
};

MrzImageReader::MrzImageReader(ReadOptions options) : options_(std::move(options)) {}
MrzImageReader::~MrzImageReader() = default;
MrzImageReader::MrzImageReader(MrzImageReader&&) noexcept = default;
MrzImageReader& MrzImageReader::operator=(MrzImageReader&&) noexcept = default;

cv::Mat grey_of(const cv::Mat& image) {
  if (image.empty() || image.depth() != CV_8U) throw InputError("image is empty or not 8 bits per channel");
  cv::Mat gray;
  if (image.channels() == 1) gray = image;
  else if (image.channels() == 3) cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4) cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
  else throw InputError("image has " + std::to_string(image.channels()) + " channels");
  return gray;
}

ImageReadResult MrzImageReader::read(const cv::Mat& image) {
  const auto start = Clock::now();
  ImageReadResult out;
  const cv::Mat gray = grey_of(image);

  // The locator's search and the reading alternate: an MRZ read tells the search to
  // skip blocks around it and its costlier fallbacks.
  const auto recognise_start = Clock::now();
  image::MrzSearch search(gray);
  std::vector<std::pair<Attempt, image::MrzCandidate>> documents;
  double valid_score = 0;  // locator score of the best candidate read as valid
  for (image::MrzCandidate candidate;;) {
    if (static_cast<int>(documents.size()) >= options_.max_documents) break;
    const auto locate_start = Clock::now();
    const bool more = search.next(candidate);
    out.timings.locate_ms += ms_since(locate_start);
    if (!more) break;
    // Rows much less regular than a valid MRZ already read are visual-zone print.
    if (candidate.score < 0.7 * valid_score) continue;
    Attempt best;
    // The rows as measured, then (when that gives no valid reading) stretched to each MRZ
    // length from either end, in case glare or wear cut them short.
    std::vector<image::MrzCandidate> hypotheses = {candidate};
    if (candidate.alternative_chars_per_row) {
      hypotheses.push_back(candidate);
      hypotheses.back().chars_per_row = candidate.alternative_chars_per_row;
    }
    for (int n : {30, 36, 44})
      if (n >= candidate.chars_per_row && (candidate.rows.size() == 3) == (n == 30) && options_.engine != OcrEngine::tesseract)
        for (bool keep_left : {true, false}) hypotheses.push_back(candidate.extended(n, keep_left));
    // Two rows of 30: a TD1 with its first or last line lost.
    if (candidate.rows.size() == 2 && (candidate.chars_per_row == 30 || candidate.alternative_chars_per_row == 30))
      for (bool above : {true, false}) {
        hypotheses.push_back(candidate.with_row_added(above));
        hypotheses.back().chars_per_row = 30;
        hypotheses.back().alternative_chars_per_row = 0;
      }
    for (size_t hi = 0; hi < hypotheses.size(); ++hi) {
      if (hi > 0 && accepted(best)) break;
      const image::MrzCandidate& h = hypotheses[hi];
      const int n = h.chars_per_row;
      Attempt upright;
      if (!image::rectify_mrz(gray, h, n, upright.rectified)) continue;
      Attempt turned;
      for (Attempt* a : {&upright, &turned}) {
        if (options_.engine == OcrEngine::tesseract) continue;
        // A reading whose check digits verify cannot be bettered by the other way up.
        if (a == &turned && accepted(upright)) continue;
        if (a == &turned) turned.rectified = image::rotate_half_turn(upright.rectified);
        recognise(*a);
        evaluate(*a, options_.mrz, options_.min_uncovered_confidence);
        restrict_to_format(*a, options_.mrz, options_.min_uncovered_confidence);
        if (a->score > best.score) best = *a;
      }
      if (options_.engine == OcrEngine::tesseract) {
        // Tesseract alone (the baseline): both ways up, whole lines.
        turned.rectified = image::rotate_half_turn(upright.rectified);
        for (Attempt* a : {&upright, &turned}) {
          if (!tesseract_) tesseract_ = std::make_unique<Tesseract>();
          cv::Mat big;
          cv::resize(a->rectified.canonical, big, {}, 2.5, 2.5, cv::INTER_CUBIC);
          std::vector<std::string> lines = tesseract_->reader.read_block(big);
          std::string text;
          for (const auto& l : lines) text += l + "\n";
          // As open-source readers clean Tesseract's output: lines near the MRZ length,
          // padded with fillers or cut to it.
          a->reading = {};
          const int want = a->rectified.chars_per_line;
          for (std::string l : lines) {
            if (static_cast<int>(l.size()) < want - 4 || static_cast<int>(l.size()) > want + 4) continue;
            l.resize(static_cast<size_t>(want), '<');
            std::vector<mrz::CharReading> chars;
            for (char c : l) chars.push_back({{{c, 0.9F}}});
            a->reading.lines.push_back(chars);
          }
          evaluate(*a, options_.mrz, options_.min_uncovered_confidence);
          if (a->score > best.score) best = *a;
        }
      }
    }
    // Tesseract alone (the baseline) reads each place once and has no fallbacks, as the
    // open-source readers it stands for.
    if (options_.engine == OcrEngine::tesseract) search.found_mrz(candidate);
    if (!best.parsed) continue;
    // Second opinion where the check digits do not verify.
    if (!accepted(best) && options_.engine == OcrEngine::builtin_then_tesseract) {
      const auto t = Clock::now();
      if (!tesseract_) tesseract_ = std::make_unique<Tesseract>();
      if (tesseract_->reader.available()) {
        Attempt merged = best;
        for (size_t li = 0; li < best.rectified.lines.size(); ++li) {
          const auto& line = best.rectified.lines[li];
          const int y0 = std::max(0, static_cast<int>(line.centre_y - 13));
          const int y1 = std::min(best.rectified.canonical.rows, static_cast<int>(line.centre_y + 13));
          cv::Mat big;
          cv::resize(best.rectified.canonical.rowRange(y0, y1), big, {}, 2.0, 2.0, cv::INTER_CUBIC);
          const std::string text = tesseract_->reader.read_line(big);
          auto& chars = merged.reading.lines[li];
          if (text.size() != chars.size()) continue;  // a dropped or doubled character: no position to trust
          for (size_t ci = 0; ci < chars.size(); ++ci) {
            if (confidence_of(chars[ci], text[ci]) > 0) continue;
            chars[ci].candidates.push_back({text[ci], kTesseractAlternativeConfidence});
          }
        }
        evaluate(merged, options_.mrz, options_.min_uncovered_confidence);
        out.best.tesseract_used = true;
        if (merged.parsed && merged.score > best.score) best = merged;
      }
      out.timings.tesseract_ms += ms_since(t);
    }
    if (best.result.valid) valid_score = std::max(valid_score, candidate.score);
    if (accepted(best)) search.found_mrz(candidate);
    documents.emplace_back(std::move(best), candidate);
  }
  out.timings.recognise_ms = ms_since(recognise_start) - out.timings.tesseract_ms - out.timings.locate_ms;

  std::sort(documents.begin(), documents.end(), [](const auto& a, const auto& b) { return a.first.score > b.first.score; });
  bool first = true;
  const bool tesseract_used = out.best.tesseract_used;
  for (auto& [attempt, candidate] : documents) {
    const mrz::MrzResult& r = attempt.result;
    // Found: the check digits (at least half) or the whole MRZ say this is one; clutter that
    // happens to line up as rows of characters does not get that far.
    // A reading that is not valid counts as an MRZ only on evidence corrections cannot
    // fake: check digits that verify as read, a document code of the format's letters and
    // an issuing state that exists.
    // Half of the digits printed: a TD3's empty personal number has none (`<`), and
    // counting it would hide a passport whose birth date was edited (its own digit and the
    // composite refuted, 2 of 4 verified) from the authenticity checks.
    int verified = 0, printed = 0;
    for (int i = 0; i < r.check_digit_count; ++i) {
      const auto& cd = r.check_digits[static_cast<size_t>(i)];
      verified += cd.status == mrz::CheckDigitStatus::ok && !cd.corrected;
      printed += cd.status != mrz::CheckDigitStatus::absent;
    }
    const char code = r.lines.count() > 0 ? r.lines.at(0, 0) : '\0';
    const bool plausible_header = (code == 'P' || code == 'I' || code == 'A' || code == 'C' || code == 'V') &&
                                  mrz::find_country_code(r.fields.issuing_state) != nullptr;
    // Corrections can make a digit verify in print that is no MRZ at all, so the classifier
    // must also have seen OCR-B characters: most cells read with confidence.
    double confidence_sum = 0;
    int cells = 0;
    for (const auto& line : attempt.probabilities)  // before the grammar renormalised them
      for (const auto& p : line) confidence_sum += *std::max_element(p.begin(), p.end()), ++cells;
    const double mean_confidence = cells ? confidence_sum / cells : 0.0;
    // With fewer digits to go by (an old French card has three; editing its birth date
    // refutes two), one verified digit suffices when everything else about the text is an
    // MRZ's: read sharply, every syntax check passed, a nationality that exists.
    bool syntax_clean = true;
    for (const auto& c : r.checks)
      if (c.id.rfind("mrz.syntax.", 0) == 0 && c.status == CheckStatus::error) syntax_clean = false;
    const bool structure_proves_it = printed <= 3 && verified >= 1 && syntax_clean && mean_confidence >= kStrongMeanConfidence &&
                                     (r.format == mrz::Format::fra_id || mrz::find_country_code(r.fields.nationality) != nullptr);
    const bool looks_real = (cells == 0 || mean_confidence >= kMinMeanConfidence) && plausible_header &&
                            (r.valid || (2 * verified >= printed && verified >= 2) || structure_proves_it);
    if (!looks_real) continue;
    MrzReadout ro;
    ro.mrz = r;
    ro.readings = attempt.reading.lines;
    for (const auto& line : attempt.reading.lines) {
      std::string s;
      for (const auto& c : line) s.push_back(c.candidates.front().ch);
      ro.raw_lines.push_back(s);
    }
    // Confidence of every character as finally read, per zone and overall.
    const mrz::Layout& layout = mrz::layout_of(r.format);
    std::vector<float> conf(mrz::kMaxChars, 1.0F);
    float lowest = 1.0F;
    for (int li = 0; li < layout.lines && li < static_cast<int>(attempt.reading.lines.size()); ++li)
      for (int ci = 0; ci < layout.length && ci < static_cast<int>(attempt.reading.lines[static_cast<size_t>(li)].size()); ++ci) {
        const char final_char = r.lines.at(li, ci);
        const float c = confidence_of(attempt.reading.lines[static_cast<size_t>(li)][static_cast<size_t>(ci)], final_char);
        conf[static_cast<size_t>(li * layout.length + ci)] = c;
        lowest = std::min(lowest, c);
        if (unsure_character(r.format, li, ci, attempt.reading.lines[static_cast<size_t>(li)][static_cast<size_t>(ci)], final_char,
                             options_.min_uncovered_confidence))
          ro.uncertain.push_back({li, ci});
      }
    if (attempt.unsure > static_cast<int>(ro.uncertain.size()))  // weak corrections (count_unsure)
      for (const auto& c : r.corrections) ro.uncertain.push_back({c.line, c.column});
    ro.confidence = lowest;
    for (int z = 0; z < layout.zone_count; ++z) {
      const auto& zone = layout.zones[static_cast<size_t>(z)];
      if (zone.kind == mrz::ZoneKind::check_digit) continue;
      float m = 1.0F;
      for (int k = 0; k < zone.span.length; ++k) m = std::min(m, conf[static_cast<size_t>(zone.span.line * layout.length + zone.span.start + k)]);
      ro.fields.push_back({std::string(zone_name(zone.kind)), m});
    }
    ro.valid = r.valid && attempt.unsure == 0;
    // Quads through the rectification: the MRZ's ink box and the page the format prescribes.
    const cv::Matx33d to_frame = attempt.rectified.frame_to_canonical.inv();
    const auto& rect = attempt.rectified;
    const double top = rect.lines.front().centre_y - ocr::kPitchPx * 0.55, bottom = rect.lines.back().centre_y + ocr::kPitchPx * 0.55;
    const double left = image::canonical_margin_px(), right = left + rect.chars_per_line * ocr::kPitchPx;
    ro.mrz_quad = {map_point(to_frame, {left, top}), map_point(to_frame, {right, top}), map_point(to_frame, {right, bottom}),
                   map_point(to_frame, {left, bottom})};
    for (const auto& corner : page_corners_on_canonical_grid(r.format, rect.lines.front().centre_y))
      ro.document_quad.push_back(map_point(to_frame, corner));
    const cv::Point2f dir = ro.mrz_quad[1] - ro.mrz_quad[0];
    ro.rotation_deg = static_cast<int>(std::lround(-std::atan2(dir.y, dir.x) * 180.0 / 3.14159265358979)) % 360;
    if (ro.rotation_deg < 0) ro.rotation_deg += 360;
    ro.upside_down = ro.rotation_deg > 135 && ro.rotation_deg < 225;  // relative to the frame
    ro.quality = measure_quality(gray, rect, ro.mrz_quad, candidate.pitch);
    // The same MRZ reached through two candidates (two scales, two blocks) is one document.
    const cv::Point2f centre = (ro.mrz_quad[0] + ro.mrz_quad[2]) * 0.5F;
    auto same_place = [&](const MrzReadout& kept) { return cv::pointPolygonTest(kept.mrz_quad, centre, false) >= 0; };
    if (!first && (same_place(out.best) || std::any_of(out.others.begin(), out.others.end(), same_place))) continue;
    if (first) {
      out.found = true;
      out.best = std::move(ro);
      out.best.tesseract_used = tesseract_used;
      first = false;
    } else {
      out.others.push_back(std::move(ro));
    }
  }
  out.timings.total_ms = ms_since(start);
  return out;
}

namespace {
template <class Decode>
ImageReadResult timed_decode_then_read(MrzImageReader& reader, Decode&& decode) {
  const auto t = Clock::now();
  const cv::Mat image = decode();
  const double decode_ms = ms_since(t);
  ImageReadResult r = reader.read(image);
  r.timings.decode_ms = decode_ms;
  return r;
}
}  // namespace

ImageReadResult MrzImageReader::read_encoded(const unsigned char* data, std::size_t size) {
  return timed_decode_then_read(*this, [&] { return image::decode_image(data, size); });
}

ImageReadResult MrzImageReader::read_file(const std::string& path) {
  return timed_decode_then_read(*this, [&] { return image::decode_image_file(path); });
}

}  // namespace docverify::reader
