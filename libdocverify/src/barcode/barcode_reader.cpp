#include "barcode/barcode_reader.hpp"

// Pipeline (each step bounded, see BarcodeReadOptions):
//  1. gray copy; a downscaled "detection" copy for very large images;
//  2. barcode-like regions on the detection copy: gradient energy per cell, Otsu, close/open,
//     contours -> minAreaRect (plus the dense core of blobs a symbol shares with text, and
//     the widest squares inside long blobs: a seal printed at the end of the MRZ); the grid
//     angle of each from its full-resolution pixels;
//  3. the whole detection image through zxing (at half resolution above 1 MP when regions
//     are searched; PDF417 left out when a region shows tilted bars: zxing would fail on it
//     slowly, and the region pass reads it);
//  4. round 1: each region not yet decoded, cut from the full-resolution image, turned
//     upright, scaled to ~3.5 px modules, one zxing call;
//  5. round 2 for regions round 1 missed: first a DataMatrix rectified through its outline's
//     homography, its modules sampled and redrawn for zxing (any square region; see
//     "DataMatrix under perspective and blur"); then, for symbol-sized, not text-like
//     regions, harder variants (other polarity, self-binarized, sharpened, global binarizer,
//     PDF417 angle sweep, double resolution);
//  6. the whole image inverted, when it is mostly dark (or nothing was found without a
//     region search).
// Every decode maps zxing's corners back to the input; PDF417 sides it found short are
// extended, and a position it got wrong is replaced by the region's box.

// text() returns UTF-8 std::string with this; without it 1.4 warns and returns wstring.
#define ZX_USE_UTF8 1
#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/Result.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "errors/input_error.hpp"

namespace docverify::barcode {

const char* symbology_name(Symbology symbology) {
  switch (symbology) {
    case Symbology::data_matrix: return "data_matrix";
    case Symbology::qr_code: return "qr_code";
    case Symbology::pdf417: return "pdf417";
    case Symbology::aztec: return "aztec";
    case Symbology::unknown: break;
  }
  return "unknown";
}

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kPi = 3.14159265358979323846;
// zxing's cost grows with the crop; the largest PDF417 (30 columns x 90 rows) at 2.8 px
// modules is 1.2 MP, and bigger modules are scaled down.
constexpr double kMaxCropPixels = 2'000'000;
constexpr double kAngleSamplePixels = 200'000;    // enough gradient samples for a sub-degree angle
constexpr double kPdf417TiltTolerance = 2.5;      // degrees zxing 1.4 reliably reads PDF417 at (4 at best)
// All region crops of one call together: a failing PDF417 decode costs zxing ~40-100 ms
// per megapixel, so this, not the attempt count, is what bounds a page of bar-like clutter.
constexpr double kRegionPixelBudget = 12'000'000;

// ---- zxing glue --------------------------------------------------------------------------

ZXing::BarcodeFormats zxing_formats(unsigned mask) {
  ZXing::BarcodeFormats formats;
  if (mask & symbology_bit(Symbology::data_matrix)) formats |= ZXing::BarcodeFormat::DataMatrix;
  if (mask & symbology_bit(Symbology::qr_code)) formats |= ZXing::BarcodeFormat::QRCode;
  if (mask & symbology_bit(Symbology::pdf417)) formats |= ZXing::BarcodeFormat::PDF417;
  if (mask & symbology_bit(Symbology::aztec)) formats |= ZXing::BarcodeFormat::Aztec;
  return formats;
}

Symbology from_zxing(ZXing::BarcodeFormat format) {
  switch (format) {
    case ZXing::BarcodeFormat::DataMatrix: return Symbology::data_matrix;
    case ZXing::BarcodeFormat::QRCode: return Symbology::qr_code;
    case ZXing::BarcodeFormat::PDF417: return Symbology::pdf417;
    case ZXing::BarcodeFormat::Aztec: return Symbology::aztec;
    default: return Symbology::unknown;
  }
}

ZXing::DecodeHints make_hints(unsigned formats, int max_symbols, ZXing::Binarizer binarizer) {
  ZXing::DecodeHints h;
  h.setFormats(zxing_formats(formats))
      .setTryHarder(true)
      // 1.4 maps the position of a symbol found rotated by 90 or 270 degrees back half a
      // turn off (seen with PDF417). DataMatrix, QR and Aztec read in any orientation anyway,
      // PDF417 reads upright and upside down, and region crops stand PDF417 bars up.
      .setTryRotate(false)
      // Its pyramid makes a failing PDF417 search several times slower; region crops are
      // scaled to the symbol's module instead.
      .setTryDownscale(false)
      .setBinarizer(binarizer)
      .setMaxNumberOfSymbols(static_cast<std::uint8_t>(std::clamp(max_symbols, 1, 255)));
  return h;
}

void validate(const cv::Mat& image, const BarcodeReadOptions& o) {
  if (image.empty()) throw ImageError("read_barcodes: the image is empty");
  if (image.dims != 2) throw ImageError("read_barcodes: the image must be 2-dimensional, got " + std::to_string(image.dims));
  if (image.depth() != CV_8U)
    throw ImageError("read_barcodes: the image must be 8-bit (CV_8U), got OpenCV depth " + std::to_string(image.depth()));
  const int ch = image.channels();
  if (ch != 1 && ch != 3 && ch != 4)
    throw ImageError("read_barcodes: the image must have 1, 3 or 4 channels, got " + std::to_string(ch));
  if (image.total() > o.max_image_pixels)
    throw ImageError("read_barcodes: the image has " + std::to_string(image.cols) + "x" + std::to_string(image.rows) +
                     " pixels, more than the limit of " + std::to_string(o.max_image_pixels));
  if (o.formats & ~all_symbologies)
    throw InputError("read_barcodes: formats has bits other than the four symbologies: " + std::to_string(o.formats));
  if (o.max_symbols < 1 || o.max_symbols > 255)
    throw InputError("read_barcodes: max_symbols must be 1..255, got " + std::to_string(o.max_symbols));
  if (o.max_regions < 0 || o.max_regions > 64)
    throw InputError("read_barcodes: max_regions must be 0..64, got " + std::to_string(o.max_regions));
  if (o.max_region_attempts < 0 || o.max_region_attempts > 512)
    throw InputError("read_barcodes: max_region_attempts must be 0..512, got " + std::to_string(o.max_region_attempts));
  if (o.max_detection_pixels < 10'000)
    throw InputError("read_barcodes: max_detection_pixels must be >= 10000, got " + std::to_string(o.max_detection_pixels));
  if (o.time_budget_ms < 0) throw InputError("read_barcodes: time_budget_ms must be >= 0, got " + std::to_string(o.time_budget_ms));
}

// A homography: perspective-rectified crops map back to the input through one.
cv::Point2f apply(const cv::Matx33d& m, cv::Point2f p) {
  const double w = m(2, 0) * p.x + m(2, 1) * p.y + m(2, 2);
  const double k = std::abs(w) > 1e-12 ? 1.0 / w : 0.0;
  return {static_cast<float>((m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2)) * k),
          static_cast<float>((m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)) * k)};
}

cv::Matx33d homogeneous(const cv::Matx23d& m) { return {m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), 0, 0, 1}; }

cv::Point2f quad_centre(const std::array<cv::Point2f, 4>& q) { return (q[0] + q[1] + q[2] + q[3]) * 0.25f; }

double quad_diagonal(const std::array<cv::Point2f, 4>& q) { return std::max(cv::norm(q[0] - q[2]), cv::norm(q[1] - q[3])); }

bool inside_quad(const std::array<cv::Point2f, 4>& q, cv::Point2f p, double grow = 0) {
  const std::vector<cv::Point2f> poly(q.begin(), q.end());
  return cv::pointPolygonTest(poly, p, true) >= -grow;
}

// The same symbol found twice (two passes, two polarities): same kind, same payload and
// overlapping places. The same payload far away is a second printed copy.
bool same_symbol(const Barcode& a, const Barcode& b) {
  if (a.symbology != b.symbology || a.bytes != b.bytes) return false;
  const cv::Point2f ca = quad_centre(a.corners), cb = quad_centre(b.corners);
  const double reach = 0.5 * std::max(quad_diagonal(a.corners), quad_diagonal(b.corners));
  return cv::norm(ca - cb) <= reach || inside_quad(a.corners, cb) || inside_quad(b.corners, ca);
}

// Counts zxing calls on crops and watches the clock, so garbage cannot make a call long.
class WorkBudget {
 public:
  explicit WorkBudget(const BarcodeReadOptions& o)
      : region_attempts_left_(o.max_region_attempts),
        region_pixels_left_(kRegionPixelBudget),
        has_deadline_(o.time_budget_ms > 0),
        deadline_(Clock::now() + std::chrono::milliseconds(o.time_budget_ms)) {}
  bool time_left() const { return !has_deadline_ || Clock::now() < deadline_; }
  bool take_region_attempt(double pixels) {
    if (region_attempts_left_ <= 0 || region_pixels_left_ < pixels || !time_left()) return false;
    --region_attempts_left_;
    region_pixels_left_ -= pixels;
    return true;
  }

 private:
  int region_attempts_left_;
  double region_pixels_left_;
  bool has_deadline_;
  Clock::time_point deadline_;
};

struct Collector {
  std::vector<Barcode> found;
  int max_symbols;
  bool full() const { return static_cast<int>(found.size()) >= max_symbols; }
  // True when `b` is new.
  bool add(Barcode b) {
    if (full()) return false;
    for (const Barcode& f : found)
      if (same_symbol(f, b)) return false;
    found.push_back(std::move(b));
    return true;
  }
  bool covers(cv::Point2f p, double grow) const {
    for (const Barcode& f : found)
      if (inside_quad(f.corners, p, grow)) return true;
    return false;
  }
};

