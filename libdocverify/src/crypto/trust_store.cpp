#include "crypto/trust_store.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <system_error>
#include <unordered_set>

#include <openssl/asn1.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "crypto/openssl_ptr.hpp"
#include "errors/input_error.hpp"

namespace docverify::crypto {
namespace {

// The stack only borrows its certificates (the store's shared_ptrs own them).
void free_x509_stack_shallow(STACK_OF(X509) * stack) { sk_X509_free(stack); }
using X509StackPtr = OpenSslPtr<STACK_OF(X509), free_x509_stack_shallow>;

struct OpenSslFree {
  void operator()(void* p) const noexcept { OPENSSL_free(p); }
};
template <typename T>
using OpenSslMallocPtr = std::unique_ptr<T, OpenSslFree>;

constexpr std::size_t kMaxWarnings = 200;
constexpr std::size_t kMaxChainCandidates = 256;

std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  if (code == 0) return "";
  char text[256] = {};
  ERR_error_string_n(code, text, sizeof text);
  return std::string(" (") + text + ")";
}

char ascii_upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_upper(c);
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string signer_key(std::string_view country, std::string_view common_name, std::string_view serial) {
  std::string key = ascii_upper(country);
  key += '\n';
  key += ascii_upper(common_name);
  key += '\n';
  key += serial;
  return key;
}

std::string iso_date_of(std::time_t t) {
  const auto seconds = static_cast<std::int64_t>(t);
  return format_iso_date(civil_from_days(seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0)));
}

std::string oid_text(const ASN1_OBJECT* oid) {
  char text[128] = {};
  const int length = OBJ_obj2txt(text, sizeof text, oid, 1);
  return length > 0 && static_cast<std::size_t>(length) < sizeof text ? std::string(text, static_cast<std::size_t>(length))
                                                                         : std::string("?");
}

unsigned long name_hash(const X509_NAME* name) {
  int ok = 0;
  const unsigned long hash = X509_NAME_hash_ex(name, nullptr, nullptr, &ok);
  return ok == 1 ? hash : 0;
}

bool known_curve(const X509* cert) {
  EVP_PKEY* key = cert != nullptr ? X509_get0_pubkey(cert) : nullptr;
  char name[80] = {};
  std::size_t length = 0;
  return key != nullptr && EVP_PKEY_get_group_name(key, name, sizeof name, &length) == 1 && length > 0;
}

std::string subject_of(const X509* cert) {
  return cert != nullptr ? format_name(X509_get_subject_name(cert)) : std::string("?");
}

// Base64 as in LDIF (RFC 2849): the standard alphabet, '=' padding optional at the end.
std::optional<std::vector<std::uint8_t>> decode_base64(std::string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t accumulator = 0;
  int bits = 0;
  bool padding = false;
  for (const char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+') value = 62;
    else if (c == '/') value = 63;
    else if (c == '=') {
      padding = true;
      continue;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      continue;
    } else {
      return std::nullopt;
    }
    if (padding) return std::nullopt;  // data after '='
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((accumulator >> bits) & 0xFF));
    }
  }
  if (bits >= 6) return std::nullopt;  // a lone sixth of a byte: truncated
  return out;
}

bool contains(const std::uint8_t* data, std::size_t size, std::string_view needle) {
  const auto* begin = reinterpret_cast<const char*>(data);
  return std::search(begin, begin + size, needle.begin(), needle.end()) != begin + size;
}

// LDIF starts (after a BOM, blank lines and comments) with "version:" or "dn:".
bool looks_like_ldif(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), std::min<std::size_t>(size, std::size_t{64} * 1024));
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') {
      const std::string start = ascii_lower(line.substr(0, 8));
      return start.rfind("dn:", 0) == 0 || start.rfind("version:", 0) == 0;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return false;
}

}  // namespace

