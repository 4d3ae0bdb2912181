#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "seal/jcs.hpp"
#include "seal/seal_error.hpp"
#include "seal/vds_nc.hpp"

namespace docverify::seal {
namespace {

std::string base64url(const std::vector<std::uint8_t>& bytes) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(v >> shift) & 63];
  }
  if (bytes.size() - i == 1) {
    const unsigned v = bytes[i] << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
  } else if (bytes.size() - i == 2) {
    const unsigned v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
  }
  return out;
}

// Stand-in bytes: a DER SEQUENCE header followed by a counting pattern (the parser checks
// only the tag; the verifier parses the certificate).
std::vector<std::uint8_t> fake_certificate(std::size_t size = 301) {
  std::vector<std::uint8_t> der(size);
  der[0] = 0x30;
  for (std::size_t i = 1; i < size; ++i) der[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return der;
}

std::vector<std::uint8_t> fake_signature(std::size_t size = 64) {
  std::vector<std::uint8_t> sig(size);
  for (std::size_t i = 0; i < size; ++i) sig[i] = static_cast<std::uint8_t>(255 - i * 5);
  return sig;
}

// Shaped like the ICAO vaccination (PoV) example: canonical data, compact.
const char kCanonicalData[] =
    R"({"hdr":{"is":"UTO","t":"icao.vacc","v":1},"msg":{"pid":{"dob":"1990-01-02","i":"A1234567","n":"Smith Bill",)"
    R"("sex":"M"},"uvci":"U32870","ve":[{"des":"XM68M6","dis":"RA01.0","nam":"Comirnaty","vd":[{"adm":"RIVM",)"
    R"("ctr":"NLD","dvc":"2021-04-01","lot":"VC35679","seq":1},{"adm":"RIVM","ctr":"NLD","dvc":"2021-04-22",)"
    R"("lot":"VC87540","seq":2}]}]}})";

std::string sig_json(const std::string& alg = "ES256", const std::string& cer = base64url(fake_certificate()),
                     const std::string& sigvl = base64url(fake_signature())) {
  return R"({"alg":")" + alg + R"(","cer":")" + cer + R"(","sigvl":")" + sigvl + R"("})";
}

std::string seal_json(const std::string& data = kCanonicalData, const std::string& sig = sig_json()) {
  return R"({"data":)" + data + R"(,"sig":)" + sig + "}";
}

VdsNcSeal parse(const std::string& text) {
  return parse_vds_nc(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

std::string error_of(const std::string& text) {
  try {
    (void)parse(text);
  } catch (const MalformedSeal& error) {
    return error.what();
  }
  return "";
}

bool has_warning(const VdsNcSeal& seal, const std::string& part) {
  for (const auto& w : seal.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(VdsNc, ParsesVaccinationSeal) {
  const VdsNcSeal seal = parse(seal_json());
  EXPECT_EQ(seal.type, "icao.vacc");
  EXPECT_EQ(seal.version, 1);
  EXPECT_EQ(seal.issuing_state, "UTO");
  EXPECT_EQ(seal.algorithm, "ES256");
  EXPECT_EQ(seal.certificate_der, fake_certificate());
  EXPECT_EQ(seal.signature, fake_signature());
  EXPECT_EQ(seal.signed_bytes, kCanonicalData);
  EXPECT_TRUE(seal.warnings.empty()) << seal.warnings.front();
  ASSERT_TRUE(seal.message.is_object());
  EXPECT_EQ(seal.message.find("uvci")->text, "U32870");
}

TEST(VdsNc, ReorderedKeysAndWhitespaceGiveTheSameSignedBytes) {
  const std::string reordered = "\r\n  {\n\t\"sig\" : " + sig_json() + " ,\n \"data\" : {\n"
      R"(  "msg": { "ve": [ { "vd": [ { "seq": 1, "lot": "VC35679", "dvc": "2021-04-01", "ctr": "NLD", "adm": "RIVM" },)"
      R"(  {"lot":"VC87540","seq":2.0,"adm":"RIVM","ctr":"NLD","dvc":"2021-04-22"} ], "nam": "Comirnaty",)"
      R"(  "dis": "RA01.0", "des": "XM68M6" } ], "uvci": "U\u0033\u0032870",)"
      R"(  "pid": { "sex": "M", "n": "Smith Bill", "i": "A1234567", "dob": "1990-01-02" } },)"
      "\n  \"hdr\": {\"v\": 1, \"t\": \"icao.vacc\", \"is\": \"UTO\"}\n }\n}\n";
  const VdsNcSeal original = parse(seal_json());
  const VdsNcSeal shuffled = parse(reordered);
  EXPECT_EQ(shuffled.signed_bytes, original.signed_bytes);
  EXPECT_EQ(shuffled.signed_bytes, kCanonicalData);
}

TEST(VdsNc, OneChangedValueChangesTheSignedBytes) {
  std::string data = kCanonicalData;
  const std::size_t at = data.find("Smith Bill");
  ASSERT_NE(at, std::string::npos);
  data[at + 7] = 'u';  // "Smith Bull"
  const VdsNcSeal altered = parse(seal_json(data));
  EXPECT_NE(altered.signed_bytes, kCanonicalData);
  EXPECT_EQ(altered.signed_bytes.size(), std::string(kCanonicalData).size());
  // A changed number changes them too, an equal number spelled differently does not.
  std::string dose = kCanonicalData;
  dose.replace(dose.find("\"seq\":2"), 7, "\"seq\":3");
  EXPECT_NE(parse(seal_json(dose)).signed_bytes, kCanonicalData);
  std::string spelled = kCanonicalData;
  spelled.replace(spelled.find("\"seq\":2"), 7, "\"seq\":2E0");
  EXPECT_EQ(parse(seal_json(spelled)).signed_bytes, kCanonicalData);
}

TEST(VdsNc, SignatureMemberIsNotSigned) {
  const VdsNcSeal a = parse(seal_json());
  const VdsNcSeal b = parse(seal_json(kCanonicalData, sig_json("ES384", base64url(fake_certificate(40)),
                                                               base64url(fake_signature(96)))));
  EXPECT_EQ(a.signed_bytes, b.signed_bytes);
  EXPECT_EQ(b.algorithm, "ES384");
  EXPECT_EQ(b.signature.size(), 96U);
}

TEST(VdsNc, NonAsciiNamesAndDecimalsAreCanonicalised) {
  const std::string data =
      R"({"msg":{"pid":{"n":"M\u00dcLLER J\u00d6RG","w":72.50,"h":1.8E2},"uvci":"X","ve":[]},)"
      R"("hdr":{"t":"icao.vacc","v":1,"is":"D<<"}})";
  const VdsNcSeal seal = parse(seal_json(data));
  EXPECT_EQ(seal.issuing_state, "D<<");
  EXPECT_EQ(seal.signed_bytes,
            "{\"hdr\":{\"is\":\"D<<\",\"t\":\"icao.vacc\",\"v\":1},\"msg\":{\"pid\":{\"h\":180,\"n\":\"M\xC3\x9CLLER "
            "J\xC3\x96RG\",\"w\":72.5},\"uvci\":\"X\",\"ve\":[]}}");
}

TEST(VdsNc, RejectsDuplicateKeys) {
  std::string data = kCanonicalData;
  data.replace(data.find("\"sex\":\"M\""), 9, "\"sex\":\"M\",\"n\":\"Other Name\"");
  EXPECT_NE(error_of(seal_json(data)).find("duplicate"), std::string::npos);
  EXPECT_NE(error_of(R"({"data":)" + std::string(kCanonicalData) + R"(,"sig":)" + sig_json() +
                     R"(,"data":)" + kCanonicalData + "}")
                .find("duplicate"),
            std::string::npos);
}

TEST(VdsNc, RejectsUnknownAlgorithms) {
  for (const char* alg : {"RS256", "PS256", "es256", "ES256K", "none", "", "EdDSA"}) {
    const std::string error = error_of(seal_json(kCanonicalData, sig_json(alg)));
    EXPECT_NE(error.find("unknown signature algorithm"), std::string::npos) << alg << ": " << error;
  }
  EXPECT_NE(error_of(seal_json(kCanonicalData, R"({"alg":256,"cer":"MA","sigvl":"AA"})")).find("sig.alg is a number"),
            std::string::npos);
}

TEST(VdsNc, SignatureLengthMustFitTheAlgorithm) {
  EXPECT_NO_THROW(parse(seal_json(kCanonicalData, sig_json("ES512", base64url(fake_certificate()),
                                                           base64url(fake_signature(132))))));
  for (const std::size_t size : {0U, 63U, 65U, 96U, 132U}) {
    const std::string error =
        error_of(seal_json(kCanonicalData, sig_json("ES256", base64url(fake_certificate()), base64url(fake_signature(size)))));
    EXPECT_NE(error, "") << size;
  }
  EXPECT_NE(error_of(seal_json(kCanonicalData, sig_json("ES384"))).find("ES384 needs 96"), std::string::npos);
}

TEST(VdsNc, ChecksTheStructure) {
  const std::string sig = sig_json();
  const std::string hdr = R"("hdr":{"t":"icao.vacc","v":1,"is":"UTO"})";
  const std::string msg = R"("msg":{"uvci":"U1","pid":{"n":"A"},"ve":[]})";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"[1,2]", "expected an object"},
      {R"({"data":{)" + hdr + "," + msg + "}}", "missing member sig"},
      {R"({"sig":)" + sig + "}", "missing member data"},
      {R"({"data":[],"sig":)" + sig + "}", "data is an array"},
      {R"({"data":{)" + msg + R"(},"sig":)" + sig + "}", "missing member data.hdr"},
      {R"({"data":{)" + hdr + R"(},"sig":)" + sig + "}", "missing member data.msg"},
      {R"({"data":{)" + hdr + R"(,"msg":[]},"sig":)" + sig + "}", "data.msg is an array"},
      {R"({"data":{"hdr":{"v":1,"is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}", "missing member data.hdr.t"},
      {R"({"data":{"hdr":{"t":"","v":1,"is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}", "data.hdr.t must be"},
      {R"({"data":{"hdr":{"t":"icao vacc","v":1,"is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}", "printable ASCII"},
      {R"({"data":{"hdr":{"t":"icao.vacc","v":"1","is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}",
       "data.hdr.v is a string"},
      {R"({"data":{"hdr":{"t":"icao.vacc","v":1.5,"is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}", "got 1.5"},
      {R"({"data":{"hdr":{"t":"icao.vacc","v":0,"is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}", "data.hdr.v"},
      {R"({"data":{"hdr":{"t":"icao.vacc","v":-1,"is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}", "data.hdr.v"},
      {R"({"data":{"hdr":{"t":"icao.vacc","v":1e10,"is":"UTO"},)" + msg + R"(},"sig":)" + sig + "}", "data.hdr.v"},
      {R"({"data":{"hdr":{"t":"icao.vacc","v":1},)" + msg + R"(},"sig":)" + sig + "}", "missing member data.hdr.is"},
      {R"({"data":{)" + hdr + "," + msg + R"(},"sig":)" + sig + R"(,"extra":1})", "unexpected top-level member 'extra'"},
      {R"({"data":{)" + hdr + "," + msg + R"(},"sig":{"alg":"ES256","cer":"MA","sigvl":"AA","kid":"x"}})",
       "unexpected member 'kid' in sig"},
      {R"({"data":{)" + hdr + "," + msg + R"(},"sig":{"alg":"ES256","sigvl":"AA"}})", "missing member sig.cer"},
      {R"({"data":{)" + hdr + "," + msg + R"(},"sig":{"alg":"ES256","cer":"MA"}})", "missing member sig.sigvl"},
  };
  for (const auto& [text, expected] : bad) {
    const std::string error = error_of(text);
    EXPECT_NE(error.find(expected), std::string::npos) << text << "\n  -> " << error;
    EXPECT_EQ(error.rfind("VDS-NC: ", 0), 0U) << error;
  }
}

TEST(VdsNc, ChecksTheIssuingState) {
  for (const char* state : {"AUS", "UTO", "D<<", "AB<"}) {
    const std::string data = std::string(R"({"hdr":{"t":"icao.vacc","v":1,"is":")") + state +
                             R"("},"msg":{"uvci":"U","pid":{"n":"A"},"ve":[]}})";
    EXPECT_EQ(parse(seal_json(data)).issuing_state, state);
  }
  for (const char* state : {"au", "Aus", "AUSX", "AU", "A1S", "<AU", "D<A", "A U", "", "\xC3\x84US"}) {
    const std::string data = std::string(R"({"hdr":{"t":"icao.vacc","v":1,"is":")") + state +
                             R"("},"msg":{"uvci":"U","pid":{"n":"A"},"ve":[]}})";
    EXPECT_NE(error_of(seal_json(data)).find("issuing state"), std::string::npos) << state;
  }
}

