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

// 1. ERROR if a critical check is ERROR; 2. else SUSPECT if any WARNING or non-critical
// ERROR; 3. else NOT_DONE if a required check is NOT_DONE; 4. else OK. Never counts
// NOT_DONE as a pass.
Verdict decide_verdict(const std::vector<CheckRecord>& checks, bool specimen);

}  // namespace docverify