const char* chain_status_name(ChainStatus status) noexcept {
  switch (status) {
    case ChainStatus::not_done: return "not_done";
    case ChainStatus::ok: return "ok";
    case ChainStatus::error: return "error";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------------
// Loading

class TrustStore::Loader {
 public:
  explicit Loader(TrustStore& store) : store_(store) {}

  void load_bytes(const std::uint8_t* data, std::size_t size, std::string_view name) {
    if (data == nullptr || size == 0) {
      warn(std::string(name) + ": empty file");
      return;
    }
    if (size > kMaxTrustFileBytes) {
      warn(std::string(name) + ": " + std::to_string(size) + " bytes, over the " + std::to_string(kMaxTrustFileBytes) +
           "-byte limit; skipped");
      return;
    }
    if (contains(data, size, "-----BEGIN ")) {
      load_pem(data, size, name);
    } else if (looks_like_ldif(data, size)) {
      load_ldif(data, size, name);
    } else if (data[0] == 0x30) {
      load_der(data, size, name);
    } else {
      warn(std::string(name) + ": not a certificate, CRL, Master List, PEM bundle or LDIF; ignored");
    }
  }

  // Authenticates the signers of the Master Lists read in this call against CSCAs that did not
  // come from a Master List (a list cannot vouch for itself).
  void finish() {
    for (const auto& list : pending_) {
      if (list.signers.empty()) continue;
      bool authenticated = false;
      std::string why;
      for (const auto& signer_x509 : list.signers) {
        X509_up_ref(signer_x509.get());
        Certificate signer;
        try {
          signer = certificate_from_x509(signer_x509.get());
        } catch (const CertificateError& e) {
          why = e.what();
          continue;
        }
        if (!signer.is_ca && !signer.has_extended_key_usage(kOidMasterListSigner)) {
          warn(list.name + ": Master List signer " + signer.subject + " lacks extendedKeyUsage 2.23.136.1.1.3");
        }
        ChainPolicy policy;
        policy.require_digital_signature = false;  // some states sign with the CSCA itself
        const ChainResult chain = store_.verify_chain_impl(signer, nullptr, policy, true);
        if (chain.status == ChainStatus::ok && !chain.revoked) {
          authenticated = true;
        } else {
          why = chain.message;
        }
      }
      if (!authenticated) {
        warn(list.name + ": Master List signer is not authenticated (" + why + "); its " +
             std::to_string(list.certificates) + " certificates are loaded as unauthenticated candidates");
      }
    }
    pending_.clear();
  }

  TrustLoadReport report;

 private:
  struct PendingMasterList {
    std::string name;
    int certificates = 0;  // entries listed (new or already loaded)
    std::vector<X509Ptr> signers;
  };

  void warn(std::string text) {
    if (report.warnings.size() < kMaxWarnings) {
      report.warnings.push_back(std::move(text));
    } else if (report.warnings.size() == kMaxWarnings) {
      report.warnings.emplace_back("further warnings suppressed");
    }
  }

  bool add(Certificate certificate, bool from_master_list, std::string_view name) {
    if (store_.certificates_.size() >= kMaxTrustCertificates) {
      if (!warned_full_) warn(std::string(name) + ": the store holds " + std::to_string(kMaxTrustCertificates) +
                              " certificates, its limit; further certificates skipped");
      warned_full_ = true;
      return false;
    }
    if (!store_.add_certificate_from(std::move(certificate), from_master_list)) return false;
    ++report.certificates;
    return true;
  }

  // One DER certificate; a malformed one is a warning.
  bool add_certificate_der(const std::uint8_t* data, std::size_t size, bool from_master_list, std::string_view name) {
    try {
      return add(load_certificate_der(data, size), from_master_list, name);
    } catch (const CertificateError& e) {
      warn(std::string(name) + ": " + e.what());
      return false;
    }
  }

  void add_crl(X509_CRL* crl, std::string_view name) {
    if (store_.crls_.size() >= kMaxTrustCrls) {
      X509_CRL_free(crl);
      if (!warned_crls_full_) warn(std::string(name) + ": CRL limit reached; further CRLs skipped");
      warned_crls_full_ = true;
      return;
    }
    if (store_.add_crl(crl)) ++report.crls;
  }

  void load_der(const std::uint8_t* data, std::size_t size, std::string_view name) {
    const ErrorQueueGuard clear_errors;
    {
      const unsigned char* p = data;
      X509Ptr x509(d2i_X509(nullptr, &p, static_cast<long>(size)));
      if (x509) {
        if (p != data + size) warn(std::string(name) + ": trailing bytes after the DER certificate ignored");
        if (static_cast<std::size_t>(p - data) > kMaxCertificateBytes) {
          warn(std::string(name) + ": certificate over the size limit; skipped");
          return;
        }
        try {
          add(certificate_from_x509(x509.release()), false, name);
        } catch (const CertificateError& e) {
          warn(std::string(name) + ": " + e.what());
        }
        return;
      }
    }
    {
      const unsigned char* p = data;
      X509CrlPtr crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(size)));
      if (crl) {
        if (p != data + size) warn(std::string(name) + ": trailing bytes after the DER CRL ignored");
        add_crl(crl.release(), name);
        return;
      }
    }
    if (!load_cms(data, size, name)) {
      warn(std::string(name) + ": DER data is no certificate, CRL or CMS Master List" + openssl_reason() + "; ignored");
    }
  }

  void load_pem(const std::uint8_t* data, std::size_t size, std::string_view name) {
    const ErrorQueueGuard clear_errors;
    const BioPtr bio(BIO_new_mem_buf(data, static_cast<int>(size)));
    if (!bio) throw std::bad_alloc();
    int blocks = 0;
    for (;;) {
      const std::size_t before = BIO_ctrl_pending(bio.get());
      char* raw_name = nullptr;
      char* raw_header = nullptr;
      unsigned char* raw_body = nullptr;
      long length = 0;
      const int read = PEM_read_bio(bio.get(), &raw_name, &raw_header, &raw_body, &length);
      const OpenSslMallocPtr<char> block_name(raw_name);
      const OpenSslMallocPtr<char> header(raw_header);
      const OpenSslMallocPtr<unsigned char> body(raw_body);
      if (read != 1) {
        const unsigned long error = ERR_peek_last_error();
        if (ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE) break;  // the end
        warn(std::string(name) + ": malformed PEM block after block " + std::to_string(blocks) + openssl_reason());
        ERR_clear_error();
        if (BIO_ctrl_pending(bio.get()) >= before || BIO_ctrl_pending(bio.get()) == 0) break;  // no progress
        continue;
      }
      ++blocks;
      const std::string block = raw_name != nullptr ? raw_name : "";
      const std::string where = std::string(name) + " PEM block " + std::to_string(blocks);
      const auto* bytes = raw_body;
      const auto count = static_cast<std::size_t>(length > 0 ? length : 0);
      if (block == "CERTIFICATE" || block == "X509 CERTIFICATE") {
        add_certificate_der(bytes, count, false, where);
      } else if (block == "TRUSTED CERTIFICATE") {
        const unsigned char* p = bytes;
        X509Ptr x509(d2i_X509_AUX(nullptr, &p, static_cast<long>(count)));
        if (!x509) {
          warn(where + ": malformed TRUSTED CERTIFICATE");
          continue;
        }
        try {
          add(certificate_from_x509(x509.release()), false, where);
        } catch (const CertificateError& e) {
          warn(where + ": " + e.what());
        }
      } else if (block == "X509 CRL") {
        const unsigned char* p = bytes;
        X509CrlPtr crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(count)));
        if (!crl) {
          warn(where + ": malformed X509 CRL" + openssl_reason());
          continue;
        }
        add_crl(crl.release(), where);
      } else if (block == "CMS" || block == "PKCS7") {
        if (!load_cms(bytes, count, where)) warn(where + ": malformed CMS" + openssl_reason());
      } else {
        warn(where + ": PEM block '" + block.substr(0, 40) + "' ignored");
      }
    }
    if (blocks == 0) warn(std::string(name) + ": no PEM block could be read");
  }

  // Returns false when the bytes are not CMS at all (the caller decides what else they may be).
  bool load_cms(const std::uint8_t* data, std::size_t size, std::string_view name) {
    const ErrorQueueGuard clear_errors;
    const BioPtr bio(BIO_new_mem_buf(data, static_cast<int>(size)));
    if (!bio) throw std::bad_alloc();
    CmsPtr cms(d2i_CMS_bio(bio.get(), nullptr));  // BER-capable, as Master Lists need
    if (!cms) return false;
    const std::string where(name);
    if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
      warn(where + ": CMS that is not SignedData ignored");
      return true;
    }
    const std::string content_type = oid_text(CMS_get0_eContentType(cms.get()));
    if (content_type != kOidCscaMasterList) {
      warn(where + ": CMS with eContentType " + content_type + " is not a CSCA Master List; ignored");
      return true;
    }
    ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
    if (content == nullptr || *content == nullptr) {
      warn(where + ": Master List without embedded content ignored");
      return true;
    }
    ++report.master_lists;

    // CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }
    const unsigned char* p = ASN1_STRING_get0_data(*content);
    const long length = ASN1_STRING_length(*content);
    const Asn1AnyStackPtr list(d2i_ASN1_SEQUENCE_ANY(nullptr, &p, length));
    const ASN1_TYPE* version = list && sk_ASN1_TYPE_num(list.get()) >= 2 ? sk_ASN1_TYPE_value(list.get(), 0) : nullptr;
    const ASN1_TYPE* set = version != nullptr ? sk_ASN1_TYPE_value(list.get(), 1) : nullptr;
    if (version == nullptr || ASN1_TYPE_get(version) != V_ASN1_INTEGER || ASN1_TYPE_get(set) != V_ASN1_SET) {
      warn(where + ": Master List content is not SEQUENCE { version INTEGER, certList SET OF Certificate }");
      return true;
    }
    const unsigned char* q = ASN1_STRING_get0_data(set->value.set);
    const Asn1AnyStackPtr certs(d2i_ASN1_SET_ANY(nullptr, &q, ASN1_STRING_length(set->value.set)));
    if (!certs) {
      warn(where + ": Master List certList does not decode" + openssl_reason());
      return true;
    }
    // A list that fails its own signature was changed after signing: it could slip a rogue
    // CSCA in among the anchors, so none of it is loaded. (Integrity only: the signer is
    // chained separately in finish().)
    ERR_clear_error();
    if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
      warn(where + ": Master List CMS signature does not verify" + openssl_reason() + "; none of its " +
           std::to_string(sk_ASN1_TYPE_num(certs.get())) + " certificates is loaded");
      return true;
    }
    PendingMasterList pending;
    pending.name = where;
    int bad = 0;
    for (int i = 0; i < sk_ASN1_TYPE_num(certs.get()); ++i) {
      const ASN1_TYPE* item = sk_ASN1_TYPE_value(certs.get(), i);
      if (ASN1_TYPE_get(item) != V_ASN1_SEQUENCE) {
        ++bad;
        continue;
      }
      const ASN1_STRING* encoding = item->value.sequence;  // the whole TLV
      ++pending.certificates;
      add_certificate_der(ASN1_STRING_get0_data(encoding), static_cast<std::size_t>(ASN1_STRING_length(encoding)), true,
                          where + " entry " + std::to_string(i + 1));
      if (warned_full_) break;
    }
    if (bad > 0) warn(where + ": " + std::to_string(bad) + " Master List entries are not certificates");

    STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
    const OpenSslPtr<STACK_OF(X509), free_x509_stack_shallow> signers_owner(signers);
    for (int i = 0; i < sk_X509_num(signers); ++i) {
      X509* signer = sk_X509_value(signers, i);
      if (signer == nullptr || X509_up_ref(signer) != 1) continue;
      pending.signers.emplace_back(signer);
    }
    pending_.push_back(std::move(pending));
    return true;
  }

  // RFC 2849 LDIF as the ICAO PKD writes it: logical lines continue on lines that start with one
  // space; "attr:: value" is base64. Only the attributes that carry trust material are read.
  void load_ldif(const std::uint8_t* data, std::size_t size, std::string_view name) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string logical;
    bool in_comment = false;
    int line_number = 0;
    int logical_start = 0;
    int values = 0;
    const auto flush = [&] {
      if (!logical.empty() && !in_comment) handle_ldif_line(logical, name, logical_start, values);
      logical.clear();
    };
    std::size_t pos = 0;
    while (pos <= text.size()) {
      const std::size_t end = text.find('\n', pos);
      std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_number;
      if (!line.empty() && line.front() == ' ') {
        if (!in_comment) logical.append(line.substr(1));  // continuation
      } else {
        flush();
        in_comment = !line.empty() && line.front() == '#';
        logical.assign(line);
        logical_start = line_number;
      }
      if (end == std::string_view::npos) break;
      pos = end + 1;
    }
    flush();
    if (values == 0) warn(std::string(name) + ": LDIF without certificates, CRLs or Master Lists");
  }

  void handle_ldif_line(const std::string& line, std::string_view name, int line_number, int& values) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos || colon + 1 >= line.size() || line[colon + 1] != ':') return;  // not base64
    const std::string attribute = ascii_lower(std::string_view(line).substr(0, colon));
    enum class Kind { certificate, crl, master_list } kind;
    if (attribute == "usercertificate;binary" || attribute == "usercertificate" || attribute == "cacertificate;binary" ||
        attribute == "cacertificate") {
      kind = Kind::certificate;
    } else if (attribute == "certificaterevocationlist;binary" || attribute == "certificaterevocationlist") {
      kind = Kind::crl;
    } else if (attribute == "pkdmasterlistcontent" || attribute == "pkdmasterlistcontent;binary") {
      kind = Kind::master_list;
    } else {
      return;
    }
    ++values;
    const std::string where = std::string(name) + " line " + std::to_string(line_number);
    const auto bytes = decode_base64(std::string_view(line).substr(colon + 2));
    if (!bytes || bytes->empty()) {
      warn(where + ": " + attribute + " is not valid base64");
      return;
    }
    switch (kind) {
      case Kind::certificate:
        add_certificate_der(bytes->data(), bytes->size(), false, where);
        break;
      case Kind::crl: {
        const ErrorQueueGuard clear_errors;
        const unsigned char* p = bytes->data();
        X509CrlPtr crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(bytes->size())));
        if (!crl) {
          warn(where + ": malformed CRL" + openssl_reason());
          return;
        }
        add_crl(crl.release(), where);
        break;
      }
      case Kind::master_list:
        if (!load_cms(bytes->data(), bytes->size(), where)) warn(where + ": malformed Master List CMS" + openssl_reason());
        break;
    }
  }

  TrustStore& store_;
  std::vector<PendingMasterList> pending_;
  bool warned_full_ = false;
  bool warned_crls_full_ = false;
};

