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
  const std::string_view opt = lines.span(optional);
  if (opt.empty() || opt[0] == kFiller) return plan;
  std::size_t k = opt.find(kFiller);
  if (k == std::string_view::npos) k = opt.size();
  if (k < 2 || !is_mrz_digit(opt[k - 1])) return plan;  // the digit must close the continuation

  plan.long_number = true;
  plan.number_continuation = Span{optional.line, optional.start, static_cast<std::uint8_t>(k - 1)};
  number.spans[1] = plan.number_continuation;
  number.span_count = 2;
  number.digit = Span{optional.line, static_cast<std::uint8_t>(optional.start + k - 1), 1};
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
