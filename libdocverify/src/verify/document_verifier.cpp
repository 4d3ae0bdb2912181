#include "verify/document_verifier.hpp"

#include <chrono>
#include <filesystem>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "checks/image_checks.hpp"
#include "checks/presentation.hpp"
#include "checks/tamper.hpp"
#include "checks/verdict.hpp"
#include "errors/input_error.hpp"
#include "image/decode.hpp"
#include "seal/page_seals.hpp"
#include "seal/seal_crosscheck.hpp"
#include "verify/check_regions.hpp"

namespace docverify::verify {

DocumentVerifier::DocumentVerifier(reader::ReadOptions options, VerifyOptions verify) : reader_(std::move(options)), options_(verify) {}

CompanionImages load_companions(const std::string& infrared_path, const std::string& ultraviolet_path) {
  // A companion that cannot be read is named, so the error is not taken for the page's.
  auto load = [](const std::string& path, const char* light) {
    if (path.empty()) return cv::Mat();
    try {
      return image::decode_image_file(path);
    } catch (const InputError& e) {
      throw InputError(std::string(light) + " image " + path + ": " + e.what());
    }
  };
  return {load(infrared_path, "infrared"), load(ultraviolet_path, "ultraviolet")};
}

CompanionImages companions_beside(const std::string& image_path) {
  namespace fs = std::filesystem;
  const fs::path p(image_path);
  auto beside = [&p](const char* suffix) -> std::string {
    for (const char* ext : {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}) {
      const fs::path c = p.parent_path() / (p.stem().string() + suffix + ext);
      std::error_code ec;
      if (fs::is_regular_file(c, ec)) return c.string();
    }
    return {};
  };
  return load_companions(beside("_ir"), beside("_uv"));
}

VerifyResult DocumentVerifier::verify(const cv::Mat& image, const CompanionImages& companions) {
  // One grey image for the reader (its first step would make the same) and the print
  // measures.
  const cv::Mat gray = reader::grey_of(image);
  VerifyResult out;
  out.read = reader_.read(gray);
  out.page_saturation = std::numeric_limits<double>::quiet_NaN();
  out.frame_size = gray.size();
  if (options_.keep_page) {
    out.evidence.page = report::evidence_copy(image, &out.evidence.scale);
    out.evidence.infrared = report::evidence_copy(companions.infrared);
    out.evidence.ultraviolet = report::evidence_copy(companions.ultraviolet);
  }
  if (options_.seals) {
    seal::SealOptions so;
    so.trust = options_.trust.get();
    so.strict = options_.strict_seals;
    so.require_trust = options_.trust != nullptr;  // no store: report the seals, do not block on them
    so.mrz = reader_.options().mrz;
    out.seals = seal::read_page_seals(image, so);
  }
  if (!out.read.found) return out;
  reader::MrzReadout& best = out.read.best;
  std::vector<CheckRecord>& records = best.mrz.checks;

  checks::QualityGates gates;
  for (auto& r : checks::quality_checks(best.quality.dpi_estimate, best.quality.sharpness, best.quality.glare, gates))
    records.push_back(std::move(r));

  out.print = checks::measure_mrz_print(gray, best.mrz_quad, best.mrz.lines);
  for (auto& r : checks::mrz_print_checks(out.print, best.mrz.format, gates.sharp && gates.glare_free)) records.push_back(std::move(r));
  // Where the MRZ sits against the document's bottom and left edges, when they are in the frame.
  out.position = checks::measure_mrz_position(gray, best.mrz_quad, best.mrz.format, best.mrz.lines.count(), best.mrz.lines.length());
  records.push_back(checks::mrz_position_check(out.position, best.mrz.format));
  // The glyphs against OCR-B itself: a MRZ retyped in another monospaced font.
  out.glyphs = checks::measure_mrz_glyphs(gray, best.mrz_quad, best.mrz.lines);
  records.push_back(checks::mrz_glyph_check(out.glyphs, gates.sharp && gates.glare_free));

  cv::Mat bgr = gray;
  if (image.channels() == 4) cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
  else if (image.channels() == 3) bgr = image;
  if (bgr.channels() == 3) out.page_saturation = checks::page_saturation(bgr, best.document_quad);
  records.push_back(checks::grey_copy_check(out.page_saturation));

  // Screens and copies: the scale from the MRZ's pitch as measured, else from the reader.
  // The MRZ's glare and sharpness gates do not apply: copying itself blurs and washes out
  // the MRZ, and the spectra are taken over the whole page with their own gates (scale,
  // detail left, patches).
  const double pitch_px = out.print.pitch_px > 0 ? out.print.pitch_px : best.quality.dpi_estimate / 10;
  out.presentation = checks::measure_presentation(bgr, best.document_quad, pitch_px);
  for (auto& r : checks::presentation_checks(out.presentation, true)) records.push_back(std::move(r));

  out.infrared = checks::measure_infrared(gray, companions.infrared, best.mrz_quad, best.document_quad, best.mrz.lines);
  for (auto& r : checks::infrared_checks(out.infrared)) records.push_back(std::move(r));
  out.ultraviolet = checks::measure_ultraviolet(image, companions.ultraviolet, best.mrz_quad, best.document_quad);
  for (auto& r : checks::ultraviolet_checks(out.ultraviolet)) records.push_back(std::move(r));

  // Local tampering: a region with another noise or JPEG history, copied glyphs, error
  // levels (non-critical: they flag for a person).
  out.tamper = checks::measure_tamper(gray, best.document_quad, best.mrz_quad, pitch_px);
  for (auto& r : checks::tamper_checks(out.tamper, gates.sharp)) records.push_back(std::move(r));
  // Fields erased and refilled: print on background that lost the page's texture.
  out.inpaint = checks::measure_inpainting(bgr, best.document_quad, best.mrz_quad, best.mrz.lines.length());
  records.push_back(checks::inpaint_check(out.inpaint));
  const double grid_limit = out.tamper.jpeg_history ? checks::kTamperGridLimitJpeg : checks::kTamperGridLimit;
  if (!out.tamper.grid_map.empty())
    out.evidence.heat_maps.push_back({"security.tamper.noise", "share of 8x8 blocks on a JPEG grid of their own", out.tamper.grid_map,
                                    out.tamper.cell_px, out.tamper.map_origin, grid_limit});
  if (!out.tamper.ela_map.empty())
    out.evidence.heat_maps.push_back({"security.tamper.ela", "robust z of the JPEG re-compression error", out.tamper.ela_map,
                                      out.tamper.cell_px, out.tamper.map_origin, checks::kTamperElaThreshold});

  // The MRZ against the visual zone, read by Tesseract.
  const auto viz_start = std::chrono::steady_clock::now();
  if (options_.visual_zone) {
    if (!viz_reader_) viz_reader_ = std::make_unique<ocr::VizTextReader>();
    if (viz_reader_->available()) {
      const checks::VisualZone zone = checks::visual_zone(gray, best.mrz_quad, best.mrz.format, best.mrz.lines.length());
      out.viz = checks::compare_viz(viz_reader_->read(zone.image), zone, best.mrz);
    }
    out.viz_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - viz_start).count();
    for (auto& r : checks::viz_checks(out.viz)) records.push_back(std::move(r));
  } else {
    CheckRecord r;
    r.id = "text.viz.mrz_consistency";
    r.group = CheckGroup::text;
    r.critical = false;
    r.required = false;
    r.diagnose = Diagnose::not_available;
    r.message = "the visual zone was not read (switched off)";
    records.push_back(std::move(r));
  }

