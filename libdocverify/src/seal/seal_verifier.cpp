#include "seal/seal_verifier.hpp"

#include <cctype>
#include <ctime>
#include <string>
#include <utility>

#include "crypto/certificate.hpp"
#include "crypto/ecdsa_plain.hpp"
#include "crypto/trust_store.hpp"
#include "memory/secure_wipe.hpp"
#include "mrz/country_alpha2.hpp"
#include "mrz/parser.hpp"
#include "seal/seal_error.hpp"

namespace docverify::seal {
namespace {

CheckRecord record(std::string_view id, CheckGroup group, CheckStatus status, Diagnose diagnose, CheckMessage message,
                   bool critical = true, bool required = true) {
  CheckRecord r;
  r.id = id;
  r.group = group;
  r.status = status;
  r.diagnose = diagnose;
  r.message = std::move(message);
  r.critical = critical;
  r.required = required;
  return r;
}

std::time_t noon_utc(const Date& d) {
  return static_cast<std::time_t>(days_from_civil(d) * 86400 + 12 * 3600);
}

std::string join(const std::vector<std::string>& items, const char* separator = "; ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

// Every certificate a VDS header may name: C + CN + serial for each reading of the
// reference (several certificates may share them: a renewed signer under a new CSCA), or a
// fingerprint for hash-like references (BSI TR-03171). In lookup order, no repeats.
struct SignerCandidate {
  const crypto::Certificate* certificate;
  std::string reference;  // the reading that found it
};
std::vector<SignerCandidate> find_vds_signers(const crypto::TrustStore& trust, const VdsHeader& h) {
  std::vector<std::string> references = {h.certificate_reference};
  references.insert(references.end(), h.alternative_references.begin(), h.alternative_references.end());
  const std::string country = h.signer.substr(0, 2), name = h.signer.substr(2);
  std::vector<SignerCandidate> out;
  auto add = [&out](const crypto::Certificate* c, const std::string& ref) {
    for (const auto& o : out)
      if (o.certificate == c) return;
    out.push_back({c, ref});
  };
  for (const auto& ref : references) {
    const std::string serial = crypto::normalise_serial_hex(ref);
    if (!serial.empty())
      for (const crypto::Certificate* c : trust.find_signers(country, name, serial)) add(c, ref);
    if (ref.size() == 40 || ref.size() == 64)
      if (const auto* c = trust.find_by_fingerprint(ref)) add(c, ref);
  }
  return out;
}

// Signature, chain and signer validity records for a found certificate.
// `issuer` is the seal's issuing state (MRZ code): the signer and its CSCA must be of that
// country, or any trusted state's signer could seal documents "of" another state.
void verify_signature_and_chain(SealResult& r, const crypto::Certificate& cert, const std::uint8_t* data,
                                std::size_t size, const std::vector<std::uint8_t>& rs, const char* hash_name,
                                const crypto::TrustStore* trust, std::time_t signed_at, const SealOptions& options,
                                const char* required_eku, std::string_view issuer, bool has_signature_date) {
  SignatureReport& sig = r.signature;
  sig.signer_subject = cert.subject;
  sig.signer_serial = cert.serial_hex;
  sig.signer_not_after = cert.not_after;
  const crypto::SignatureCheck check = crypto::verify_plain_ecdsa(cert.public_key(), data, size, rs.data(), rs.size(), hash_name);
  sig.algorithm = "ECDSA " + (check.curve.empty() ? std::string("?") : check.curve) + " " + check.hash;
  const bool valid = check.status == crypto::SignatureStatus::valid;
  r.checks.push_back(record("seal.signature", CheckGroup::security, valid ? CheckStatus::ok : CheckStatus::error,
                            valid ? Diagnose::none : Diagnose::signature_invalid, check.message));

  if (trust == nullptr) {
    sig.chain = CheckStatus::not_done;
    r.checks.push_back(record("seal.chain", CheckGroup::security, CheckStatus::not_done, Diagnose::trust_missing,
                              "no trust store: the signer's certificate cannot be chained to a CSCA", true,
                              options.require_trust));
  } else {
    crypto::ChainPolicy policy;  // keyUsage digitalSignature on the signer, CRLs when loaded
    if (required_eku != nullptr) policy.required_extended_key_usage = required_eku;
    const crypto::ChainResult chain = trust->verify_chain(cert, signed_at, policy);
    sig.anchor_subject = chain.anchor_subject;
    std::string message = chain.message;
    CheckStatus status = chain.status == crypto::ChainStatus::ok      ? CheckStatus::ok
                         : chain.status == crypto::ChainStatus::error ? CheckStatus::error
                                                                       : CheckStatus::not_done;
    Diagnose diagnose = chain.revoked ? Diagnose::revoked : status == CheckStatus::ok ? Diagnose::none : Diagnose::chain_invalid;
    if (status == CheckStatus::ok) {
      const std::string_view country = mrz::alpha2_of(issuer);
      auto same = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
          if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
        return true;
      };
      if (country.empty()) {
        message += "; the issuing state " + std::string(issuer) + " has no ISO 3166 country to hold the signer to";
      } else if (!same(cert.subject_country, country) || !same(chain.anchor_country, country)) {
        status = CheckStatus::error;
        diagnose = Diagnose::chain_invalid;
        message = "the seal's issuing state " + std::string(issuer) + " (" + std::string(country) + ") is not the signer's (C=" +
                  cert.subject_country + ") and its CSCA's (C=" + chain.anchor_country + ")";
      }
    }
    if (status == CheckStatus::ok && chain.revocation_unknown) message += " (revocation unknown: no CRL of the issuer)";
    sig.chain = status;
    r.checks.push_back(record("seal.chain", CheckGroup::security, status, diagnose, std::move(message)));
  }
  // Expired since signing: the seal stays valid, the record says so (§8).
  const bool expired_now = compare_dates(cert.not_after, options.mrz.today) < 0;
  r.checks.push_back(record("seal.signer_validity", CheckGroup::security,
                            expired_now ? CheckStatus::warning : CheckStatus::ok,
                            expired_now ? Diagnose::signer_expired : Diagnose::none,
                            expired_now ? CheckMessage("the signer certificate expired on " + format_iso_date(cert.not_after) +
                                                       (has_signature_date ? ", after the seal's signature date" : ""))
                                        : CheckMessage("the signer certificate is valid on the reference date"),
                            false, false));
  if (!valid) {
    sig.status = CheckStatus::error;
    sig.message = check.message;
  } else if (sig.chain == CheckStatus::ok) {
    sig.status = CheckStatus::ok;
    sig.message = "the signature verifies and the signer chains to " + sig.anchor_subject;
  } else if (sig.chain == CheckStatus::error) {
    sig.status = CheckStatus::error;
    sig.message = "the signature verifies but the signer's chain does not: " + std::string(r.checks[r.checks.size() - 2].message.view());
  } else {
    sig.status = CheckStatus::not_done;
    sig.message = "the signature verifies but its signer could not be chained to a trusted CSCA";
  }
}

// An unknown signer with a store given is required: the verdict is then not_done, never
// ok. Without a trust store, as SealOptions::require_trust says.
void signature_not_done(SealResult& r, Diagnose why, std::string message, bool require_trust) {
  const bool required = why != Diagnose::trust_missing || require_trust;
  r.signature.status = CheckStatus::not_done;
  r.signature.chain = CheckStatus::not_done;
  r.signature.message = message;
  r.checks.push_back(record("seal.signature", CheckGroup::security, CheckStatus::not_done, why, message, true, required));
  r.checks.push_back(record("seal.chain", CheckGroup::security, CheckStatus::not_done, why, std::move(message), true, required));
}

void run_mrz_feature(SealResult& r, const std::vector<std::string>& lines, const SealOptions& options) {
  std::string text;
  for (const auto& l : lines) text += (text.empty() ? "" : "\n") + l;
  try {
    mrz::MrzOptions o = options.mrz;
    o.correct = false;  // a signed MRZ is exact: nothing to correct
    r.mrz = mrz::parse_mrz(text, o);
    const bool ok = r.mrz->valid;
    r.checks.push_back(record("seal.mrz", CheckGroup::mrz, ok ? CheckStatus::ok : CheckStatus::error,
                              ok ? Diagnose::none : Diagnose::checksum_invalid,
                              ok ? CheckMessage("the seal's MRZ is well formed and its check digits verify")
                                 : CheckMessage("the seal's MRZ has wrong check digits or syntax"),
                              false));
  } catch (const InputError& e) {
    r.checks.push_back(record("seal.mrz", CheckGroup::mrz, CheckStatus::error, Diagnose::syntax,
                              std::string("the seal's MRZ feature is not an MRZ: ") + e.what(), false));
  }
}

void verify_vds(SealResult& r, const std::uint8_t* data, std::size_t size, const SealOptions& options) {
  VdsParseOptions po;
  po.strict = options.strict;
  r.vds = parse_vds(data, size, po);
  const VdsSeal& v = *r.vds;
  r.checks.push_back(record("seal.format", CheckGroup::doc_type, CheckStatus::ok, Diagnose::none,
                            v.deviations.empty() ? CheckMessage("an ICAO VDS, version " + std::to_string(v.header.version))
                                                 : CheckMessage("an ICAO VDS with deviations from 9303-13: " + join(v.deviations))));
  r.signature.signer = v.header.signer + " " + v.header.certificate_reference;
  const crypto::TrustStore* trust = options.trust;
  if (trust == nullptr || trust->size() == 0) {
    signature_not_done(r, Diagnose::trust_missing, "no trust store was given: the signature cannot be verified",
                       options.require_trust);
  } else {
    const std::vector<SignerCandidate> candidates = find_vds_signers(*trust, v.header);
    if (candidates.empty()) {
      signature_not_done(r, Diagnose::signer_unknown,
                         "no trusted certificate for signer " + v.header.signer + " with reference " + v.header.certificate_reference,
                         true);
    } else {
      // The first candidate whose key verifies the signature is the signer; with none, the
      // first candidate's failure is reported.
      std::size_t chosen = 0;
      for (std::size_t i = 0; i < candidates.size() && candidates.size() > 1; ++i) {
        const crypto::Certificate& c = *candidates[i].certificate;
        if (crypto::verify_plain_ecdsa(c.public_key(), data, v.signed_size, v.signature.data(), v.signature.size()).status ==
            crypto::SignatureStatus::valid) {
          chosen = i;
          break;
        }
      }
      r.signature.signer = v.header.signer + " " + candidates[chosen].reference;
      verify_signature_and_chain(r, *candidates[chosen].certificate, data, v.signed_size, v.signature, nullptr, trust,
                                 noon_utc(v.header.signature_date), options, nullptr, v.header.issuing_country, true);
    }
  }
  // Dates: a seal cannot be signed after the reference date.
  const bool future = compare_dates(v.header.signature_date, options.mrz.today) > 0;
  r.checks.push_back(record("seal.dates", CheckGroup::text, future ? CheckStatus::error : CheckStatus::ok,
                            future ? Diagnose::logic : Diagnose::none,
                            future ? CheckMessage("signed on " + format_iso_date(v.header.signature_date) + ", after the reference date")
                                   : CheckMessage("issued " + format_iso_date(v.header.issue_date) + ", signed " +
                                                  format_iso_date(v.header.signature_date)),
                            false));
  const bool content_ok = v.warnings.empty() && v.profile != nullptr;
  r.checks.push_back(record("seal.content", CheckGroup::doc_type, content_ok ? CheckStatus::ok : CheckStatus::warning,
                            v.profile == nullptr ? Diagnose::template_missing : content_ok ? Diagnose::none : Diagnose::field_format,
                            v.profile == nullptr ? CheckMessage("unknown document profile: its features are shown as bytes")
                            : content_ok         ? CheckMessage(std::string("a ") + v.profile->document + " seal (" + v.profile->standard + ")")
                                                 : CheckMessage(join(v.warnings)),
                            false, false));
  for (const auto& f : v.features)
    if (!f.mrz_lines.empty()) {
      run_mrz_feature(r, f.mrz_lines, options);
      break;
    }
}

// The 9303-13 document type a VDS-NC type must be allowed by the signer's certificate.
const char* vds_nc_document_type(const std::string& type) {
  if (type == "icao.vacc") return "NV";
  if (type == "icao.test") return "NT";
  return nullptr;
}

const char* expected_curve(const std::string& algorithm) {
  if (algorithm == "ES256") return "prime256v1";
  if (algorithm == "ES384") return "secp384r1";
  if (algorithm == "ES512") return "secp521r1";
  return nullptr;
}

void verify_vds_nc(SealResult& r, const std::uint8_t* data, std::size_t size, const SealOptions& options) {
  r.vds_nc = parse_vds_nc(data, size);
  const VdsNcSeal& v = *r.vds_nc;
  r.checks.push_back(record("seal.format", CheckGroup::doc_type, CheckStatus::ok, Diagnose::none,
                            v.warnings.empty() ? CheckMessage("an ICAO VDS-NC of type " + v.type)
                                               : CheckMessage("an ICAO VDS-NC of type " + v.type + ", accepted with: " + join(v.warnings))));
  crypto::Certificate cert;
  try {
    cert = crypto::load_certificate_der(v.certificate_der);
  } catch (const InputError& e) {
    r.signature.message = std::string("the seal's certificate does not load: ") + e.what();
    r.signature.status = CheckStatus::error;
    r.checks.push_back(record("seal.signature", CheckGroup::security, CheckStatus::error, Diagnose::signature_invalid,
                              r.signature.message));
    return;
  }
  r.signature.signer = cert.subject;
  const char* curve = expected_curve(v.algorithm);
  if (curve != nullptr && cert.key_curve != curve) {
    r.signature.status = CheckStatus::error;
    r.signature.message = "algorithm " + v.algorithm + " does not fit the certificate's key (" + cert.key_curve + ")";
    r.checks.push_back(record("seal.signature", CheckGroup::security, CheckStatus::error, Diagnose::signature_invalid,
                              r.signature.message));
    return;
  }
  const crypto::TrustStore* trust = options.trust != nullptr && options.trust->size() > 0 ? options.trust : nullptr;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(v.signed_bytes.data());
  verify_signature_and_chain(r, cert, bytes, v.signed_bytes.size(), v.signature, v.algorithm.c_str(), trust,
                             noon_utc(options.mrz.today), options, crypto::kOidVdsNcSigner, v.issuing_state, false);
  // The document-type extension must list this type.
  const char* doc_type = vds_nc_document_type(v.type);
  CheckStatus status = CheckStatus::ok;
  std::string message;
  if (!cert.has_document_type_list) {
    status = CheckStatus::error;
    message = "the signer certificate has no document type list (2.23.136.1.1.6.2)";
  } else if (!cert.document_type_list_error.empty()) {
    status = CheckStatus::error;
    message = "the signer certificate's document type list is malformed: " + cert.document_type_list_error;
  } else if (doc_type == nullptr) {
    status = CheckStatus::not_done;
    message = "type " + v.type + " has no known 9303-13 document type to look for";
  } else if (!cert.allows_document_type(doc_type)) {
    status = CheckStatus::error;
    message = std::string("the signer certificate does not allow document type ") + doc_type;
  } else {
    message = std::string("the signer certificate allows document type ") + doc_type;
  }
  // Required: a type whose certificate restriction cannot be checked leaves the verdict
  // not_done rather than ok.
  r.checks.push_back(record("seal.signer_document_type", CheckGroup::security, status,
                            status == CheckStatus::ok ? Diagnose::none : Diagnose::certificate_usage, std::move(message), true,
                            true));
  if (status == CheckStatus::error && r.signature.status == CheckStatus::ok) {
    r.signature.status = CheckStatus::error;
    r.signature.message = r.checks.back().message.view();
  } else if (status == CheckStatus::not_done && r.signature.status == CheckStatus::ok) {
    r.signature.status = CheckStatus::not_done;
    r.signature.message = "the signature verifies and the signer chains, but " + std::string(r.checks.back().message.view());
  }
}

void verify_aamva(SealResult& r, const std::uint8_t* data, std::size_t size, const SealOptions& options) {
  r.aamva = parse_aamva(data, size);
  const AamvaRecord& a = *r.aamva;
  r.checks.push_back(record("seal.format", CheckGroup::doc_type, CheckStatus::ok, Diagnose::none,
                            "an AAMVA DL/ID barcode, version " + std::to_string(a.version) + ", issuer " + a.iin));
  r.signature.message = "AAMVA barcodes carry no signature: the content proves nothing alone";
  // Required: an unsigned barcode leaves the verdict not_done, never ok.
  r.checks.push_back(record("seal.signature", CheckGroup::security, CheckStatus::not_done, Diagnose::unsigned_barcode,
                            r.signature.message, false, true));
  if (!a.warnings.empty())
    r.checks.push_back(record("seal.content", CheckGroup::doc_type, CheckStatus::warning, Diagnose::field_format,
                              join(a.warnings), false, false));
  if (a.expiry_date) {
    const bool expired = compare_dates(*a.expiry_date, options.mrz.today) < 0;
    r.checks.push_back(record("seal.aamva.expiry", CheckGroup::expiry, expired ? CheckStatus::error : CheckStatus::ok,
                              expired ? Diagnose::expired : Diagnose::none,
                              (expired ? "expired on " : "valid until ") + format_iso_date(*a.expiry_date), false));
  }
}

// Recursion without allocation (a wipe must not fail); parsed JSON is at most 64 deep.
void wipe_json(JsonValue& v) noexcept {
  secure_wipe(v.text);
  for (auto& item : v.items) wipe_json(item);
  for (auto& member : v.members) {
    secure_wipe(member.key);
    wipe_json(member.value);
  }
}

}  // namespace

const char* seal_kind_name(SealKind kind) noexcept {
  switch (kind) {
    case SealKind::icao_vds: return "icao_vds";
    case SealKind::icao_vds_nc: return "icao_vds_nc";
    case SealKind::aamva: return "aamva";
    case SealKind::other: return "other";
  }
  return "other";
}

void SealResult::wipe() noexcept {
  if (!payload.empty()) secure_zero(payload.data(), payload.size());
  if (vds)
    for (auto& f : vds->features) {
      if (!f.value.empty()) secure_zero(f.value.data(), f.value.size());
      secure_wipe(f.text);
      for (auto& l : f.mrz_lines) secure_wipe(l);
    }
  if (vds_nc) {
    secure_wipe(vds_nc->signed_bytes);
    wipe_json(vds_nc->message);  // names, dates of birth
  }
  if (aamva) {
    for (auto& s : aamva->subfiles)
      for (auto& e : s.elements) secure_wipe(e.value);
    for (std::string* f : {&aamva->family_name, &aamva->given_names, &aamva->full_name, &aamva->document_number})
      secure_wipe(*f);
    for (auto& w : aamva->warnings) secure_wipe(w);
  }
  if (mrz) secure_wipe(*mrz);
  secure_wipe(error);
  secure_wipe(signature.message);
  for (auto& c : checks) c.message.wipe();
}

SealResult verify_seal(const std::uint8_t* data, std::size_t size, const SealOptions& options) {
  SealResult r;
  if (size > kMaxSealPayload) {
    // No barcode holds this much: refuse before copying or parsing anything.
    r.malformed = true;
    r.error = "a barcode payload of " + std::to_string(size) + " bytes is over the limit of " + std::to_string(kMaxSealPayload);
    r.checks.push_back(record("seal.format", CheckGroup::doc_type, CheckStatus::error, Diagnose::syntax, r.error));
    r.signature.message = "not verified: the seal is malformed";
    r.verdict = decide_verdict(r.checks, false, options.mrz.policy);
    return r;
  }
  if (data != nullptr && size > 0) r.payload.assign(data, data + size);
  if (looks_like_vds(data, size)) r.kind = SealKind::icao_vds;
  else if (looks_like_vds_nc(data, size)) r.kind = SealKind::icao_vds_nc;
  else if (looks_like_aamva(data, size)) r.kind = SealKind::aamva;
  try {
    switch (r.kind) {
      case SealKind::icao_vds: verify_vds(r, data, size, options); break;
      case SealKind::icao_vds_nc: verify_vds_nc(r, data, size, options); break;
      case SealKind::aamva: verify_aamva(r, data, size, options); break;
      case SealKind::other: break;  // a barcode that is not a seal: listed, not judged
    }
  } catch (const InputError& e) {
    // MalformedSeal, or a JSON/certificate error: the seal is malformed, not the call.
    r.malformed = true;
    r.error = e.what();
    r.checks.clear();
    r.checks.push_back(record("seal.format", CheckGroup::doc_type, CheckStatus::error, Diagnose::syntax,
                              std::string("malformed ") + seal_kind_name(r.kind) + ": " + r.error));
    r.signature = SignatureReport{};
    r.signature.message = "not verified: the seal is malformed";
  }
  options.mrz.policy.apply(r.checks);
  // A barcode that is no seal has no checks: nothing was verified, so nothing is ok.
  if (!r.checks.empty()) r.verdict = decide_verdict(r.checks, false, options.mrz.policy);
  return r;
}

}  // namespace docverify::seal
