#include "checks/presentation.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include <opencv2/imgproc.hpp>

namespace docverify::checks {

namespace {

constexpr int kN = 128;             // patch side, working pixels
constexpr int kHalf = kN / 2;
constexpr int kMaxPatches = 24;
constexpr int kMinPatches = 6;
constexpr double kTargetPxPerMm = 11.0;  // reduce by an integer factor above about 280 dpi

struct Spectra {
  // Log10 power, DC at (kHalf, kHalf), per-patch normalised, dilated 3x3.
  cv::Mat lum, chroma;
  double mean_y = 0;
  double chroma_amp = 0;
  float offset[2] = {0, 0};  // the normalisation taken off lum, chroma
};

// Frequency of bin (x, y) of a centred spectrum in cycles per patch.
inline double radius_bins(int x, int y) { return std::sqrt(double((x - kHalf) * (x - kHalf) + (y - kHalf) * (y - kHalf))); }

// The JPEG 8 x 8 block grid puts peaks at multiples of kN / 8 in both coordinates.
inline bool on_jpeg_grid(int x, int y) {
  auto near16 = [](int v) {
    const int r = ((v - kHalf) % 16 + 16) % 16;
    return r <= 1 || r >= 15;
  };
  return near16(x) && near16(y);
}

cv::Mat hann() {
  cv::Mat w;
  cv::createHanningWindow(w, cv::Size(kN, kN), CV_32F);
  return w;
}

cv::Mat power(const cv::Mat& channel, const cv::Mat& window) {
  cv::Mat c = channel - cv::mean(channel)[0];
  c = c.mul(window);
  cv::Mat f;
  cv::dft(c, f, cv::DFT_COMPLEX_OUTPUT);
  cv::Mat planes[2];
  cv::split(f, planes);
  return planes[0].mul(planes[0]) + planes[1].mul(planes[1]);
}

// Power of two real channels summed, with one complex transform: for z = a + ib,
// |A(f)|^2 + |B(f)|^2 = (|Z(f)|^2 + |Z(-f)|^2) / 2.
cv::Mat power2(const cv::Mat& a, const cv::Mat& b, const cv::Mat& window) {
  cv::Mat planes[2] = {(a - cv::mean(a)[0]).mul(window), (b - cv::mean(b)[0]).mul(window)};
  cv::Mat z, f;
  cv::merge(planes, 2, z);
  cv::dft(z, f, cv::DFT_COMPLEX_OUTPUT);
  cv::Mat p(kN, kN, CV_32F);
  for (int y = 0; y < kN; ++y) {
    const cv::Vec2f* r = f.ptr<cv::Vec2f>(y);
    const cv::Vec2f* m = f.ptr<cv::Vec2f>((kN - y) % kN);
    float* out = p.ptr<float>(y);
    for (int x = 0; x < kN; ++x) {
      const cv::Vec2f u = r[x], v = m[(kN - x) % kN];
      out[x] = 0.5F * (u[0] * u[0] + u[1] * u[1] + v[0] * v[0] + v[1] * v[1]);
    }
  }
  return p;
}

cv::Mat log_power(cv::Mat p) {
  p += 1e-3F;
  cv::log(p, p);
  p *= static_cast<float>(1.0 / std::log(10.0));
  // Centre DC (fftshift; kN is even, so swapping quadrants suffices).
  cv::Mat q0(p, cv::Rect(0, 0, kHalf, kHalf)), q1(p, cv::Rect(kHalf, 0, kHalf, kHalf));
  cv::Mat q2(p, cv::Rect(0, kHalf, kHalf, kHalf)), q3(p, cv::Rect(kHalf, kHalf, kHalf, kHalf));
  cv::Mat t;
  q0.copyTo(t); q3.copyTo(q0); t.copyTo(q3);
  q1.copyTo(t); q2.copyTo(q1); t.copyTo(q2);
  return p;
}

// Median over patches, bin by bin, of the given maps (upper half plane only is filled).
cv::Mat median_spectrum(const std::vector<const cv::Mat*>& maps, double rmin) {
  cv::Mat out(kN, kN, CV_32F, cv::Scalar(0));
  std::vector<float> v(maps.size());
  for (int y = 0; y <= kHalf; ++y)
    for (int x = 0; x < kN; ++x) {
      if (radius_bins(x, y) < rmin) continue;
      for (std::size_t i = 0; i < maps.size(); ++i) v[i] = maps[i]->at<float>(y, x);
      auto mid = v.begin() + static_cast<long>(v.size() / 2);
      std::nth_element(v.begin(), mid, v.end());
      out.at<float>(y, x) = *mid;
    }
  return out;
}

// Ring at Chebyshev distance 3 around a bin: 24 offsets, listed so that i and i + 12 are
// opposite.
std::array<cv::Point, 24> ring3() {
  std::array<cv::Point, 24> r{};
  int n = 0;
  for (int x = -3; x <= 3; ++x) r[n++] = {x, -3};        // 7: top row
  for (int y = -2; y <= 2; ++y) r[n++] = {3, y};         // 5: right column
  for (int i = 0; i < 12; ++i) r[12 + i] = -r[i];        // opposite halves
  return r;
}

struct Peak {
  double prominence = -1;
  int x = kHalf, y = kHalf;
};

// Height of a bin above its surroundings: above the ring's median and above any ridge
// (edge energy, a line of text, a guilloche stroke family) running through it.
double prominence_at(const cv::Mat& m, int x, int y, const std::array<cv::Point, 24>& ring) {
  std::array<float, 24> v{};
  for (int i = 0; i < 24; ++i) {
    int xx = x + ring[i].x, yy = y + ring[i].y;
    if (yy > kHalf) {  // mirror into the stored half plane (real input: P(-f) = P(f))
      xx = 2 * kHalf - xx;
      yy = 2 * kHalf - yy;
    }
    xx = std::clamp(xx, 0, kN - 1);
    yy = std::clamp(yy, 0, kN - 1);
    v[i] = m.at<float>(yy, xx);
  }
  float ridge = -1e9F;
  for (int i = 0; i < 12; ++i) ridge = std::max(ridge, std::min(v[i], v[i + 12]));
  std::array<float, 24> s = v;
  std::nth_element(s.begin(), s.begin() + 12, s.end());
  const float bg = std::max(ridge, s[12]);
  return m.at<float>(y, x) - bg;
}

Peak strongest_peak(const cv::Mat& m, double kmin) {
  static const auto ring = ring3();
  Peak best;
  for (int y = 3; y <= kHalf; ++y)
    for (int x = 3; x < kN - 3; ++x) {
      const double r = radius_bins(x, y);
      if (r < kmin || r > kHalf - 3) continue;
      if (y == kHalf && x < kHalf) continue;  // the other half of the axis row
      if (on_jpeg_grid(x, y)) continue;
      const float c = m.at<float>(y, x);
      bool is_max = true;
      for (int dy = -1; dy <= 1 && is_max; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if ((dx || dy) && y + dy <= kHalf && m.at<float>(y + dy, x + dx) > c) { is_max = false; break; }
      if (!is_max) continue;
      const double p = prominence_at(m, x, y, ring);
      if (p > best.prominence) best = {p, x, y};
    }
  return best;
}

}  // namespace

PresentationMeasures measure_presentation(const cv::Mat& image, const std::vector<cv::Point2f>& quad_in,
                                          double mrz_pitch_px) {
  const auto t0 = std::chrono::steady_clock::now();
  PresentationMeasures m;
  auto finish = [&]() -> PresentationMeasures& {
    m.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return m;
  };
  auto both_not_done = [&](Diagnose d, const char* why) -> PresentationMeasures& {
    m.screen_not_done = m.colour_copy_not_done = d;
    m.screen_why = m.colour_copy_why = why;
    return finish();
  };
  if (image.empty() || (image.type() != CV_8UC3 && image.type() != CV_8UC1))
    return both_not_done(Diagnose::invalid_input, "no 8-bit image");
  if (mrz_pitch_px <= 0) return both_not_done(Diagnose::resolution_too_low, "scale unknown (no MRZ pitch)");

  std::vector<cv::Point2f> quad = quad_in;
  if (quad.size() != 4)
    quad = {cv::Point2f(0, 0), cv::Point2f(float(image.cols), 0), cv::Point2f(float(image.cols), float(image.rows)),
            cv::Point2f(0, float(image.rows))};
  const double px_per_mm = mrz_pitch_px / 2.54;
  const int d = std::max(1, static_cast<int>(std::floor(px_per_mm / kTargetPxPerMm)));
  m.px_per_mm = px_per_mm / d;

  // The document's box in the frame, reduced by the integer factor d (so that the JPEG grid
  // stays at multiples of kN / 8).
  std::vector<cv::Point> poly;
  for (const auto& p : quad) poly.emplace_back(cvRound(p.x), cvRound(p.y));
  cv::Rect box = cv::boundingRect(poly) & cv::Rect(0, 0, image.cols, image.rows);
  box.x -= box.x % 16;  // keep the 8 x 8 grid phase (after reduction by d <= 2 as well)
  box.y -= box.y % 16;
  box &= cv::Rect(0, 0, image.cols, image.rows);
  if (box.width < kN * d || box.height < kN * d) return both_not_done(Diagnose::resolution_too_low, "document too small in the frame");
  cv::Mat roi = image(box), work;
  if (d > 1) cv::resize(roi, work, cv::Size(roi.cols / d, roi.rows / d), 0, 0, cv::INTER_AREA);
  else work = roi;
  std::vector<cv::Point2f> wq;
  const cv::Point2f c = std::accumulate(quad.begin(), quad.end(), cv::Point2f(0, 0)) * 0.25F;
  for (const auto& p : quad) {
    const cv::Point2f in = c + (p - c) * 0.94F;  // keep clear of the page edge
    wq.emplace_back((in.x - box.x) / d, (in.y - box.y) / d);
  }

  // Patches on a grid of half-patch steps wholly inside the document.
  std::vector<cv::Point> origins;
  for (int y = 0; y + kN <= work.rows; y += kHalf)
    for (int x = 0; x + kN <= work.cols; x += kHalf) {
      bool inside = true;
      for (const cv::Point2f q : {cv::Point2f(float(x), float(y)), cv::Point2f(float(x + kN), float(y)),
                                  cv::Point2f(float(x), float(y + kN)), cv::Point2f(float(x + kN), float(y + kN))})
        if (cv::pointPolygonTest(wq, q, false) < 0) { inside = false; break; }
      if (inside) origins.emplace_back(x, y);
    }
  if (static_cast<int>(origins.size()) > kMaxPatches) {
    std::vector<cv::Point> keep;
    for (int i = 0; i < kMaxPatches; ++i) keep.push_back(origins[static_cast<std::size_t>(i) * origins.size() / kMaxPatches]);
    origins.swap(keep);
  }
  m.patches = static_cast<int>(origins.size());
  if (m.patches < kMinPatches) return both_not_done(Diagnose::resolution_too_low, "too little of the document in the frame");

  static const cv::Mat window = hann();
  const bool colour = work.channels() == 3;
  std::vector<Spectra> spectra(origins.size());
  const cv::Mat kernel = cv::Mat::ones(3, 3, CV_8U);
  for (std::size_t i = 0; i < origins.size(); ++i) {
    const cv::Mat patch = work(cv::Rect(origins[i], cv::Size(kN, kN)));
    cv::Mat f;
    patch.convertTo(f, CV_32F);
    Spectra& s = spectra[i];
    cv::Mat y;
    if (colour) {
      cv::Mat ch[3];
      cv::split(f, ch);  // B, G, R
      y = 0.114F * ch[0] + 0.587F * ch[1] + 0.299F * ch[2];
      const cv::Mat o1 = ch[2] - ch[1], o2 = 0.5F * (ch[2] + ch[1]) - ch[0];
      s.chroma = log_power(power2(o1, o2, window));
      cv::Scalar mu1, sd1, mu2, sd2;
      cv::meanStdDev(o1, mu1, sd1);
      cv::meanStdDev(o2, mu2, sd2);
      s.chroma_amp = 0.5 * (std::abs(mu1[0]) + std::abs(mu2[0]));
    } else {
      y = f;
    }
    s.mean_y = cv::mean(y)[0];
    s.lum = log_power(power(y, window));
    for (int k = 0; k < 2; ++k) {
      cv::Mat* map = k == 0 ? &s.lum : &s.chroma;
      if (map->empty()) continue;
      // Normalise by the patch's own broadband level, then allow a bin of drift (a phone's
      // perspective changes the carrier's frequency a little from patch to patch).
      s.offset[k] = static_cast<float>(cv::mean((*map)(cv::Rect(0, kHalf / 2, kN, kHalf / 2)))[0]);
      *map -= s.offset[k];
      cv::dilate(*map, *map, kernel);
    }
  }

  // Lowest frequency considered: periods above 1.5 mm belong to the page's layout.
  const double kmin = std::max(6.0, kN / (1.5 * m.px_per_mm));
  static const auto ring = ring3();
  auto robust = [&](bool chroma_map) {
    std::vector<const cv::Mat*> maps;
    for (const auto& s : spectra) maps.push_back(chroma_map ? &s.chroma : &s.lum);
    return median_spectrum(maps, kmin - 4);
  };

  const cv::Mat lum_all = robust(false);
  Peak best = strongest_peak(lum_all, kmin);
  m.peak_luminance = best.prominence;
  if (colour) {
    const cv::Mat chroma_all = robust(true);
    const Peak pc = strongest_peak(chroma_all, kmin);
    m.peak_chroma = pc.prominence;
    if (pc.prominence > best.prominence) best = pc;
    double amp = 0;
    for (const auto& s : spectra) amp += s.chroma_amp;
    m.chroma = amp / static_cast<double>(spectra.size());
  }
  m.peak = best.prominence;
  m.peak_cycles_per_mm = radius_bins(best.x, best.y) / kN * m.px_per_mm;
  // Detail: share of the broadband luminance power (the peak-free background of the median
  // spectrum: ring medians, linear) between a quarter and a half of the sampling rate,
  // against all above kmin. Every other bin: the background is smooth.
  {
    double hi = 0, all = 0;
    for (int y = 4; y <= kHalf; y += 2)
      for (int x = 4; x < kN - 4; x += 2) {
        const double r = radius_bins(x, y);
        if (r < kmin || r > kHalf - 4) continue;
        const double p = std::pow(10.0, lum_all.at<float>(y, x) - prominence_at(lum_all, x, y, ring));
        all += p;
        if (r >= kHalf / 2.0) hi += p;
      }
    m.detail = all > 0 ? hi / all : 0;
  }

  // Gates, then the two scores from one carrier: its strength, given to the screen as far
  // as the carrier is coloured (subpixels, coloured moire) and to the copy as far as it is
  // not (halftone darkening every channel).
  if (m.px_per_mm < kMinPxPerMm) return both_not_done(Diagnose::resolution_too_low, "under 130 dpi: too coarse for a pixel grid or halftone");
  if (m.detail < kMinDetail) return both_not_done(Diagnose::quality_gate_failed, "too blurred: neither a pixel grid nor halftone would survive");
  const double carrier = std::max(m.peak_luminance, colour ? m.peak_chroma : m.peak_luminance);
  if (!colour) {
    m.screen_score = carrier;
    m.colour_copy_not_done = Diagnose::required_image_missing;
    m.colour_copy_why = "grey image: a colour copy cannot be told from the original";
    return finish();
  }
  const double a = m.peak_chroma - m.peak_luminance;
  m.screen_score = a >= -kColourShare ? carrier : carrier - kAttributionSlope * (-kColourShare - a);
  if (m.chroma < kMinChroma) {
    m.colour_copy_not_done = Diagnose::required_image_missing;
    m.colour_copy_why = "the page has no colour: a colour copy cannot be told from the original";
  } else {
    m.colour_copy_score = a < -kColourShare ? carrier : carrier - kAttributionSlope * (a + kColourShare);
  }
  return finish();
}

namespace {

CheckRecord presentation_record(std::string_view id, double score, double threshold, Diagnose not_done, const char* why,
                                bool image_good_enough, Diagnose finding, const char* what, const PresentationMeasures& m) {
  CheckRecord r;
  r.id = id;
  r.group = CheckGroup::liveness;
  r.critical = false;  // a heuristic: flags for a person, never rejects alone
  r.required = false;  // the profile decides (remote: liveness.* required)
  r.unit = "log10 power ratio of a periodic carrier";
  r.threshold = threshold;
  if (!image_good_enough) {
    r.diagnose = Diagnose::quality_gate_failed;
    r.message = "image quality gate failed: presentation attack not assessed";
    return r;
  }
  if (not_done != Diagnose::none || std::isnan(score)) {
    r.diagnose = not_done != Diagnose::none ? not_done : Diagnose::uncertain;
    r.message = why;
    return r;
  }
  r.measured = score;
  if (score <= threshold) {
    r.status = CheckStatus::ok;
    r.message = "no periodic carrier over the page";
    return r;
  }
  r.status = score > threshold + kGreyBand ? CheckStatus::error : CheckStatus::warning;
  r.diagnose = finding;
  char text[160];
  std::snprintf(text, sizeof text, "%s: a periodic pattern at %.2f cycles/mm covers the page (strength %.2f, limit %.2f)", what,
                m.peak_cycles_per_mm, score, threshold);
  r.message = std::string(text);
  return r;
}

}  // namespace

std::vector<CheckRecord> presentation_checks(const PresentationMeasures& m, bool image_good_enough) {
  std::vector<CheckRecord> out;
  out.push_back(presentation_record("liveness.screen", m.screen_score, kScreenThreshold, m.screen_not_done, m.screen_why,
                                    image_good_enough, Diagnose::screen_detected, "photographed off a screen?", m));
  out.push_back(presentation_record("liveness.colour_copy", m.colour_copy_score, kColourCopyThreshold, m.colour_copy_not_done,
                                    m.colour_copy_why, image_good_enough, Diagnose::colour_copy_suspected,
                                    "colour copy or print?", m));
  return out;
}

}  // namespace docverify::checks
