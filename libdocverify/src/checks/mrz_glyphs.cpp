#include "checks/mrz_glyphs.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include <opencv2/imgproc.hpp>

#include "checks/mrz_print.hpp"
#include "checks/ocrb_glyphs.hpp"

namespace docverify::checks {

namespace {

constexpr double kGridPitch = 36;  // rectified pixels per pitch: a capital about 34 px tall
constexpr int kMaxLineLength = 64;  // MRZ lines are 30, 36 or 44 characters
constexpr double kMaxZonePitches = 8;  // the MRZ is 3.6 (two lines) to 4.4 (TD1) pitches tall
// The normalised frame: capitals kTemplateCap tall, centred; wide and tall enough for the
// largest glyph let through (1.4 capitals, 1.3 pitches).
constexpr int kTemplateCap = 32;
constexpr int kFrameW = 48, kFrameH = 56;
// Centre-line distances are clipped here (a quarter of a capital): a stroke OCR-B lacks,
// or one it has and the glyph lacks, costs at most this, and similarity is
// 1 - mean clipped distance / kDistanceCap.
constexpr float kDistanceCap = 8;
constexpr int kMaxShift = 2;  // frame pixels each way
constexpr double kHeightWeight = 0.5;  // similarity lost per unit of log height ratio
// Shifting gains a template at most this much: a rival unshifted further behind cannot win.
constexpr double kRivalMargin = 0.15;

// Thresholds on the page's conformance, calibrated on 376 genuine generated pages judged
// (six formats; scans, kiosk pages, phone photos, and phone photos with the MRZ at 250-
// 400 dpi): the worst scan or kiosk page scored 0.938, the worst phone photo 0.916 and,
// but for one heavily degraded photo at 0.877, 0.928; MRZs retyped in nine monospaced
// faces (the generator's DejaVu Sans Mono, its bold, Liberation Mono and its bold, FreeMono
// and its bold, Nimbus Mono PS, Noto Mono, Inconsolata) scored 0.78-0.92, most under
// 0.90. No genuine page came near kErrorConformance.
constexpr double kWarnConformance = 0.90;
constexpr double kErrorConformance = 0.83;

int alphabet_index(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return 10 + (c - 'A');
  return c == '<' ? 36 : -1;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// Zhang-Suen thinning, in place, of a 0/1 image (a view) with a clear one-pixel border:
// the centre-line of every stroke, whatever its width.
void thin(cv::Mat img) {
  cv::Mat marks(img.size(), CV_8U);
  for (bool changed = true; changed;) {
    changed = false;
    for (int pass = 0; pass < 2; ++pass) {
      marks.setTo(0);
      for (int y = 1; y < img.rows - 1; ++y) {
        const unsigned char* up = img.ptr<unsigned char>(y - 1);
        const unsigned char* row = img.ptr<unsigned char>(y);
        const unsigned char* down = img.ptr<unsigned char>(y + 1);
        for (int x = 1; x < img.cols - 1; ++x) {
          if (!row[x]) continue;
          // Neighbours clockwise from north.
          const int p[8] = {up[x], up[x + 1], row[x + 1], down[x + 1], down[x], down[x - 1], row[x - 1], up[x - 1]};
          int count = 0, rises = 0;
          for (int i = 0; i < 8; ++i) count += p[i], rises += !p[i] && p[(i + 1) % 8];
          if (count < 2 || count > 6 || rises != 1) continue;
          const bool cut = pass == 0 ? !(p[0] && p[2] && p[4]) && !(p[2] && p[4] && p[6])
                                     : !(p[0] && p[2] && p[6]) && !(p[0] && p[4] && p[6]);
          if (cut) marks.at<unsigned char>(y, x) = 1;
        }
      }
      if (cv::countNonZero(marks) > 0) {
        img.setTo(0, marks);
        changed = true;
      }
    }
  }
}

// A glyph as the comparison sees it: its centre-line pixels and, for every frame pixel,
// the clipped distance to the nearest of them.
struct Shape {
  std::vector<cv::Point> centre_line;
  cv::Mat distance;   // CV_32F, kFrameH x kFrameW
  double height = 0;  // ink box height, capitals
};

// `ink`: CV_32F coverage 0..1 holding only the glyph's own pixels, `box` their extent.
// Scaled so a capital is kTemplateCap tall (the aspect ratio and the height relative to
// the capitals are the font's, and stay), centred in the frame, inked where half covered.
Shape shape_of(const cv::Mat& ink, const cv::Rect& box, double cap_px) {
  const double s = kTemplateCap / cap_px;
  const int w = std::clamp(int(std::lround(box.width * s)), 1, kFrameW - 2);
  const int h = std::clamp(int(std::lround(box.height * s)), 1, kFrameH - 2);
  cv::Mat scaled;
  cv::resize(ink(box), scaled, {w, h}, 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  cv::Mat frame = cv::Mat::zeros(kFrameH, kFrameW, CV_8U);
  const cv::Rect placed((kFrameW - w) / 2, (kFrameH - h) / 2, w, h);
  cv::threshold(scaled, scaled, 0.5, 1, cv::THRESH_BINARY);
  scaled.convertTo(frame(placed), CV_8U);
  thin(frame(placed + cv::Size(2, 2) - cv::Point(1, 1)));
  Shape out;
  out.height = box.height / cap_px;
  cv::findNonZero(frame, out.centre_line);
  cv::distanceTransform(frame == 0, out.distance, cv::DIST_L2, cv::DIST_MASK_5);
  cv::min(out.distance, kDistanceCap, out.distance);
  return out;
}

// OCR-B's templates, built once from the generated bitmaps through the same shape_of as a
// document's cells, in alphabet_index order; the capital height is the letters' median, as
// measured on a document.
const std::array<Shape, kOcrbGlyphCount>& ocrb_shapes() {
  static const std::array<Shape, kOcrbGlyphCount> shapes = [] {
    std::array<cv::Mat, kOcrbGlyphCount> inks;
    std::array<cv::Rect, kOcrbGlyphCount> boxes;
    std::vector<double> letter_heights;
    for (const OcrbGlyph& g : kOcrbGlyphs) {
      const auto i = static_cast<std::size_t>(alphabet_index(g.ch));
      inks[i] = cv::Mat::zeros(g.height, g.width, CV_32F);
      const int digits = (g.width + 3) / 4;
      for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
          const char hex = g.rows[y * digits + x / 4];
          const int nibble = hex <= '9' ? hex - '0' : hex - 'a' + 10;
          if ((nibble >> (3 - x % 4)) & 1) inks[i].at<float>(y, x) = 1;
        }
      cv::Mat mask;
      inks[i].convertTo(mask, CV_8U);
      boxes[i] = cv::boundingRect(mask);
      if (g.ch >= 'A' && g.ch <= 'Z') letter_heights.push_back(boxes[i].height);
    }
    const double cap = median(letter_heights);
    std::array<Shape, kOcrbGlyphCount> out;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = shape_of(inks[i], boxes[i], cap);
    return out;
  }();
  return shapes;
}

// Mean clipped distance of `points`, moved by `shift`, to the shape behind `distance`.
double mean_distance(const std::vector<cv::Point>& points, const cv::Mat& distance, cv::Point shift) {
  if (points.empty()) return kDistanceCap;
  double sum = 0;
  for (const cv::Point& p : points) {
    const cv::Point at = p + shift;
    sum += at.x >= 0 && at.y >= 0 && at.x < distance.cols && at.y < distance.rows ? distance.at<float>(at) : kDistanceCap;
  }
  return sum / static_cast<double>(points.size());
}

// 1 - the symmetric mean centre-line distance over kDistanceCap: strokes the glyph has and
// OCR-B lacks (a foot on the '1', a dot in the '0') and strokes it lacks both count. With
// `shifts`, the best of small shifts, as the ink box places a glyph only to a pixel or two.
double similarity(const Shape& glyph, const Shape& reference, int shifts) {
  double best = kDistanceCap;
  for (int dy = -shifts; dy <= shifts; ++dy)
    for (int dx = -shifts; dx <= shifts; ++dx) {
      const cv::Point d(dx, dy);
      best = std::min(best, (mean_distance(glyph.centre_line, reference.distance, d) + mean_distance(reference.centre_line, glyph.distance, -d)) / 2);
    }
  return 1 - best / kDistanceCap;
}

// The shape's similarity less the glyph's height against OCR-B's for the character, in
// capitals: OCR-B's digits stand 8 % above its capitals and its '<' at 0.87 of them, where
// most other monospaced fonts differ, and the centred shapes show that only faintly.
double conformance_to(const Shape& glyph, const Shape& reference, int shifts) {
  const double height_off = std::abs(std::log(glyph.height / reference.height));
  return std::clamp(similarity(glyph, reference, shifts) - kHeightWeight * height_off, 0.0, 1.0);
}

// How OCR-B-like a glyph read as template `read` is: its conformance to that template or,
// when another OCR-B character fits it better, to that one. A misread or a reading shifted
// by a cell (a MRZ cut by the frame's edge) then costs nothing, while a foreign font's
// glyph fits no OCR-B shape well. The others are ranked unshifted, which is cheap.
double ocrb_conformance(const Shape& glyph, std::size_t read, const std::array<Shape, kOcrbGlyphCount>& templates) {
  std::size_t rival = read;
  double rival_score = -1;
  for (std::size_t t = 0; t < templates.size(); ++t) {
    if (t == read) continue;
    const double score = conformance_to(glyph, templates[t], 0);
    if (score > rival_score) rival = t, rival_score = score;
  }
  const double own = conformance_to(glyph, templates[read], kMaxShift);
  return rival_score > own - kRivalMargin ? std::max(own, conformance_to(glyph, templates[rival], kMaxShift)) : own;
}

using Histogram = std::array<int, 256>;

// The grey under which a share `q` of the histogram's pixels lie.
double percentile(const Histogram& h, double q) {
  long total = 0;
  for (int n : h) total += n;
  long seen = 0;
  for (int v = 0; v < 256; ++v)
    if ((seen += h[static_cast<std::size_t>(v)]) > long(q * double(total))) return v;
  return 255;
}

// One line strip's ink coverage, 0..1. Paper is the 70th percentile and ink the 3rd, as
// the image reader takes them. Light may change along the line (shadow, fall-off) but the
// ink's reflectance relative to the paper does not: the paper grey is measured over seven
// cells around each one, the ink grey follows it at the line's ratio (a window of fillers
// has too little ink to measure its own).
cv::Mat ink_coverage(const cv::Mat& strip, int cells, double margin, double P) {
  std::vector<int> cell_of(static_cast<std::size_t>(strip.cols));
  for (int x = 0; x < strip.cols; ++x) cell_of[static_cast<std::size_t>(x)] = std::clamp(int(std::floor((x - margin) / P)), 0, cells - 1);
  std::vector<Histogram> hist(static_cast<std::size_t>(cells), Histogram{});
  Histogram line{};
  for (int y = 0; y < strip.rows; ++y) {
    const unsigned char* s = strip.ptr<unsigned char>(y);
    for (int x = 0; x < strip.cols; ++x) ++hist[static_cast<std::size_t>(cell_of[static_cast<std::size_t>(x)])][s[x]], ++line[s[x]];
  }
  const double line_paper = percentile(line, 0.70), ratio = line_paper > 0 ? percentile(line, 0.03) / line_paper : 0;
  std::vector<float> paper(static_cast<std::size_t>(cells)), scale(static_cast<std::size_t>(cells));
  for (int c = 0; c < cells; ++c) {
    Histogram window{};
    for (int w = std::max(0, c - 3); w <= std::min(cells - 1, c + 3); ++w)
      for (std::size_t v = 0; v < 256; ++v) window[v] += hist[static_cast<std::size_t>(w)][v];
    const double p = percentile(window, 0.70), ink = std::min(percentile(window, 0.03), p * ratio);
    paper[static_cast<std::size_t>(c)] = float(p);
    scale[static_cast<std::size_t>(c)] = float(1 / std::max(16.0, p - ink));
  }
  cv::Mat out(strip.size(), CV_32F);
  for (int y = 0; y < strip.rows; ++y) {
    const unsigned char* s = strip.ptr<unsigned char>(y);
    float* o = out.ptr<float>(y);
    for (int x = 0; x < strip.cols; ++x) {
      const auto c = static_cast<std::size_t>(cell_of[static_cast<std::size_t>(x)]);
      o[x] = std::clamp((paper[c] - s[x]) * scale[c], 0.0F, 1.0F);
    }
  }
  return out;
}

struct Cell {
  char ch = 0;
  cv::Rect box;
  bool inked = false;
};

}  // namespace

MrzGlyphMeasures measure_mrz_glyphs(const cv::Mat& gray, const std::vector<cv::Point2f>& q, const mrz::MrzLines& lines) {
  MrzGlyphMeasures m;
  const int n = lines.length(), k = lines.count();
  if (q.size() != 4 || n <= 0 || n > kMaxLineLength || k < 2 || gray.empty() || gray.type() != CV_8U) return m;
  for (const cv::Point2f& p : q)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return m;
  const double top_len = cv::norm(q[1] - q[0]), bottom_len = cv::norm(q[2] - q[3]);
  const double side_len = (cv::norm(q[3] - q[0]) + cv::norm(q[2] - q[1])) / 2;
  const double pitch = (top_len + bottom_len) / 2 / n;
  if (pitch < 4 || side_len / pitch > kMaxZonePitches || side_len / pitch < 1.1) return m;
  m.pitch_px = pitch;
  // The MRZ rectified at kGridPitch pixels a pitch, with a margin of one pitch, as
  // measure_mrz_print lays it out.
  const double P = kGridPitch, margin = P, height = side_len / pitch * P;
  const std::vector<cv::Point2f> grid = {{float(margin), float(margin)},
                                         {float(margin + n * P), float(margin)},
                                         {float(margin + n * P), float(margin + height)},
                                         {float(margin), float(margin + height)}};
  cv::Mat flat;
  cv::warpPerspective(gray, flat, cv::getPerspectiveTransform(q, grid), cv::Size(int(n * P + 2 * margin), int(height + 2 * margin)),
                      cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  const double spacing = (height - 1.1 * P) / (k - 1);

  // Each cell's ink: the components of the line's binarised strip whose centroid falls in
  // the cell (a glyph in pieces stays whole, a neighbour's ink stays out).
  struct Line {
    cv::Mat coverage, labels;
    std::vector<Cell> cells;
    std::vector<int> cell_of_label;  // -1: a speck or outside the MRZ
  };
  std::vector<Line> strips;
  std::vector<double> letter_heights;
  for (int li = 0; li < k; ++li) {
    const double centre = margin + 0.55 * P + li * spacing;
    const int y0 = std::max(0, int(centre - 0.8 * P)), y1 = std::min(flat.rows, int(centre + 0.8 * P));
    if (y1 - y0 < 8) continue;
    Line line;
    line.coverage = ink_coverage(flat.rowRange(y0, y1), n, margin, P);
    cv::Mat ink, stats, centroids;
    cv::threshold(line.coverage, ink, 0.5, 255, cv::THRESH_BINARY);
    ink.convertTo(ink, CV_8U);
    const int count = cv::connectedComponentsWithStats(ink, line.labels, stats, centroids, 8, CV_32S);
    line.cells.resize(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) line.cells[static_cast<std::size_t>(c)].ch = lines.at(li, c);
    line.cell_of_label.assign(static_cast<std::size_t>(count), -1);
    for (int i = 1; i < count; ++i) {
      if (stats.at<int>(i, cv::CC_STAT_AREA) < 0.005 * P * P) continue;  // a speck, not a stroke
      const int c = int(std::floor((centroids.at<double>(i, 0) - margin) / P));
      if (c < 0 || c >= n) continue;
      Cell& cell = line.cells[static_cast<std::size_t>(c)];
      const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
                         stats.at<int>(i, cv::CC_STAT_HEIGHT));
      cell.box = cell.inked ? (cell.box | box) : box;
      cell.inked = true;
      line.cell_of_label[static_cast<std::size_t>(i)] = c;
    }
    for (const Cell& cell : line.cells)
      if (cell.ch >= 'A' && cell.ch <= 'Z' && cell.inked) letter_heights.push_back(cell.box.height);
    strips.push_back(std::move(line));
  }
  if (letter_heights.size() < 4) return m;
  // Every glyph scaled by the page's capital height, not its own: OCR-B's narrow '0' and
  // short '<' keep their proportions.
  const double cap = median(letter_heights);
  if (cap < 0.4 * P) return m;

  const auto& templates = ocrb_shapes();
  std::vector<double> scores;
  for (const Line& line : strips)
    for (int c = 0; c < n; ++c) {
      const Cell& cell = line.cells[static_cast<std::size_t>(c)];
      const int index = alphabet_index(cell.ch);
      if (index < 0 || !cell.inked) continue;
      // A box much taller or wider than a glyph ran into a neighbour or the background; one
      // much lower than a capital lost strokes to the binarisation (OCR-B's '<' is 0.9 cap).
      const double min_height = cell.ch == '<' ? 0.15 : 0.3;
      if (cell.box.height < min_height * cap || cell.box.height > 1.4 * cap || cell.box.width > 1.3 * P) continue;
      cv::Mat glyph = cv::Mat::zeros(cell.box.size(), CV_32F);
      for (int y = 0; y < cell.box.height; ++y) {
        const int* label = line.labels.ptr<int>(cell.box.y + y) + cell.box.x;
        const float* cover = line.coverage.ptr<float>(cell.box.y + y) + cell.box.x;
        float* out = glyph.ptr<float>(y);
        for (int x = 0; x < cell.box.width; ++x)
          if (line.cell_of_label[static_cast<std::size_t>(label[x])] == c) out[x] = cover[x];
      }
      scores.push_back(ocrb_conformance(shape_of(glyph, cv::Rect({0, 0}, cell.box.size()), cap), static_cast<std::size_t>(index), templates));
    }
  m.characters = static_cast<int>(scores.size());
  if (m.characters < kMinGlyphCharacters) return m;
  // A fifth cut at each end: cells spoilt by a speck, a scratch or a misread character,
  // and the easiest ones, do not move the page's figure.
  std::sort(scores.begin(), scores.end());
  const std::size_t cut = scores.size() / 5;
  double sum = 0;
  for (std::size_t i = cut; i < scores.size() - cut; ++i) sum += scores[i];
  m.conformance = sum / double(scores.size() - 2 * cut);
  m.low_share = double(std::count_if(scores.begin(), scores.end(), [](double s) { return s < kGlyphCharLimit; })) / m.characters;
  m.measured = true;
  return m;
}

CheckRecord mrz_glyph_check(const MrzGlyphMeasures& m, bool sharp_enough) {
  CheckRecord r;
  r.id = "mrz.print.font";
  r.group = CheckGroup::mrz;
  r.critical = false;
  r.required = false;
  r.unit = "similarity";
  if (m.pitch_px <= 0) {
    r.diagnose = Diagnose::invalid_input;
    r.message = "no MRZ located to compare with OCR-B";
  } else if (m.pitch_px < kMinPrintPitchPx) {
    r.diagnose = Diagnose::resolution_too_low;
    r.message = "MRZ printed too small in the image to compare its glyphs with OCR-B (under 250 dpi)";
  } else if (!sharp_enough) {
    r.diagnose = Diagnose::quality_gate_failed;
    r.message = "MRZ too blurred to compare its glyphs with OCR-B";
  } else if (!m.measured) {
    r.diagnose = Diagnose::quality_gate_failed;
    r.message = "too few MRZ characters could be cut out to compare with OCR-B";
  } else {
    r.measured = m.conformance;
    r.threshold = m.conformance < kErrorConformance ? kErrorConformance : kWarnConformance;
    r.status = m.conformance < kErrorConformance ? CheckStatus::error : m.conformance < kWarnConformance ? CheckStatus::warning : CheckStatus::ok;
    if (r.status == CheckStatus::ok) {
      r.message = "glyph shapes match OCR-B";
    } else {
      r.diagnose = Diagnose::font;
      char text[200];
      std::snprintf(text, sizeof text, "glyphs unlike OCR-B: similarity %.3f under %.3f, %.0f %% of %d characters under %.2f",
                    m.conformance, r.threshold, 100 * m.low_share, m.characters, kGlyphCharLimit);
      r.message = std::string(text);
    }
  }
  return r;
}

}  // namespace docverify::checks
