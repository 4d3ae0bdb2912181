#include "crypto/certificate.hpp"

#include <climits>
#include <cstring>

#include <openssl/asn1.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "crypto/openssl_ptr.hpp"

namespace docverify::crypto {
namespace {

void free_eku(EXTENDED_KEY_USAGE* eku) { sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free); }
using EkuPtr = OpenSslPtr<EXTENDED_KEY_USAGE, free_eku>;
using Asn1ObjectPtr = OpenSslPtr<ASN1_OBJECT, ASN1_OBJECT_free>;

std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  if (code == 0) return "";
  char text[256] = {};
  ERR_error_string_n(code, text, sizeof text);
  return std::string(": ") + text;
}

}  // namespace

std::string format_name(const X509_NAME* name) {
  if (name == nullptr) return "";
  const BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) throw std::bad_alloc();
  // "C=UT, O=docverify test, CN=TS": OpenSSL's one-line form without the spaces around '=',
  // UTF-8 kept as UTF-8 rather than escaped.
  const unsigned long flags = (XN_FLAG_ONELINE & ~XN_FLAG_SPC_EQ & ~ASN1_STRFLGS_ESC_MSB) | ASN1_STRFLGS_UTF8_CONVERT;
  if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) return "";
  char* text = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &text);
  if (length <= 0 || text == nullptr) return "";
  // Real names are under 300 characters; a hostile one must not flood every message.
  constexpr std::size_t kMaxNameText = 1024;
  const auto size = static_cast<std::size_t>(length);
  if (size <= kMaxNameText) return std::string(text, size);
  std::size_t cut = kMaxNameText;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return std::string(text, cut) + "...";
}

namespace {

std::string name_entry(const X509_NAME* name, int nid) {
  if (name == nullptr) return "";
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return "";
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, value);
  if (length < 0 || utf8 == nullptr) return "";
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

std::string serial_of(const X509* x509) {
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x509);
  const BignumPtr bn(serial != nullptr ? ASN1_INTEGER_to_BN(serial, nullptr) : nullptr);
  if (!bn) return "";
  const bool negative = BN_is_negative(bn.get()) != 0;
  const std::size_t bytes = static_cast<std::size_t>(BN_num_bytes(bn.get()));
  std::vector<std::uint8_t> magnitude(bytes);
  if (bytes > 0) BN_bn2bin(bn.get(), magnitude.data());  // magnitude only, sign ignored
  std::string hex = normalise_serial_hex(to_hex_upper(magnitude.data(), magnitude.size()));
  if (hex.empty()) hex = "0";
  return negative && hex != "0" ? "-" + hex : hex;
}

std::string digest_hex(const X509* x509, const EVP_MD* md) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(x509, md, digest, &length) != 1) return "";
  return to_hex_upper(digest, length);
}

std::vector<std::string> extended_key_usages_of(const X509* x509) {
  std::vector<std::string> oids;
  int critical = 0;
  const EkuPtr eku(static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(x509, NID_ext_key_usage, &critical, nullptr)));
  if (!eku) return oids;
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
    char text[128] = {};
    const int length = OBJ_obj2txt(text, sizeof text, sk_ASN1_OBJECT_value(eku.get(), i), 1);
    if (length > 0 && static_cast<std::size_t>(length) < sizeof text) oids.emplace_back(text, static_cast<std::size_t>(length));
  }
  return oids;
}

