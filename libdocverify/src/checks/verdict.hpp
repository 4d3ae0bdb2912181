#pragma once
// The overall verdict from check records (spec: authenticity §1.5), per policy profile.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.hpp"

namespace docverify {

// kiosk: expired and specimen documents are critical errors (border control).
// remote: as kiosk for now; image checks (later) differ in what is required.
// trainer: specimens give a WARNING so forgery-training material can be examined.
enum class Profile : std::uint8_t { kiosk = 0, remote = 1, trainer = 2 };
std::string_view to_string(Profile p) noexcept;
bool parse_profile(std::string_view name, Profile& out) noexcept;

enum class VerdictStatus : std::uint8_t { not_done = 0, ok = 1, suspect = 2, error = 3 };
std::string_view to_string(VerdictStatus v) noexcept;

struct Verdict {
  VerdictStatus status = VerdictStatus::not_done;
  std::vector<std::string> reasons;        // "id: message" of the records that decided
  std::vector<std::string_view> not_done;  // ids of required checks that could not run
  bool incomplete = false;                 // some required check is NOT_DONE
  bool specimen = false;
};

// How a check weighs in the verdict when an integrator overrides the library's defaults
// (C API: dv_context_set_check_policy): ignored checks are reported but decide nothing;
// advisory ones are never critical (an ERROR counts as a warning); critical ones decide;
// as_reported restores the library's own weight; unchanged keeps what earlier rules said
// (a rule that only sets `required`).
enum class CheckWeight : std::uint8_t { as_reported = 0, ignored = 1, advisory = 2, critical = 3, unchanged = 4 };

struct CheckRule {
  std::string pattern;  // a check id, "prefix.*" for a family, or "*" for every check
  CheckWeight weight = CheckWeight::as_reported;
  int required = -1;    // 1: its NOT_DONE makes the verdict incomplete, 0: never, -1: as reported
  bool matches(std::string_view id) const noexcept;
};

// Check ids are lower-case dotted names of at most 64 characters; a pattern may end in
// ".*" or be "*".
bool valid_check_pattern(std::string_view pattern) noexcept;

struct VerdictPolicy {
  // Warnings (and non-critical errors) it takes to make the verdict SUSPECT; 0: they never
  // do (a verdict without a critical error is then OK, or NOT_DONE, whatever they say).
  int warnings_for_suspect = 1;
  std::vector<CheckRule> rules;  // for each check, the last matching rule wins
  static constexpr std::size_t kMaxRules = 64;
  // Sets each record's critical, required and ignored flags as its last matching rules say
  // (one winning rule per flag: applying twice changes nothing), so reports show the flags
  // the verdict used.
  void apply(std::vector<CheckRecord>& checks) const;
};

// The weight and requirement names the faces accept ("ignored", "advisory", "critical",
// "as_reported", "required", "optional"): false for another name.
bool parse_check_weight(std::string_view name, CheckRule& rule) noexcept;

// 1. ERROR if a critical check is ERROR; 2. else SUSPECT if `warnings_for_suspect` checks
// (at least one) are WARNING or non-critical ERROR; 3. else NOT_DONE if a required check is
// NOT_DONE; 4. else OK. Never counts NOT_DONE as a pass. Ignored records decide
// nothing. The caller applies the policy's flags first (VerdictPolicy::apply).
Verdict decide_verdict(const std::vector<CheckRecord>& checks, bool specimen, const VerdictPolicy& policy = {});

}  // namespace docverify
