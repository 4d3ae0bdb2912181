#include "line_samples.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/classifier.hpp"
#include "synth/noise.hpp"

namespace docverify::training {

namespace {

std::string random_line(synth::Random& rng, int length) {
  std::string s;
  while (static_cast<int>(s.size()) < length) {
    const double r = rng.uniform();
    if (r < 0.18) s.append(static_cast<std::size_t>(rng.integer(1, 8)), '<');  // filler runs
    else if (r < 0.5) s.push_back(rng.pick_char("0123456789"));
    else s.push_back(ocr::kMrzAlphabet[rng.integer(0, ocr::kClasses - 1)]);
  }
  s.resize(static_cast<std::size_t>(length));
  return s;
}

// Paper: a grey or tinted level with a gentle gradient and faint security-print waves.
cv::Mat paper(cv::Size size, synth::Random& rng, double& paper_level) {
  paper_level = rng.uniform(120, 250);
  cv::Mat img(size, CV_32F, cv::Scalar(paper_level));
  const double gx = rng.uniform(-30, 30) / size.width, gy = rng.uniform(-30, 30) / size.height;
  const bool waves = rng.chance(0.5);
  const double amp = rng.uniform(5, 45), freq = rng.uniform(0.05, 0.4), phase = rng.uniform(0, 6.28);
  for (int y = 0; y < size.height; ++y) {
    float* p = img.ptr<float>(y);
    for (int x = 0; x < size.width; ++x) {
      double v = paper_level + gx * x + gy * y;
      if (waves) v -= amp * 0.5 * (1 + std::sin(freq * x + 0.3 * freq * y * std::sin(0.02 * x) + phase));
      p[x] = static_cast<float>(v);
    }
  }
  return img;
}

}  // namespace

LineSampler::LineSampler(const std::vector<std::string>& font_files) {
  for (const auto& f : font_files) fonts_.push_back(std::make_unique<synth::Font>(f));
}

void LineSampler::add_line(synth::Random& rng, std::vector<Sample>& out) {
  const int length = rng.integer(10, 24);  // a slice of a line: enough context, quick to draw
  const std::string text = random_line(rng, length);
  // Render scale: the source has `s` times the canonical resolution (0.7: characters ~10 px).
  const double s = std::exp(rng.uniform(std::log(0.65), std::log(3.5)));
  const double pitch = ocr::kPitchPx * s * rng.uniform(0.96, 1.04);
  const double cap = pitch * (2.46 / 2.54) * rng.uniform(0.88, 1.08);
  const double line_gap = pitch * (4.23 / 2.54) * rng.uniform(0.9, 1.1);
  const cv::Size size(static_cast<int>(pitch * (length + 4)), static_cast<int>(line_gap * 3 + cap));
  double paper_level;
  cv::Mat canvas32 = paper(size, rng, paper_level);
  cv::Mat canvas;
  canvas32.convertTo(canvas, CV_8U);
  cv::cvtColor(canvas, canvas, cv::COLOR_GRAY2BGR);

  const double ink = rng.uniform(0, std::max(10.0, paper_level - 70));
  synth::Font& font = *fonts_[static_cast<std::size_t>(rng.integer(0, static_cast<int>(fonts_.size()) - 1))];
  const double x0 = pitch * 2 + rng.uniform(-2, 2);
  const double base = size.height / 2.0 + cap / 2.0;
  font.draw(canvas, text, {x0, base}, cap, cv::Scalar(ink, ink, ink), pitch);
  // Neighbouring MRZ lines above and below, as in the document.
  if (rng.chance(0.8)) font.draw(canvas, random_line(rng, length + 4), {x0 - 2 * pitch, base - line_gap}, cap, cv::Scalar(ink, ink, ink), pitch);
  if (rng.chance(0.8)) font.draw(canvas, random_line(rng, length + 4), {x0 - 2 * pitch, base + line_gap}, cap, cv::Scalar(ink, ink, ink), pitch);

  cv::Mat gray;
  cv::cvtColor(canvas, gray, cv::COLOR_BGR2GRAY);
  // Ink weight: toner spread or a thin ribbon.
  if (s > 1.4 && rng.chance(0.35)) {
    const cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE, {rng.integer(2, 3), rng.integer(2, 3)});
    if (rng.chance(0.5)) cv::erode(gray, gray, k); else cv::dilate(gray, gray, k);
  }
  // Light: uneven illumination and, now and then, a glare spot that washes ink out.
  if (rng.chance(0.3)) {
    const double g0 = rng.uniform(0.55, 1.0), g1 = rng.uniform(0.55, 1.0);
    cv::Mat f32;
    gray.convertTo(f32, CV_32F);
    for (int x = 0; x < f32.cols; ++x) f32.col(x) *= g0 + (g1 - g0) * x / std::max(1, f32.cols - 1);
    f32.convertTo(gray, CV_8U);
  }
  if (rng.chance(0.15)) {
    cv::Mat glare(gray.size(), CV_32F, cv::Scalar(0));
    const cv::Point c(rng.integer(0, gray.cols - 1), rng.integer(0, gray.rows - 1));
    const double radius = pitch * rng.uniform(1.0, 5.0), strength = rng.uniform(60, 200);
    for (int y = 0; y < glare.rows; ++y)
      for (int x = 0; x < glare.cols; ++x) {
        const double d2 = ((x - c.x) * (x - c.x) + (y - c.y) * (y - c.y)) / (radius * radius);
        glare.at<float>(y, x) = static_cast<float>(strength * std::exp(-d2));
      }
    cv::Mat f32;
    gray.convertTo(f32, CV_32F);
    f32 += glare;
    f32.convertTo(gray, CV_8U);
  }
  // Optics and sensor at the source resolution.
  if (rng.chance(0.75)) cv::GaussianBlur(gray, gray, {0, 0}, rng.uniform(0.3, 1.6) * s);
  // Hand shake: up to about half a character pitch.
  if (rng.chance(0.3)) {
    const int len = rng.integer(2, std::max(3, static_cast<int>(6 * s)));
    cv::Mat k = cv::Mat::zeros(len, len, CV_32F);
    const double a = rng.uniform(0, 3.14159);
    cv::line(k, {len / 2 - static_cast<int>(len / 2 * std::cos(a)), len / 2 - static_cast<int>(len / 2 * std::sin(a))},
             {len / 2 + static_cast<int>(len / 2 * std::cos(a)), len / 2 + static_cast<int>(len / 2 * std::sin(a))}, 1.0);
    k /= std::max(1.0, cv::sum(k)[0]);
    cv::filter2D(gray, gray, -1, k);
  }
  if (rng.chance(0.7)) synth::add_gaussian_noise(gray, rng.uniform(1, 14), rng);
  if (rng.chance(0.4)) {
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", gray, jpeg, {cv::IMWRITE_JPEG_QUALITY, rng.integer(30, 95)});
    gray = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
  }

