#include "crypto/ecdsa_plain.hpp"

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>

#include "crypto/openssl_ptr.hpp"
#include "errors/input_error.hpp"

namespace docverify::crypto {
namespace {

using EvpMdPtr = OpenSslPtr<EVP_MD, EVP_MD_free>;

struct OsslParamFree {
  void operator()(OSSL_PARAM* p) const noexcept { OSSL_PARAM_free(p); }
};
using OsslParamPtr = std::unique_ptr<OSSL_PARAM, OsslParamFree>;

// The key's group, rebuilt from its exported domain parameters. EC_GROUP (unlike the
// deprecated EC_KEY accessors) is the 3.0 way in, and it handles named and explicit parameters.
EcGroupPtr group_of(EVP_PKEY* key) {
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return nullptr;
  OSSL_PARAM* raw = nullptr;
  if (EVP_PKEY_todata(key, EVP_PKEY_KEY_PARAMETERS, &raw) != 1) return nullptr;
  const OsslParamPtr params(raw);
  return EcGroupPtr(EC_GROUP_new_from_params(params.get(), nullptr, nullptr));
}

std::string curve_name_of(EVP_PKEY* key) {
  char name[80] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, name, sizeof name, &length) == 1 && length > 0 &&
      length < sizeof name) {
    return std::string(name, length);
  }
  return "explicit";
}

struct HashChoice {
  const char* openssl_name = nullptr;  // for EVP_MD_fetch
  std::string label;                   // for reports
};

HashChoice hash_for_field_bits(int bits) {
  if (bits <= 224) return {"SHA2-224", "SHA-224"};
  if (bits <= 256) return {"SHA2-256", "SHA-256"};
  if (bits <= 384) return {"SHA2-384", "SHA-384"};
  return {"SHA2-512", "SHA-512"};
}

// JOSE names first (VDS-NC "alg"), then whatever OpenSSL calls a digest.
HashChoice hash_for_name(const char* name) {
  const std::string_view n(name);
  if (n == "ES256") return {"SHA2-256", "SHA-256"};
  if (n == "ES384") return {"SHA2-384", "SHA-384"};
  if (n == "ES512") return {"SHA2-512", "SHA-512"};
  return {name, quote_input(n, 32)};
}

// "SHA-256" whichever alias the caller used ("sha256", "SHA2-256").
std::string hash_label(const EVP_MD* md) {
  switch (EVP_MD_get_type(md)) {
    case NID_sha1: return "SHA-1";
    case NID_sha224: return "SHA-224";
    case NID_sha256: return "SHA-256";
    case NID_sha384: return "SHA-384";
    case NID_sha512: return "SHA-512";
    default: break;
  }
  const char* name = EVP_MD_get0_name(md);
  return name != nullptr ? name : "unknown";
}

SignatureCheck result(SignatureStatus status, std::string curve, std::string hash, std::string message) {
  SignatureCheck check;
  check.status = status;
  check.curve = std::move(curve);
  check.hash = std::move(hash);
  check.message = std::move(message);
  return check;
}

}  // namespace

const char* signature_status_name(SignatureStatus status) noexcept {
  switch (status) {
    case SignatureStatus::valid: return "valid";
    case SignatureStatus::invalid: return "invalid";
    case SignatureStatus::bad_length: return "bad_length";
    case SignatureStatus::out_of_range: return "out_of_range";
    case SignatureStatus::unsupported_key: return "unsupported_key";
    case SignatureStatus::unsupported_hash: return "unsupported_hash";
  }
  return "unknown";
}

std::size_t plain_signature_half_size(EVP_PKEY* key) {
  const ErrorQueueGuard clear_errors;
  const EcGroupPtr group = group_of(key);
  if (!group) return 0;
  const BIGNUM* order = EC_GROUP_get0_order(group.get());
  return order == nullptr ? 0 : static_cast<std::size_t>(BN_num_bytes(order));
}