// DocumentTypeList ::= SEQUENCE { version INTEGER, docTypeList SET OF DocumentType }
// DocumentType ::= PrintableString (ICAO 9303-12 §7.1.1.6, used by 9303-13 barcode signers).
// Some issuers put each type in its own SET (pymrtd notes a Moldovan DSC), so every SET after
// the version is read. OpenSSL's generic ANY decoder bounds all lengths and nesting.
void read_document_type_list(const X509* x509, Certificate& cert) {
  const Asn1ObjectPtr oid(OBJ_txt2obj(kOidDocumentTypeList, 1));
  if (!oid) throw std::bad_alloc();
  const int index = X509_get_ext_by_OBJ(x509, oid.get(), -1);
  if (index < 0) return;
  cert.has_document_type_list = true;
  const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(X509_get_ext(x509, index));
  if (value == nullptr) {
    cert.document_type_list_error = "document type list extension has no value";
    return;
  }
  const unsigned char* p = ASN1_STRING_get0_data(value);
  const long length = ASN1_STRING_length(value);
  const Asn1AnyStackPtr sequence(d2i_ASN1_SEQUENCE_ANY(nullptr, &p, length));
  if (!sequence || p != ASN1_STRING_get0_data(value) + length) {
    cert.document_type_list_error = "document type list is not one DER SEQUENCE";
    return;
  }
  const int items = sk_ASN1_TYPE_num(sequence.get());
  if (items < 2 || ASN1_TYPE_get(sk_ASN1_TYPE_value(sequence.get(), 0)) != V_ASN1_INTEGER) {
    cert.document_type_list_error = "document type list lacks version INTEGER and docTypeList SET";
    return;
  }
  std::vector<std::string> types;
  for (int i = 1; i < items; ++i) {
    const ASN1_TYPE* item = sk_ASN1_TYPE_value(sequence.get(), i);
    if (ASN1_TYPE_get(item) != V_ASN1_SET) {
      cert.document_type_list_error = "document type list item " + std::to_string(i) + " is not a SET";
      return;
    }
    // For SET the ANY holds the whole TLV, so it decodes again as a SET OF ANY.
    const unsigned char* q = ASN1_STRING_get0_data(item->value.set);
    const long set_length = ASN1_STRING_length(item->value.set);
    const Asn1AnyStackPtr set(d2i_ASN1_SET_ANY(nullptr, &q, set_length));
    if (!set) {
      cert.document_type_list_error = "document type list SET " + std::to_string(i) + " does not decode";
      return;
    }
    for (int j = 0; j < sk_ASN1_TYPE_num(set.get()); ++j) {
      const ASN1_TYPE* entry = sk_ASN1_TYPE_value(set.get(), j);
      const int type = ASN1_TYPE_get(entry);
      if (type != V_ASN1_PRINTABLESTRING && type != V_ASN1_UTF8STRING) {
        cert.document_type_list_error = "document type entry is not a PrintableString";
        return;
      }
      const ASN1_STRING* text = entry->value.asn1_string;
      const int text_length = ASN1_STRING_length(text);
      if (text_length <= 0 || text_length > 16) {
        cert.document_type_list_error = "document type entry of " + std::to_string(text_length) + " characters";
        return;
      }
      types.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)), static_cast<std::size_t>(text_length));
    }
  }
  cert.document_types = std::move(types);
}

void read_key(const X509* x509, Certificate& cert) {
  EVP_PKEY* key = X509_get0_pubkey(x509);
  if (key == nullptr) {
    cert.key_type = "unreadable";
    return;
  }
  const char* type = EVP_PKEY_get0_type_name(key);
  cert.key_type = type != nullptr ? type : "unknown";
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return;
  cert.key_type = "EC";
  char name[80] = {};
  std::size_t length = 0;
  cert.key_curve = EVP_PKEY_get_group_name(key, name, sizeof name, &length) == 1 && length > 0 && length < sizeof name
                       ? std::string(name, length)
                       : "explicit";
  char encoding[32] = {};
  std::size_t encoding_length = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_EC_ENCODING, encoding, sizeof encoding, &encoding_length) == 1) {
    cert.explicit_ec_parameters = std::string_view(encoding, encoding_length) == OSSL_PKEY_EC_ENCODING_EXPLICIT;
  }
}

// Day number of a time_t, rounding down also before 1970.
std::int64_t floor_days(std::time_t t) noexcept {
  const auto seconds = static_cast<std::int64_t>(t);
  return seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
}

bool ascii_iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
    if (upper(a[i]) != upper(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string to_hex_upper(const std::uint8_t* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += kDigits[data[i] >> 4];
    hex += kDigits[data[i] & 0x0F];
  }
  return hex;
}

std::string normalise_serial_hex(std::string_view hex) {
  std::string out;
  out.reserve(hex.size());
  for (const char c : hex) {
    if (c >= '0' && c <= '9') {
      if (out.empty() && c == '0') continue;
      out += c;
    } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
      out += static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
    } else {
      return "";
    }
  }
  if (out.empty()) return hex.empty() ? "" : "0";
  return out;
}

bool asn1_time_to_time_t(const ASN1_TIME* time, std::time_t& out) noexcept {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return false;
  const Date day{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
  if (!is_valid_date(day.year, day.month, day.day)) return false;
  const std::int64_t seconds_of_day = std::int64_t{tm.tm_hour} * 3600 + std::int64_t{tm.tm_min} * 60 + tm.tm_sec;
  out = static_cast<std::time_t>(days_from_civil(day) * 86400 + seconds_of_day);
  return true;
}

EVP_PKEY* Certificate::public_key() const noexcept { return x509 ? X509_get0_pubkey(x509.get()) : nullptr; }

std::vector<std::uint8_t> Certificate::der() const {
  if (!x509) return {};
  const int length = i2d_X509(x509.get(), nullptr);
  if (length <= 0) return {};
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(length));
  unsigned char* out = bytes.data();
  if (i2d_X509(x509.get(), &out) != length) return {};
  return bytes;
}

