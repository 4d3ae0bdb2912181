#include "cli_args.hpp"

#include <stdexcept>

namespace docverify::cli {

Args::Args(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) items_.emplace_back(argv[i]);
  used_.assign(items_.size(), false);
}

bool Args::flag(std::string_view name) {
  bool found = false;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (!used_[i] && items_[i] == name) used_[i] = found = true;
  }
  return found;
}

std::vector<std::string> Args::options(std::string_view name) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (used_[i]) continue;
    const std::string& it = items_[i];
    if (it == name) {
      if (i + 1 >= items_.size()) throw std::invalid_argument(std::string(name) + " needs a value");
      used_[i] = used_[i + 1] = true;
      values.push_back(items_[++i]);
    } else if (it.size() > name.size() && it.compare(0, name.size(), name) == 0 && it[name.size()] == '=') {
      used_[i] = true;
      values.push_back(it.substr(name.size() + 1));
    }
  }
  return values;
}

std::optional<std::string> Args::option(std::string_view name) {
  std::vector<std::string> values = options(name);
  if (values.empty()) return std::nullopt;
  return std::move(values.back());  // the last one given wins
}

std::vector<std::string> Args::positionals() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (used_[i]) continue;
    if (items_[i].size() > 1 && items_[i][0] == '-' && items_[i][1] == '-')
      throw std::invalid_argument("unknown option " + items_[i]);
    out.push_back(items_[i]);
  }
  return out;
}

Date reference_date(Args& args) {
  if (auto today = args.option("--today")) {
    auto d = parse_iso_date(*today);
    if (!d) throw std::invalid_argument("--today needs a date YYYY-MM-DD, got '" + *today + "'");
    return *d;
  }
  return today_utc();
}

}  // namespace docverify::cli
