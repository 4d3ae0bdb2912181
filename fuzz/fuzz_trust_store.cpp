// libFuzzer target: arbitrary bytes as a trust store file (PEM bundle, DER certificate or CRL,
// CMS Master List, PKD LDIF). Loading gives warnings, never a crash; whatever loads is then
// looked up, chain-validated and used as a plain-ECDSA key (a fuzzed explicit-parameter key
// reaches the EC group code this way).
#include <cstddef>
#include <cstdint>

#include "crypto/certificate.hpp"
#include "crypto/ecdsa_plain.hpp"
#include "crypto/trust_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace docverify::crypto;
  TrustStore store;
  const TrustLoadReport report = store.add_bytes(data, size, "fuzz input");
  (void)report;

  // The same bytes straight into the certificate decoder (its own error path).
  try {
    const Certificate direct = load_certificate_der(data, size);
    (void)direct.allows_document_type("NV");
  } catch (const CertificateError&) {
  }

  const std::time_t at = 1748736000;  // 2025-06-01
  std::size_t checked = 0;
  for (const Certificate& cert : store.certificates()) {
    if (++checked > 8) break;
    (void)store.find_signer(cert.subject_country, cert.subject_common_name, cert.serial_hex);
    (void)store.find_by_fingerprint(cert.sha256_hex);
    (void)cert.allows_document_type("NV");
    const ChainResult chain = store.verify_chain(cert, at);
    (void)chain;
    const std::size_t half = plain_signature_half_size(cert.public_key());
    if (half > 0 && size >= 2 * half) {
      (void)verify_plain_ecdsa(cert.public_key(), data, size - 2 * half, data + size - 2 * half, 2 * half);
    }
  }
  return 0;
}