// zxing 1.4 places a PDF417's corners on the first and last rows where it found the start
// and stop patterns, which can be rows (under blur, half the symbol) short of the real
// edge. Each side is extended here along its own line while the rows next to it still
// cross bars; bars are upright in `gray` (a region crop) or nearly so (the whole pass).
void extend_pdf417_sides(const cv::Mat& gray, std::array<cv::Point2f, 4>& q) {
  const double width = 0.5 * (cv::norm(q[1] - q[0]) + cv::norm(q[2] - q[3]));
  const int band = std::max(8, static_cast<int>(width * 0.04));  // ~ the start pattern's first bars
  // The pixels of a short horizontal band at height y on the line a-b, inward by `dir`;
  // empty when it leaves the image.
  auto band_at = [&](cv::Point2f a, cv::Point2f b, double y, int dir, std::vector<int>& px) {
    px.clear();
    const int yi = static_cast<int>(std::lround(y));
    if (std::abs(b.y - a.y) < 1 || yi < 0 || yi >= gray.rows) return;
    const double t = (y - a.y) / (b.y - a.y);
    const int x0 = static_cast<int>(std::lround(a.x + t * (b.x - a.x)));
    const unsigned char* row = gray.ptr<unsigned char>(yi);
    for (int i = -2; i < band; ++i) {
      const int x = x0 + dir * i;
      if (x < 0 || x >= gray.cols) {
        px.clear();
        return;
      }
      px.push_back(row[x]);
    }
  };
  // Bar edges in a band: steps over 2 px (blur spreads an edge) larger than a third of the
  // ink-paper contrast, which paper noise seldom makes.
  auto edges = [](const std::vector<int>& px, int step) {
    int n = 0;
    for (std::size_t i = 0; i + 2 < px.size(); ++i) n += std::abs(px[i + 2] - px[i]) > step;
    return n;
  };
  // A side may have been found over a fraction of its height only: walk as far as the
  // taller side (plus a little) reaches.
  const double reach = 1.1 * std::max(std::abs(q[3].y - q[0].y), std::abs(q[2].y - q[1].y)) + 4;
  auto extend = [&](cv::Point2f& top, cv::Point2f& bottom, int dir) {
    const double y_top = top.y, y_bottom = bottom.y, height = y_bottom - y_top;
    if (height < 4 || height > gray.rows) return;
    const int rows = static_cast<int>(height);
    std::vector<int> px, values;
    for (int i = 0; i <= rows; ++i) {
      band_at(top, bottom, y_top + i, dir, px);
      values.insert(values.end(), px.begin(), px.end());
    }
    if (values.size() < 16) return;
    std::sort(values.begin(), values.end());
    const int step = (values[values.size() * 9 / 10] - values[values.size() / 10]) / 3;
    if (step < 8) return;
    std::vector<int> inside;
    for (int i = 0; i <= rows; ++i) {
      band_at(top, bottom, y_top + i, dir, px);
      if (!px.empty()) inside.push_back(edges(px, step));
    }
    if (inside.empty()) return;
    std::nth_element(inside.begin(), inside.begin() + static_cast<std::ptrdiff_t>(inside.size() / 2), inside.end());
    const int needed = std::max(2, inside[inside.size() / 2] * 2 / 5);
    // Walk outward while rows still cross bars; a gap of a few rows (noise) is crossed.
    auto walk = [&](double from, int dy) {
      double last_good = from;
      int gap = 0;
      for (int i = 1; i < reach; ++i) {
        const double y = from + i * dy;
        band_at(top, bottom, y, dir, px);
        if (px.empty()) break;
        if (edges(px, step) >= needed) {
          last_good = y;
          gap = 0;
        } else if (++gap > 3) {
          break;
        }
      }
      return last_good;
    };
    const double new_top = walk(y_top, -1), new_bottom = walk(y_bottom, +1);
    const cv::Point2f per_row = (bottom - top) * static_cast<float>(1.0 / height);
    const cv::Point2f anchor = top;
    top = anchor + per_row * static_cast<float>(new_top - y_top);
    bottom = anchor + per_row * static_cast<float>(new_bottom - y_top);
  };
  // A side found over a few rows only has an unreliable direction, and extending it far
  // would drift sideways: it takes the direction of the other side when that is much taller.
  auto steer = [](cv::Point2f& top, cv::Point2f& bottom, cv::Point2f other_top, cv::Point2f other_bottom) {
    const double length = cv::norm(bottom - top), other = cv::norm(other_bottom - other_top);
    if (length >= 0.7 * other || other < 1) return;
    const cv::Point2f mid = (top + bottom) * 0.5f;
    const cv::Point2f dir = (other_bottom - other_top) * static_cast<float>(0.5 * length / other);
    top = mid - dir;
    bottom = mid + dir;
  };
  steer(q[0], q[3], q[1], q[2]);
  steer(q[1], q[2], q[0], q[3]);
  // Upright or upside down are the only ways zxing reports PDF417 without tryRotate.
  if (q[3].y > q[0].y) {
    extend(q[0], q[3], +1);  // left side: tl over bl, bars to the right
    extend(q[1], q[2], -1);  // right side: tr over br, bars to the left
  } else {
    extend(q[2], q[1], +1);  // upside down: the symbol's br is top-left on screen
    extend(q[3], q[0], -1);  // and its bl top-right
  }
}

// zxing 1.4 sometimes reports a PDF417 whose stop pattern it missed with two corners on
// one point (seen under blur). A position must be a convex quad of some size.
bool plausible_quad(const std::array<cv::Point2f, 4>& q) {
  for (std::size_t i = 0; i < 4; ++i)
    if (cv::norm(q[i] - q[(i + 1) % 4]) < 3) return false;
  const std::vector<cv::Point2f> poly(q.begin(), q.end());
  return cv::isContourConvex(poly) && cv::contourArea(poly) >= 25;
}

// The symbol's box in an upright crop, from the blob's size around the crop centre
// tightened to the outermost rows and columns that cross ink edges (the blob is only as
// exact as its 4-px cells). Stands in for a position zxing got wrong. An ink edge is a step
// over 2 px (blur spreads edges) of a third of the ink-paper contrast: the faint edge where
// a white quiet zone meets grey paper is not one.
std::array<cv::Point2f, 4> tightened_box(const cv::Mat& gray, cv::Size2f blob) {
  const cv::Point2f c(gray.cols / 2.0f, gray.rows / 2.0f);
  const float x0 = c.x - blob.width / 2, x1 = c.x + blob.width / 2, y0 = c.y - blob.height / 2, y1 = c.y + blob.height / 2;
  const std::array<cv::Point2f, 4> loose = {cv::Point2f(x0, y0), cv::Point2f(x1, y0), cv::Point2f(x1, y1), cv::Point2f(x0, y1)};
  const cv::Rect bounds(cv::Point(static_cast<int>(c.x - 0.6f * blob.width), static_cast<int>(c.y - 0.6f * blob.height)),
                        cv::Size(static_cast<int>(1.2f * blob.width), static_cast<int>(1.2f * blob.height)));
  const cv::Rect roi = bounds & cv::Rect(0, 0, gray.cols - 2, gray.rows - 2);
  const cv::Rect inner = cv::Rect(cv::Point(static_cast<int>(x0), static_cast<int>(y0)), cv::Point(static_cast<int>(x1), static_cast<int>(y1))) & roi;
  if (roi.width < 8 || roi.height < 8 || inner.width < 4 || inner.height < 4) return loose;
  cv::Mat values = gray(inner).clone().reshape(1, 1);
  cv::sort(values, values, cv::SORT_EVERY_ROW | cv::SORT_ASCENDING);
  const int n = values.cols;
  const int step = (values.at<unsigned char>(0, n * 9 / 10) - values.at<unsigned char>(0, n / 10)) / 3;
  if (step < 8) return loose;
  std::vector<int> columns(static_cast<std::size_t>(roi.width), 0), rows(static_cast<std::size_t>(roi.height), 0);
  for (int y = 0; y < roi.height; ++y) {
    const unsigned char* p = gray.ptr<unsigned char>(roi.y + y) + roi.x;
    const unsigned char* down = gray.ptr<unsigned char>(roi.y + y + 2) + roi.x;
    for (int x = 0; x < roi.width; ++x) {
      const int edges = (std::abs(p[x + 2] - p[x]) > step) + (std::abs(down[x] - p[x]) > step);
      columns[static_cast<std::size_t>(x)] += edges;
      rows[static_cast<std::size_t>(y)] += edges;
    }
  }
  // Outermost indices with at least 30 % of the median edge count inside the blob's span.
  auto span = [](const std::vector<int>& profile, int inner_from, int inner_to, float& from, float& to) {
    std::vector<int> in(profile.begin() + inner_from, profile.begin() + inner_to);
    std::nth_element(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(in.size() / 2), in.end());
    const int needed = std::max(1, in[in.size() / 2] * 3 / 10);
    int first = -1, last = -1;
    for (int i = 0; i < static_cast<int>(profile.size()); ++i)
      if (profile[static_cast<std::size_t>(i)] >= needed) {
        if (first < 0) first = i;
        last = i;
      }
    if (first >= 0) from = static_cast<float>(first), to = static_cast<float>(last + 2);  // +2: the 2-px step
  };
  float fx0 = x0 - roi.x, fx1 = x1 - roi.x, fy0 = y0 - roi.y, fy1 = y1 - roi.y;
  span(columns, inner.x - roi.x, inner.x - roi.x + inner.width, fx0, fx1);
  span(rows, inner.y - roi.y, inner.y - roi.y + inner.height, fy0, fy1);
  fx0 += roi.x, fx1 += roi.x, fy0 += roi.y, fy1 += roi.y;
  return {cv::Point2f(fx0, fy0), cv::Point2f(fx1, fy0), cv::Point2f(fx1, fy1), cv::Point2f(fx0, fy1)};
}

// Decodes one 8-bit gray image; `to_input` maps its pixels to the input image's. `blob`
// (may be null) is the region's size when `gray` is an upright crop centred on it, for a
// stand-in position when zxing's is implausible. Returns how many new symbols were added.
int decode_into(const cv::Mat& gray, const ZXing::DecodeHints& hints, const cv::Matx33d& to_input, bool inverted,
                Collector& out, const cv::Size2f* blob = nullptr) {
  if (gray.cols < 1 || gray.rows < 1 || out.full()) return 0;
  const ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step[0]));
  int added = 0;
  for (const ZXing::Result& r : ZXing::ReadBarcodes(view, hints)) {
    if (!r.isValid()) continue;
    Barcode b;
    b.symbology = from_zxing(r.format());
    if (b.symbology == Symbology::unknown) continue;
    b.bytes.assign(r.bytes().begin(), r.bytes().end());
    const ZXing::Position& p = r.position();
    std::array<cv::Point2f, 4> local;
    for (std::size_t i = 0; i < 4; ++i) local[i] = cv::Point2f(static_cast<float>(p[i].x), static_cast<float>(p[i].y));
    if (!plausible_quad(local) && blob) local = tightened_box(gray, *blob);
    if (b.symbology == Symbology::pdf417) extend_pdf417_sides(gray, local);
    for (std::size_t i = 0; i < 4; ++i) b.corners[i] = apply(to_input, local[i]);
    // The reading direction in the input (y down), reported counter-clockwise.
    const cv::Point2f axis = (b.corners[1] + b.corners[2]) - (b.corners[0] + b.corners[3]);
    double angle = -std::atan2(axis.y, axis.x) * 180.0 / kPi;
    if (angle <= -180.0) angle += 360.0;
    b.angle_degrees = angle;
    b.symbology_identifier = r.symbologyIdentifier();
    b.inverted = inverted;
    if (out.add(std::move(b))) ++added;
    if (out.full()) break;
  }
  return added;
}

cv::Mat inverted_copy(const cv::Mat& gray) {
  cv::Mat inv;
  cv::bitwise_not(gray, inv);
  return inv;
}

// ---- Measuring regions --------------------------------------------------------------------

