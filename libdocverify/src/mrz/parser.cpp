#include "mrz/parser.hpp"

#include <memory>

#include "mrz/alphabet.hpp"
#include "mrz/check_plan.hpp"
#include "mrz/correction.hpp"
#include "mrz/fields.hpp"
#include "mrz/validation.hpp"

namespace docverify::mrz {
namespace {

MrzResult analyse(const SplitMrz& split, const MrzReading* reading, const MrzOptions& options) {
  MrzResult r;
  r.format = split.format;
  r.lines = split.lines;
  r.lines_read = split.lines;
  const Layout& layout = layout_of(r.format);
  CheckPlan plan = plan_checks(layout, r.lines);

  r.check_digit_count = plan.count;
  // One scan of the characters, then every check digit from its values.
  auto evaluate = [&] {
    r.syntax = scan_syntax(r.lines, layout, plan);
    for (std::uint8_t i = 0; i < plan.count; ++i)
      r.check_digits[i] = evaluate_check_digit(plan.checks[i], r.lines, r.syntax);
  };
  evaluate();
  if (options.correct && !nothing_to_correct(r.syntax, r.check_digits.data(), plan.count)) {
    // The grid is large; it lives on the heap only when a correction is attempted.
    auto grid = std::make_unique<AlternativeGrid>();
    if (reading) add_reading_alternatives(*reading, *grid);
    // Without confidences the look-alikes cost 1; behind a recogniser's own candidates more.
    add_confusion_alternatives(r.lines, layout, *grid, reading ? 2.5F : 1.0F);
    CorrectionOutcome outcome = correct_mrz(r.lines, layout, plan, *grid,
                                            CorrectionSettings{options.max_substitutions, options.ambiguity_margin});
    r.corrections = std::move(outcome.applied);
    r.ambiguities = std::move(outcome.ambiguities);
    if (!r.corrections.empty()) evaluate();
    for (std::uint8_t i = 0; i < plan.count; ++i)
      for (const auto& c : r.corrections)
        if (c.proven_by == plan.checks[i].field) r.check_digits[i].corrected = true;
  }
  r.fields = extract_fields(r.lines, layout, plan, options.today, r.name_syntax);
  r.long_document_number = plan.long_number;
  r.uncovered_fields = uncovered_fields(layout);
  validate_mrz(r, plan, options);
  bool specimen = false;
  for (const auto& c : r.checks)
    if (c.diagnose == Diagnose::specimen) specimen = true;
  options.policy.apply(r.checks);
  r.verdict = decide_verdict(r.checks, specimen, options.policy);
  return r;
}

// "IDFRA" on 2 x 36 names the old French card, but a TD2 ID document of France starts the
// same way. The check digits tell them apart: take TD2 when more of its digits verify.
int verifying_digits(const MrzLines& lines, Format f) {
  const Layout& layout = layout_of(f);
  const CheckPlan plan = plan_checks(layout, lines);
  int ok = 0;
  for (std::uint8_t i = 0; i < plan.count; ++i) {
    const auto r = planned_residue(plan.checks[i], lines);
    const char d = lines.at(plan.checks[i].digit.line, plan.checks[i].digit.start);
    if (r && d == static_cast<char>('0' + *r)) ++ok;
  }
  return ok;
}

SplitMrz settle_format(SplitMrz split) {
  if (split.format == Format::fra_id && verifying_digits(split.lines, Format::td2) > verifying_digits(split.lines, Format::fra_id))
    split.format = Format::td2;
  return split;
}

}  // namespace

MrzResult parse_mrz(std::string_view text, const MrzOptions& options) {
  return analyse(settle_format(split_mrz_text(text)), nullptr, options);
}

MrzResult parse_mrz_reading(const MrzReading& reading, const MrzOptions& options) {
  std::string text;
  for (const auto& line : reading.lines) {
    for (const auto& ch : line) {
      if (ch.candidates.empty()) throw MrzInputError(0, 0, "a character of the reading has no candidate");
      text += ch.candidates[0].ch;
    }
    text += '\n';
  }
  const SplitMrz split = settle_format(split_mrz_text(text));
  // Trimming must not have shifted positions, or the alternatives would not line up.
  if (split.lines.count() != static_cast<int>(reading.lines.size()) ||
      split.lines.length() != static_cast<int>(reading.lines[0].size())) {
    throw MrzInputError(0, 0, "the reading has blank characters at the start or end of a line");
  }
  return analyse(split, &reading, options);
}

}  // namespace docverify::mrz