TEST(VdsNc, WarnsAboutSignedButUnknownThings) {
  const std::string data = R"({"hdr":{"t":"icao.vis","v":2,"is":"UTO","x":1},"msg":{"a":"b"},"note":"extra"})";
  const VdsNcSeal seal = parse(seal_json(data));
  EXPECT_EQ(seal.version, 2);
  EXPECT_TRUE(has_warning(seal, "unknown VDS-NC type 'icao.vis'"));
  EXPECT_TRUE(has_warning(seal, "header version 2"));
  EXPECT_TRUE(has_warning(seal, "data.hdr has an unknown member 'x'"));
  EXPECT_TRUE(has_warning(seal, "data has an unknown member 'note'"));
  // The extra member is signed.
  EXPECT_NE(seal.signed_bytes.find("\"note\":\"extra\""), std::string::npos);
  // Version 1.0 is version 1.
  EXPECT_EQ(parse(seal_json(R"({"hdr":{"t":"icao.vacc","v":1.0,"is":"UTO"},"msg":{"uvci":"U","pid":{"n":"A"},"ve":[]}})"))
                .version,
            1);
}

TEST(VdsNc, WarnsAboutMissingRequiredMessageFields) {
  const VdsNcSeal vacc = parse(seal_json(R"({"hdr":{"t":"icao.vacc","v":1,"is":"UTO"},"msg":{"pid":{"dob":"x"}}})"));
  EXPECT_TRUE(has_warning(vacc, "lacks the required member 'uvci'"));
  EXPECT_TRUE(has_warning(vacc, "lacks the required member 've'"));
  EXPECT_TRUE(has_warning(vacc, "pid.n"));
  const VdsNcSeal test = parse(seal_json(R"({"hdr":{"t":"icao.test","v":1,"is":"UTO"},"msg":{"utci":"T"}})"));
  EXPECT_TRUE(has_warning(test, "'sp'"));
  EXPECT_TRUE(has_warning(test, "'tr'"));
  EXPECT_FALSE(has_warning(test, "'utci'"));
}