TrustLoadReport TrustStore::add_bytes(const std::uint8_t* data, std::size_t size, std::string_view name) {
  Loader loader(*this);
  loader.load_bytes(data, size, name);
  loader.finish();
  return std::move(loader.report);
}

namespace {

// Reads at most kMaxTrustFileBytes + 1 bytes, so an oversized file is reported, not loaded.
std::optional<std::vector<std::uint8_t>> read_file_bounded(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return std::nullopt;
  const auto want = static_cast<std::size_t>(std::min<std::uintmax_t>(size, kMaxTrustFileBytes + 1));
  std::vector<std::uint8_t> bytes(want);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(want));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return std::nullopt;
  return bytes;
}

}  // namespace

TrustLoadReport TrustStore::add_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path root(path);
  const fs::file_status status = fs::status(root, error);
  if (error || !fs::exists(status)) throw ResourceError("trust store path " + quote_input(path, 200) + " does not exist");

  Loader loader(*this);
  std::vector<fs::path> files;
  if (fs::is_directory(status)) {
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
    if (error) throw ResourceError("cannot read trust store directory " + quote_input(path, 200) + ": " + error.message());
    bool too_deep = false;
    for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
      if (error) {
        loader.report.warnings.push_back(path + ": " + error.message());
        break;
      }
      std::error_code entry_error;
      if (it->is_directory(entry_error) && it.depth() + 1 >= kMaxTrustDirectoryDepth) {
        it.disable_recursion_pending();
        too_deep = true;
      }
      if (!it->is_regular_file(entry_error)) continue;
      if (files.size() >= kMaxTrustDirectoryFiles) {
        loader.report.warnings.push_back(path + ": more than " + std::to_string(kMaxTrustDirectoryFiles) +
                                         " files; the rest skipped");
        break;
      }
      files.push_back(it->path());
    }
    if (too_deep) {
      loader.report.warnings.push_back(path + ": directories nested deeper than " +
                                       std::to_string(kMaxTrustDirectoryDepth) + " levels skipped");
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const auto bytes = read_file_bounded(file);
      if (!bytes) {
        loader.report.warnings.push_back(file.string() + ": cannot be read; skipped");
        continue;
      }
      loader.load_bytes(bytes->data(), bytes->size(), file.string());
    }
  } else {
    const auto bytes = read_file_bounded(root);
    if (!bytes) throw ResourceError("cannot read trust store file " + quote_input(path, 200));
    loader.load_bytes(bytes->data(), bytes->size(), path);
  }
  loader.finish();
  return std::move(loader.report);
}

