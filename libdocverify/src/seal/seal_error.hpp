#pragma once
// A barcode payload (VDS, VDS-NC, AAMVA) that does not follow its format. Parsers throw
// it with a message that says where; the seal verifier turns it into a MALFORMED result,
// so a bad seal is a failed check, never a failed call.
#include "errors/input_error.hpp"

namespace docverify::seal {

class MalformedSeal : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace docverify::seal
