// Writes the bundled seal examples in samples/seals/ (run by hand when they must change;
// everything is deterministic, so a rerun gives the same certificates and payloads):
//   pki/<CC>/csca.pem, pki/<CC>/<CC>TS_5B.pem  the generator's test PKI (a trust store), and
//   pki/UT/UTVN_A0.pem   a VDS-NC signer of the specimen state
//   visa-mrva.jpg          a generated visa scan with its printed VDS (DataMatrix)
//   visa-mrva.vds          that seal's payload bytes (what a hand scanner delivers)
//   vaccination.vdsnc.json a VDS-NC (icao.vacc) signed by the PKI's P-256 VDS-NC signer
//   licence-aamva.txt      an AAMVA DL/ID payload shaped like the 2020 Annex D sample
//   vaccination-qr.png, licence-pdf417.png  the two printed as a QR code and a PDF417
//
//   docverify_make_seal_samples samples/seals
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "barcode/barcode_writer.hpp"
#include "seal/jcs.hpp"
#include "seal/json.hpp"
#include "seal/vds_nc.hpp"
#include "synth/document_seal.hpp"
#include "synth/specimen.hpp"

using namespace docverify;

namespace {

void put(const std::filesystem::path& p, const void* data, std::size_t size) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!f) throw std::runtime_error("cannot write " + p.string());
}


}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: docverify_make_seal_samples DIR\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir / "pki");
  const Date today{2026, 12, 1};
  synth::write_specimen_pki((dir / "pki").string(), today);
  const synth::SpecimenPki pki(today, "UTO");
  synth::TestSignerSpec nc;
  nc.country = "UT";
  nc.common_name = "VN";
  nc.serial = 0xA0;
  nc.curve = "prime256v1";
  nc.vds_nc = true;
  nc.document_types = {"NV"};
  const synth::TestCertificate vds_nc_signer = pki.pki.issue_signer(nc);
  pki.pki.write_files((dir / "pki" / "UT").string(), {&vds_nc_signer});
  std::filesystem::remove(dir / "pki" / "UT" / "UTVN_A0.key.pem");

  synth::SpecimenOptions o;
  o.format = mrz::Format::mrva;
  o.seal = true;
  o.seed = 4;
  o.today = today;
  synth::PageRenderer renderer;
  const synth::Specimen s = synth::make_specimen(o, 0, renderer);
  std::vector<unsigned char> jpeg;
  cv::imencode(".jpg", s.page.image, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90});
  put(dir / "visa-mrva.jpg", jpeg.data(), jpeg.size());
  put(dir / "visa-mrva.vds", s.seal_payload.data(), s.seal_payload.size());

  const std::string data =
      R"({"hdr":{"t":"icao.vacc","v":1,"is":"UTO"},"msg":{"uvci":"U32870","pid":{"n":"Müller Zoë","dob":"1990-01-02",)"
      R"("i":"L898902C"},"ve":[{"des":"XM68M6","nam":"Comirnaty","dis":"RA01.0","vd":[{"dvc":"2021-04-01","seq":1,)"
      R"("ctr":"UTO","adm":"General Hospital","lot":"VC35679"}]}]}})";
  const std::string canonical = seal::canonical_json(seal::parse_json(data));
  const auto rs = synth::sign_plain_ecdsa(vds_nc_signer.key.get(), reinterpret_cast<const std::uint8_t*>(canonical.data()),
                                          canonical.size(), "SHA256");
  const std::string nc_text = R"({"data":)" + data + R"(,"sig":{"alg":"ES256","cer":")" + seal::encode_base64url(vds_nc_signer.der) +
                              R"(","sigvl":")" + seal::encode_base64url(rs) + "\"}}\n";
  put(dir / "vaccination.vdsnc.json", nc_text.data(), nc_text.size());

  // AAMVA DL/ID 2020 (version 10), the Annex D layout: header, two designators, DL + ZV.
  const std::string dl =
      "DLDCAD\nDCBK\nDCDPH\nDBA09142030\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDBD06062016\nDBB06061986\n"
      "DBC1\nDAYBRO\nDAU068 in\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \nDAQT64235789\n"
      "DCFDD0000000001\nDCGUSA\nDDAF\nDDB06062016\nDDK1\r";
  const std::string zv = "ZVZVA01\r";
  char header[64];
  std::snprintf(header, sizeof header, "@\n\x1e\rANSI 636000100102DL%04zu%04zuZV%04zu%04zu", std::size_t{41}, dl.size(),
                41 + dl.size(), zv.size());
  const std::string aamva = std::string(header) + dl + zv;
  put(dir / "licence-aamva.txt", aamva.data(), aamva.size());
  // The two as printed: the VDS-NC as a QR code, the licence as a PDF417.
  const std::vector<std::uint8_t> nc_bytes(nc_text.begin(), nc_text.end() - 1);
  cv::imwrite((dir / "vaccination-qr.png").string(), barcode::render_barcode(barcode::Symbology::qr_code, nc_bytes, 3, 4));
  const std::vector<std::uint8_t> aamva_bytes(aamva.begin(), aamva.end());
  cv::imwrite((dir / "licence-pdf417.png").string(), barcode::render_barcode(barcode::Symbology::pdf417, aamva_bytes, 2, 4));
  std::printf("wrote the seal samples to %s\n", dir.string().c_str());
  return 0;
}
