// C API: the synthetic document generator.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "capi/firewall.hpp"
#include "capi/formats.hpp"
#include "synth/document_seal.hpp"
#include "synth/specimen.hpp"

using docverify::capi::fail;
using docverify::capi::guard;
namespace synth = docverify::synth;

namespace {

synth::SpecimenOptions convert(const dv_specimen_options& o) {
  synth::SpecimenOptions s;
  if (!docverify::capi::format_of(o.format, s.format))
    throw docverify::InputError("unknown MRZ format " + std::to_string(o.format));
  s.count = static_cast<int>(std::min<uint32_t>(o.count, 2000000000U));
  s.seed = o.seed;
  s.dpi = o.dpi;
  s.today = docverify::Date{o.reference_date / 10000, o.reference_date / 100 % 100, o.reference_date % 100};
  const auto all = synth::all_forgeries();  // in DV_FORGERY_* order
  if (o.forgery < 0 || o.forgery >= static_cast<int32_t>(all.size()))
    throw docverify::InputError("unknown forgery " + std::to_string(o.forgery));
  s.forgery = all[static_cast<std::size_t>(o.forgery)];
  switch (o.capture) {
    case DV_CAPTURE_SCAN: s.capture = synth::Capture::scan; break;
    case DV_CAPTURE_KIOSK: s.capture = synth::Capture::kiosk; break;
    case DV_CAPTURE_PHONE: s.capture = synth::Capture::phone; break;
    case DV_CAPTURE_NO_DOCUMENT: s.capture = synth::Capture::no_document; break;
    default: throw docverify::InputError("unknown capture profile " + std::to_string(o.capture));
  }
  if (o.version >= 2) {
    if ((o.flags & ~DV_SPECIMEN_SEAL) != 0) throw docverify::InputError("unknown specimen flags " + std::to_string(o.flags));
    s.seal = (o.flags & DV_SPECIMEN_SEAL) != 0;
  }
  return s;
}

dv_status check_version(const dv_specimen_options* o) {
  if (!o) return fail(DV_E_INVALID_ARG, "specimen options are NULL");
  if (o->version < 1 || o->version > DV_SPECIMEN_OPTIONS_VERSION)
    return fail(DV_E_VERSION, "dv_specimen_options version " + std::to_string(o->version) + " is not known to this library");
  return DV_OK;
}

}  // namespace

extern "C" {

DV_API dv_status dv_specimen_write(const dv_specimen_options* options, const char* directory, uint32_t* out_written) {
  return guard([&]() -> dv_status {
    if (out_written) *out_written = 0;
    if (const dv_status s = check_version(options); s != DV_OK) return s;
    if (!directory) return fail(DV_E_INVALID_ARG, "dv_specimen_write: directory is NULL");
    const auto names = synth::write_specimens(convert(*options), directory);
    if (out_written) *out_written = static_cast<uint32_t>(names.size());
    return DV_OK;
  });
}

DV_API dv_status dv_specimen_write_pki(const char* directory, int32_t reference_date) {
  return guard([&]() -> dv_status {
    if (!directory) return fail(DV_E_INVALID_ARG, "dv_specimen_write_pki: directory is NULL");
    const docverify::Date d{reference_date / 10000, reference_date / 100 % 100, reference_date % 100};
    if (!docverify::is_valid_date(d.year, d.month, d.day)) return fail(DV_E_INVALID_ARG, "reference_date is not a YYYYMMDD date");
    synth::write_specimen_pki(directory, d);
    return DV_OK;
  });
}

DV_API dv_status dv_specimen_render(const dv_specimen_options* options, uint32_t index, uint8_t** out_png,
                                    size_t* out_png_size, char** out_ground_truth) {
  return guard([&]() -> dv_status {
    if (out_png) *out_png = nullptr;
    if (out_png_size) *out_png_size = 0;
    if (out_ground_truth) *out_ground_truth = nullptr;
    if (const dv_status s = check_version(options); s != DV_OK) return s;
    synth::SpecimenOptions o = convert(*options);
    o.count = 1;
    synth::check_options(o);
    if (index > 1000000) return fail(DV_E_OUT_OF_RANGE, "index must be within 0 and 1000000");
    synth::PageRenderer renderer;
    const synth::Specimen s = synth::make_specimen(o, static_cast<int>(index), renderer);
    if (out_png) {
      const std::vector<unsigned char> png = s.has_photo ? s.photo.jpeg : synth::encode_png(s.page.image);
      auto* p = static_cast<uint8_t*>(std::malloc(png.size()));  // released by dv_free
      if (!p) return fail(DV_E_NOMEM, "out of memory");
      std::memcpy(p, png.data(), png.size());
      *out_png = p;
      if (out_png_size) *out_png_size = png.size();
    }
    if (out_ground_truth) {
      char* t = static_cast<char*>(std::malloc(s.ground_truth.size() + 1));
      if (!t) {
        if (out_png) {
          std::free(*out_png);
          *out_png = nullptr;
        }
        return fail(DV_E_NOMEM, "out of memory");
      }
      std::memcpy(t, s.ground_truth.c_str(), s.ground_truth.size() + 1);
      *out_ground_truth = t;
    }
    return DV_OK;
  });
}

}  // extern "C"
