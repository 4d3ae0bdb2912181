#pragma once
// Exceptions that mean "the caller's input is wrong", as opposed to a bug. The C API maps
// exactly these to caller-error status codes; any other exception is an internal error.
#include <stdexcept>
#include <string>
#include <string_view>

namespace docverify {

// A value the caller gave cannot be used (DV_E_INVALID_ARG).
class InputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Text that must be UTF-8 is not (DV_E_UTF8).
class Utf8Error : public InputError {
 public:
  using InputError::InputError;
};

// An image that cannot be decoded or is over the limits (DV_E_IMAGE).
class ImageError : public InputError {
 public:
  using InputError::InputError;
};

// A file the library needs or writes cannot be used: a missing font, an unwritable
// directory (DV_E_IO).
class ResourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Caller values quoted in messages are cut, so an error text never carries a whole
// document's worth of personal data, nor megabytes of it.
inline std::string quote_input(std::string_view value, std::size_t max = 40) {
  std::string q = "'";
  q.append(value.substr(0, max));
  if (value.size() > max) q += "...";
  q += "'";
  return q;
}

}  // namespace docverify
