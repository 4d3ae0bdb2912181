#pragma once
// The check record every module reports (spec: authenticity §1.1-1.3). A check is
// tri-state plus "not done": zero is NOT_DONE so zeroed memory never reads as a pass.
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace docverify {

enum class CheckStatus : std::uint8_t { not_done = 0, ok = 1, warning = 2, error = 3 };

// Groups, in evaluation order (authenticity §1.4).
enum class CheckGroup : std::uint8_t {
  image_quality = 0,
  doc_type = 1,
  mrz = 2,
  text = 3,
  security = 4,
  liveness = 5,
  expiry = 6,
  portrait = 7,
};

// Pinned reason codes (authenticity §1.3). Values never change once released.
enum class Diagnose : std::uint16_t {
  none = 0,
  // generic
  invalid_input = 1,
  internal_error = 2,
  uncertain = 3,
  required_image_missing = 4,
  resolution_too_low = 5,
  quality_gate_failed = 6,
  doc_type_unknown = 7,
  template_missing = 8,
  not_available = 9,  // the check is not in this version of the library
  // data logic
  checksum_invalid = 100,
  syntax = 101,
  logic = 102,
  field_format = 103,
  source_mismatch = 104,
  crosscheck_aggregate = 105,
  century_ambiguous = 106,
  code_unknown = 107,
  code_deprecated = 108,
  code_role = 109,
  validity_period = 110,
  specimen = 111,
  expired = 112,
  not_in_mrz = 113,
  // MRZ print
  symbol_position = 200,
  background = 201,
  mrz_width = 202,
  mrz_height = 203,
  line_position = 204,
  font = 205,
  pitch = 206,
  baseline = 207,
  skew = 208,
  stroke = 209,
  // text and OCR of the visual zone
  text_position = 150,
  font_inconsistent = 151,
  background_inconsistent = 152,
  // infrared and ultraviolet
  ir_low_contrast = 300,
  ir_visibility = 301,
  uv_dull_fail_mrz = 302,
  uv_dull_fail_photo = 303,
  uv_dull_fail_blank = 304,
  false_luminescence = 305,
  uv_feature_absent = 306,
  white_uv_identical = 307,
  images_not_registered = 308,
  white_ir_identical = 309,
  // recapture
  screen_detected = 400,
  grey_copy_detected = 401,
  colour_copy_suspected = 402,
  not_live = 403,
  // tamper and portrait
  tamper_local = 500,
  copy_move = 501,
  photo_area = 502,
  photo_substitution_suspected = 503,
  // seals and signed barcodes
  signature_invalid = 600,
  signer_unknown = 601,
  chain_invalid = 602,
  signer_expired = 603,
  certificate_usage = 604,
  revoked = 605,
  trust_missing = 606,
  unsigned_barcode = 607,
};

std::string_view to_string(CheckStatus s) noexcept;
std::string_view to_string(CheckGroup g) noexcept;
std::string_view to_string(Diagnose d) noexcept;

// Operator text. OK records mostly carry a literal, so the common path allocates nothing,
// and a record stays two pointers wide for cheap moves.
class CheckMessage {
 public:
  CheckMessage() = default;
  CheckMessage(const char* literal) noexcept : literal_(literal) {}  // NOLINT: implicit by design
  CheckMessage(std::string text) : owned_(std::make_unique<std::string>(std::move(text))) {}  // NOLINT
  CheckMessage(const CheckMessage& o) : literal_(o.literal_), owned_(o.owned_ ? std::make_unique<std::string>(*o.owned_) : nullptr) {}
  CheckMessage& operator=(const CheckMessage& o) {
    if (this != &o) *this = CheckMessage(o);
    return *this;
  }
  CheckMessage(CheckMessage&&) noexcept = default;
  CheckMessage& operator=(CheckMessage&&) noexcept = default;
  ~CheckMessage() = default;
  std::string_view view() const noexcept { return owned_ ? std::string_view(*owned_) : std::string_view(literal_); }
  // Overwrites an owned text before its memory goes back (it may quote personal data).
  void wipe() noexcept;

 private:
  const char* literal_ = "";
  std::unique_ptr<std::string> owned_;
};

// Where a check looked or what it found, in the verified image's pixels (x, y: top left).
struct CheckRegion {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator==(const CheckRegion& o) const noexcept { return x == o.x && y == o.y && width == o.width && height == o.height; }
};

struct CheckRecord {
  std::string_view id;  // stable dotted name, static storage, never renamed once released
  CheckGroup group = CheckGroup::mrz;
  CheckStatus status = CheckStatus::not_done;
  bool critical = false;  // an ERROR here is decisive for the verdict
  bool required = true;   // a NOT_DONE here makes the verdict incomplete
  bool ignored = false;   // the integrator's verdict policy leaves it out of the verdict
  Diagnose diagnose = Diagnose::none;
  CheckMessage message;
  // What was measured and the limit it was held to (NaN when the check measures nothing),
  // in `unit`.
  double measured = std::numeric_limits<double>::quiet_NaN();
  double threshold = std::numeric_limits<double>::quiet_NaN();
  std::string_view unit;
  // Image checks: the evidence's place on the page (a finding's boxes, else the area
  // measured). Empty for text-only reads and checks that did not run.
  std::vector<CheckRegion> regions;
};

}  // namespace docverify
