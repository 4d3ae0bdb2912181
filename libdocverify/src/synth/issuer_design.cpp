#include "synth/issuer_design.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "synth/random.hpp"

namespace docverify::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Heraldic colours (tinctures) and metals, BGR.
const cv::Scalar kColours[] = {
    cv::Scalar(40, 30, 170),   // gules (red)
    cv::Scalar(140, 60, 20),   // azure (blue)
    cv::Scalar(50, 110, 30),   // vert (green)
    cv::Scalar(110, 40, 100),  // purpure (purple)
    cv::Scalar(40, 40, 40),    // sable (black)
    cv::Scalar(30, 80, 160),   // tenné (orange-brown)
    cv::Scalar(110, 90, 20),   // bleu celeste, darkened (teal)
};
const cv::Scalar kMetals[] = {cv::Scalar(40, 180, 220), cv::Scalar(200, 200, 200)};  // or, argent

// FNV-1a: a stable hash of the state code, so the design does not depend on the platform.
std::uint64_t hash_code(std::string_view code) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : code) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

cv::Point at(const cv::Point2d& p) { return {static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))}; }

std::vector<cv::Point> star(cv::Point2d c, double r, int points, double rotation) {
  std::vector<cv::Point> pts;
  for (int i = 0; i < 2 * points; ++i) {
    const double a = rotation + kPi * i / points - kPi / 2;
    const double rr = i % 2 == 0 ? r : r * 0.42;
    pts.push_back(at(c + cv::Point2d(std::cos(a), std::sin(a)) * rr));
  }
  return pts;
}

// A heater shield: straight top, sides curving to a point.
std::vector<cv::Point> shield_outline(const cv::Rect2d& b) {
  std::vector<cv::Point> pts = {at({b.x, b.y}), at({b.x + b.width, b.y})};
  for (int i = 0; i <= 16; ++i) {
    const double t = i / 16.0;
    pts.push_back(at({b.x + b.width * (1.0 - 0.5 * t * t), b.y + b.height * (0.45 + 0.55 * t)}));
  }
  for (int i = 16; i >= 0; --i) {
    const double t = i / 16.0;
    pts.push_back(at({b.x + b.width * 0.5 * t * t, b.y + b.height * (0.45 + 0.55 * t)}));
  }
  return pts;
}

void draw_shield(cv::Mat& img, const cv::Rect2d& box, const IssuerDesign& d, int line) {
  const cv::Rect2d b(box.x + box.width * 0.12, box.y + box.height * 0.05, box.width * 0.76, box.height * 0.9);
  const std::vector<cv::Point> outline = shield_outline(b);
  cv::fillPoly(img, std::vector<std::vector<cv::Point>>{outline}, d.primary, cv::LINE_AA);
  // The division paints the second half in the metal, clipped to the shield by a mask.
  if (d.division != 0) {
    cv::Mat mask = cv::Mat::zeros(img.size(), CV_8UC1);
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{outline}, cv::Scalar(255), cv::LINE_8);
    cv::Mat half = cv::Mat::zeros(img.size(), CV_8UC1);
    std::vector<cv::Point> region;
    if (d.division == 1) region = {at({b.x + b.width / 2, b.y}), at({b.br().x, b.y}), at(b.br()), at({b.x + b.width / 2, b.br().y})};
    if (d.division == 2) region = {at({b.x, b.y + b.height * 0.45}), at({b.br().x, b.y + b.height * 0.45}), at(b.br()), at({b.x, b.br().y})};
    if (d.division == 3) region = {at({b.x, b.y}), at(b.br()), at({b.x, b.br().y})};
    cv::fillConvexPoly(half, region, cv::Scalar(255), cv::LINE_8);
    cv::bitwise_and(half, mask, half);
    img.setTo(d.secondary, half);
  }
  const cv::Point2d centre(b.x + b.width / 2, b.y + b.height * 0.42);
  const double r = b.width * 0.24;
  switch (d.charge) {
    case 0: cv::fillPoly(img, std::vector<std::vector<cv::Point>>{star(centre, r, d.points, 0)}, d.metal, cv::LINE_AA); break;
    case 1: cv::circle(img, at(centre), static_cast<int>(r), d.metal, cv::FILLED, cv::LINE_AA); break;
    case 2:
      cv::line(img, at(centre - cv::Point2d(r, 0)), at(centre + cv::Point2d(r, 0)), d.metal, std::max(1, static_cast<int>(r / 2.5)), cv::LINE_AA);
      cv::line(img, at(centre - cv::Point2d(0, r)), at(centre + cv::Point2d(0, r)), d.metal, std::max(1, static_cast<int>(r / 2.5)), cv::LINE_AA);
      break;
    default:
      cv::polylines(img, std::vector<cv::Point>{at(centre + cv::Point2d(-r, r * 0.6)), at(centre - cv::Point2d(0, r * 0.5)),
                                                at(centre + cv::Point2d(r, r * 0.6))},
                    false, d.metal, std::max(1, static_cast<int>(r / 2.5)), cv::LINE_AA);
  }
  cv::polylines(img, outline, true, d.metal, line, cv::LINE_AA);
}