bool Certificate::allows_digital_signature() const noexcept {
  return has_key_usage && (key_usage & KU_DIGITAL_SIGNATURE) != 0;
}

bool Certificate::has_extended_key_usage(std::string_view oid) const noexcept {
  for (const auto& usage : extended_key_usages) {
    if (usage == oid) return true;
  }
  return false;
}

bool Certificate::allows_document_type(std::string_view type) const noexcept {
  if (!has_document_type_list || !document_type_list_error.empty() || type.empty()) return false;
  for (const auto& entry : document_types) {
    if (ascii_iequal(entry, type)) return true;
    if (entry.size() == 1 && ascii_iequal(entry, type.substr(0, 1))) return true;
  }
  return false;
}

Certificate certificate_from_x509(X509* raw) {
  if (raw == nullptr) throw CertificateError("no certificate");
  Certificate cert;
  cert.x509 = std::shared_ptr<X509>(raw, X509_free);
  const ErrorQueueGuard clear_errors;
  X509* x509 = cert.x509.get();

  cert.subject = format_name(X509_get_subject_name(x509));
  cert.issuer = format_name(X509_get_issuer_name(x509));
  cert.subject_country = name_entry(X509_get_subject_name(x509), NID_countryName);
  cert.subject_common_name = name_entry(X509_get_subject_name(x509), NID_commonName);
  cert.serial_hex = serial_of(x509);
  cert.sha1_hex = digest_hex(x509, EVP_sha1());
  cert.sha256_hex = digest_hex(x509, EVP_sha256());
  if (cert.sha256_hex.empty()) throw CertificateError("certificate cannot be re-encoded for its fingerprint");

  if (!asn1_time_to_time_t(X509_get0_notBefore(x509), cert.not_before_time) ||
      !asn1_time_to_time_t(X509_get0_notAfter(x509), cert.not_after_time)) {
    throw CertificateError("certificate " + cert.subject + " has an unreadable validity period");
  }
  cert.not_before = civil_from_days(floor_days(cert.not_before_time));
  cert.not_after = civil_from_days(floor_days(cert.not_after_time));

  // X509_check_ca also caches the extensions; a certificate with a malformed critical
  // extension is flagged invalid by that pass and later fails chain validation, not loading.
  cert.is_ca = X509_check_ca(x509) != 0;
  cert.self_signed = X509_self_signed(x509, 0) == 1;
  const std::uint32_t usage = X509_get_key_usage(x509);
  cert.has_key_usage = (X509_get_extension_flags(x509) & EXFLAG_KUSAGE) != 0;
  cert.key_usage = cert.has_key_usage ? usage : 0;
  cert.extended_key_usages = extended_key_usages_of(x509);
  read_document_type_list(x509, cert);
  read_key(x509, cert);
  return cert;
}

Certificate load_certificate_der(const std::uint8_t* data, std::size_t size) {
  if (data == nullptr || size == 0) throw CertificateError("empty certificate");
  if (size > kMaxCertificateBytes) {
    throw CertificateError("certificate of " + std::to_string(size) + " bytes is over the " +
                           std::to_string(kMaxCertificateBytes) + "-byte limit");
  }
  const ErrorQueueGuard clear_errors;
  const unsigned char* p = data;
  X509Ptr x509(d2i_X509(nullptr, &p, static_cast<long>(size)));
  if (!x509) throw CertificateError("bytes are not a DER X.509 certificate" + openssl_reason());
  if (p != data + size) {
    throw CertificateError("DER certificate followed by " + std::to_string(static_cast<std::size_t>(data + size - p)) +
                           " trailing bytes");
  }
  return certificate_from_x509(x509.release());
}

Certificate load_certificate_der(const std::vector<std::uint8_t>& der) { return load_certificate_der(der.data(), der.size()); }

Certificate load_certificate_pem(std::string_view pem) {
  if (pem.empty()) throw CertificateError("empty PEM text");
  if (pem.size() > 16 * kMaxCertificateBytes) throw CertificateError("PEM text over the size limit");
  const ErrorQueueGuard clear_errors;
  const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw std::bad_alloc();
  X509Ptr x509(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!x509) throw CertificateError("no PEM CERTIFICATE block" + openssl_reason());
  return certificate_from_x509(x509.release());
}

}  // namespace docverify::crypto
