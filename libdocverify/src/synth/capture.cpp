#include "synth/capture.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "errors/input_error.hpp"
#include "synth/noise.hpp"

namespace docverify::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;

cv::Mat cluttered_background(cv::Size size, Random& rng) {
  cv::Mat bg(size, CV_8UC3);
  const cv::Scalar a(rng.uniform(40, 200), rng.uniform(40, 200), rng.uniform(40, 200));
  const cv::Scalar b(rng.uniform(40, 200), rng.uniform(40, 200), rng.uniform(40, 200));
  for (int y = 0; y < size.height; ++y) {
    const double t = static_cast<double>(y) / size.height;
    bg.row(y).setTo(a * (1 - t) + b * t);
  }
  // Table clutter: papers, objects, lines.
  const int shapes = rng.integer(6, 18);
  for (int i = 0; i < shapes; ++i) {
    const cv::Scalar colour(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255));
    const cv::Point c(rng.integer(0, size.width), rng.integer(0, size.height));
    const int r = rng.integer(size.width / 30, size.width / 6);
    switch (rng.integer(0, 2)) {
      case 0: cv::circle(bg, c, r, colour, cv::FILLED, cv::LINE_AA); break;
      case 1: {
        const cv::RotatedRect rr(c, cv::Size2f(static_cast<float>(r * 2), static_cast<float>(r)), static_cast<float>(rng.uniform(0, 180)));
        cv::Point2f p[4];
        rr.points(p);
        std::vector<cv::Point> pts(p, p + 4);
        cv::fillConvexPoly(bg, pts, colour, cv::LINE_AA);
        break;
      }
      default:
        cv::line(bg, c, cv::Point(rng.integer(0, size.width), rng.integer(0, size.height)), colour, rng.integer(1, 6),
                 cv::LINE_AA);
    }
  }
  return bg;
}

void degrade(PhotoCapture& out, Random& rng) {
  cv::Mat& img = out.image;
  // Uneven light: a smooth gain across the frame.
  cv::Mat gain(img.size(), CV_32F);
  const double gx = rng.uniform(-0.25, 0.25), gy = rng.uniform(-0.25, 0.25), base = rng.uniform(0.85, 1.05);
  for (int y = 0; y < img.rows; ++y) {
    auto* g = gain.ptr<float>(y);
    for (int x = 0; x < img.cols; ++x)
      g[x] = static_cast<float>(base + gx * (x / static_cast<double>(img.cols) - 0.5) + gy * (y / static_cast<double>(img.rows) - 0.5));
  }
  cv::Mat f;
  img.convertTo(f, CV_32FC3);
  std::vector<cv::Mat> ch;
  cv::split(f, ch);
  for (auto& c : ch) c = c.mul(gain);
  // Glare: a soft bright spot.
  out.glare = rng.chance(0.4);
  if (out.glare) {
    const cv::Point2d c(rng.uniform(0, img.cols), rng.uniform(0, img.rows));
    const double r = rng.uniform(0.05, 0.15) * img.cols;
    for (int y = 0; y < img.rows; ++y) {
      for (int x = 0; x < img.cols; ++x) {
        const double d2 = ((x - c.x) * (x - c.x) + (y - c.y) * (y - c.y)) / (r * r);
        if (d2 > 9) continue;
        const float add = static_cast<float>(200.0 * std::exp(-d2));
        for (auto& cc : ch) cc.at<float>(y, x) += add;
      }
    }
  }
  cv::merge(ch, f);
  f.convertTo(img, CV_8UC3);
  // Defocus, sometimes motion blur.
  out.blur_sigma = rng.uniform(0.0, 1.4);
  if (out.blur_sigma > 0.3) cv::GaussianBlur(img, img, cv::Size(0, 0), out.blur_sigma);
  if (rng.chance(0.3)) {
    out.motion_px = rng.uniform(2.0, 6.0);
    const int k = static_cast<int>(std::ceil(out.motion_px)) | 1;
    cv::Mat kernel = cv::Mat::zeros(k, k, CV_32F);
    const double a = rng.uniform(0, kPi);
    const cv::Point2d c(k / 2.0, k / 2.0);
    cv::line(kernel, c - cv::Point2d(std::cos(a), std::sin(a)) * (k / 2.0), c + cv::Point2d(std::cos(a), std::sin(a)) * (k / 2.0),
             cv::Scalar(1.0), 1, cv::LINE_AA);
    kernel /= std::max(1e-6, cv::sum(kernel)[0]);
    cv::filter2D(img, img, -1, kernel);
  }
  // Sensor noise (OpenCV's generator, seeded from ours: deterministic and fast), then the
  // phone's JPEG.
  out.noise_sd = rng.uniform(1.0, 7.0);
  add_gaussian_noise(img, out.noise_sd, rng);
  out.jpeg_quality = rng.integer(40, 95);
  if (!cv::imencode(".jpg", img, out.jpeg, {cv::IMWRITE_JPEG_QUALITY, out.jpeg_quality}))
    throw ResourceError("JPEG encoding failed");
  img = cv::imdecode(out.jpeg, cv::IMREAD_COLOR);
}

}  // namespace