// ---------------------------------------------------------------------------------------------
// The indexes

bool TrustStore::add_certificate(Certificate certificate) { return add_certificate_from(std::move(certificate), false); }

bool TrustStore::add_certificate_from(Certificate certificate, bool from_master_list) {
  chain_cache_ = std::make_shared<ChainCache>();  // chains may change
  if (!certificate.x509 || certificates_.size() >= kMaxTrustCertificates) return false;
  if (by_sha256_.count(certificate.sha256_hex) != 0) return false;
  const std::size_t index = certificates_.size();
  by_sha256_.emplace(certificate.sha256_hex, index);
  by_sha1_.emplace(certificate.sha1_hex, index);
  by_signer_key_[signer_key(certificate.subject_country, certificate.subject_common_name, certificate.serial_hex)]
      .push_back(index);
  if (certificate.is_ca) ca_by_subject_hash_.emplace(name_hash(X509_get_subject_name(certificate.get())), index);
  certificates_.push_back(std::move(certificate));
  from_master_list_.push_back(from_master_list);
  return true;
}

bool TrustStore::add_crl(X509_CRL* raw) {
  chain_cache_ = std::make_shared<ChainCache>();  // revocations may change
  if (raw == nullptr) return false;
  std::shared_ptr<X509_CRL> crl(raw, X509_CRL_free);
  if (crls_.size() >= kMaxTrustCrls) return false;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_CRL_digest(crl.get(), EVP_sha256(), digest, &length) != 1) {
    ERR_clear_error();
    return false;
  }
  const std::string fingerprint = to_hex_upper(digest, length);
  if (crl_by_sha256_.count(fingerprint) != 0) return false;
  // Sorted now, so the lookups of concurrent readers never sort (a write) under OpenSSL's lazy path.
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl.get());
  if (revoked != nullptr) sk_X509_REVOKED_sort(revoked);
  const std::size_t index = crls_.size();
  crl_by_sha256_.emplace(fingerprint, index);
  crl_by_issuer_hash_.emplace(name_hash(X509_CRL_get_issuer(crl.get())), index);
  crls_.push_back(std::move(crl));
  return true;
}

