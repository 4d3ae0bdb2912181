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

Verdict decide_verdict(const std::vector<CheckRecord>& checks, bool specimen) {
  Verdict v;
  v.specimen = specimen;
  bool critical_error = false;
  bool suspect = false;
  for (const auto& c : checks) {
    if (c.status == CheckStatus::error && c.critical) critical_error = true;
    if (c.status == CheckStatus::warning || (c.status == CheckStatus::error && !c.critical)) suspect = true;
    if (c.status == CheckStatus::not_done && c.required) {
      v.incomplete = true;
      v.not_done.push_back(c.id);
    }
  }
  if (critical_error) {
    v.status = VerdictStatus::error;
    for (const auto& c : checks)
      if (c.status == CheckStatus::error && c.critical) v.reasons.push_back(reason_of(c));
  } else if (suspect) {
    v.status = VerdictStatus::suspect;
    for (const auto& c : checks)
      if (c.status == CheckStatus::warning || c.status == CheckStatus::error) v.reasons.push_back(reason_of(c));
  } else if (v.incomplete) {
    v.status = VerdictStatus::not_done;
  } else {
    v.status = VerdictStatus::ok;
  }
  // A required check that did not run is always a reason, whatever else decided.
  for (const auto& c : checks)
    if (c.status == CheckStatus::not_done && c.required) v.reasons.push_back(reason_of(c));
  return v;
}

}  // namespace docverify
