#pragma once
// Minimal argument scanning shared by the subcommands: "--name value", "--name=value", flags.
#include <optional>

#include "calendar/date.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace docverify::cli {

class Args {
 public:
  Args(int argc, char** argv, int first);
  // Consumes "--name" (true if present).
  bool flag(std::string_view name);
  // Consumes "--name value" or "--name=value". Throws std::invalid_argument if the value is missing.
  std::optional<std::string> option(std::string_view name);
  // Every value of a repeatable option, in order.
  std::vector<std::string> options(std::string_view name);
  // What is left; throws std::invalid_argument on an unknown "--option".
  std::vector<std::string> positionals() const;

 private:
  std::vector<std::string> items_;
  std::vector<bool> used_;
};

// --today D, or today (UTC) when it is not given.
Date reference_date(Args& args);

}  // namespace docverify::cli
