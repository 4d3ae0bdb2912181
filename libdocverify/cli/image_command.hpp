#pragma once
// What the image commands (read, verify) share: the reader's options from the arguments,
// and the walk over the image files with the exit status they agree on.
#include <functional>
#include <string>
#include <vector>

#include "cli_args.hpp"
#include "reader/mrz_image_reader.hpp"

namespace docverify::cli {

// --today and --profile into the reader's options.
reader::ReadOptions read_options(Args& args);

// Calls `one` on each path (it returns 0 or 1); an image that cannot be read is named on
// stderr as "docverify COMMAND: PATH: why", gives exit status 2 and the walk goes on.
int for_each_image(const std::vector<std::string>& paths, const char* command, const std::function<int(const std::string&)>& one);

}  // namespace docverify::cli