TEST(VdsNc, Base64Policy) {
  std::vector<std::string> warnings;
  const std::vector<std::uint8_t> bytes = {0xFB, 0xFF, 0xBF, 0x3E, 0x00};
  EXPECT_EQ(decode_base64url("-_-_PgA", "x", warnings), bytes);
  EXPECT_TRUE(warnings.empty());
  // Padding: accepted with a warning when correct.
  EXPECT_EQ(decode_base64url("-_-_PgA=", "x", warnings), bytes);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("padding"), std::string::npos);
  warnings.clear();
  EXPECT_EQ(decode_base64url("AA==", "x", warnings), std::vector<std::uint8_t>{0});
  // Standard alphabet: accepted with a warning.
  EXPECT_EQ(decode_base64url("+/+/PgA", "x", warnings), bytes);
  EXPECT_NE(warnings.back().find("standard base64 alphabet"), std::string::npos);
  for (const char* bad : {"-_+/", "AA=", "AA===", "AAA==", "AAAA=", "A", "AAAAA", "AA=A", "A A", "AA\n", "AA.",
                          "AB", "AAB", "", "===="}) {
    EXPECT_THROW(decode_base64url(bad, "x", warnings), MalformedSeal) << bad;
  }
  // Through the seal parser, with the field named in the message.
  const std::string padded = base64url(fake_signature()) + "==";  // 64 bytes: 86 characters + 2
  const VdsNcSeal seal = parse(seal_json(kCanonicalData, sig_json("ES256", base64url(fake_certificate()), padded)));
  EXPECT_EQ(seal.signature, fake_signature());
  EXPECT_TRUE(has_warning(seal, "sig.sigvl carries base64 '=' padding"));
  EXPECT_NE(error_of(seal_json(kCanonicalData, sig_json("ES256", "MA*A"))).find("sig.cer has a character outside"),
            std::string::npos);
}

