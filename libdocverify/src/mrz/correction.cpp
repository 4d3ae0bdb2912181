#include "mrz/correction.hpp"

#include <algorithm>
#include <cmath>

#include "mrz/alphabet.hpp"
#include "mrz/fields.hpp"

namespace docverify::mrz {

void PositionAlternatives::add(char c, float cost) noexcept {
  for (std::uint8_t i = 0; i < count; ++i) {
    if (items[i].ch == c) {
      items[i].cost = std::min(items[i].cost, cost);
      return;
    }
  }
  if (count < items.size()) items[count++] = Alternative{c, cost};
}

std::array<std::uint8_t, kMaxChars> position_classes(const Layout& layout, const CheckPlan& plan, const MrzLines& lines) {
  std::array<std::uint8_t, kMaxChars> cls = layout.classes;
  for (std::uint8_t i = 0; i < plan.count; ++i) {
    const Span& d = plan.checks[i].digit;
    cls[lines.index(d.line, d.start)] |= kDigit;  // a long number's digit sits in the optional data
  }
  return cls;
}

bool nothing_to_correct(const SyntaxScan& scan, const CheckDigitResult* digits, std::size_t digit_count) noexcept {
  for (std::size_t c = 0; c < digit_count; ++c)
    if (digits[c].status == CheckDigitStatus::fail) return false;
  // Digits verify, but a position may still hold a character of the wrong class. Names
  // do not count: no check digit could prove a change there.
  return scan.bad_outside_names == 0;
}

namespace {

// OCR-B look-alikes between letters and digits.
struct LookAlike {
  char letter;
  char digit;
};
constexpr LookAlike kLookAlikes[] = {{'O', '0'}, {'D', '0'}, {'Q', '0'}, {'I', '1'}, {'Z', '2'},
                                     {'A', '4'}, {'S', '5'}, {'G', '6'}, {'T', '7'}, {'B', '8'}};

}  // namespace

void add_confusion_alternatives(const MrzLines& lines, const Layout& layout, AlternativeGrid& grid, float cost) {
  const CheckPlan plan = plan_checks(layout, lines);
  const auto cls = position_classes(layout, plan, lines);
  for (int line = 0; line < lines.count(); ++line) {
    for (int col = 0; col < lines.length(); ++col) {
      const std::size_t i = lines.index(line, col);
      const char c = lines.at(line, col);
      // Only where the character read is impossible for its position (a letter in a date):
      // swapping a possible character for a look-alike is a guess one check digit cannot
      // make safe, as every tested guess has a one-in-ten chance to verify by accident.
      if (class_admits(cls[i], c)) continue;
      for (const auto& la : kLookAlikes) {
        if (c == la.letter && (cls[i] & kDigit)) grid[i].add(la.digit, cost);
        if (c == la.digit && (cls[i] & kLetter)) grid[i].add(la.letter, cost);
      }
    }
  }
}

void add_reading_alternatives(const MrzReading& reading, AlternativeGrid& grid) {
  const std::size_t length = reading.lines.empty() ? 0 : reading.lines[0].size();
  for (std::size_t line = 0; line < reading.lines.size(); ++line) {
    for (std::size_t col = 0; col < reading.lines[line].size() && col < length; ++col) {
      const auto& cands = reading.lines[line][col].candidates;
      if (cands.size() < 2) continue;
      const double best = std::max(1e-6, static_cast<double>(cands[0].confidence));
      for (std::size_t k = 1; k < cands.size(); ++k) {
        const double p = static_cast<double>(cands[k].confidence);
        if (!(p > 1e-6) || !is_mrz_char(cands[k].ch)) continue;  // also rejects NaN
        const double cost = std::max(0.0, std::log(best / p));
        grid[line * length + col].add(cands[k].ch, static_cast<float>(std::min(cost, 50.0)));
      }
    }
  }
}

namespace {

struct Sub {
  std::uint8_t index;  // position index in MrzLines
  char to;
};

struct Candidate {
  float cost = 0.0F;
  std::uint8_t n = 0;
  std::uint8_t unforced = 0;  // substitutions of characters their position admits
  std::array<Sub, 6> subs{};
};

struct Group {
  std::vector<std::size_t> positions;
  int check = -1;  // planned check index, -1 for the free positions
};

class Corrector {
 public:
  Corrector(MrzLines& lines, const Layout& layout, const CheckPlan& plan, const AlternativeGrid& grid,
            const CorrectionSettings& s)
      : lines_(lines), plan_(plan), grid_(grid), settings_(s), cls_(position_classes(layout, plan, lines)) {}