  // Seals: their signature, chain and content checks, and the signed MRZ against the
  // printed one.
  for (const seal::SealResult& sr : out.seals) {
    if (sr.kind == seal::SealKind::other) continue;
    for (const CheckRecord& c : sr.checks) records.push_back(c);
    if (sr.vds && !sr.malformed) {
      CheckRecord match = seal::compare_seal_mrz(sr, best.mrz);
      if (match.status != CheckStatus::not_done) match.regions = sr.checks.front().regions;
      records.push_back(std::move(match));
    }
  }

  // What each profile requires (spec: authenticity §1.5): the kiosk its infrared and
  // ultraviolet checks, remote checks the presentation-attack tests; a required check that
  // did not run makes the verdict not_done (incomplete), never ok.
  const Profile profile = reader_.options().mrz.profile;
  auto required = [profile](std::string_view id) {
    if (profile == Profile::kiosk) return id == "security.ir.b900" || id == "security.uv.dull";
    if (profile == Profile::remote) return id.substr(0, 9) == "liveness.";
    return false;
  };
  for (CheckRecord& r : records)
    if (required(r.id)) r.required = true;
  place_check_regions(out);
  const VerdictPolicy& policy = reader_.options().mrz.policy;
  policy.apply(records);
  best.mrz.verdict = decide_verdict(records, best.mrz.verdict.specimen, policy);
  return out;
}

namespace {
template <class Decode>
VerifyResult decoded_then_verified(DocumentVerifier& v, const CompanionImages& companions, Decode&& decode) {
  const auto t0 = std::chrono::steady_clock::now();
  const cv::Mat image = decode();
  const double decode_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  VerifyResult r = v.verify(image, companions);
  r.read.timings.decode_ms = decode_ms;
  return r;
}
}  // namespace

VerifyResult DocumentVerifier::verify_encoded(const unsigned char* data, std::size_t size, const CompanionImages& companions) {
  return decoded_then_verified(*this, companions, [&] { return image::decode_image(data, size); });
}

VerifyResult DocumentVerifier::verify_file(const std::string& path, const CompanionImages& companions) {
  return decoded_then_verified(*this, companions, [&] { return image::decode_image_file(path); });
}

}  // namespace docverify::verify
