#include "checks/verdict.hpp"

namespace docverify {

std::string_view to_string(Profile p) noexcept {
  switch (p) {
    case Profile::kiosk: return "kiosk";
    case Profile::remote: return "remote";
    case Profile::trainer: return "trainer";
  }
  return "kiosk";
}

bool parse_profile(std::string_view name, Profile& out) noexcept {
  for (Profile p : {Profile::kiosk, Profile::remote, Profile::trainer}) {
    if (name == to_string(p)) {
      out = p;
      return true;
    }
  }
  return false;
}

std::string_view to_string(VerdictStatus v) noexcept {
  switch (v) {
    case VerdictStatus::ok: return "ok";
    case VerdictStatus::suspect: return "suspect";
    case VerdictStatus::error: return "error";
    case VerdictStatus::not_done: break;
  }
  return "not_done";
}

namespace {
std::string reason_of(const CheckRecord& c) {
  std::string r(c.id);
  r += ": ";
  r += c.message.view();
  return r;
}
}  // namespace

bool valid_check_pattern(std::string_view id) noexcept {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool star_ok = c == '*' && i + 1 == id.size() && (i == 0 || id[i - 1] == '.');
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || star_ok)) return false;
  }
  return true;
}

bool CheckRule::matches(std::string_view id) const noexcept {
  if (pattern == "*") return true;
  if (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0)
    return id.substr(0, pattern.size() - 1) == std::string_view(pattern).substr(0, pattern.size() - 1);
  return id == pattern;
}

void VerdictPolicy::apply(std::vector<CheckRecord>& checks) const {
  if (rules.empty()) return;
  for (CheckRecord& c : checks) {
    const CheckRule* weight = nullptr;
    const CheckRule* required = nullptr;
    for (const CheckRule& r : rules) {
      if (!r.matches(c.id)) continue;
      if (r.weight != CheckWeight::unchanged) weight = &r;
      if (r.required >= 0) required = &r;
    }
    if (weight) {
      c.ignored = weight->weight == CheckWeight::ignored;
      if (weight->weight == CheckWeight::advisory) c.critical = false;
      if (weight->weight == CheckWeight::critical) c.critical = true;
    }
    if (required) c.required = required->required != 0;
  }
}

bool parse_check_weight(std::string_view name, CheckRule& rule) noexcept {
  rule.weight = CheckWeight::unchanged;
  rule.required = -1;
  if (name == "ignored") rule.weight = CheckWeight::ignored;
  else if (name == "advisory") rule.weight = CheckWeight::advisory;
  else if (name == "critical") rule.weight = CheckWeight::critical;
  else if (name == "as_reported") rule.weight = CheckWeight::as_reported;
  else if (name == "required") rule.required = 1;
  else if (name == "optional") rule.required = 0;
  else return false;
  return true;
}

Verdict decide_verdict(const std::vector<CheckRecord>& checks, bool specimen, const VerdictPolicy& policy) {
  Verdict v;
  v.specimen = specimen;
  bool critical_error = false;
  int warnings = 0;
  auto counts = [](const CheckRecord& c) { return !c.ignored; };
  auto is_warning = [](const CheckRecord& c) {
    return c.status == CheckStatus::warning || (c.status == CheckStatus::error && !c.critical);
  };
  for (const auto& c : checks) {
    if (!counts(c)) continue;
    if (c.status == CheckStatus::error && c.critical) critical_error = true;
    if (is_warning(c)) ++warnings;
    if (c.status == CheckStatus::not_done && c.required) {
      v.incomplete = true;
      v.not_done.push_back(c.id);
    }
  }
  const bool suspect = policy.warnings_for_suspect > 0 && warnings >= policy.warnings_for_suspect;
  if (critical_error) {
    v.status = VerdictStatus::error;
    for (const auto& c : checks)
      if (counts(c) && c.status == CheckStatus::error && c.critical) v.reasons.push_back(reason_of(c));
  } else if (suspect) {
    v.status = VerdictStatus::suspect;
    for (const auto& c : checks)
      if (counts(c) && is_warning(c)) v.reasons.push_back(reason_of(c));
  } else if (v.incomplete) {
    v.status = VerdictStatus::not_done;
  } else {
    v.status = VerdictStatus::ok;
  }
  // A required check that did not run is always a reason, whatever else decided.
  for (const auto& c : checks)
    if (counts(c) && c.status == CheckStatus::not_done && c.required) v.reasons.push_back(reason_of(c));
  return v;
}

}  // namespace docverify