  CorrectionOutcome run();

 private:
  bool admits(std::size_t i, char c) const { return class_admits(cls_[i], c); }
  std::size_t index_of(const Span& s, int k = 0) const { return lines_.index(s.line, s.start + k); }
  char at(std::size_t i) const { return lines_.at(static_cast<int>(i / lines_.length()), static_cast<int>(i % lines_.length())); }

  bool verifies(const MrzLines& text, int check) const {
    const PlannedCheck& pc = plan_.checks[static_cast<std::size_t>(check)];
    const char d = text.at(pc.digit.line, pc.digit.start);
    const auto r = planned_residue(pc, text);
    return r && is_mrz_digit(d) && d - '0' == *r;
  }
  bool all_valid(const MrzLines& text, const std::vector<std::size_t>& positions) const {
    for (auto i : positions)
      if (!admits(i, text.at(static_cast<int>(i / text.length()), static_cast<int>(i % text.length())))) return false;
    return true;
  }

  static void apply(MrzLines& text, const Candidate& c) {
    for (std::uint8_t k = 0; k < c.n; ++k) {
      const auto i = c.subs[k].index;
      text.set(static_cast<int>(i / text.length()), static_cast<int>(i % text.length()), c.subs[k].to);
    }
  }

  // Every reading of the group within the substitution budget, class-valid; for a checked
  // group only those whose digit verifies. Sorted by cost.
  std::vector<Candidate> enumerate(const Group& g) const;

  std::vector<Correction> to_corrections(const Candidate& c, CheckedField by) const {
    std::vector<Correction> out;
    for (std::uint8_t k = 0; k < c.n; ++k) {
      const auto i = c.subs[k].index;
      out.push_back(Correction{static_cast<std::uint8_t>(i / lines_.length()), static_cast<std::uint8_t>(i % lines_.length()),
                               at(i), c.subs[k].to, by});
    }
    return out;
  }