std::vector<const Certificate*> TrustStore::find_signers(std::string_view country, std::string_view common_name,
                                                         std::string_view serial_hex) const {
  std::vector<const Certificate*> found;
  const std::string serial = normalise_serial_hex(serial_hex);
  if (serial.empty()) return found;
  const auto it = by_signer_key_.find(signer_key(country, common_name, serial));
  if (it == by_signer_key_.end()) return found;
  for (const std::size_t index : it->second) found.push_back(&certificates_[index]);
  return found;
}

const Certificate* TrustStore::find_signer(std::string_view country, std::string_view common_name,
                                           std::string_view serial_hex) const {
  const std::string serial = normalise_serial_hex(serial_hex);
  if (serial.empty()) return nullptr;
  const auto it = by_signer_key_.find(signer_key(country, common_name, serial));
  return it == by_signer_key_.end() || it->second.empty() ? nullptr : &certificates_[it->second.front()];
}

const Certificate* TrustStore::find_by_fingerprint(std::string_view hex) const {
  if (hex.size() > 3 * 64) return nullptr;  // room for "AB:CD:..." separators, no more
  std::string digits;
  for (const char c : hex) {
    if (c == ':' || c == ' ') continue;
    const bool is_hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!is_hex) return nullptr;
    digits += ascii_upper(c);
  }
  const auto& index = digits.size() == 40 ? by_sha1_ : by_sha256_;
  if (digits.size() != 40 && digits.size() != 64) return nullptr;
  const auto it = index.find(digits);
  return it == index.end() ? nullptr : &certificates_[it->second];
}