  // Rectify to canonical scale with a rectifier's errors: scale, skew, offset.
  const double scale = (ocr::kPitchPx / pitch) * rng.uniform(0.96, 1.04);
  const double angle = rng.uniform(-0.5, 0.5) * 3.14159 / 180.0;
  const double shear = rng.uniform(-0.05, 0.05);
  cv::Mat small;
  cv::resize(gray, small, {}, scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  const double cx = small.cols / 2.0, cy = small.rows / 2.0;
  cv::Mat M = (cv::Mat_<double>(2, 3) << std::cos(angle), -std::sin(angle) + shear, 0, std::sin(angle), std::cos(angle), 0);
  M.at<double>(0, 2) = cx - (M.at<double>(0, 0) * cx + M.at<double>(0, 1) * cy) + rng.uniform(-1.0, 1.0);
  M.at<double>(1, 2) = cy - (M.at<double>(1, 0) * cx + M.at<double>(1, 1) * cy) + rng.uniform(-1.5, 1.5);
  cv::Mat canon;
  cv::warpAffine(small, canon, M, small.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);

  // The rectifier's view: the line's strip, its ink levels, cells at the nominal pitch
  // (mapped without the warp's error, as a rectifier does not know it).
  const double canon_pitch = pitch * scale;
  const double line_y = (base - cap / 2.0) * scale;
  const cv::Rect strip(0, std::clamp(static_cast<int>(line_y - ocr::kLineHeightPx / 2.0), 0, canon.rows - 1), canon.cols,
                       std::min(ocr::kLineHeightPx, canon.rows));
  std::vector<float> nominal_xs;
  for (int i = 0; i < length; ++i) nominal_xs.push_back(static_cast<float>((x0 + (i + 0.5) * pitch) * scale));
  const std::vector<ocr::InkLevels> cell_levels = ocr::measure_cell_ink_levels(canon(strip & cv::Rect(0, 0, canon.cols, canon.rows)), nominal_xs);
  const double pitch_error = rng.uniform(-0.03, 0.03);
  const double x_error = rng.uniform(-2.0, 2.0);
  for (int i = 0; i < length; ++i) {
    Sample sample;
    const ocr::InkLevels& levels = cell_levels[static_cast<size_t>(i)];
    const double nominal_x = (x0 + (i + 0.5) * pitch) * scale;
    const double x = nominal_x + i * canon_pitch * pitch_error * 0.1 + x_error + rng.uniform(-1.0, 1.0);
    const double y = line_y + rng.uniform(-1.5, 1.5);
    ocr::extract_cell(canon, cv::Point2f(static_cast<float>(x), static_cast<float>(y)), levels, sample.cell);
    sample.label = static_cast<int>(std::string_view(ocr::kMrzAlphabet).find(text[static_cast<std::size_t>(i)]));
    out.push_back(sample);
  }
}

}  // namespace docverify::training