struct GridAngle {
  double degrees = 0;    // in (-45, 45]: getRotationMatrix2D(degrees) makes the grid axis-aligned
  double coherence = 0;  // 0..1: how strongly the edges agree on one square grid
  double bars = 0;       // 0..1: how strongly they agree on one direction only (PDF417 bars)
  double bar_degrees = 0;  // in (-45, 45]: the same for that one direction; better for bars
  double across = 1;       // gradient along y over along x: PDF417 bars lying down >> 1, standing << 1
  // The angle to turn by: bars decide for PDF417-like patches (its row edges are weaker and,
  // under perspective, not at right angles to the bars), the grid for everything else.
  double upright_degrees() const { return bars >= 0.45 ? bar_degrees : degrees; }
};

// The dominant edge direction modulo 90 degrees: gradient angles folded by 4 (a grid's edges
// at a, a+90, a+180, a+270 agree), weighted by squared magnitude so paper noise hardly
// counts. Sub-degree on barcodes, far better than minAreaRect on a blob. Folded by 2 the
// same sums tell bars (one direction) from a 2D grid (two that cancel).
// Only pixels where `mask` (same size, optional) is set count.
GridAngle grid_angle(const cv::Mat& patch, const cv::Mat& mask = cv::Mat()) {
  GridAngle g;
  if (patch.cols < 3 || patch.rows < 3) return g;
  cv::Mat gx, gy;
  cv::Sobel(patch, gx, CV_32F, 1, 0, 3);
  cv::Sobel(patch, gy, CV_32F, 0, 1, 3);
  double c2 = 0, s2 = 0, c4 = 0, s4 = 0, weight = 0, along_x = 0, along_y = 0;
  for (int y = 1; y + 1 < patch.rows; ++y) {
    const float* px = gx.ptr<float>(y);
    const float* py = gy.ptr<float>(y);
    const unsigned char* inside = mask.empty() ? nullptr : mask.ptr<unsigned char>(y);
    for (int x = 1; x + 1 < patch.cols; ++x) {
      if (inside && !inside[x]) continue;
      const double a = px[x], b = py[x];
      along_x += std::abs(a);
      along_y += std::abs(b);
      const double m2 = a * a + b * b;
      if (m2 < 1e-6) continue;
      const double cos2 = a * a - b * b, sin2 = 2 * a * b;  // m^2 cos 2t, m^2 sin 2t
      c2 += cos2;
      s2 += sin2;
      c4 += (cos2 * cos2 - sin2 * sin2) / m2;  // m^2 cos 4t
      s4 += 2 * cos2 * sin2 / m2;              // m^2 sin 4t
      weight += m2;
    }
  }
  if (weight <= 0) return g;
  g.across = along_x > 0 ? along_y / along_x : 1.0;
  g.degrees = std::atan2(s4, c4) / 4.0 * 180.0 / kPi;
  g.coherence = std::hypot(c4, s4) / weight;
  g.bars = std::hypot(c2, s2) / weight;
  double across = std::atan2(s2, c2) / 2.0 * 180.0 / kPi;  // gradient direction, (-90, 90]
  if (across > 45) across -= 90;
  if (across <= -45) across += 90;
  g.bar_degrees = across;
  return g;
}

// The grid angle of a patch, sampled down when large (angles survive an area resize).
GridAngle sampled_grid_angle(const cv::Mat& patch, const cv::Mat& mask = cv::Mat()) {
  if (patch.total() <= kAngleSamplePixels) return grid_angle(patch, mask);
  const double k = std::sqrt(kAngleSamplePixels / static_cast<double>(patch.total()));
  cv::Mat small, small_mask;
  cv::resize(patch, small, cv::Size(), k, k, cv::INTER_AREA);
  if (!mask.empty()) cv::resize(mask, small_mask, small.size(), 0, 0, cv::INTER_NEAREST);
  return grid_angle(small, small_mask);
}

// The grid angle inside an input-pixel box (not its upright bounds: next to a tilted
// symbol those hold text or other clutter).
GridAngle grid_angle_of(const cv::Mat& gray, const cv::RotatedRect& box) {
  const cv::Rect bounds = box.boundingRect() & cv::Rect(0, 0, gray.cols, gray.rows);
  if (bounds.width < 8 || bounds.height < 8) return {};
  cv::Point2f corners[4];
  box.points(corners);
  std::vector<cv::Point> poly;
  for (const cv::Point2f& c : corners) poly.emplace_back(cvRound(c.x) - bounds.x, cvRound(c.y) - bounds.y);
  cv::Mat mask = cv::Mat::zeros(bounds.size(), CV_8U);
  cv::fillConvexPoly(mask, poly, cv::Scalar(255));
  return sampled_grid_angle(gray(bounds), mask);
}

struct Region {
  cv::RotatedRect box;  // in full-resolution input pixels
  double score = 0;
  GridAngle grid;
};

// Barcode-like regions: cells of high gradient energy, closed into blobs, found on the
// (possibly downscaled) detection image; boxes come back in full-resolution pixels, the
// most barcode-like first, with their grid angle measured on the full-resolution image.
std::vector<Region> find_regions(const cv::Mat& detect, const cv::Mat& gray, double detect_to_input, int max_regions) {
  std::vector<Region> regions;
  if (max_regions <= 0 || detect.cols < 16 || detect.rows < 16) return regions;
  // Gradient energy (~ edge contrast in gray levels), averaged into cells so the morphology
  // is cheap. Above 1 MP it is taken at half resolution: a 2-pixel module is then one pixel,
  // still all edges, and the page costs a quarter.
  cv::Mat source = detect;
  if (detect.total() > 1'000'000) cv::resize(detect, source, cv::Size(detect.cols / 2, detect.rows / 2), 0, 0, cv::INTER_AREA);
  cv::Mat gx, gy, ax, ay, energy;
  cv::spatialGradient(source, gx, gy, 3);  // both 3x3 Sobel derivatives in one pass
  cv::convertScaleAbs(gx, ax, 0.25);
  cv::convertScaleAbs(gy, ay, 0.25);
  cv::add(ax, ay, energy);
  const double cells_wanted = 150'000.0;
  const int cell = std::clamp(static_cast<int>(std::lround(std::sqrt(static_cast<double>(detect.total()) / cells_wanted))), 2, 8);
  cv::Mat map;
  cv::resize(energy, map, cv::Size(std::max(1, detect.cols / cell), std::max(1, detect.rows / cell)), 0, 0, cv::INTER_AREA);
  // Otsu separates textured cells from paper; the floor keeps a blank or evenly noisy page
  // from turning into blobs of noise.
  cv::Mat mask;
  const double otsu = cv::threshold(map, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  const double floor_energy = 10.0;
  if (otsu < floor_energy) cv::threshold(map, mask, floor_energy, 255, cv::THRESH_BINARY);
  // Closing bridges ~12 input px, the widest flat runs inside a symbol (PDF417's six-module
  // bars and spaces at 2 px); opening drops specks.
  const int bridge = std::max(3, 2 * static_cast<int>(std::lround(6.0 / cell)) + 1);
  cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {bridge, bridge}));
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  // A symbol printed next to text merges with it into one blob whose centre and angle are
  // off. Opened with a square bigger than a text line is high (~28 input px), such a blob
  // loses the lines and keeps the symbol: that core becomes a region of its own too.
  const int core_size = std::max(5, 2 * static_cast<int>(std::lround(14.0 / cell)) + 1);
  const cv::Mat core_kernel = cv::getStructuringElement(cv::MORPH_RECT, {core_size, core_size});
  const std::size_t blobs = contours.size();
  for (std::size_t i = 0; i < blobs; ++i) {
    const double area = cv::contourArea(contours[i]);
    if (area < 2.0 * core_size * core_size) continue;
    const cv::Rect bounds = cv::boundingRect(contours[i]);
    cv::Mat core = cv::Mat::zeros(bounds.height + 2, bounds.width + 2, CV_8U);
    cv::drawContours(core, contours, static_cast<int>(i), 255, cv::FILLED, cv::LINE_8, cv::noArray(), 0,
                     cv::Point(1, 1) - bounds.tl());
    // A symbol at the end of a text block (a seal beside the MRZ) can survive that opening
    // joined to the block, which is as wide as two lines: the widest square inside a long
    // blob is then the symbol, found where the blob's distance transform peaks.
    const cv::RotatedRect outer = cv::minAreaRect(contours[i]);
    if (std::max(outer.size.width, outer.size.height) > 1.6f * std::min(outer.size.width, outer.size.height)) {
      cv::Mat distance;
      cv::distanceTransform(core, distance, cv::DIST_L2, 3);
      for (int square = 0; square < 3; ++square) {  // a photo can be wider still: a few
        double peak = 0;
        cv::Point at;
        cv::minMaxLoc(distance, nullptr, &peak, nullptr, &at);
        if (peak < core_size / 2.0) break;
        const int r = static_cast<int>(std::lround(peak));
        const cv::Point c = at + bounds.tl() - cv::Point(1, 1);
        contours.push_back({c + cv::Point(-r, -r), c + cv::Point(r, -r), c + cv::Point(r, r), c + cv::Point(-r, r)});
        cv::rectangle(distance, cv::Rect(at - cv::Point(2 * r, 2 * r), cv::Size(4 * r + 1, 4 * r + 1)), cv::Scalar(0), cv::FILLED);
      }
    }
    cv::morphologyEx(core, core, cv::MORPH_OPEN, core_kernel);
    if (cv::countNonZero(core) > 0.85 * area) continue;  // nothing thin came off: the blob is its own core
    std::vector<std::vector<cv::Point>> cores;
    cv::findContours(core, cores, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE, bounds.tl() - cv::Point(1, 1));
    for (auto& c : cores) contours.push_back(std::move(c));
  }
  // Cell centres to input pixels (the map's size is rounded down, so not exactly `cell`).
  const double sx = static_cast<double>(detect.cols) / map.cols * detect_to_input;
  const double sy = static_cast<double>(detect.rows) / map.rows * detect_to_input;
  const float k = static_cast<float>(0.5 * (sx + sy));
  for (const auto& c : contours) {
    const double area = cv::contourArea(c);
    if (area < 12) continue;  // cells: below ~14x14 px at 4-px cells no symbol is readable
    cv::RotatedRect box = cv::minAreaRect(c);
    // A blob spans half a cell beyond its cell centres on each side.
    box.size.width += 1.0f;
    box.size.height += 1.0f;
    const double w = box.size.width, h = box.size.height;
    if (std::min(w, h) < 3 || std::max(w, h) / std::min(w, h) > 12) continue;  // rules, lines, borders
    const double fill = area / (w * h);
    if (fill < 0.35) continue;  // frames and L shapes, not a symbol
    const cv::Rect bounds = cv::boundingRect(c) & cv::Rect(0, 0, map.cols, map.rows);
    cv::Mat blob_mask = cv::Mat::zeros(bounds.size(), CV_8U);
    cv::drawContours(blob_mask, std::vector<std::vector<cv::Point>>{c}, 0, 255, cv::FILLED, cv::LINE_8, cv::noArray(), 0,
                     -bounds.tl());
    const double mean_energy = cv::mean(map(bounds), blob_mask)[0];
    Region r;
    r.box = cv::RotatedRect(cv::Point2f(static_cast<float>((box.center.x + 0.5) * sx), static_cast<float>((box.center.y + 0.5) * sy)),
                            cv::Size2f(box.size.width * k, box.size.height * k), box.angle);
    r.score = area * mean_energy * fill;
    regions.push_back(r);
  }
  std::sort(regions.begin(), regions.end(), [](const Region& a, const Region& b) { return a.score > b.score; });
  if (static_cast<int>(regions.size()) > max_regions) regions.resize(static_cast<std::size_t>(max_regions));
  for (Region& r : regions) r.grid = grid_angle_of(gray, r.box);
  return regions;
}