TEST(VdsNc, BoundsTheCertificate) {
  EXPECT_NE(error_of(seal_json(kCanonicalData, sig_json("ES256", ""))).find("sig.cer is empty"), std::string::npos);
  std::vector<std::uint8_t> not_der = fake_certificate();
  not_der[0] = 0x31;
  EXPECT_NE(error_of(seal_json(kCanonicalData, sig_json("ES256", base64url(not_der)))).find("DER SEQUENCE"),
            std::string::npos);
  EXPECT_NO_THROW(parse(seal_json(kCanonicalData, sig_json("ES256", base64url(fake_certificate(4096))))));
  EXPECT_NE(error_of(seal_json(kCanonicalData, sig_json("ES256", base64url(fake_certificate(4097))))).find("more than 4096"),
            std::string::npos);
}

TEST(VdsNc, SkipsAByteOrderMarkWithAWarning) {
  const VdsNcSeal seal = parse("\xEF\xBB\xBF" + seal_json());
  EXPECT_EQ(seal.signed_bytes, kCanonicalData);
  EXPECT_TRUE(has_warning(seal, "byte order mark"));
  EXPECT_NE(error_of("\xEF\xBB\xBF{").find("after the byte order mark"), std::string::npos);
}

TEST(VdsNc, SniffsPayloads) {
  const auto sniff = [](const std::string& text) {
    return looks_like_vds_nc(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  };
  EXPECT_TRUE(sniff(seal_json()));
  EXPECT_TRUE(sniff(" \n\t{\"sig\":{},\"data\":{}}"));
  EXPECT_TRUE(sniff("\xEF\xBB\xBF{\"data\":1,\"sig\":2}"));
  EXPECT_FALSE(sniff("\xDC\x03\xD9\xC5"));  // a binary VDS
  EXPECT_FALSE(sniff("[\"data\",\"sig\"]"));
  EXPECT_FALSE(sniff("{\"data\":{}}"));
  EXPECT_FALSE(sniff("HC1:6BFOXN"));
  EXPECT_FALSE(sniff(""));
  EXPECT_FALSE(looks_like_vds_nc(nullptr, 10));
}

TEST(VdsNc, FlattensTheMessage) {
  const VdsNcSeal seal = parse(seal_json());
  const auto lines = flatten_message(seal.message);
  const std::vector<std::pair<std::string, std::string>> expected_prefix = {
      {"pid.dob", "1990-01-02"}, {"pid.i", "A1234567"}, {"pid.n", "Smith Bill"}, {"pid.sex", "M"},
      {"uvci", "U32870"},        {"ve[0].des", "XM68M6"}, {"ve[0].dis", "RA01.0"}, {"ve[0].nam", "Comirnaty"},
      {"ve[0].vd[0].adm", "RIVM"}, {"ve[0].vd[0].ctr", "NLD"}, {"ve[0].vd[0].dvc", "2021-04-01"},
      {"ve[0].vd[0].lot", "VC35679"}, {"ve[0].vd[0].seq", "1"}};
  ASSERT_EQ(lines.size(), 18U);
  for (std::size_t i = 0; i < expected_prefix.size(); ++i) EXPECT_EQ(lines[i], expected_prefix[i]) << i;
  EXPECT_EQ(lines.back(), (std::pair<std::string, std::string>{"ve[0].vd[1].seq", "2"}));

  const JsonValue odd = parse_json(R"({"a.b":1,"x":{"[y]":true,"":null,"q\"":"v"},"e":[],"f":{},"g":[[0.5]]})");
  const auto odd_lines = flatten_message(odd);
  const std::vector<std::pair<std::string, std::string>> expected_odd = {
      {R"(["a.b"])", "1"}, {R"(x["[y]"])", "true"}, {R"(x[""])", "null"}, {R"(x["q\""])", "v"}, {"g[0][0]", "0.5"}};
  EXPECT_EQ(odd_lines, expected_odd);
}

