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
  if (count < items.size()) {
    items[count++] = Alternative{c, cost};
    return;
  }
  // Full: keep the cheapest; a likely alternative must not be lost behind unlikely ones.
  std::uint8_t worst = 0;
  for (std::uint8_t i = 1; i < count; ++i)
    if (items[i].cost > items[worst].cost) worst = i;
  if (cost < items[worst].cost) items[worst] = Alternative{c, cost};
}

std::array<std::uint8_t, kMaxChars> position_classes(const Layout& layout, const CheckPlan& plan, const MrzLines& lines) {
  std::array<std::uint8_t, kMaxChars> cls = layout.classes;
  if (plan.long_number) {
    const Span& d = plan.checks[0].digit;  // a long number's digit sits in the optional data
    cls[lines.index(d.line, d.start)] = kDigit;
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

struct Enumeration {
  std::vector<Candidate> readings;
  bool truncated = false;  // more readings than the cap: nothing may be proven from it
};

// Bounds on the work a hopeless or adversarial reading can cause.
constexpr std::size_t kMaxReadingsPerGroup = 20000;
constexpr std::size_t kMaxSearchNodes = 400000;

// Two readings tie when the second is not clearly less likely; equal costs always tie.
inline bool ties(float best, float second, float margin) {
  return second - best < margin || second - best <= 1e-6F;
}

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
  Enumeration enumerate(const Group& g) const;

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

Enumeration Corrector::enumerate(const Group& g) const {
  Enumeration out;
  int forced = 0;
  for (auto i : g.positions)
    if (!admits(i, at(i))) ++forced;
  if (forced > settings_.max_substitutions) return out;
  MrzLines scratch = lines_;
  Candidate current;
  std::size_t leaves = 0;
  // Depth-first over positions: keep the character (when its class allows) or take an
  // alternative. Every reading is visited; past the cap the list is marked incomplete, and
  // an incomplete list never proves anything.
  auto visit = [&](auto&& self, std::size_t k) -> void {
    if (out.truncated) return;
    if (k == g.positions.size()) {
      if (++leaves > kMaxReadingsPerGroup) {
        out.truncated = true;
        return;
      }
      if (g.check >= 0 && !verifies(scratch, g.check)) return;
      out.readings.push_back(current);
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
      const bool unforced = admits(i, orig);
      scratch.set(line, col, to);
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
  std::stable_sort(out.readings.begin(), out.readings.end(),
                   [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
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
    std::vector<Candidate> options;  // every reading its digit verifies, cheapest first
    bool resolved = false;           // one reading is clearly the most likely
    bool truncated = false;
  };
  std::vector<FieldChoice> choices(fields.size());
  bool every_field_verifies = true;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    Enumeration e = enumerate(fields[f]);
    FieldChoice& ch = choices[f];
    ch.truncated = e.truncated;
    ch.options = std::move(e.readings);
    if (ch.options.empty()) {
      every_field_verifies = false;
      ch.options.push_back(Candidate{});  // unprovable: stays as read
      continue;
    }
    ch.resolved = !ch.truncated && (ch.options[0].n == 0 || ch.options.size() == 1 ||
                                    !ties(ch.options[0].cost, ch.options[1].cost, margin));
  }

  auto field_of = [&](std::size_t f) { return plan_.checks[static_cast<std::size_t>(fields[f].check)].field; };
  // Field digits alone prove a substitution of an impossible character. Replacing a
  // possible one (a recogniser's runner-up) also needs the composite, when there is one.
  auto apply_resolved = [&]() {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const FieldChoice& ch = choices[f];
      if (!ch.resolved || ch.options[0].n == 0) continue;
      if (composite >= 0 && ch.options[0].unforced > 0) continue;
      auto fixes = to_corrections(ch.options[0], field_of(f));
      apply(lines_, ch.options[0]);
      outcome.applied.insert(outcome.applied.end(), fixes.begin(), fixes.end());
    }
  };
  auto report_field_ambiguities = [&]() {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const FieldChoice& ch = choices[f];
      if (ch.resolved || (ch.options.size() < 2 && !ch.truncated)) continue;
      Ambiguity a;
      a.check = field_of(f);
      for (const auto& c : ch.options) {
        if (a.readings.size() >= 8) break;
        a.readings.push_back(to_corrections(c, a.check));
      }
      outcome.ambiguities.push_back(std::move(a));
    }
  };

  if (composite < 0) {
    apply_resolved();
    report_field_ambiguities();
    return outcome;
  }
  if (!every_field_verifies) {
    // A composite "proof" means nothing while some field's own digit still fails.
    apply_resolved();
    report_field_ambiguities();
    return outcome;
  }

  // The composite decides among the fields' verifying readings and proves what only it
  // covers. The search finds the two cheapest complete readings that verify everything.
  const Enumeration free_options = enumerate(free_group);
  const Enumeration digit_options = enumerate(digit_group);
  struct Solution {
    float cost = 0.0F;
    std::vector<std::size_t> pick;  // per field, then free, then digit
  };
  std::vector<Solution> best;  // the two cheapest, cheapest first
  std::vector<std::size_t> pick(fields.size() + 2, 0);
  MrzLines scratch = lines_;
  std::size_t nodes = 0;
  bool budget_hit = false;
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
    if (budget_hit) return;
    if (++nodes > kMaxSearchNodes) {
      budget_hit = true;
      return;
    }
    if (best.size() == 2 && cost >= best[1].cost) return;  // lists are cheapest first
    const std::size_t n_fields = fields.size();
    const std::vector<Candidate>* options = nullptr;
    if (level < n_fields) options = &choices[level].options;
    else if (level == n_fields) options = &free_options.readings;
    else if (level == n_fields + 1) options = &digit_options.readings;
    else {
      consider(cost);
      return;
    }
    for (std::size_t k = 0; k < options->size(); ++k) {
      const Candidate& c = (*options)[k];
      if (best.size() == 2 && cost + c.cost >= best[1].cost) break;
      pick[level] = k;
      apply(scratch, c);
      self(self, level + 1, cost + c.cost);
      restore(c);
    }
  };
  search(search, 0, 0.0F);

  bool complete = !budget_hit && !free_options.truncated && !digit_options.truncated;
  for (const auto& ch : choices) complete = complete && !ch.truncated;
  auto corrections_of = [&](const Solution& sol) {
    std::vector<Correction> out;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      auto fixes = to_corrections(choices[f].options[sol.pick[f]], field_of(f));
      out.insert(out.end(), fixes.begin(), fixes.end());
    }
    for (const Candidate* c : {&free_options.readings[sol.pick[fields.size()]],
                               &digit_options.readings[sol.pick[fields.size() + 1]]}) {
      auto fixes = to_corrections(*c, CheckedField::composite);
      out.insert(out.end(), fixes.begin(), fixes.end());
    }
    return out;
  };
  if (best.empty()) {
    apply_resolved();
    report_field_ambiguities();
    return outcome;
  }
  const bool tie = best.size() == 2 && ties(best[0].cost, best[1].cost, margin);
  if (tie || !complete) {
    // Not proven: either two readings verify about equally well, or the search could not
    // look at every reading. Described before anything is applied, so "from" is as read.
    Ambiguity a;
    a.check = CheckedField::composite;
    a.readings.push_back(corrections_of(best[0]));
    if (best.size() == 2) a.readings.push_back(corrections_of(best[1]));
    outcome.ambiguities.push_back(std::move(a));
    apply_resolved();
    return outcome;
  }
  outcome.applied = corrections_of(best[0]);
  for (std::size_t f = 0; f < fields.size(); ++f) apply(lines_, choices[f].options[best[0].pick[f]]);
  apply(lines_, free_options.readings[best[0].pick[fields.size()]]);
  apply(lines_, digit_options.readings[best[0].pick[fields.size() + 1]]);
  return outcome;
}

}  // namespace

CorrectionOutcome correct_mrz(MrzLines& lines, const Layout& layout, const CheckPlan& plan, const AlternativeGrid& grid,
                              const CorrectionSettings& settings) {
  Corrector c(lines, layout, plan, grid, settings);
  return c.run();
}

}  // namespace docverify::mrz
