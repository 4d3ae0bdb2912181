#pragma once
// What the seal-aware commands (seal, verify) share: the trust store from --trust paths.
#include <memory>

#include "cli_args.hpp"
#include "crypto/trust_store.hpp"

namespace docverify::cli {

// Every --trust PATH (file or folder) into one store; load warnings go to stderr. No
// --trust: nullptr (signatures are then not_done).
std::shared_ptr<const crypto::TrustStore> trust_store_of(Args& args, const char* command);

}  // namespace docverify::cli