// ---------------------------------------------------------------------------------------------
// Chain validation

namespace {

struct VerifyState {
  const ChainPolicy* policy = nullptr;
  bool explicit_parameters = false;
  std::vector<std::string> warnings;
};

// Forgives only error 94 on a curve OpenSSL recognises (chip.md §2.2), recording it.
int verify_callback(int ok, X509_STORE_CTX* ctx) {
  if (ok == 1) return ok;
  auto* state = static_cast<VerifyState*>(X509_STORE_CTX_get_app_data(ctx));
  if (state == nullptr) return ok;
  if (X509_STORE_CTX_get_error(ctx) == X509_V_ERR_EC_KEY_EXPLICIT_PARAMS && state->policy->allow_explicit_ec_parameters) {
    X509* cert = X509_STORE_CTX_get_current_cert(ctx);
    if (known_curve(cert)) {
      if (state->warnings.size() < 8) {
        state->warnings.push_back("explicit EC parameters of a known curve accepted on " + subject_of(cert));
      }
      state->explicit_parameters = true;
      return 1;
    }
  }
  return ok;
}

}  // namespace

struct TrustStore::ChainCache {
  static constexpr std::size_t kMaxEntries = 4096;
  std::mutex mutex;
  std::unordered_map<std::string, ChainResult> results;
};