TEST(VdsNc, FlatteningIsBounded) {
  std::string text = "[";
  for (int i = 0; i < 1000; ++i) text += i ? ",1" : "1";
  const JsonValue many = parse_json(text + "]");
  bool truncated = false;
  EXPECT_EQ(flatten_message(many, 256, &truncated).size(), 256U);
  EXPECT_TRUE(truncated);
  EXPECT_EQ(flatten_message(many, 1000, &truncated).size(), 1000U);
  EXPECT_FALSE(truncated);
  EXPECT_EQ(flatten_message(many, 0, &truncated).size(), 0U);
  EXPECT_TRUE(truncated);
}

TEST(VdsNc, TruncationAtEveryPositionThrows) {
  const std::string text = seal_json();
  for (std::size_t length = 0; length < text.size(); ++length) {
    EXPECT_THROW(parse(text.substr(0, length)), MalformedSeal) << "prefix of length " << length;
  }
}

TEST(VdsNc, ByteFlipsThrowOnlyMalformedSeal) {
  const std::string text = seal_json();
  int parsed = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string flipped = text;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
    try {
      (void)parse(flipped);
      ++parsed;
    } catch (const MalformedSeal&) {
    }
  }
  EXPECT_GT(parsed, 0);  // flips inside string values still parse (and then fail the signature)
}

}  // namespace
}  // namespace docverify::seal