// A region that shows PDF417-like bars tilted beyond what zxing 1.4 reads; small blobs
// (a piece of a symbol, a few strokes) give too rough an angle to count.
bool tilted_bars(const Region& r) {
  return std::min(r.box.size.width, r.box.size.height) >= 40 && r.grid.coherence >= 0.3 && r.grid.bars >= 0.45 &&
         std::abs(r.grid.bar_degrees) > kPdf417TiltTolerance;
}

// Regions a crop cannot improve on: no edge direction at all (noise: the angle sums
// cancel, while even blurred text keeps ~0.07), or the whole image again, upright, which
// the whole-image pass has just decoded.
bool worth_a_crop(const Region& r, const cv::Mat& detect, double detect_to_input) {
  if (r.grid.coherence < 0.03 && r.grid.bars < 0.03) return false;
  const double image_area = static_cast<double>(detect.total()) * detect_to_input * detect_to_input;
  const bool upright = std::abs(r.grid.upright_degrees()) < 1.0;
  return !(upright && r.box.size.area() > 0.6 * image_area);
}

// Module size in pixels of an upright crop: the lower quartile of black/white run lengths
// along a few rows and columns of its centre (runs are one to several modules long).
double module_estimate(const cv::Mat& crop) {
  if (crop.cols < 8 || crop.rows < 8) return 0;
  cv::Mat bin;
  cv::threshold(crop, bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  std::vector<int> runs;
  auto scan = [&](auto pixel, int length) {
    int run = 0;
    bool prev = pixel(0) != 0, seen_edge = false;
    for (int i = 1; i < length; ++i) {
      const bool v = pixel(i) != 0;
      ++run;
      if (v != prev) {
        if (seen_edge) runs.push_back(run);  // the first run touches the crop edge: partial
        seen_edge = true;
        run = 0;
        prev = v;
      }
    }
  };
  const int lines = 9;
  for (int i = 0; i < lines; ++i) {
    const int y = std::min(crop.rows - 1, crop.rows / 5 + (crop.rows * 3 / 5) * i / (lines - 1));
    const int x = std::min(crop.cols - 1, crop.cols / 5 + (crop.cols * 3 / 5) * i / (lines - 1));
    const unsigned char* row = bin.ptr<unsigned char>(y);
    scan([&](int j) { return row[j]; }, crop.cols);
    scan([&](int j) { return bin.at<unsigned char>(j, x); }, crop.rows);
  }
  if (runs.size() < 8) return 0;
  std::nth_element(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(runs.size() / 4), runs.end());
  return runs[runs.size() / 4];
}

// Whether the crop's outer ring (quiet zone, paper) is darker than its ink threshold: then
// the symbol is probably light on dark.
bool looks_inverted(const cv::Mat& crop) {
  cv::Mat bin;
  const double t = cv::threshold(crop, bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  const int bw = std::max(1, std::min(crop.cols, crop.rows) / 16);
  cv::Mat ring(crop.size(), CV_8U, cv::Scalar(255));
  ring(cv::Rect(bw, bw, std::max(0, crop.cols - 2 * bw), std::max(0, crop.rows - 2 * bw))).setTo(0);
  return cv::mean(crop, ring)[0] < t;
}

// Whether an upright crop's blob (size `blob` around the centre) reads like lines of text:
// many rows (or columns, for text turned a quarter) without ink between the lines. Every
// row and column of a 2D symbol or a PDF417 crosses ink, blurred or not.
bool looks_like_text(const cv::Mat& crop, cv::Size2f blob) {
  const cv::Point2f c(crop.cols / 2.0f, crop.rows / 2.0f);
  const cv::Rect inner = cv::Rect(cv::Point(cvRound(c.x - 0.4f * blob.width), cvRound(c.y - 0.4f * blob.height)),
                                  cv::Point(cvRound(c.x + 0.4f * blob.width), cvRound(c.y + 0.4f * blob.height))) &
                         cv::Rect(0, 0, crop.cols, crop.rows);
  if (inner.width < 8 || inner.height < 8) return false;
  cv::Mat ink;
  cv::threshold(crop(inner), ink, 0, 1, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  if (2 * static_cast<std::size_t>(cv::countNonZero(ink)) > ink.total()) ink = 1 - ink;  // light on dark: ink is the minority
  cv::Mat row_ink, column_ink;
  cv::reduce(ink, row_ink, 1, cv::REDUCE_SUM, CV_32S);
  cv::reduce(ink, column_ink, 0, cv::REDUCE_SUM, CV_32S);
  auto empty_share = [](const cv::Mat& sums, int length) {
    int empty = 0;
    for (int i = 0; i < static_cast<int>(sums.total()); ++i) empty += sums.at<int>(i) * 50 < length;  // < 2 % ink
    return static_cast<double>(empty) / static_cast<double>(sums.total());
  };
  return std::max(empty_share(row_ink, inner.width), empty_share(column_ink, inner.height)) >= 0.2;
}

// ---- Region crops ------------------------------------------------------------------------

// A crop of the full-resolution gray image around `centre`, turned upright and scaled;
// `to_input` maps crop pixels back to input pixels.
struct Crop {
  cv::Mat pixels;
  cv::Matx23d to_input;
};

Crop warp_crop(const cv::Mat& gray, cv::Point2f centre, cv::Size2f extent, double angle_degrees, double scale) {
  const cv::Size out(std::max(8, static_cast<int>(std::ceil(extent.width * scale))),
                     std::max(8, static_cast<int>(std::ceil(extent.height * scale))));
  // An edge direction of `angle` measured with y down (clockwise on screen) is made
  // axis-aligned by getRotationMatrix2D(+angle), which turns counter-clockwise on screen.
  cv::Mat m = cv::getRotationMatrix2D(centre, angle_degrees, scale);
  m.at<double>(0, 2) += out.width / 2.0 - centre.x;
  m.at<double>(1, 2) += out.height / 2.0 - centre.y;
  Crop c;
  // warpAffine touches only output pixels, so a crop costs its own size, not the page's.
  cv::warpAffine(gray, c.pixels, m, out, scale > 1.4 ? cv::INTER_CUBIC : cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::Mat inv;
  cv::invertAffineTransform(m, inv);
  c.to_input = cv::Matx23d(inv.ptr<double>());
  return c;
}

// The crop binarized by Otsu, dark = 0, upscaled first so modules are ~8 px: zxing 1.4's
// Aztec detector (its PDF417 and DataMatrix samplers less so) needs crisp edges to locate
// the symbol exactly and gives up on the soft edges that rotation and blur leave.
cv::Mat crisp(const cv::Mat& crop, double module, bool inverted) {
  double up = module > 0 ? std::clamp(8.0 / module, 1.0, 4.0) : 2.0;
  up = std::min(up, std::sqrt(0.5 * kMaxCropPixels / static_cast<double>(crop.total())));
  cv::Mat big = crop;
  if (up > 1.05) cv::resize(crop, big, cv::Size(), up, up, cv::INTER_CUBIC);
  cv::Mat bin;
  cv::threshold(big, bin, 0, 255, (inverted ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY) | cv::THRESH_OTSU);
  return bin;
}

// Blur undone a little: twice the resolution, then an unsharp mask (radius ~ a module) that
// steepens the soft edges blur and JPEG leave, before zxing's own binarizer sees them.
cv::Mat sharpened(const cv::Mat& crop, double module) {
  const double up = std::min(2.0, std::sqrt(kMaxCropPixels / static_cast<double>(crop.total())));
  cv::Mat big = crop;
  if (up > 1.05) cv::resize(crop, big, cv::Size(), up, up, cv::INTER_CUBIC);
  cv::Mat soft, sharp;
  cv::GaussianBlur(big, soft, cv::Size(), std::max(1.0, (module > 0 ? module : 3.0) * up * 0.5));
  cv::addWeighted(big, 2.5, soft, -1.5, 0, sharp);
  return sharp;
}

// How one region is cut out and decoded: decided once, used by both rounds.
struct RegionPlan {
  cv::Point2f centre;
  cv::Size2f extent;          // crop size in input pixels, upright, quiet zone included
  cv::Size2f blob;            // the blob's size in input pixels, upright (no margin)
  double rotate = 0;          // degrees for getRotationMatrix2D that turn the symbol upright
  double scale = 1;           // crop pixels per input pixel
  double max_scale = 1;       // the crop pixel cap
  double module = 0;          // estimated module in crop pixels (0 = unknown)
  bool dark_first = false;    // light-on-dark more likely: try inverted first
  bool bar_like = false;      // gradient mostly in one direction: PDF417-like
  bool symbol_sized = true;   // at least ~9 modules across (any 2D symbol is) and not lines of text
};

// Also leaves the upright probe crop in `probe`, which round 1 uses when it has the plan's scale.
RegionPlan plan_region(const cv::Mat& gray, const Region& region, const BarcodeReadOptions& o, Crop& probe) {
  RegionPlan plan;
  plan.centre = region.box.center;
  const GridAngle& grid = region.grid;
  // The blob's extent once turned upright, plus room for the quiet zone and for edge
  // modules the blob missed.
  cv::Point2f pts[4];
  region.box.points(pts);
  const double first = grid.upright_degrees();
  const double ca = std::cos(first * kPi / 180.0), sa = std::sin(first * kPi / 180.0);
  double min_u = 1e18, max_u = -1e18, min_v = 1e18, max_v = -1e18;
  for (const cv::Point2f& p : pts) {
    const double dx = p.x - plan.centre.x, dy = p.y - plan.centre.y;
    const double u = ca * dx + sa * dy, v = -sa * dx + ca * dy;
    min_u = std::min(min_u, u), max_u = std::max(max_u, u);
    min_v = std::min(min_v, v), max_v = std::max(max_v, v);
  }
  const double w = max_u - min_u, h = max_v - min_v;
  const double margin = 0.15 * std::max(w, h) + 10.0;
  plan.extent = cv::Size2f(static_cast<float>(w + 2 * margin), static_cast<float>(h + 2 * margin));
  plan.blob = cv::Size2f(static_cast<float>(w), static_cast<float>(h));
  plan.max_scale = std::sqrt(kMaxCropPixels / (static_cast<double>(plan.extent.width) * plan.extent.height));
  plan.rotate = first;

  // Look again on an upright probe at (at most) scale 1.
  const double probe_scale = std::min(1.0, plan.max_scale);
  probe = warp_crop(gray, plan.centre, plan.extent, plan.rotate, probe_scale);
  // A Sobel gradient on a stair-stepped edge leans toward the axes, so the first estimate
  // falls short by ~2 % of the angle (0.3 deg at 15 deg), enough to defeat zxing's Aztec
  // sampler; measured again near upright, that bias is negligible.
  const GridAngle upright = sampled_grid_angle(probe.pixels);
  const double residual = upright.upright_degrees();
  if (std::abs(residual) > 0.05 && std::abs(residual) < 5) {
    plan.rotate += residual;
    probe = warp_crop(gray, plan.centre, plan.extent, plan.rotate, probe_scale);
  }
  // Bars lying down: a quarter turn more stands them up (zxing's own 90-degree retry
  // reports wrong corners, see make_hints).
  const double across = upright.across;
  if ((o.formats & symbology_bit(Symbology::pdf417)) && across > 1.6) {
    plan.rotate += plan.rotate > 0 ? -90 : 90;
    plan.extent = cv::Size2f(plan.extent.height, plan.extent.width);
    plan.blob = cv::Size2f(plan.blob.height, plan.blob.width);
    probe = warp_crop(gray, plan.centre, plan.extent, plan.rotate, probe_scale);
  }
  plan.bar_like = across > 1.6 || across < 1 / 1.6;
  const double module = module_estimate(probe.pixels) / probe_scale;  // input pixels
  // Scaled so modules are >= ~3.5 px (zxing 1.4 binarizes 1-2 px modules poorly once
  // interpolated; PDF417 bars read from ~2.8 px), smaller for big modules (same
  // information, less work), within the cap.
  const double smallest_module = plan.bar_like ? 2.8 : 3.5;
  plan.scale = probe_scale;
  if (module > 0 && module < smallest_module) plan.scale = std::min(4.0, smallest_module / module);
  if (module > 12) plan.scale = std::max(0.35, 6.0 / module);
  plan.scale = std::min(plan.scale, plan.max_scale);
  plan.module = module * plan.scale;
  // Words make blobs a few stroke widths ("modules") high; the smallest 2D symbols are
  // 8-10 modules across.
  const double blob_short_side = std::min(region.box.size.width, region.box.size.height);
  plan.symbol_sized = (module <= 0 || blob_short_side / module >= 9) &&
                      !looks_like_text(probe.pixels, plan.blob * static_cast<float>(probe_scale));
  plan.dark_first = o.try_inverted && looks_inverted(probe.pixels);
  return plan;
}

// One zxing call on a region crop, counted against the budget. True when it found a new
// symbol. `blob` is the region's upright size in crop pixels: the stand-in position.
bool attempt(const cv::Mat& pixels, const cv::Matx23d& to_input, bool inverted, const ZXing::DecodeHints& hints,
             cv::Size2f blob, WorkBudget& budget, Collector& out) {
  if (out.full() || !budget.take_region_attempt(static_cast<double>(pixels.total()))) return false;
  return decode_into(pixels, hints, homogeneous(to_input), inverted, out, &blob) > 0;
}

bool attempt_crop(const Crop& crop, bool inverted, const ZXing::DecodeHints& hints, cv::Size2f blob, WorkBudget& budget,
                  Collector& out) {
  if (out.full()) return false;
  return attempt(inverted ? inverted_copy(crop.pixels) : crop.pixels, crop.to_input, inverted, hints, blob, budget, out);
}

// A crop holds one symbol: asking zxing for more makes it search on (and fail slowly).
ZXing::DecodeHints crop_hints(unsigned formats, ZXing::Binarizer binarizer) { return make_hints(formats, 1, binarizer); }

// ---- DataMatrix under perspective and blur ------------------------------------------------

// A phone photo leaves a VDS DataMatrix (40-48 modules) at 2-4 px a module, blurred and in
// perspective. zxing 1.4's detector traces the finder and timing edges on its own
// binarization and loses such a symbol, and a rotation cannot undo perspective. So the
// symbol's outline is found here as four fitted lines, the module count and orientation
// read off the finder and timing pattern, every module sampled at its centre through the
// homography, and the modules, redrawn clean and upright, go to zxing as a pure image: its
// Reed-Solomon decoder corrects what sampling got wrong and rejects a wrong grid.

constexpr int kDataMatrixSizes[] = {10, 12, 14, 16, 18, 20, 22, 24, 26, 32, 36, 40, 44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132, 144};

struct EdgeLine {
  cv::Point2f point, dir;  // dir has unit length
};

bool intersect(const EdgeLine& a, const EdgeLine& b, cv::Point2f& at) {
  const double den = static_cast<double>(a.dir.x) * b.dir.y - static_cast<double>(a.dir.y) * b.dir.x;
  if (std::abs(den) < 0.2) return false;  // sides of a quadrilateral meet at > ~12 degrees
  const cv::Point2f d = b.point - a.point;
  const double t = (static_cast<double>(d.x) * b.dir.y - static_cast<double>(d.y) * b.dir.x) / den;
  at = a.point + a.dir * static_cast<float>(t);
  return true;
}

// Side i runs from corner i to corner i+1, corners clockwise on screen; corner i is where
// sides i-1 and i meet.
bool outline_corners(const std::array<EdgeLine, 4>& sides, std::array<cv::Point2f, 4>& corners) {
  for (std::size_t i = 0; i < 4; ++i)
    if (!intersect(sides[(i + 3) % 4], sides[i], corners[i])) return false;
  return plausible_quad(corners);
}

// A side moved outward (for clockwise corners: to the left of its direction on screen).
EdgeLine moved_out(const EdgeLine& side, double pixels) {
  const cv::Point2f outward(side.dir.y, -side.dir.x);
  return {side.point + outward * static_cast<float>(pixels), side.dir};
}

// Bilinear gray value at a point (clamped to the image).
float gray_at(const cv::Mat& img, cv::Point2f p) {
  const float x = std::clamp(p.x - 0.5f, 0.0f, static_cast<float>(img.cols - 1));
  const float y = std::clamp(p.y - 0.5f, 0.0f, static_cast<float>(img.rows - 1));
  const int x0 = std::max(0, std::min(static_cast<int>(x), img.cols - 2));
  const int y0 = std::max(0, std::min(static_cast<int>(y), img.rows - 2));
  const int x1 = std::min(x0 + 1, img.cols - 1), y1 = std::min(y0 + 1, img.rows - 1);
  const float fx = std::clamp(x - static_cast<float>(x0), 0.0f, 1.0f), fy = std::clamp(y - static_cast<float>(y0), 0.0f, 1.0f);
  const unsigned char* r0 = img.ptr<unsigned char>(y0);
  const unsigned char* r1 = img.ptr<unsigned char>(y1);
  return (1 - fy) * ((1 - fx) * r0[x0] + fx * r0[x1]) + fy * ((1 - fx) * r1[x0] + fx * r1[x1]);
}

// One side of the outline moved onto the symbol's edge: along the side, the outermost
// ink met walking in from the quiet zone, and a line through the outer envelope of those
// points (on a timing side half of them are a module or more inside, behind light modules).
bool refine_side(const cv::Mat& crop, EdgeLine& side, double length, double module, float ink_level) {
  const cv::Point2f outward(side.dir.y, -side.dir.x);
  const double step = 0.25;  // px
  const double out_reach = 1.5 * module, in_reach = 4 * module;
  std::vector<cv::Point2f> edge;
  const int samples = std::clamp(static_cast<int>(length / 2), 12, 200);
  for (int i = 0; i < samples; ++i) {
    const double t = 0.1 + 0.8 * (i + 0.5) / samples;
    const cv::Point2f base = side.point + side.dir * static_cast<float>(t * length);
    double prev_d = out_reach;
    float prev = gray_at(crop, base + outward * static_cast<float>(prev_d));
    if (prev < ink_level) continue;  // ink outside: clutter or a frame, not the quiet zone
    for (double d = out_reach - step; d >= -in_reach; d -= step) {
      const float v = gray_at(crop, base + outward * static_cast<float>(d));
      if (v < ink_level) {
        const double f = (prev - ink_level) / std::max(1e-3f, prev - v);
        edge.push_back(base + outward * static_cast<float>(prev_d - f * step));
        break;
      }
      prev = v, prev_d = d;
    }
  }
  if (edge.size() < 10) return false;
  EdgeLine fitted = side;
  std::vector<cv::Point2f> keep = edge;
  for (int round = 0; round < 4; ++round) {
    cv::Vec4f fit;
    cv::fitLine(keep, fit, cv::DIST_L2, 0, 0.01, 0.01);
    cv::Point2f dir(fit[0], fit[1]);
    if (dir.dot(side.dir) < 0) dir = -dir;
    fitted = {cv::Point2f(fit[2], fit[3]), dir};
    const cv::Point2f out_now(dir.y, -dir.x);
    std::vector<cv::Point2f> outer;
    for (const cv::Point2f& p : edge)
      if ((p - fitted.point).dot(out_now) > -0.35 * module) outer.push_back(p);
    if (outer.size() < 10 || outer.size() == keep.size()) break;
    keep = std::move(outer);
  }
  side = fitted;
  return true;
}

// All four sides refined from the outline's corners, twice: each pass looks 1.5 modules
// out, so a side that started inside (a timing side behind blurred light modules) gets out.
bool refine_outline(const cv::Mat& crop, std::array<EdgeLine, 4>& sides, double module, float ink_level) {
  for (int pass = 0; pass < 2; ++pass) {
    std::array<cv::Point2f, 4> corners;
    if (!outline_corners(sides, corners)) return false;
    for (std::size_t i = 0; i < 4; ++i) {
      const cv::Point2f a = corners[i], b = corners[(i + 1) % 4];
      const double length = cv::norm(b - a);
      if (length < 8 * module) return false;
      EdgeLine side{a, (b - a) * static_cast<float>(1.0 / length)};
      if (!refine_side(crop, side, length, module, ink_level)) return false;
      sides[i] = side;
    }
  }
  std::array<cv::Point2f, 4> corners;
  return outline_corners(sides, corners);
}

// Where the symbol is in an upright crop around it, roughly: ink (darker than the ink-paper
// midpoint) closed over the light modules and opened to drop thin lines (a frame printed
// around the symbol), the blob under the centre, its hull as four corners, clockwise on
// screen. False when no blob there is as big as 8 x 8 modules. Run on a coarse crop, so a
// region without a symbol costs little; symbol_outline fits the sides on a finer one.
bool symbol_blob(const cv::Mat& crop, double module, double ink, double paper, std::vector<cv::Point>& quad) {
  if (crop.cols < 24 || crop.rows < 24 || module <= 0 || paper - ink < 10) return false;
  cv::Mat mask;
  cv::threshold(crop, mask, 0.5 * (ink + paper), 255, cv::THRESH_BINARY_INV);
  const int close = std::max(3, static_cast<int>(std::lround(2 * module)) | 1);
  const int open = std::max(5, static_cast<int>(std::lround(3 * module)) | 1);
  cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {close, close}));
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {open, open}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const cv::Point2f middle(crop.cols / 2.0f, crop.rows / 2.0f);
  const double reach = 0.15 * std::min(crop.cols, crop.rows);
  const std::vector<cv::Point>* blob = nullptr;
  double best_area = 64 * module * module;
  for (const auto& c : contours) {
    const double area = cv::contourArea(c);
    if (area < best_area || cv::pointPolygonTest(c, middle, true) < -reach) continue;
    best_area = area;
    blob = &c;
  }
  if (!blob) return false;
  std::vector<cv::Point> hull;
  cv::convexHull(*blob, hull);
  const double perimeter = cv::arcLength(hull, true);
  for (double eps = 0.02 * perimeter; eps < 0.12 * perimeter; eps *= 1.25) {
    cv::approxPolyDP(hull, quad, eps, true);
    if (quad.size() <= 4) break;
  }
  // A frame joined to a corner can make the four-point fit cut off part of the symbol: the
  // hull's bounding rectangle is then the better start (refinement pulls its sides in).
  if (quad.size() != 4 || cv::contourArea(quad) < 0.9 * cv::contourArea(hull)) {
    cv::Point2f box[4];
    cv::minAreaRect(hull).points(box);
    quad.assign(box, box + 4);
  }
  double twice_area = 0;
  for (std::size_t i = 0; i < 4; ++i)
    twice_area += static_cast<double>(quad[i].x) * quad[(i + 1) % 4].y - static_cast<double>(quad[(i + 1) % 4].x) * quad[i].y;
  if (twice_area < 0) std::reverse(quad.begin(), quad.end());
  return true;
}

// The blob's quad (on a crop `fine_per_crop` times coarser than `fine`, same centre) moved
// onto the symbol's edges in `fine`.
bool symbol_outline(const cv::Mat& crop, const std::vector<cv::Point>& quad, double module, double ink, double paper,
                    const cv::Mat& fine, double fine_per_crop, std::array<EdgeLine, 4>& sides) {
  // Faint ink counts: a lone blurred module at the edge (a timing pattern's) stays lighter
  // than the ink-paper midpoint.
  const float ink_level = static_cast<float>(paper - 0.4 * (paper - ink));
  const cv::Point2f crop_centre(crop.cols / 2.0f, crop.rows / 2.0f), fine_centre(fine.cols / 2.0f, fine.rows / 2.0f);
  const auto k = static_cast<float>(fine_per_crop);
  for (std::size_t i = 0; i < 4; ++i) {
    const cv::Point2f a = (cv::Point2f(quad[i]) - crop_centre) * k + fine_centre;
    const cv::Point2f b = (cv::Point2f(quad[(i + 1) % 4]) - crop_centre) * k + fine_centre;
    const double length = cv::norm(b - a);
    if (length < 8 * module * fine_per_crop) return false;
    sides[i] = {a, (b - a) * static_cast<float>(1.0 / length)};
  }
  if (!refine_outline(fine, sides, module * fine_per_crop, ink_level)) return false;
  return true;
}

// Module (column, row) centres of an n x n grid on the quadrilateral, sampled.
class GridSampler {
 public:
  GridSampler(const cv::Mat& crop, const std::array<cv::Point2f, 4>& corners, int n) : crop_(crop) {
    const std::array<cv::Point2f, 4> unit = {cv::Point2f(0, 0), cv::Point2f(static_cast<float>(n), 0),
                                             cv::Point2f(static_cast<float>(n), static_cast<float>(n)),
                                             cv::Point2f(0, static_cast<float>(n))};
    to_crop_ = cv::Matx33d(cv::getPerspectiveTransform(unit.data(), corners.data()));
  }
  float at(double column, double row) const {
    return gray_at(crop_, apply(to_crop_, cv::Point2f(static_cast<float>(column + 0.5), static_cast<float>(row + 0.5))));
  }
  // At grid coordinates (modules from the top-left corner, not centres).
  float at_grid(double u, double v) const {
    return gray_at(crop_, apply(to_crop_, cv::Point2f(static_cast<float>(u), static_cast<float>(v))));
  }
  const cv::Matx33d& to_crop() const { return to_crop_; }

 private:
  const cv::Mat& crop_;
  cv::Matx33d to_crop_;
};

// Where the grid is: the module count, the outline's sides in canonical order (side 0 the
// top timing pattern, 1 the right one, 2 and 3 the finder's bottom and left) and how well
// the ring matched.
struct GridFit {
  int n = 0;
  std::array<EdgeLine, 4> sides{};
  double score = -1e9;
};

// ECC 200 square symbols are split into data regions of `region` modules a side, each
// framed like the whole symbol: its left column and bottom row ink, its top row and right
// column alternating. Returns 1 ink, 0 paper, -1 a data module.
int fixed_module(int n, int region, int r, int c) {
  if (r < 0 || c < 0 || r >= n || c >= n) return 0;  // quiet zone
  const int rr = r % region, cc = c % region;
  if (cc == 0 || rr == region - 1) return 1;
  if (rr == 0) return cc % 2 == 0 ? 1 : 0;
  if (cc == region - 1) return rr % 2 == 1 ? 1 : 0;
  return -1;
}

int data_region_size(int n) {
  if (n <= 26) return n;
  return n / (n <= 52 ? 2 : n <= 104 ? 4 : 6);
}

// How strongly module row (or column) `index` alternates at the grid's module pitch: the
// magnitude of that frequency in a dense profile through the homography, so a grid a
// fraction of a module off along the line still scores; ~1.3 for a crisp square wave.
// With `solid`, how dark it is throughout instead (-1..1).
double pattern_line(const GridSampler& g, int n, bool row, int index, bool solid, double ink, double paper) {
  const double half = 0.5 * (paper - ink), mid = 0.5 * (paper + ink);
  if (half <= 0) return 0;
  double re = 0, im = 0, dark = 0;
  const int per_module = solid ? 1 : 2, count = n * per_module;
  for (int j = 0; j < count; ++j) {
    const double t = (j + 0.5) / per_module, across = index + 0.5;
    const double x = std::clamp((mid - (row ? g.at_grid(t, across) : g.at_grid(across, t))) / half, -1.0, 1.0);
    dark += x;
    re += x * std::cos(kPi * t);
    im += x * std::sin(kPi * t);
  }
  return solid ? dark / count : 2.0 * std::hypot(re, im) / count;
}

// How well the grid's fixed patterns show, on a scale of 4 (the four outer lines): the
// finder (left column, bottom row) dark, the timing pattern (top row, right column)
// alternating, and for symbols of several data regions the same lines between them, which
// tell a grid from one of half its pitch.
double ring_score(const cv::Mat& crop, const std::array<EdgeLine, 4>& sides, int n, double ink, double paper,
                  std::array<cv::Point2f, 4>& corners, bool inner = true) {
  if (!outline_corners(sides, corners)) return -1e9;
  const GridSampler g(crop, corners, n);
  double sum = pattern_line(g, n, true, 0, false, ink, paper) + pattern_line(g, n, false, n - 1, false, ink, paper) +
               pattern_line(g, n, true, n - 1, true, ink, paper) + pattern_line(g, n, false, 0, true, ink, paper);
  int lines = 4;
  const int region = data_region_size(n);
  for (int b = region; inner && b < n; b += region) {
    sum += pattern_line(g, n, true, b - 1, true, ink, paper) + pattern_line(g, n, true, b, false, ink, paper) +
           pattern_line(g, n, false, b, true, ink, paper) + pattern_line(g, n, false, b - 1, false, ink, paper);
    lines += 4;
  }
  return 4.0 * sum / lines;
}

// How many data regions a side the symbol shows: ECC 200 symbols of 32 modules and more
// have solid lines between their regions (halves, quarters or sixths of the side), which
// blur leaves visible long after the timing pattern has gone. 0 when unclear.
int data_regions_seen(const cv::Mat& crop, const std::array<cv::Point2f, 4>& corners, double ink, double paper) {
  const GridSampler unit(crop, corners, 1);
  const double half = 0.5 * (paper - ink), mid = 0.5 * (paper + ink);
  if (half <= 0) return 0;
  // Darkness of vertical and horizontal lines across the symbol, at 1/120 steps.
  constexpr int steps = 120, samples = 64;
  std::array<std::vector<double>, 2> profile;
  for (int axis = 0; axis < 2; ++axis) {
    profile[axis].resize(steps + 1);
    for (int i = 0; i <= steps; ++i) {
      const double f = static_cast<double>(i) / steps;
      double dark = 0;
      for (int j = 0; j < samples; ++j) {
        const double t = 0.05 + 0.9 * (j + 0.5) / samples;
        dark += std::clamp((mid - (axis == 0 ? unit.at_grid(f, t) : unit.at_grid(t, f))) / half, -1.0, 1.0);
      }
      profile[axis][i] = dark / samples;
    }
  }
  // A line between regions stands out from the data around it on both axes.
  auto contrast_at = [&](double f) {
    double least = 1e9;
    for (const auto& p : profile) {
      const int c = static_cast<int>(std::lround(f * steps));
      double peak = -1e9, around = 0;
      int count = 0;
      for (int i = c - 4; i <= c + 4; ++i) peak = std::max(peak, p[static_cast<std::size_t>(i)]);
      for (int i = c - 12; i <= c + 12; ++i)
        if (std::abs(i - c) > 5) around += p[static_cast<std::size_t>(i)], ++count;
      least = std::min(least, peak - around / count);
    }
    return least;
  };
  const double at_half = contrast_at(0.5);
  if (at_half < 0.25) return 1;
  auto also = [&](double f) { return contrast_at(f) > std::max(0.25, 0.6 * at_half); };
  if (also(1.0 / 3) && also(2.0 / 3)) return 6;
  if (also(0.25) && also(0.75)) return 4;
  return 2;
}

// The likelier grids, best first (at most `keep`).
std::vector<GridFit> fit_grids(const cv::Mat& crop, const std::array<EdgeLine, 4>& outline, double ink, double paper,
                               std::size_t keep) {
  std::array<cv::Point2f, 4> corners;
  if (!outline_corners(outline, corners)) return {};
  const double side = 0.25 * (cv::norm(corners[1] - corners[0]) + cv::norm(corners[2] - corners[1]) +
                              cv::norm(corners[3] - corners[2]) + cv::norm(corners[0] - corners[3]));
  const int regions = data_regions_seen(crop, corners, ink, paper);
  std::vector<GridFit> candidates;
  for (int n : kDataMatrixSizes) {
    if (side / n < 2.5) break;  // finer than this nothing can be sampled (the crop has ~6 px modules)
    if (regions > 0 && n / data_region_size(n) != regions) continue;
    // The best orientation: the finder's corner is outline corner l, canonical top-left l+1.
    GridFit best;
    for (std::size_t l = 0; l < 4; ++l) {
      std::array<EdgeLine, 4> turned;
      for (std::size_t j = 0; j < 4; ++j) turned[j] = outline[(l + 1 + j) % 4];
      const double score = ring_score(crop, turned, n, ink, paper, corners, false);
      if (score > best.score) best = {n, turned, score};
    }
    if (best.n == 0) continue;
    // The outline's timing sides come out short under blur (the light modules between the
    // timing pattern's faint ink pull them in, up to a module): moved, one side at a time,
    // to where the patterns read best.
    const double module = side / n;
    double shift[2] = {0, 0};
    for (int round = 0; round < 4; ++round) {
      const int which = round % 2;
      const double keep_shift = shift[which];
      for (double d = -0.5; d <= 1.26; d += 0.25) {
        if (d == keep_shift) continue;
        std::array<EdgeLine, 4> moved = best.sides;
        moved[0] = moved_out(best.sides[0], (which == 0 ? d : shift[0]) * module);
        moved[1] = moved_out(best.sides[1], (which == 1 ? d : shift[1]) * module);
        const double score = ring_score(crop, moved, n, ink, paper, corners, false);
        if (score > best.score + 1e-9) best.score = score, shift[which] = d;
      }
    }
    best.sides[0] = moved_out(best.sides[0], shift[0] * module);
    best.sides[1] = moved_out(best.sides[1], shift[1] * module);
    candidates.push_back(best);
  }
  // Ranked again with the patterns between data regions, which tell a grid from one of
  // half its pitch.
  std::sort(candidates.begin(), candidates.end(), [](const GridFit& a, const GridFit& b) { return a.score > b.score; });
  if (candidates.size() > 5) candidates.resize(5);
  for (GridFit& c : candidates) c.score = ring_score(crop, c.sides, c.n, ink, paper, corners);
  std::sort(candidates.begin(), candidates.end(), [](const GridFit& a, const GridFit& b) { return a.score > b.score; });
  if (candidates.size() > keep) candidates.resize(keep);
  return candidates;
}

// The sampled modules of an n x n grid plus a one-module ring of quiet zone around it, and
// ways to decide which are ink. Blur spreads each module over its neighbours; where it is
// strong, a lone module's sample stays on the wrong side of any threshold, so besides a
// local threshold there is a linear equalizer (the module and its 5 x 5 neighbours' samples,
// weighted as least squares finds best on the modules whose colour is fixed: finder,
// timing, alignment patterns, quiet zone) and, on top of it, a fitted blur model whose
// residual each module's colour is chosen to reduce (iterated conditional modes).
class ModuleDecider {
 public:
  ModuleDecider(const GridSampler& g, int n) : n_(n), region_(data_region_size(n)), w_(n + 2) {
    y_.resize(static_cast<std::size_t>(w_) * w_);
    for (int r = -1; r <= n; ++r)
      for (int c = -1; c <= n; ++c) y_[index(r, c)] = g.at(c, r) / 255.0f;
  }

  // 1 ink, 0 paper for each module in the grid (row-major, n x n).
  std::vector<std::uint8_t> threshold() const {
    std::vector<std::uint8_t> x(static_cast<std::size_t>(n_) * n_);
    std::vector<float> local;
    const int window = 4;
    for (int r = 0; r < n_; ++r)
      for (int c = 0; c < n_; ++c) {
        local.clear();
        for (int y = std::max(0, r - window); y <= std::min(n_ - 1, r + window); ++y)
          for (int xx = std::max(0, c - window); xx <= std::min(n_ - 1, c + window); ++xx) local.push_back(sample(y, xx));
        const auto lo = local.begin() + static_cast<std::ptrdiff_t>(local.size() / 10);
        const auto hi = local.begin() + static_cast<std::ptrdiff_t>(local.size() * 9 / 10);
        std::nth_element(local.begin(), lo, local.end());
        const float ink = *lo;
        std::nth_element(local.begin(), hi, local.end());
        x[static_cast<std::size_t>(r) * n_ + c] = sample(r, c) < 0.5f * (ink + *hi);
      }
    return fixed(x);
  }

  // False when the fixed modules leave the least squares underdetermined.
  bool equalized(std::vector<std::uint8_t>& x) const {
    constexpr int taps = 25;
    cv::Mat a(0, taps + 1, CV_64F), b(0, 1, CV_64F);
    for (int r = -1; r <= n_; ++r)
      for (int c = -1; c <= n_; ++c) {
        const int known = fixed_module(n_, region_, r, c);
        if (known < 0) continue;
        a.push_back(features(r, c));
        b.push_back(static_cast<double>(known));
      }
    if (a.rows < 4 * (taps + 1)) return false;
    cv::Mat weights;
    if (!cv::solve(a, b, weights, cv::DECOMP_SVD)) return false;
    x.assign(static_cast<std::size_t>(n_) * n_, 0);
    for (int r = 0; r < n_; ++r)
      for (int c = 0; c < n_; ++c) x[static_cast<std::size_t>(r) * n_ + c] = features(r, c).dot(weights.t()) > 0.5;
    x = fixed(x);
    return true;
  }

  // Improves `x` in place: fits y ~ bias + sum of 3 x 3 kernel * x, then flips data modules
  // while that lowers the squared residual around them.
  void deblurred(std::vector<std::uint8_t>& x) const {
    auto ink = [&](int r, int c) -> double {
      const int known = fixed_module(n_, region_, r, c);
      if (known >= 0) return known;
      return x[static_cast<std::size_t>(r) * n_ + c];
    };
    cv::Mat a(0, 10, CV_64F), b(0, 1, CV_64F);
    for (int r = -1; r <= n_; ++r)
      for (int c = -1; c <= n_; ++c) {
        cv::Mat row(1, 10, CV_64F);
        int k = 0;
        for (int dr = -1; dr <= 1; ++dr)
          for (int dc = -1; dc <= 1; ++dc) row.at<double>(0, k++) = inside(r + dr, c + dc) ? ink(r + dr, c + dc) : 0.0;
        row.at<double>(0, 9) = 1;
        a.push_back(row);
        b.push_back(static_cast<double>(y_[index(r, c)]));
      }
    cv::Mat h;
    if (!cv::solve(a, b, h, cv::DECOMP_SVD)) return;
    auto residual_around = [&](int r, int c) {
      double sum = 0;
      for (int rr = r - 1; rr <= r + 1; ++rr)
        for (int cc = c - 1; cc <= c + 1; ++cc) {
          double predicted = h.at<double>(9, 0);
          int k = 0;
          for (int dr = -1; dr <= 1; ++dr)
            for (int dc = -1; dc <= 1; ++dc, ++k)
              if (inside(rr + dr, cc + dc)) predicted += h.at<double>(k, 0) * ink(rr + dr, cc + dc);
          const double e = y_[index(rr, cc)] - predicted;
          sum += e * e;
        }
      return sum;
    };
    for (int sweep = 0; sweep < 4; ++sweep) {
      int flips = 0;
      for (int r = 0; r < n_; ++r)
        for (int c = 0; c < n_; ++c) {
          if (fixed_module(n_, region_, r, c) >= 0) continue;
          std::uint8_t& v = x[static_cast<std::size_t>(r) * n_ + c];
          const double now = residual_around(r, c);
          v ^= 1;
          if (residual_around(r, c) < now) {
            ++flips;
          } else {
            v ^= 1;
          }
        }
      if (flips == 0) break;
    }
  }

  // The modules as a pure image, upright (finder left and bottom), `px` pixels a module
  // and a two-module quiet zone.
  cv::Mat draw(const std::vector<std::uint8_t>& x, int px, int quiet) const {
    cv::Mat out(cv::Size((n_ + 2 * quiet) * px, (n_ + 2 * quiet) * px), CV_8U, cv::Scalar(255));
    for (int r = 0; r < n_; ++r)
      for (int c = 0; c < n_; ++c)
        if (x[static_cast<std::size_t>(r) * n_ + c]) out(cv::Rect((c + quiet) * px, (r + quiet) * px, px, px)).setTo(0);
    return out;
  }

 private:
  std::size_t index(int r, int c) const { return static_cast<std::size_t>(r + 1) * w_ + (c + 1); }
  bool inside(int r, int c) const { return r >= -1 && c >= -1 && r <= n_ && c <= n_; }
  float sample(int r, int c) const { return y_[index(r, c)]; }
  // The 5 x 5 samples around a module (the grid's edge repeated beyond the quiet ring), 1.
  cv::Mat features(int r, int c) const {
    cv::Mat f(1, 26, CV_64F);
    int k = 0;
    for (int dr = -2; dr <= 2; ++dr)
      for (int dc = -2; dc <= 2; ++dc)
        f.at<double>(0, k++) = y_[index(std::clamp(r + dr, -1, n_), std::clamp(c + dc, -1, n_))];
    f.at<double>(0, 25) = 1;
    return f;
  }
  std::vector<std::uint8_t> fixed(std::vector<std::uint8_t> x) const {
    for (int r = 0; r < n_; ++r)
      for (int c = 0; c < n_; ++c) {
        const int known = fixed_module(n_, region_, r, c);
        if (known >= 0) x[static_cast<std::size_t>(r) * n_ + c] = static_cast<std::uint8_t>(known);
      }
    return x;
  }

  int n_, region_, w_;
  std::vector<float> y_;
};

// Round 2's DataMatrix attempt: outline, grid, redrawn modules. True when it decoded.
bool rectified_data_matrix(const cv::Mat& gray, const RegionPlan& plan, WorkBudget& budget, Collector& out) {
  if (out.full() || std::max(plan.blob.width, plan.blob.height) > 1.6f * std::min(plan.blob.width, plan.blob.height))
    return false;  // square symbols only, and their blob is about square
  // Modules of ~6 px give the outline sub-module precision; the crop stays small.
  const double module = plan.module > 0 ? plan.module : 3.0;
  // Blur makes the module estimate unreliable: the symbol is also made ~300 px a side, about
  // 6 px a module for the 40-52 modules of a VDS.
  const double blob_side = std::min(plan.blob.width, plan.blob.height);
  const double wanted = std::max(plan.scale * std::clamp(6.0 / module, 1.0, 3.0), blob_side > 0 ? 300.0 / blob_side : 0.0);
  const double scale = std::min({plan.max_scale, 4.0, wanted});
  // The blob is looked for at ~150 px a side, the sides fitted at ~300.
  const double coarse_scale = std::min(scale, std::max(plan.scale, blob_side > 0 ? 150.0 / blob_side : 0.0));
  const Crop coarse = warp_crop(gray, plan.centre, plan.extent, plan.rotate, coarse_scale);
  const cv::Mat coarse_pixels = plan.dark_first ? inverted_copy(coarse.pixels) : coarse.pixels;
  // Ink and paper levels: the crop's centre, Otsu-split, the mean of each side.
  const cv::Rect centre(coarse_pixels.cols / 4, coarse_pixels.rows / 4, coarse_pixels.cols / 2, coarse_pixels.rows / 2);
  cv::Mat bin;
  cv::threshold(coarse_pixels(centre), bin, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  const double paper = cv::mean(coarse_pixels(centre), bin)[0];
  const double ink = cv::mean(coarse_pixels(centre), 255 - bin)[0];
  std::array<EdgeLine, 4> outline;
  std::vector<cv::Point> quad;
  if (!symbol_blob(coarse_pixels, module * coarse_scale / plan.scale, ink, paper, quad)) return false;
  const Crop crop = warp_crop(gray, plan.centre, plan.extent, plan.rotate, scale);
  const cv::Mat pixels = plan.dark_first ? inverted_copy(crop.pixels) : crop.pixels;
  if (!symbol_outline(coarse_pixels, quad, module * coarse_scale / plan.scale, ink, paper, pixels,
                      static_cast<double>(pixels.cols) / coarse_pixels.cols, outline))
    return false;
  std::vector<GridFit> fits = fit_grids(pixels, outline, ink, paper, 2);
  if (!fits.empty()) {
    // Again with the module the best grid tells (the crop's estimate is rough under blur).
    std::array<cv::Point2f, 4> c;
    if (outline_corners(fits[0].sides, c)) {
      const double side = 0.25 * (cv::norm(c[1] - c[0]) + cv::norm(c[2] - c[1]) + cv::norm(c[3] - c[2]) + cv::norm(c[0] - c[3]));
      std::array<EdgeLine, 4> again = fits[0].sides;
      if (refine_outline(pixels, again, side / fits[0].n, static_cast<float>(paper - 0.4 * (paper - ink)))) {
        for (GridFit& f : fit_grids(pixels, again, ink, paper, 2)) {
          auto same = std::find_if(fits.begin(), fits.end(), [&](const GridFit& g) { return g.n == f.n; });
          if (same == fits.end()) fits.push_back(f);
          else if (f.score > same->score) *same = f;
        }
        std::sort(fits.begin(), fits.end(), [](const GridFit& a, const GridFit& b) { return a.score > b.score; });
        if (fits.size() > 2) fits.resize(2);
      }
    }
  }
  ZXing::DecodeHints hints = make_hints(symbology_bit(Symbology::data_matrix), 1, ZXing::Binarizer::FixedThreshold);
  hints.setIsPure(true);
  for (const GridFit& fit : fits) {
    if (fit.score < 2.0) break;  // of 4: a ring that is no finder and timing
    std::array<cv::Point2f, 4> corners;
    if (!outline_corners(fit.sides, corners)) continue;
    const GridSampler grid(pixels, corners, fit.n);
    const int px = 3, quiet = 2;
    // Redrawn pixels -> grid modules -> crop -> input.
    const cv::Matx33d to_modules(1.0 / px, 0, -quiet, 0, 1.0 / px, -quiet, 0, 0, 1);
    const cv::Matx33d to_input = homogeneous(crop.to_input) * grid.to_crop() * to_modules;
    const ModuleDecider decider(grid, fit.n);
    auto try_modules = [&](const std::vector<std::uint8_t>& modules) {
      const cv::Mat clean = decider.draw(modules, px, quiet);
      if (out.full() || !budget.take_region_attempt(static_cast<double>(clean.total()))) return false;
      return decode_into(clean, hints, to_input, plan.dark_first, out) > 0;
    };
    if (try_modules(decider.threshold())) return true;
    std::vector<std::uint8_t> modules;
    if (!decider.equalized(modules)) continue;
    if (try_modules(modules)) return true;
    decider.deblurred(modules);
    if (try_modules(modules)) return true;
  }
  return false;
}

// Round 1: the plain upright crop in the likelier polarity. Most symbols decode here.
bool first_attempt(const cv::Mat& gray, const RegionPlan& plan, const Crop& probe, const BarcodeReadOptions& o,
                   WorkBudget& budget, Collector& out) {
  const ZXing::DecodeHints hints = crop_hints(o.formats, ZXing::Binarizer::LocalAverage);
  const double probe_scale = std::min(1.0, plan.max_scale);
  const cv::Size2f blob = plan.blob * static_cast<float>(plan.scale);
  if (plan.scale == probe_scale) return attempt_crop(probe, plan.dark_first, hints, blob, budget, out);
  return attempt_crop(warp_crop(gray, plan.centre, plan.extent, plan.rotate, plan.scale), plan.dark_first, hints, blob, budget,
                      out);
}

// Round 2: the harder variants, for regions round 1 did not decode.
void more_attempts(const cv::Mat& gray, const RegionPlan& plan, const BarcodeReadOptions& o, WorkBudget& budget,
                   Collector& out) {
  const ZXing::DecodeHints local = crop_hints(o.formats, ZXing::Binarizer::LocalAverage);
  const Crop upright = warp_crop(gray, plan.centre, plan.extent, plan.rotate, plan.scale);
  const cv::Size2f blob = plan.blob * static_cast<float>(plan.scale);
  if ((o.formats & symbology_bit(Symbology::data_matrix)) && rectified_data_matrix(gray, plan, budget, out)) return;
  if (o.try_inverted && attempt_crop(upright, !plan.dark_first, local, blob, budget, out)) return;
  // Soft edges (rotation, blur): binarize a finer copy ourselves.
  {
    const cv::Mat sharp = crisp(upright.pixels, plan.module, plan.dark_first);
    const double k = static_cast<double>(sharp.cols) / upright.pixels.cols;
    const cv::Matx23d back = upright.to_input * cv::Matx33d(1 / k, 0, 0, 0, 1 / k, 0, 0, 0, 1);
    if (attempt(sharp, back, plan.dark_first, crop_hints(o.formats, ZXing::Binarizer::FixedThreshold), blob * static_cast<float>(k),
                budget, out))
      return;
  }
  {
    const cv::Mat sharp = sharpened(upright.pixels, plan.module);
    const double k = static_cast<double>(sharp.cols) / upright.pixels.cols;
    const cv::Matx23d back = upright.to_input * cv::Matx33d(1 / k, 0, 0, 0, 1 / k, 0, 0, 0, 1);
    const cv::Mat pixels = plan.dark_first ? inverted_copy(sharp) : sharp;
    if (attempt(pixels, back, plan.dark_first, local, blob * static_cast<float>(k), budget, out)) return;
  }
  // Low contrast and uneven light defeat the local-average binarizer in other ways.
  if (attempt_crop(upright, plan.dark_first, crop_hints(o.formats, ZXing::Binarizer::GlobalHistogram), blob, budget, out)) return;
  // PDF417 in 1.4 tolerates only a few degrees: for bar-like regions, sweep small
  // corrections in case the estimate is off.
  if ((o.formats & symbology_bit(Symbology::pdf417)) && plan.bar_like) {
    for (double delta : {2.0, -2.0, 4.0, -4.0}) {
      const Crop tilted = warp_crop(gray, plan.centre, plan.extent, plan.rotate + delta, plan.scale);
      if (attempt_crop(tilted, plan.dark_first, local, blob, budget, out)) return;
    }
  }
  // Small modules (or an estimate fooled by blur): once more at double resolution.
  if (plan.module < 6 && plan.scale * 2 <= plan.max_scale) {
    const Crop finer = warp_crop(gray, plan.centre, plan.extent, plan.rotate, plan.scale * 2);
    if (attempt_crop(finer, plan.dark_first, local, blob * 2.0f, budget, out)) return;
  }
}

}  // namespace

std::vector<Barcode> read_barcodes(const cv::Mat& image, const BarcodeReadOptions& options) {
  validate(image, options);
  if (options.formats == 0) return {};
  Collector out{{}, options.max_symbols};
  WorkBudget budget(options);

  cv::Mat gray;
  if (image.channels() == 1)
    gray = image;
  else
    cv::cvtColor(image, gray, image.channels() == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);

  // Whole-image pass and region search on a downscaled copy of very large images.
  cv::Mat detect = gray;
  double detect_to_input = 1.0;
  if (gray.total() > options.max_detection_pixels) {
    const double k = std::sqrt(static_cast<double>(options.max_detection_pixels) / static_cast<double>(gray.total()));
    cv::resize(gray, detect, cv::Size(std::max(1, static_cast<int>(gray.cols * k)), std::max(1, static_cast<int>(gray.rows * k))),
               0, 0, cv::INTER_AREA);
    detect_to_input = static_cast<double>(gray.cols) / detect.cols;
  }
  const cv::Matx33d detect_map(detect_to_input, 0, 0, 0, detect_to_input, 0, 0, 0, 1);

  const std::vector<Region> regions =
      options.search_regions ? find_regions(detect, gray, detect_to_input, options.max_regions) : std::vector<Region>{};

  // zxing spends tens of ms failing on a tilted PDF417; leave it to the region pass then.
  unsigned whole_formats = options.formats;
  if (std::any_of(regions.begin(), regions.end(), tilted_bars)) whole_formats &= ~symbology_bit(Symbology::pdf417);
  // With a region search, the whole pass is there for what regions miss (a symbol filling
  // the image): above 1 MP it runs at half resolution, a quarter of the cost, and symbols
  // too fine for that are read from their region crops at full resolution.
  cv::Mat whole = detect;
  cv::Matx33d whole_map = detect_map;
  if (options.search_regions && detect.total() > 1'000'000) {
    cv::resize(detect, whole, cv::Size(detect.cols / 2, detect.rows / 2), 0, 0, cv::INTER_AREA);
    const double kx = static_cast<double>(detect.cols) / whole.cols, ky = static_cast<double>(detect.rows) / whole.rows;
    whole_map = detect_map * cv::Matx33d(kx, 0, 0, 0, ky, 0, 0, 0, 1);
  }
  if (whole_formats != 0)
    decode_into(whole, make_hints(whole_formats, options.max_symbols, ZXing::Binarizer::LocalAverage), whole_map, false, out);

  // Two rounds, so a bounded budget goes to the cheap attempt on every region before the
  // harder variants on any.
  std::vector<RegionPlan> plans;
  for (const Region& r : regions) {
    if (out.full() || !budget.time_left()) break;
    if (out.covers(r.box.center, 2.0)) continue;  // decoded there already
    if (!worth_a_crop(r, detect, detect_to_input)) continue;
    Crop probe;
    plans.push_back(plan_region(gray, r, options, probe));
    if (first_attempt(gray, plans.back(), probe, options, budget, out)) plans.pop_back();
  }
  for (const RegionPlan& plan : plans) {
    if (out.full() || !budget.time_left()) break;
    if (out.covers(plan.centre, 2.0)) continue;
    if (plan.symbol_sized) {
      more_attempts(gray, plan, options, budget, out);
    } else if (options.formats & symbology_bit(Symbology::data_matrix)) {
      // A DataMatrix printed beside text can look like text to plan_region; the rectified
      // reading checks for the finder and timing pattern itself.
      rectified_data_matrix(gray, plan, budget, out);
    }
  }

  // Light on dark: the whole image inverted when it is mostly dark (a screen in dark mode),
  // or when nothing was found and there was no region search (region crops are tried in
  // both polarities; no region at all means no texture to invert).
  if (options.try_inverted && whole_formats != 0 && !out.full() && budget.time_left() &&
      (cv::mean(detect)[0] < 100 || (out.found.empty() && !options.search_regions))) {
    const int rest = options.max_symbols - static_cast<int>(out.found.size());
    decode_into(inverted_copy(detect), make_hints(whole_formats, rest, ZXing::Binarizer::LocalAverage), detect_map, true, out);
  }
  return std::move(out.found);
}

}  // namespace docverify::barcode
