// libFuzzer target: arbitrary bytes as a VDS-NC payload. Checks, beyond "no crash":
//  - whatever parse_json accepts, canonical_json can serialise (it must not throw), and the
//    canonical form is a fixed point: canonical(parse(canonical(x))) == canonical(x);
//  - parse_vds_nc either throws MalformedSeal or returns a seal whose signed_bytes are the
//    canonical form of a parsable "data" object.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "seal/jcs.hpp"
#include "seal/json.hpp"
#include "seal/seal_error.hpp"
#include "seal/vds_nc.hpp"

namespace {

using docverify::seal::JsonLimits;
using docverify::seal::JsonValue;
using docverify::seal::MalformedSeal;

// The canonical text may be longer than the input (9e20 becomes 21 digits), so the second
// parse gets room for it; depth and value count do not change.
JsonValue reparse(const std::string& canonical) {
  JsonLimits limits;
  if (canonical.size() > limits.max_bytes) limits.max_bytes = canonical.size();
  return docverify::seal::parse_json(canonical, limits);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)docverify::seal::looks_like_vds_nc(data, size);

  bool parsed = false;
  JsonValue value;
  try {
    value = docverify::seal::parse_json(text);
    parsed = true;
  } catch (const MalformedSeal&) {
  }
  if (parsed) {
    const std::string once = docverify::seal::canonical_json(value);  // an exception here is a bug
    const std::string twice = docverify::seal::canonical_json(reparse(once));
    if (once != twice) std::abort();
    (void)docverify::seal::flatten_message(value, 64);
  }

  try {
    const auto seal = docverify::seal::parse_vds_nc(data, size);
    const JsonValue signed_data = reparse(seal.signed_bytes);
    if (!signed_data.is_object() || docverify::seal::canonical_json(signed_data) != seal.signed_bytes) std::abort();
    (void)docverify::seal::flatten_message(seal.message);
  } catch (const MalformedSeal&) {
  }
  return 0;
}