TrustStore::TrustStore() : chain_cache_(std::make_shared<ChainCache>()) {}

ChainResult TrustStore::verify_chain(const Certificate& leaf, std::time_t at, const ChainPolicy& policy) const {
  const std::string key = leaf.sha256_hex + '/' + std::to_string(static_cast<long long>(at)) + '/' +
                          std::to_string(policy.check_crls) + std::to_string(policy.allow_explicit_ec_parameters) +
                          std::to_string(policy.require_digital_signature) + std::to_string(policy.max_chain_length) + '/' +
                          policy.required_extended_key_usage;
  ChainCache& cache = *chain_cache_;
  {
    const std::lock_guard<std::mutex> lock(cache.mutex);
    if (const auto it = cache.results.find(key); it != cache.results.end()) return it->second;
  }
  ChainResult result = verify_chain_impl(leaf, &at, policy, false);
  const std::lock_guard<std::mutex> lock(cache.mutex);
  if (cache.results.size() >= ChainCache::kMaxEntries) cache.results.clear();
  cache.results.emplace(key, result);
  return result;
}

ChainResult TrustStore::verify_chain_impl(const Certificate& leaf, const std::time_t* at, const ChainPolicy& policy,
                                          bool anchors_outside_master_lists_only) const {
  ChainResult result;
  const auto fail = [&result](std::string message, int code = 0) {
    result.status = ChainStatus::error;
    result.message = std::move(message);
    result.verify_error = code;
    return result;
  };
  if (!leaf.x509) return fail("no certificate to validate");
  const ErrorQueueGuard clear_errors;
  if (at != nullptr) result.leaf_expired_at_reference = leaf.not_after_time < *at;

  // Collect the store's CA certificates that can sit above the leaf, by subject name, level by
  // level. Only these go into the per-call X509_STORE, so a call costs little whatever the size
  // of the store, and no OpenSSL object is shared between concurrent calls except immutable X509s.
  std::vector<X509*> anchors;
  std::vector<std::size_t> anchor_indexes;  // parallel to anchors
  std::vector<X509*> intermediates;
  std::unordered_set<std::size_t> seen;
  std::vector<const X509_NAME*> frontier{X509_get_issuer_name(leaf.get())};
  for (int level = 0; level + 1 < std::max(policy.max_chain_length, 2) && !frontier.empty(); ++level) {
    std::vector<const X509_NAME*> next;
    for (const X509_NAME* name : frontier) {
      const auto range = ca_by_subject_hash_.equal_range(name_hash(name));
      for (auto it = range.first; it != range.second && seen.size() < kMaxChainCandidates; ++it) {
        const std::size_t index = it->second;
        if (anchors_outside_master_lists_only && from_master_list_[index]) continue;
        const Certificate& candidate = certificates_[index];
        if (X509_NAME_cmp(X509_get_subject_name(candidate.get()), name) != 0) continue;
        if (!seen.insert(index).second) continue;
        if (candidate.self_signed) {
          anchors.push_back(candidate.get());
          anchor_indexes.push_back(index);
        } else {
          intermediates.push_back(candidate.get());
          next.push_back(X509_get_issuer_name(candidate.get()));
        }
      }
    }
    frontier = std::move(next);
  }
  if (anchors.empty()) {
    return fail(std::string("no trusted CSCA") + (anchors_outside_master_lists_only ? " (outside Master Lists)" : "") +
                    " for issuer " + leaf.issuer,
                X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  }

  const X509StorePtr store(X509_STORE_new());
  const X509StackPtr untrusted(sk_X509_new_null());
  const X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !untrusted || !ctx) throw std::bad_alloc();
  for (X509* anchor : anchors) {
    if (X509_STORE_add_cert(store.get(), anchor) != 1) throw std::bad_alloc();
  }
  for (X509* intermediate : intermediates) {
    if (sk_X509_push(untrusted.get(), intermediate) <= 0) throw std::bad_alloc();
  }
  if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) != 1) throw std::bad_alloc();
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  if (at != nullptr) {
    X509_VERIFY_PARAM_set_time(param, *at);  // also sets X509_V_FLAG_USE_CHECK_TIME
  } else {
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
  }
  X509_VERIFY_PARAM_set_depth(param, std::max(policy.max_chain_length - 2, 0));
  // ICAO signer certificates carry no S/MIME or TLS EKU (chip.md §2.2); the EKU that matters is
  // checked below against the policy.
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_ANY);
  VerifyState state;
  state.policy = &policy;
  X509_STORE_CTX_set_app_data(ctx.get(), &state);
  X509_STORE_CTX_set_verify_cb(ctx.get(), verify_callback);

  const int verified = X509_verify_cert(ctx.get());
  result.explicit_parameters = state.explicit_parameters;
  result.warnings = std::move(state.warnings);
  if (verified != 1) {
    const int code = X509_STORE_CTX_get_error(ctx.get());
    const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    const std::string where = depth <= 0 ? "the signer certificate " + leaf.subject
                                         : "chain certificate " + subject_of(X509_STORE_CTX_get_current_cert(ctx.get()));
    std::string message = std::string(X509_verify_cert_error_string(code)) + " (" + where + ")";
    if (at != nullptr) message += " at " + iso_date_of(*at);
    return fail(std::move(message), code != 0 ? code : X509_V_ERR_UNSPECIFIED);
  }

  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  const int chain_length = sk_X509_num(chain);
  X509* anchor = chain_length > 0 ? sk_X509_value(chain, chain_length - 1) : nullptr;
  X509* issuer = chain_length > 1 ? sk_X509_value(chain, 1) : anchor;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    if (anchors[i] != anchor) continue;
    result.anchor_subject = certificates_[anchor_indexes[i]].subject;
    result.anchor_country = certificates_[anchor_indexes[i]].subject_country;
  }

  if (policy.require_digital_signature && !leaf.allows_digital_signature()) {
    return fail(leaf.has_key_usage ? "the signer certificate's keyUsage lacks digitalSignature"
                                   : "the signer certificate has no keyUsage extension (digitalSignature required)");
  }
  if (!policy.required_extended_key_usage.empty() && !leaf.has_extended_key_usage(policy.required_extended_key_usage)) {
    return fail("the signer certificate lacks extendedKeyUsage " + policy.required_extended_key_usage);
  }

  // Revocation, by hand rather than X509_V_FLAG_CRL_CHECK: OpenSSL would judge the CRL's own
  // dates at `at` and reject today's CRL as "not yet valid" for a seal signed last year.
  if (policy.check_crls && issuer != nullptr) {
    const X509_NAME* issuer_name = X509_get_issuer_name(leaf.get());
    EVP_PKEY* issuer_key = X509_get0_pubkey(issuer);
    const auto range = crl_by_issuer_hash_.equal_range(name_hash(issuer_name));
    for (auto it = range.first; it != range.second; ++it) {
      X509_CRL* crl = crls_[it->second].get();
      if (X509_NAME_cmp(X509_CRL_get_issuer(crl), issuer_name) != 0) continue;
      if (issuer_key == nullptr || X509_CRL_verify(crl, issuer_key) != 1) {
        ERR_clear_error();
        result.warnings.push_back("a CRL naming " + leaf.issuer + " is not signed by the issuing CSCA; ignored");
        continue;
      }
      result.revocation_unknown = false;
      X509_REVOKED* entry = nullptr;
      if (X509_CRL_get0_by_cert(crl, &entry, leaf.get()) == 1) {
        result.revoked = true;
        std::time_t when = 0;
        const bool dated = entry != nullptr && asn1_time_to_time_t(X509_REVOKED_get0_revocationDate(entry), when);
        return fail("the signer certificate is revoked" + (dated ? " since " + iso_date_of(when) : std::string()) +
                        " (CRL of " + leaf.issuer + ")",
                    X509_V_ERR_CERT_REVOKED);
      }
    }
  }

  result.status = ChainStatus::ok;
  result.message = "chains to " + (result.anchor_subject.empty() ? std::string("a trusted CSCA") : result.anchor_subject);
  if (at != nullptr) result.message += " at " + iso_date_of(*at);
  if (result.explicit_parameters) result.message += " (explicit EC parameters accepted)";
  return result;
}

}  // namespace docverify::crypto
