#pragma once
// A small streaming JSON writer: correct escaping, no DOM, commas handled by nesting.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docverify::report {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(double d);  // NaN and infinities become null
  JsonWriter& null();

  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

 private:
  void separate();
  std::string& out_;
  std::vector<bool> first_{};  // per open container: nothing written yet
  bool after_key_ = false;
};

// Appends `s` as a JSON string literal (quotes included). Invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view s);

}  // namespace docverify::report