  MrzLines& lines_;
  const CheckPlan& plan_;
  const AlternativeGrid& grid_;
  CorrectionSettings settings_;
  std::array<std::uint8_t, kMaxChars> cls_;
};

std::vector<Candidate> Corrector::enumerate(const Group& g) const {
  std::vector<Candidate> out;
  int forced = 0;
  for (auto i : g.positions)
    if (!admits(i, at(i))) ++forced;
  if (forced > settings_.max_substitutions) return out;
  MrzLines scratch = lines_;
  Candidate current;
  // Depth-first over positions: keep the character (when its class allows) or take an alternative.
  auto visit = [&](auto&& self, std::size_t k) -> void {
    if (out.size() > 4096) return;  // bound the work on hopeless input
    if (k == g.positions.size()) {
      if (g.check >= 0 && !verifies(scratch, g.check)) return;
      out.push_back(current);
      return;
    }
    const std::size_t i = g.positions[k];
    const char orig = at(i);
    const int line = static_cast<int>(i / lines_.length());
    const int col = static_cast<int>(i % lines_.length());
    if (admits(i, orig)) self(self, k + 1);
    if (current.n >= settings_.max_substitutions || current.n >= current.subs.size()) return;
    const PositionAlternatives& alts = grid_[i];
    for (std::uint8_t a = 0; a < alts.count; ++a) {
      const char to = alts.items[a].ch;
      if (to == orig || !admits(i, to)) continue;
      scratch.set(line, col, to);
      const bool unforced = admits(i, orig);
      current.subs[current.n++] = Sub{static_cast<std::uint8_t>(i), to};
      current.unforced = static_cast<std::uint8_t>(current.unforced + (unforced ? 1 : 0));
      current.cost += alts.items[a].cost;
      self(self, k + 1);
      current.cost -= alts.items[a].cost;
      current.unforced = static_cast<std::uint8_t>(current.unforced - (unforced ? 1 : 0));
      --current.n;
      scratch.set(line, col, orig);
    }
  };
  visit(visit, 0);
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
  return out;
}

CorrectionOutcome Corrector::run() {
  CorrectionOutcome outcome;
  int composite = -1;
  for (std::uint8_t i = 0; i < plan_.count; ++i)
    if (plan_.checks[i].field == CheckedField::composite) composite = i;

  // Groups: each checked field with its digit; what only the composite covers is "free".
  std::vector<Group> fields;
  std::array<bool, kMaxChars> in_field{};
  for (std::uint8_t c = 0; c < plan_.count; ++c) {
    if (static_cast<int>(c) == composite) continue;
    const PlannedCheck& pc = plan_.checks[c];
    if (at(index_of(pc.digit)) == kFiller) continue;  // no digit printed: only the composite can prove
    Group g;
    g.check = c;
    for (std::uint8_t s = 0; s < pc.span_count; ++s)
      for (int k = 0; k < pc.spans[s].length; ++k) g.positions.push_back(index_of(pc.spans[s], k));
    g.positions.push_back(index_of(pc.digit));
    for (auto i : g.positions) in_field[i] = true;
    fields.push_back(std::move(g));
  }
  Group free_group;
  Group digit_group;
  if (composite >= 0) {
    const PlannedCheck& pc = plan_.checks[static_cast<std::size_t>(composite)];
    for (std::uint8_t s = 0; s < pc.span_count; ++s)
      for (int k = 0; k < pc.spans[s].length; ++k) {
        const auto i = index_of(pc.spans[s], k);
        if (!in_field[i]) free_group.positions.push_back(i);
      }
    digit_group.positions.push_back(index_of(pc.digit));
  }

  // Fast path: nothing to prove.
  bool all_ok = true;
  for (const auto& g : fields) all_ok = all_ok && all_valid(lines_, g.positions) && verifies(lines_, g.check);
  if (composite >= 0)
    all_ok = all_ok && all_valid(lines_, free_group.positions) && verifies(lines_, composite);
  if (all_ok) return outcome;

  const float margin = static_cast<float>(settings_.margin);
  struct FieldChoice {
    std::vector<Candidate> options;  // the one proven reading, or the tied readings
    bool resolved = false;           // proven by the field's own digit
    bool ambiguous = false;
  };
  std::vector<FieldChoice> choices(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    std::vector<Candidate> all = enumerate(fields[f]);
    FieldChoice& ch = choices[f];
    if (all.empty()) {
      ch.options.push_back(Candidate{});  // unprovable: stays as read
    } else if (all[0].n == 0 || all.size() == 1 || all[1].cost - all[0].cost >= margin) {
      // The reading as given verifies, or one correction is clearly the most likely.
      ch.options.push_back(all[0]);
      ch.resolved = true;
    } else {
      for (const auto& c : all)
        if (c.cost - all[0].cost < margin && ch.options.size() < 16) ch.options.push_back(c);
      ch.ambiguous = true;
    }
  }

  auto field_of = [&](std::size_t f) { return plan_.checks[static_cast<std::size_t>(fields[f].check)].field; };
  // Field digits alone prove a substitution of an impossible character. Replacing a
  // possible one (a recogniser's runner-up) also needs the composite, when there is one.
  auto apply_resolved = [&](bool composite_confirmed) {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (!choices[f].resolved || choices[f].options[0].n == 0) continue;
      if (composite >= 0 && !composite_confirmed && choices[f].options[0].unforced > 0) continue;
      auto fixes = to_corrections(choices[f].options[0], field_of(f));
      apply(lines_, choices[f].options[0]);
      outcome.applied.insert(outcome.applied.end(), fixes.begin(), fixes.end());
    }
  };
  auto report_field_ambiguities = [&]() {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (!choices[f].ambiguous) continue;
      Ambiguity a;
      a.check = field_of(f);
      for (const auto& c : choices[f].options) a.readings.push_back(to_corrections(c, a.check));
      outcome.ambiguities.push_back(std::move(a));
    }
  };

