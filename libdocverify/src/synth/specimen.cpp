#include "synth/specimen.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <opencv2/imgcodecs.hpp>

#include "errors/input_error.hpp"
#include "report/json_writer.hpp"
#include "mrz/builder.hpp"
#include "synth/document_seal.hpp"

namespace docverify::synth {
namespace {

std::string lower_format(mrz::Format f) {
  std::string s(mrz::format_name(f));
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return s;
}

void write_rect(report::JsonWriter& w, std::string_view key, const cv::Rect& r) {
  w.key(key).begin_array().value(r.x).value(r.y).value(r.width).value(r.height).end_array();
}

// How the page looks, so an evaluation can be broken down by look.
void write_style(report::JsonWriter& w, const PageStyle& st) {
  w.key("style").begin_object();
  w.field("portrait_side", st.portrait_right ? "right" : "left");
  w.field("title_font", text_font_name(st.title_font)).field("caption_font", text_font_name(st.caption_font));
  w.field("value_font", text_font_name(st.value_font)).field("caption_languages", st.caption_languages);
  w.field("numbered_captions", st.numbered_captions).field("viz_date_format", viz_date_style_name(st.date_style));
  w.field("paper", hex_colour(st.paper)).field("paper_far", hex_colour(st.paper_far));
  w.key("background").begin_array();
  if (st.rosette) w.value("rosette");
  if (st.waves) w.value("waves");
  if (st.rings) w.value("rings");
  if (st.crosshatch) w.value("crosshatch");
  w.end_array();
  w.field("pattern_ink", hex_colour(st.pattern_ink)).field("pattern_density", st.pattern_density);
  w.key("emblem").begin_object().field("shape", emblem_shape_name(st.issuer.shape));
  w.key("colours").begin_array().value(hex_colour(st.issuer.primary)).value(hex_colour(st.issuer.secondary));
  w.value(hex_colour(st.issuer.metal)).end_array().end_object();
  const MrzPrint& m = st.mrz;
  w.key("mrz_print").begin_object().field("font", m.sharp_cut ? "OCR-B Sharp" : "OCR-B");
  w.field("cap_height_mm", m.cap_height_mm).field("embolden_mm", m.embolden_mm).field("coverage_gamma", m.coverage_gamma);
  w.field("ink", hex_colour(m.ink)).field("offset_x_mm", m.offset_x_mm);
  w.key("line_offset_mm").begin_array();
  for (double v : m.line_offset_mm) w.value(v);
  w.end_array();
  w.field("jitter_x_sd_mm", m.jitter_x_sd_mm).field("jitter_y_sd_mm", m.jitter_y_sd_mm).end_object();
  w.end_object();
}

std::string ground_truth_json(const Specimen& s, const SpecimenOptions& o) {
  std::string out;
  report::JsonWriter w(out);
  const mrz::MrzFieldsInput& f = s.identity.fields;
  w.begin_object();
  w.field("schema", "docverify-specimen/1");
  w.field("name", s.name);
  w.field("image", s.name + (s.has_photo ? ".jpg" : ".png"));
  w.field("format", mrz::format_name(f.format));
  w.field("seed", static_cast<std::int64_t>(o.seed));
  w.field("reference_date", format_iso_date(o.today));
  w.key("capture").begin_object().field("profile", capture_name(o.capture)).field("dpi", o.dpi);
  if (s.has_photo) {
    const PhotoCapture& p = s.photo;
    w.field("rotation_deg", p.rotation_deg).field("tilt_deg", p.tilt_deg).field("blur_sigma", p.blur_sigma);
    w.field("motion_blur_px", p.motion_px).field("noise_sd", p.noise_sd).field("jpeg_quality", p.jpeg_quality);
    w.field("glare", p.glare).field("mrz_char_px", p.mrz_char_px);
  }
  w.end_object();
  w.field("document", o.capture != Capture::no_document);
  w.key("forgery").begin_object().field("type", forgery_name(o.forgery));
  w.field("description", s.forgery_description).key("regions").begin_array();
  for (const ForgeryRegion& r : s.forgery_regions) {
    w.begin_object().field("what", r.what);
    write_rect(w, "box", r.box);
    w.end_object();
  }
  w.end_array().end_object();
  w.key("fields").begin_object();
  w.field("document_code", f.document_code).field("issuing_state", f.issuing_state);
  w.field("document_number", f.document_number).field("nationality", f.nationality);
  w.field("birth_date", f.birth_date).field("sex", std::string(1, f.sex)).field("expiry_date", f.expiry_date);
  w.field("surname", f.surname).field("given_names", f.given_names);
  w.field("optional_data", f.optional_data).field("optional_data_2", f.optional_data_2);
  w.end_object();
  w.field("mrz_printed", o.capture != Capture::no_document && !o.without_mrz);
  w.key("mrz_lines").begin_array();
  for (const auto& l : s.page.mrz_lines) w.value(l);
  w.end_array();
  const cv::Mat& img = s.page.image;
  auto write_quad = [&](std::string_view key, const std::vector<cv::Point2d>& quad) {
    w.key(key).begin_array();
    for (const auto& p : quad) w.begin_array().value(p.x).value(p.y).end_array();
    w.end_array();
  };
  if (s.has_photo) {
    write_quad("document_quad", s.photo.document_quad);  // empty for a scene without document
    write_quad("mrz_quad", s.photo.mrz_quad);
  } else {
    write_quad("document_quad", {cv::Point2d(0, 0), cv::Point2d(img.cols - 1, 0), cv::Point2d(img.cols - 1, img.rows - 1),
                                 cv::Point2d(0, img.rows - 1)});
  }
  write_rect(w, "mrz_box", s.page.mrz_box);
  write_rect(w, "portrait_box", s.page.portrait_box);
  write_rect(w, "emblem_box", s.page.emblem_box);
  write_rect(w, "signature_box", s.page.signature_box);
  // The reserved 2D-barcode area (null when the page has none), and where it lands in a photo.
  if (s.page.barcode_box.area() > 0) write_rect(w, "barcode_box", s.page.barcode_box);
  else w.key("barcode_box").null();
  // The printed seal: its bytes (what a reader must decode) and the symbol on the page.
  w.key("seal");
  if (!s.seal_payload.empty()) {
    static const char* digits = "0123456789ABCDEF";
    std::string hex;
    for (std::uint8_t b : s.seal_payload) hex += {digits[b >> 4], digits[b & 0xF]};
    w.begin_object();
    w.field("kind", "icao_vds").field("symbology", "data_matrix").field("payload_hex", hex);
    write_rect(w, "box", s.seal_box);
    w.end_object();
  } else {
    w.null();
  }
  if (s.has_photo) write_quad("barcode_quad", s.page.barcode_box.area() > 0 && s.photo.document_quad.size() == 4
                                                  ? map_box(s.photo.page_to_photo, s.page.barcode_box)
                                                  : std::vector<cv::Point2d>{});
  if (s.page.microtext_box.area() > 0) {
    w.key("microtext").begin_object().field("text", s.page.microtext).field("cap_height_mm", s.style.microtext_cap_mm);
    write_rect(w, "box", s.page.microtext_box);
    w.end_object();
  } else {
    w.key("microtext").null();
  }
  write_style(w, s.style);
  w.key("mrz_chars").begin_array();
  for (const CharBox& c : s.page.chars) {
    if (c.box.area() == 0) continue;  // fillers' inked boxes are small but present; blanks skipped
    w.begin_object().field("line", c.line + 1).field("column", c.column + 1).field("char", std::string(1, c.ch));
    write_rect(w, "box", c.box);
    w.end_object();
  }
  w.end_array();
  w.key("companions").begin_object();
  if (!s.infrared.empty()) w.field("infrared", s.name + "_ir.png");
  if (!s.ultraviolet.empty()) w.field("ultraviolet", s.name + "_uv.png");
  w.end_object();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace

std::string_view capture_name(Capture c) noexcept {
  switch (c) {
    case Capture::scan: return "scan";
    case Capture::kiosk: return "kiosk";
    case Capture::phone: return "phone";
    case Capture::no_document: return "no_document";
  }
  return "scan";
}

bool parse_capture(std::string_view name, Capture& out) noexcept {
  for (Capture c : {Capture::scan, Capture::kiosk, Capture::phone, Capture::no_document}) {
    if (capture_name(c) == name) {
      out = c;
      return true;
    }
  }
  return false;
}

void check_options(const SpecimenOptions& o) {
  if (o.count < 1 || o.count > 1000000) throw InputError("count must be within 1 and 1000000");
  if (!(o.dpi >= 72 && o.dpi <= 1200)) throw InputError("dpi must be within 72 and 1200");
  if (!is_valid_date(o.today.year, o.today.month, o.today.day)) throw InputError("reference date is not a calendar date");
  if (o.seal && !format_has_seal_profile(o.format))
    throw InputError("seals are printed on MRV-A and MRV-B visas and TD2 documents only (no VDS profile carries this MRZ)");
  if (o.seal && (o.without_mrz || o.capture == Capture::no_document)) throw InputError("a seal needs a document with an MRZ");
  if (o.seal && o.barcode_area == FeatureChoice::off) throw InputError("a seal needs the barcode area");
}

std::vector<unsigned char> encode_png(const cv::Mat& image) {
  std::vector<unsigned char> png;
  if (!cv::imencode(".png", image, png, {cv::IMWRITE_PNG_COMPRESSION, 3})) throw ResourceError("PNG encoding failed");
  return png;
}

Specimen make_specimen(const SpecimenOptions& o, int index, PageRenderer& renderer) {
  // One stream per document, derived from seed, format and index: the same seed gives other
  // holders in another format.
  Random rng(o.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(index) + 1 +
             static_cast<std::uint64_t>(o.format) * 0x632BE59BD9B4E019ULL);
  Specimen s;
  // The name says what the document is: format (or "nodoc" for a scene without one), what
  // was forged or left out, seed and index.
  std::string kind = o.capture == Capture::no_document ? std::string("nodoc") : lower_format(o.format);
  if (o.capture != Capture::no_document && o.without_mrz) kind += "-nomrz";
  if (o.capture != Capture::no_document && o.forgery != Forgery::none) kind += "-" + std::string(forgery_name(o.forgery));
  char name[96];
  std::snprintf(name, sizeof name, "%s-seed%llu-%05d", kind.c_str(), static_cast<unsigned long long>(o.seed), index);
  s.name = name;
  s.identity = random_identity(o.format, rng, o.today);
  // The seal signs the genuine MRZ: a data forgery below changes the page only.
  const mrz::MrzFieldsInput genuine = s.identity.fields;
  const std::vector<std::string> genuine_mrz = o.seal ? mrz::build_mrz(genuine).lines : std::vector<std::string>{};
  ForgeryPlan plan = plan_forgery(o.forgery, s.identity, rng, o.today);
  plan.tweaks.omit_mrz = o.without_mrz;
  s.forgery_description = plan.description;
  // The issuer's emblem and tint depend on its code and the corpus seed; the page's look is
  // drawn per document.
  const IssuerDesign issuer = issuer_design(s.identity.fields.issuing_state, o.seed);
  s.style = random_page_style(o.format, s.identity.issuer_language, issuer, o.microtext,
                              o.seal ? FeatureChoice::on : o.barcode_area, rng);
  const Random layout = rng;  // the companions repeat the visible page's random draws
  s.page = renderer.render(s.identity, s.style, o.dpi, rng, plan.tweaks);
  if (o.capture == Capture::kiosk) {
    Random ir_rng = layout, uv_layout = layout;
    Random fibres(o.seed * 0xD1B54A32D192ED03ULL + static_cast<std::uint64_t>(index));
    s.infrared = renderer.render(s.identity, s.style, o.dpi, ir_rng, plan.tweaks, Spectrum::infrared).image;
    s.ultraviolet =
        renderer.render(s.identity, s.style, o.dpi, uv_layout, plan.tweaks, Spectrum::ultraviolet, &fibres).image;
  }
  if (o.seal) {
    const SpecimenPki pki(o.today, genuine.issuing_state);
    const Date issued = civil_from_days(days_from_civil(o.today) - 30);
    s.seal_payload = make_document_seal(o.format, genuine_mrz, genuine.issuing_state, genuine.document_number, issued, pki);
    s.seal_box = draw_seal(s.page.image, s.page.barcode_box, s.seal_payload);
    if (s.seal_box.empty()) throw InputError("the seal does not fit the barcode area at this dpi");
    // Carbon-black modules: dark under infrared and ultraviolet light too.
    for (cv::Mat* companion : {&s.infrared, &s.ultraviolet})
      if (!companion->empty()) draw_seal(*companion, s.page.barcode_box, s.seal_payload);
  }
  s.forgery_regions = finish_forgery(o.forgery, s.page, rng);
  if (o.capture == Capture::phone || o.capture == Capture::no_document) {
    // The photo's random draws come after the page's, so the page itself stays the same.
    const double cap_px = s.style.mrz.cap_height_mm * o.dpi / 25.4;
    s.photo = o.capture == Capture::phone ? capture_phone(s.page.image, s.page.mrz_box, cap_px, rng)
                                          : capture_no_document(rng);
    s.has_photo = true;
  }
  s.ground_truth = ground_truth_json(s, o);
  return s;
}

void write_specimen_files(const Specimen& s, const std::string& directory) {
  // PNG without timestamps or gamma chunks: the same pixels give the same bytes.
  const std::vector<int> png = {cv::IMWRITE_PNG_COMPRESSION, 3};
  const std::string base = (std::filesystem::path(directory) / s.name).string();
  if (s.has_photo) {
    std::ofstream jpg(base + ".jpg", std::ios::binary);
    jpg.write(reinterpret_cast<const char*>(s.photo.jpeg.data()), static_cast<std::streamsize>(s.photo.jpeg.size()));
    if (!jpg) throw ResourceError("cannot write " + base + ".jpg");
  } else if (!cv::imwrite(base + ".png", s.page.image, png)) {
    throw ResourceError("cannot write " + base + ".png");
  }
  if (!s.infrared.empty() && !cv::imwrite(base + "_ir.png", s.infrared, png))
    throw ResourceError("cannot write " + base + "_ir.png");
  if (!s.ultraviolet.empty() && !cv::imwrite(base + "_uv.png", s.ultraviolet, png))
    throw ResourceError("cannot write " + base + "_uv.png");
  std::ofstream json(base + ".json", std::ios::binary);
  json << s.ground_truth;
  if (!json) throw ResourceError("cannot write " + base + ".json");
}

std::vector<std::string> write_specimens(const SpecimenOptions& o, const std::string& directory) {
  check_options(o);
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw ResourceError("cannot create " + directory + ": " + ec.message());
  PageRenderer renderer;
  std::vector<std::string> names;
  for (int i = 0; i < o.count; ++i) {
    const Specimen s = make_specimen(o, i, renderer);
    write_specimen_files(s, directory);
    names.push_back(s.name);
  }
  return names;
}

}  // namespace docverify::synth