std::vector<cv::Point2d> map_box(const cv::Matx33d& h, const cv::Rect& box) {
  const std::vector<cv::Point2d> corners = {cv::Point2d(box.x, box.y), cv::Point2d(box.br().x, box.y),
                                            cv::Point2d(box.br().x, box.br().y), cv::Point2d(box.x, box.br().y)};
  std::vector<cv::Point2d> mapped;
  cv::perspectiveTransform(corners, mapped, cv::Mat(h));
  return mapped;
}

PhotoCapture capture_phone(const cv::Mat& page, const cv::Rect& mrz_box, double cap_px, Random& rng) {
  PhotoCapture out;
  const bool landscape = rng.chance(0.7);
  const cv::Size frame = landscape ? cv::Size(1600, 1200) : cv::Size(1200, 1600);
  out.image = cluttered_background(frame, rng);
  // Scale so MRZ characters land between ~14 px and what still fits in the frame.
  const double fit = 0.9 * std::min(frame.width, frame.height) / static_cast<double>(std::max(page.cols, page.rows));
  const double min_scale = 14.0 / cap_px;
  const double scale = std::max(min_scale, rng.uniform(std::min(min_scale, fit), std::max(min_scale, fit)));
  out.mrz_char_px = cap_px * scale;
  // In-plane rotation: any quarter turn plus a tilt of the hand.
  out.rotation_deg = 90.0 * rng.integer(0, 3) + rng.uniform(-15, 15);
  out.tilt_deg = rng.uniform(0, 25);
  const double a = out.rotation_deg * kPi / 180.0;
  const cv::Point2d centre(frame.width * rng.uniform(0.4, 0.6), frame.height * rng.uniform(0.4, 0.6));
  const std::vector<cv::Point2d> src = {{0, 0}, {static_cast<double>(page.cols), 0},
                                        {static_cast<double>(page.cols), static_cast<double>(page.rows)},
                                        {0, static_cast<double>(page.rows)}};
  // Perspective: the far edge shrinks by the tilt's foreshortening.
  const double shrink = 1.0 - 0.5 * std::sin(out.tilt_deg * kPi / 180.0);
  const double tilt_dir = rng.uniform(0, 2 * kPi);
  std::vector<cv::Point2f> dst;
  for (const auto& p : src) {
    cv::Point2d q((p.x - page.cols / 2.0) * scale, (p.y - page.rows / 2.0) * scale);
    const double along = q.x * std::cos(tilt_dir) + q.y * std::sin(tilt_dir);
    const double k = 1.0 - (1.0 - shrink) * (along > 0 ? 1.0 : 0.0);
    q *= k;
    const cv::Point2d r(q.x * std::cos(a) - q.y * std::sin(a), q.x * std::sin(a) + q.y * std::cos(a));
    dst.emplace_back(static_cast<float>(centre.x + r.x), static_cast<float>(centre.y + r.y));
  }
  std::vector<cv::Point2f> srcf(src.begin(), src.end());
  const cv::Mat h = cv::getPerspectiveTransform(srcf, dst);
  cv::Mat warped, mask;
  cv::warpPerspective(page, warped, h, frame, cv::INTER_AREA, cv::BORDER_CONSTANT);
  cv::warpPerspective(cv::Mat(page.size(), CV_8UC1, cv::Scalar(255)), mask, h, frame, cv::INTER_LINEAR);
  warped.copyTo(out.image, mask > 127);
  for (const auto& p : dst) out.document_quad.emplace_back(p.x, p.y);
  out.page_to_photo = cv::Matx33d(h);
  out.mrz_quad = map_box(out.page_to_photo, mrz_box);
  degrade(out, rng);
  return out;
}

PhotoCapture capture_no_document(Random& rng) {
  PhotoCapture out;
  out.image = cluttered_background(rng.chance(0.7) ? cv::Size(1600, 1200) : cv::Size(1200, 1600), rng);
  degrade(out, rng);
  return out;
}

}  // namespace docverify::synth