void draw_star_ring(cv::Mat& img, const cv::Rect2d& box, const IssuerDesign& d) {
  const cv::Point2d c(box.x + box.width / 2, box.y + box.height / 2);
  const double R = std::min(box.width, box.height) / 2;
  cv::circle(img, at(c), static_cast<int>(R * 0.98), d.primary, cv::FILLED, cv::LINE_AA);
  for (int k = 0; k < d.count; ++k) {
    const double a = 2 * kPi * k / d.count;
    const cv::Point2d p = c + cv::Point2d(std::sin(a), -std::cos(a)) * (R * 0.68);
    cv::fillPoly(img, std::vector<std::vector<cv::Point>>{star(p, R * 0.14, d.points, 0)}, d.metal, cv::LINE_AA);
  }
  cv::circle(img, at(c), static_cast<int>(R * 0.3), d.secondary, cv::FILLED, cv::LINE_AA);
}

void draw_wreath(cv::Mat& img, const cv::Rect2d& box, const IssuerDesign& d, int line) {
  const cv::Point2d c(box.x + box.width / 2, box.y + box.height / 2);
  const double R = std::min(box.width, box.height) / 2 * 0.8;
  const int leaves = d.points + 4;
  for (int side : {-1, 1}) {
    for (int k = 0; k < leaves; ++k) {
      // Leaves along an arc from the bottom up each side, tilted along it.
      const double a = kPi * (0.62 + 0.78 * k / leaves);
      const cv::Point2d p = c + cv::Point2d(side * std::sin(a), -std::cos(a)) * R;
      const double tangent = std::atan2(std::sin(a), side * std::cos(a)) * 180.0 / kPi;
      cv::ellipse(img, at(p), cv::Size(std::max(1, static_cast<int>(R * 0.2)), std::max(1, static_cast<int>(R * 0.08))),
                  tangent, 0, 360, d.primary, cv::FILLED, cv::LINE_AA);
    }
  }
  cv::ellipse(img, at(c), cv::Size(static_cast<int>(R), static_cast<int>(R)), 0, 20, 160, d.primary, line, cv::LINE_AA);
  cv::fillPoly(img, std::vector<std::vector<cv::Point>>{star(c, R * 0.45, d.points, 0)}, d.secondary, cv::LINE_AA);
}