  if (composite < 0) {
    apply_resolved(false);
    report_field_ambiguities();
    return outcome;
  }

  // The composite decides among tied field readings and proves what only it covers.
  const std::vector<Candidate> free_options = enumerate(free_group);
  const std::vector<Candidate> digit_options = enumerate(digit_group);
  struct Solution {
    float cost = 0.0F;
    std::vector<std::size_t> pick;  // per field, then free, then digit
  };
  std::vector<Solution> best;  // the two cheapest, cheapest first
  std::vector<std::size_t> pick(fields.size() + 2, 0);
  MrzLines scratch = lines_;
  auto consider = [&](float cost) {
    if (best.size() == 2 && cost >= best[1].cost) return;
    if (!verifies(scratch, composite)) return;
    best.push_back(Solution{cost, pick});
    std::stable_sort(best.begin(), best.end(), [](const Solution& a, const Solution& b) { return a.cost < b.cost; });
    if (best.size() > 2) best.pop_back();
  };
  auto restore = [&](const Candidate& c) {
    for (std::uint8_t k = 0; k < c.n; ++k) {
      const auto i = c.subs[k].index;
      scratch.set(static_cast<int>(i / scratch.length()), static_cast<int>(i % scratch.length()), at(i));
    }
  };
  auto search = [&](auto&& self, std::size_t level, float cost) -> void {
    if (best.size() == 2 && cost >= best[1].cost) return;
    const std::size_t n_fields = fields.size();
    const std::vector<Candidate>* options = nullptr;
    if (level < n_fields) options = &choices[level].options;
    else if (level == n_fields) options = &free_options;
    else if (level == n_fields + 1) options = &digit_options;
    else {
      consider(cost);
      return;
    }
    for (std::size_t k = 0; k < options->size(); ++k) {
      const Candidate& c = (*options)[k];
      pick[level] = k;
      apply(scratch, c);
      self(self, level + 1, cost + c.cost);
      restore(c);
    }
  };
  // A composite "proof" means nothing while some field's own digit still fails.
  bool every_field_verifies = true;
  for (const auto& ch : choices) every_field_verifies = every_field_verifies && (ch.resolved || ch.ambiguous);
  if (every_field_verifies && !free_options.empty() && !digit_options.empty()) search(search, 0, 0.0F);

  if (best.empty()) {
    apply_resolved(false);
    report_field_ambiguities();
    return outcome;
  }
  const bool tie = best.size() == 2 && best[1].cost - best[0].cost < margin;
  auto corrections_of = [&](const Solution& s) {
    std::vector<Correction> out;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const Candidate& c = choices[f].options[s.pick[f]];
      auto fixes = to_corrections(c, choices[f].resolved ? field_of(f) : CheckedField::composite);
      out.insert(out.end(), fixes.begin(), fixes.end());
    }
    for (const Candidate* c : {&free_options[s.pick[fields.size()]], &digit_options[s.pick[fields.size() + 1]]}) {
      auto fixes = to_corrections(*c, CheckedField::composite);
      out.insert(out.end(), fixes.begin(), fixes.end());
    }
    return out;
  };
  if (tie) {
    Ambiguity a;  // described before anything is applied, so "from" is as read
    a.check = CheckedField::composite;
    a.readings.push_back(corrections_of(best[0]));
    a.readings.push_back(corrections_of(best[1]));
    outcome.ambiguities.push_back(std::move(a));
    report_field_ambiguities();
    apply_resolved(false);
    return outcome;
  }
  outcome.applied = corrections_of(best[0]);
  for (std::size_t f = 0; f < fields.size(); ++f) apply(lines_, choices[f].options[best[0].pick[f]]);
  apply(lines_, free_options[best[0].pick[fields.size()]]);
  apply(lines_, digit_options[best[0].pick[fields.size() + 1]]);
  return outcome;
}

}  // namespace

CorrectionOutcome correct_mrz(MrzLines& lines, const Layout& layout, const CheckPlan& plan, const AlternativeGrid& grid,
                              const CorrectionSettings& settings) {
  Corrector c(lines, layout, plan, grid, settings);
  return c.run();
}

}  // namespace docverify::mrz
