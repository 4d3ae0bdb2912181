#include "image_command.hpp"

#include <algorithm>
#include <cstdio>
#include <charconv>
#include <stdexcept>

#include "errors/input_error.hpp"

namespace docverify::cli {

reader::ReadOptions read_options(Args& args) {
  reader::ReadOptions options;
  options.mrz.today = reference_date(args);
  if (auto p = args.option("--profile")) {
    if (!parse_profile(*p, options.mrz.profile)) throw std::invalid_argument("unknown profile '" + *p + "'");
  }
  if (auto n = args.option("--min-warnings")) {
    int value = -1;
    const auto [end, error] = std::from_chars(n->data(), n->data() + n->size(), value);
    if (n->empty() || error != std::errc() || end != n->data() + n->size() || value < 0 || value > 100)
      throw std::invalid_argument("--min-warnings takes 0 to 100");
    options.mrz.policy.warnings_for_suspect = value;
  }
  // --check ID=WEIGHT: ID a check id, "family.*" or "*"; WEIGHT ignored, advisory,
  // critical, as_reported, required or optional.
  for (const std::string& rule : args.options("--check")) {
    const std::size_t eq = rule.find('=');
    if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--check takes ID=WEIGHT, e.g. security.tamper.*=advisory");
    CheckRule r;
    r.pattern = rule.substr(0, eq);
    if (!valid_check_pattern(r.pattern)) throw std::invalid_argument("--check " + rule + ": not a check id, 'family.*' or '*'");
    if (!parse_check_weight(std::string_view(rule).substr(eq + 1), r))
      throw std::invalid_argument("--check " + rule + ": WEIGHT is ignored, advisory, critical, as_reported, required or optional");
    if (options.mrz.policy.rules.size() >= VerdictPolicy::kMaxRules) throw std::invalid_argument("at most 64 --check rules");
    options.mrz.policy.rules.push_back(std::move(r));
  }
  return options;
}

int for_each_image(const std::vector<std::string>& paths, const char* command, const std::function<int(const std::string&)>& one) {
  if (paths.empty()) throw std::invalid_argument(std::string("no image given (see docverify ") + command + " --help)");
  int status = 0;
  for (const auto& path : paths) {
    try {
      status = std::max(status, one(path));
    } catch (const InputError& e) {
      std::fprintf(stderr, "docverify %s: %s: %s\n", command, path.c_str(), e.what());
      status = 2;
    } catch (const ResourceError& e) {
      std::fprintf(stderr, "docverify %s: %s\n", command, e.what());
      status = 2;
    }
  }
  return status;
}

}  // namespace docverify::cli