SignatureCheck verify_plain_ecdsa(EVP_PKEY* key, const std::uint8_t* data, std::size_t size,
                                  const std::uint8_t* rs, std::size_t rs_size, const char* hash_name) {
  const ErrorQueueGuard clear_errors;
  if (key == nullptr) return result(SignatureStatus::unsupported_key, "", "", "no public key");
  if (data == nullptr && size != 0) return result(SignatureStatus::invalid, "", "", "no signed data given");
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) {
    const char* type = EVP_PKEY_get0_type_name(key);
    return result(SignatureStatus::unsupported_key, "", "",
                  std::string("the signer key is not an EC key (") + (type != nullptr ? type : "unknown type") + ")");
  }
  const EcGroupPtr group = group_of(key);
  const BIGNUM* order = group ? EC_GROUP_get0_order(group.get()) : nullptr;
  if (order == nullptr || BN_is_zero(order)) {
    return result(SignatureStatus::unsupported_key, "", "", "OpenSSL cannot read the EC key's domain parameters");
  }
  const std::string curve = curve_name_of(key);
  const int field_bits = EC_GROUP_get_degree(group.get());
  const HashChoice hash = hash_name != nullptr ? hash_for_name(hash_name) : hash_for_field_bits(field_bits);
  const EvpMdPtr md(EVP_MD_fetch(nullptr, hash.openssl_name, nullptr));
  if (!md) {
    return result(SignatureStatus::unsupported_hash, curve, "", "unknown hash algorithm " + hash.label);
  }
  const std::string label = hash_label(md.get());

  const std::size_t half = static_cast<std::size_t>(BN_num_bytes(order));
  if (rs == nullptr || rs_size != 2 * half) {
    return result(SignatureStatus::bad_length, curve, label,
                  "signature of " + std::to_string(rs_size) + " bytes; " + curve + " needs " +
                      std::to_string(2 * half) + " (r and s of " + std::to_string(half) + " bytes each)");
  }

  BignumPtr r(BN_bin2bn(rs, static_cast<int>(half), nullptr));
  BignumPtr s(BN_bin2bn(rs + half, static_cast<int>(half), nullptr));
  if (!r || !s) throw std::bad_alloc();
  // OpenSSL would reject these too, but as a plain "invalid"; the seal report names them.
  if (BN_is_zero(r.get()) || BN_cmp(r.get(), order) >= 0) {
    return result(SignatureStatus::out_of_range, curve, label, "r is 0 or not below the group order");
  }
  if (BN_is_zero(s.get()) || BN_cmp(s.get(), order) >= 0) {
    return result(SignatureStatus::out_of_range, curve, label, "s is 0 or not below the group order");
  }

  const EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) throw std::bad_alloc();
  (void)r.release();  // owned by sig now
  (void)s.release();
  const int der_size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (der_size <= 0) throw std::bad_alloc();
  std::vector<unsigned char> der(static_cast<std::size_t>(der_size));
  unsigned char* out = der.data();
  if (i2d_ECDSA_SIG(sig.get(), &out) != der_size) throw std::bad_alloc();

  const EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) throw std::bad_alloc();
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, md.get(), nullptr, key) != 1) {
    return result(SignatureStatus::unsupported_key, curve, label,
                  "OpenSSL cannot verify with this key and " + label);
  }
  const unsigned char no_data = 0;  // EVP_DigestVerify wants a pointer even for 0 bytes
  const int verified = EVP_DigestVerify(ctx.get(), der.data(), der.size(), data != nullptr ? data : &no_data, size);
  if (verified == 1) {
    return result(SignatureStatus::valid, curve, label, "ECDSA signature verifies (" + curve + ", " + label + ")");
  }
  return result(SignatureStatus::invalid, curve, label,
                "ECDSA signature does not verify (" + curve + ", " + label + ")");
}

}  // namespace docverify::crypto
