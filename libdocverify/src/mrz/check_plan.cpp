#include "mrz/check_plan.hpp"

#include "mrz/alphabet.hpp"

namespace docverify::mrz {

CheckPlan plan_checks(const Layout& layout, const MrzLines& lines) noexcept {
  CheckPlan plan;
  for (std::uint8_t i = 0; i < layout.check_count; ++i) {
    const auto& c = layout.checks[i];
    plan.checks[i] = PlannedCheck{c.field, c.digit, c.spans, c.span_count};
  }
  plan.count = layout.check_count;
  if (layout.format != Format::td1 && layout.format != Format::td2) return plan;

  // The optional data zone that holds the continuation: TD1 line 1 16-30, TD2 line 2 29-35.
  Span optional{};
  for (std::uint8_t z = 0; z < layout.zone_count; ++z)
    if (layout.zones[z].kind == ZoneKind::optional_data) optional = layout.zones[z].span;
  PlannedCheck& number = plan.checks[0];
  if (lines.at(number.digit.line, number.digit.start) != kFiller) return plan;
  // A long number fills all nine places: a filler among them means a short number.
  if (lines.span(number.spans[0]).find(kFiller) != std::string_view::npos) return plan;
  const std::string_view opt = lines.span(optional);
  if (opt.empty() || opt[0] == kFiller) return plan;
  const std::size_t k = opt.find(kFiller);
  // The continuation ends with its check digit and a '<' (9303-5 §4.2.2 note j).
  if (k == std::string_view::npos || k < 2) return plan;
  const char digit = opt[k - 1];
  // A letter there may be an OCR look-alike of the digit: the corrector can prove it.
  if (!is_mrz_digit(digit) && !is_mrz_letter(digit)) return plan;

  PlannedCheck candidate = number;
  const Span continuation{optional.line, optional.start, static_cast<std::uint8_t>(k - 1)};
  candidate.spans[1] = continuation;
  candidate.span_count = 2;
  candidate.digit = Span{optional.line, static_cast<std::uint8_t>(optional.start + k - 1), 1};
  if (is_mrz_digit(digit)) {
    // A digit that does not verify the long reading: more likely a short number whose own
    // digit was not printed, followed by optional data that happens to end in a digit.
    int sum = 0, index = 0;
    for (std::uint8_t s = 0; s < candidate.span_count; ++s) {
      for (char c : lines.span(candidate.spans[s])) sum += char_value(c) * weight_at(index++);
    }
    if (sum % 10 != digit - '0') return plan;
  }
  plan.long_number = true;
  plan.number_continuation = continuation;
  number = candidate;
  const std::size_t rest = std::min(opt.size(), k + 1);
  plan.optional_remainder =
      Span{optional.line, static_cast<std::uint8_t>(optional.start + rest), static_cast<std::uint8_t>(opt.size() - rest)};
  return plan;
}

std::string checked_text(const PlannedCheck& check, const MrzLines& lines) {
  std::string text;
  for (std::uint8_t s = 0; s < check.span_count; ++s) text.append(lines.span(check.spans[s]));
  return text;
}

}  // namespace docverify::mrz
