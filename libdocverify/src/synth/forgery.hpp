#pragma once
// The forgery kit: each forgery changes the data, the printing or the whole image the way a
// forger or a copier would, and says where (for the ground truth and for trainers).
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "synth/identity.hpp"
#include "synth/page.hpp"
#include "synth/random.hpp"

namespace docverify::synth {

enum class Forgery {
  none,
  mrz_recomputed,    // birth date changed in VIZ and MRZ, check digits recomputed
  mrz_unrecomputed,  // birth date changed in VIZ and MRZ, check digits left as they were
  viz_rewritten,     // the VIZ surname erased and reprinted in a near font; MRZ untouched
  mrz_wrong_font,    // the MRZ retyped in a monospaced font instead of OCR-B
  mrz_wrong_pitch,   // the MRZ printed at 2.30 mm instead of 2.54 mm pitch
  grey_copy,         // a greyscale photocopy of a genuine page
  expired,           // a genuine document past its expiry
  specimen,          // the issuer's specimen: UTO codes and specimen name
  photo_swap,        // portrait replaced by another, with other noise and JPEG history
  copy_move,         // a digit of the VIZ birth date copied over another digit
  screen_recapture,  // the page photographed off a screen: moire, pixel grid, gamma
  colour_copy,       // a colour photocopy: fine guilloche lost, halftone dots
  ir_transparent_ink,  // counterfeit MRZ printed in ink that IR goes through (kiosk: MRZ gone in IR)
  uv_bright_paper,     // counterfeit on ordinary, optically brightened paper (kiosk: UV glows)
};

std::string_view forgery_name(Forgery f) noexcept;
bool parse_forgery(std::string_view name, Forgery& out) noexcept;
std::vector<Forgery> all_forgeries();

struct ForgeryRegion {
  std::string what;  // "mrz", "viz.birth_date", "page", ...
  cv::Rect box;
};

struct ForgeryPlan {
  PageTweaks tweaks;
  std::string description;
};

// Before drawing: changes the identity (data-level forgeries) and says how to print.
ForgeryPlan plan_forgery(Forgery f, Identity& id, Random& rng, const Date& today);

// After drawing: image-level forgeries, and the regions the forgery touched.
std::vector<ForgeryRegion> finish_forgery(Forgery f, RenderedPage& page, Random& rng);

}  // namespace docverify::synth
