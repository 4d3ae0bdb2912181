#include "image_command.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "errors/input_error.hpp"

namespace docverify::cli {

reader::ReadOptions read_options(Args& args) {
  reader::ReadOptions options;
  options.mrz.today = reference_date(args);
  if (auto p = args.option("--profile")) {
    if (!parse_profile(*p, options.mrz.profile)) throw std::invalid_argument("unknown profile '" + *p + "'");
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