void draw_sunburst(cv::Mat& img, const cv::Rect2d& box, const IssuerDesign& d, int line) {
  const cv::Point2d c(box.x + box.width / 2, box.y + box.height / 2);
  const double R = std::min(box.width, box.height) / 2;
  const int rays = 2 * (d.points + 5);
  for (int k = 0; k < rays; ++k) {
    const double a = 2 * kPi * k / rays;
    const double len = k % 2 == 0 ? R * 0.98 : R * 0.75;
    const double w = kPi / rays * 0.8;
    std::vector<cv::Point> ray = {at(c + cv::Point2d(std::cos(a - w), std::sin(a - w)) * (R * 0.4)),
                                  at(c + cv::Point2d(std::cos(a), std::sin(a)) * len),
                                  at(c + cv::Point2d(std::cos(a + w), std::sin(a + w)) * (R * 0.4))};
    cv::fillConvexPoly(img, ray, d.metal, cv::LINE_AA);
  }
  cv::circle(img, at(c), static_cast<int>(R * 0.42), d.primary, cv::FILLED, cv::LINE_AA);
  cv::circle(img, at(c), static_cast<int>(R * 0.42), d.secondary, line, cv::LINE_AA);
}

}  // namespace

std::string_view emblem_shape_name(EmblemShape shape) noexcept {
  switch (shape) {
    case EmblemShape::shield: return "shield";
    case EmblemShape::star_ring: return "star_ring";
    case EmblemShape::wreath: return "wreath";
    case EmblemShape::sunburst: return "sunburst";
  }
  return "shield";
}

IssuerDesign issuer_design(std::string_view issuing_state, std::uint64_t corpus_seed) {
  IssuerDesign d;
  d.key = hash_code(issuing_state) ^ (corpus_seed * 0xA24BAED4963EE407ULL);
  Random rng(d.key);
  d.shape = static_cast<EmblemShape>(rng.integer(0, 3));
  const int first = rng.integer(0, static_cast<int>(std::size(kColours)) - 1);
  // A second colour unlike the first (rule of tincture: colour is set against metal or
  // another colour, never the same one).
  const int second = (first + rng.integer(1, static_cast<int>(std::size(kColours)) - 1)) % static_cast<int>(std::size(kColours));
  d.primary = kColours[first];
  d.metal = rng.pick(kMetals);
  d.secondary = rng.chance(0.5) ? kColours[second] : d.metal;
  d.points = rng.integer(5, 8);
  d.count = rng.integer(8, 15);
  d.division = rng.integer(0, 3);
  d.charge = rng.integer(0, 3);
  // The page tint: a light version of one of the issuer's colours, with a drawn lean.
  const cv::Scalar base = rng.chance(0.7) ? d.primary : kColours[second];
  const double lighten = rng.uniform(0.45, 0.65);
  for (int k = 0; k < 3; ++k) {
    d.tint[k] = base[k] + (245.0 - base[k]) * lighten + rng.uniform(-15, 15);
    d.paper_tint[k] = 238.0 + (base[k] - 140.0) * 0.06 + rng.uniform(-4, 4);
  }
  return d;
}

void draw_emblem(cv::Mat& image, const cv::Rect& box, const IssuerDesign& design) {
  const cv::Rect clipped = box & cv::Rect(0, 0, image.cols, image.rows);
  if (clipped.area() == 0) return;
  cv::Mat roi = image(clipped);
  const cv::Rect2d local(box.x - clipped.x, box.y - clipped.y, box.width, box.height);
  const int line = std::max(1, static_cast<int>(std::lround(std::min(box.width, box.height) * 0.035)));
  switch (design.shape) {
    case EmblemShape::shield: draw_shield(roi, local, design, line); break;
    case EmblemShape::star_ring: draw_star_ring(roi, local, design); break;
    case EmblemShape::wreath: draw_wreath(roi, local, design, line); break;
    case EmblemShape::sunburst: draw_sunburst(roi, local, design, line); break;
  }
}

std::string hex_colour(const cv::Scalar& bgr) {
  const auto channel = [](double v) { return static_cast<int>(std::lround(std::min(255.0, std::max(0.0, v)))); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", channel(bgr[2]), channel(bgr[1]), channel(bgr[0]));
  return buf;
}

}  // namespace docverify::synth
