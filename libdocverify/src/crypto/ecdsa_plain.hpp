#pragma once
// ECDSA signatures in the BSI TR-03111 "plain" format (r || s, each a fixed-width big-endian
// integer), as carried by Visible Digital Seals and VDS-NC barcodes. A failed signature is a
// result, never an exception: the function throws only std::bad_alloc.
#include <cstddef>
#include <cstdint>
#include <string>

#include <openssl/evp.h>

namespace docverify::crypto {

enum class SignatureStatus : std::uint8_t {
  valid,            // the signature verifies
  invalid,          // well formed, but does not verify over these bytes with this key
  bad_length,       // r || s is not exactly twice the width the key's curve calls for
  out_of_range,     // r or s is 0 or not below the group order n
  unsupported_key,  // no key, not an EC key, or OpenSSL cannot use its curve
  unsupported_hash  // hash_name names no digest OpenSSL knows
};

const char* signature_status_name(SignatureStatus status) noexcept;  // "valid", "invalid", ...

struct SignatureCheck {
  SignatureStatus status = SignatureStatus::unsupported_key;
  std::string curve;    // OpenSSL's name ("brainpoolP256r1", "prime256v1", "secp521r1"), "explicit" when
                        // the key's explicit parameters match no built-in curve, "" when not EC
  std::string hash;     // "SHA-256" ...; "" when none was chosen
  std::string message;  // one sentence for a report
};

// Width in bytes of each of r and s for `key`: ceil(log256 n) (TR-03111 §5.2.1), which equals the
// field size for every brainpool and NIST prime curve (P-521: 66). 0 when `key` is not a usable EC key.
std::size_t plain_signature_half_size(EVP_PKEY* key);

// Verifies a plain signature r || s over `data`. The hash follows the key's field size
// (<= 224 bits -> SHA-224, 256 -> SHA-256, 384 -> SHA-384, larger -> SHA-512) unless `hash_name`
// forces one: an OpenSSL digest name ("SHA-256", "SHA384", ...) or a JOSE ECDSA algorithm
// ("ES256", "ES384", "ES512"). Checking that a JOSE algorithm suits the key's curve is the
// caller's job. Works for keys with explicit domain parameters too (the curve is then named if
// OpenSSL recognises the parameters). Thread-safe; `key` is only read.
SignatureCheck verify_plain_ecdsa(EVP_PKEY* key, const std::uint8_t* data, std::size_t size,
                                  const std::uint8_t* rs, std::size_t rs_size,
                                  const char* hash_name = nullptr);

}  // namespace docverify::crypto
