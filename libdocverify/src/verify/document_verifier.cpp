#include "verify/document_verifier.hpp"

#include <chrono>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "checks/image_checks.hpp"
#include "checks/verdict.hpp"
#include "errors/input_error.hpp"
#include "image/decode.hpp"

namespace docverify::verify {

namespace {

// Catalogued checks (spec: authenticity §5-6) this build does not run yet: listed as
// NOT_DONE so a report never lets their absence read as a pass.
struct Pending {
  std::string_view id;
  CheckGroup group;
  Diagnose diagnose;
  const char* message;
};
constexpr Pending kPending[] = {
    {"text.viz.mrz_consistency", CheckGroup::text, Diagnose::not_available, "MRZ against the visual zone: not in this version"},
    {"security.tamper.ela", CheckGroup::security, Diagnose::not_available, "error level analysis: not in this version"},
    {"security.tamper.copy_move", CheckGroup::security, Diagnose::not_available, "copy-move search: not in this version"},
    {"security.tamper.noise", CheckGroup::security, Diagnose::not_available, "noise consistency: not in this version"},
    {"liveness.screen", CheckGroup::liveness, Diagnose::not_available, "screen recapture: not in this version"},
    {"liveness.colour_copy", CheckGroup::liveness, Diagnose::not_available, "colour copy: not in this version"},
};

}  // namespace

DocumentVerifier::DocumentVerifier(reader::ReadOptions options) : reader_(std::move(options)) {}

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

VerifyResult DocumentVerifier::verify(const cv::Mat& image, const CompanionImages& companions) {
  // One grey image for the reader (its first step would make the same) and the print
  // measures.
  const cv::Mat gray = reader::grey_of(image);
  VerifyResult out;
  out.read = reader_.read(gray);
  out.page_saturation = std::numeric_limits<double>::quiet_NaN();
  if (!out.read.found) return out;
  reader::MrzReadout& best = out.read.best;
  std::vector<CheckRecord>& records = best.mrz.checks;

  checks::QualityGates gates;
  for (auto& r : checks::quality_checks(best.quality.dpi_estimate, best.quality.sharpness, best.quality.glare, gates))
    records.push_back(std::move(r));

  out.print = checks::measure_mrz_print(gray, best.mrz_quad, best.mrz.lines);
  for (auto& r : checks::mrz_print_checks(out.print, best.mrz.format, gates.sharp && gates.glare_free)) records.push_back(std::move(r));

  if (image.channels() >= 3) {
    cv::Mat bgr;
    if (image.channels() == 4) cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    else bgr = image;
    out.page_saturation = checks::page_saturation(bgr, best.document_quad);
  }
  records.push_back(checks::grey_copy_check(out.page_saturation));

  out.infrared = checks::measure_infrared(gray, companions.infrared, best.mrz_quad, best.document_quad, best.mrz.lines);
  for (auto& r : checks::infrared_checks(out.infrared)) records.push_back(std::move(r));
  out.ultraviolet = checks::measure_ultraviolet(image, companions.ultraviolet, best.mrz_quad, best.document_quad);
  for (auto& r : checks::ultraviolet_checks(out.ultraviolet)) records.push_back(std::move(r));

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
  for (const Pending& p : kPending) {
    CheckRecord r;
    r.id = p.id;
    r.group = p.group;
    r.critical = false;
    r.required = required(p.id);
    r.diagnose = p.diagnose;
    r.message = p.message;
    records.push_back(std::move(r));
  }
  best.mrz.verdict = decide_verdict(records, best.mrz.verdict.specimen);
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
