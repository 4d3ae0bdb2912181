// C API: the image reader and the stream session over reader/.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/pixels.hpp"
#include "capi/secure_zero.hpp"
#include "reader/mrz_image_reader.hpp"
#include "verify/document_verifier.hpp"
#include "reader/mrz_stream.hpp"
#include "report/read_report.hpp"
#include "report/visual_report.hpp"

using docverify::capi::fail;
using docverify::capi::guard;
namespace reader = docverify::reader;
namespace verify = docverify::verify;

struct dv_read_result {
  reader::ImageReadResult result;
  std::string source;
  docverify::Date today{};
  docverify::Profile profile = docverify::Profile::kiosk;
  std::unique_ptr<dv_mrz_result> best;                 // NULL when nothing was found
  std::vector<std::unique_ptr<dv_mrz_result>> others;
  mutable std::once_flag json_once;
  mutable std::string json;
  docverify::report::PageEvidence evidence;  // verify calls: heat maps, the page when kept
  bool verified = false;                     // a verify call: the report has "seals"
  std::vector<std::unique_ptr<dv_seal>> seals;
};

struct dv_mrz_stream {
  std::unique_ptr<reader::MrzStream> stream;
  docverify::Date today{};
  docverify::Profile profile = docverify::Profile::kiosk;
};

using docverify::capi::mat_of;

namespace {

dv_status check_options(const dv_read_options* o) {
  if (!o) return DV_OK;
  if (o->version < 1 || o->version > DV_READ_OPTIONS_VERSION)
    return fail(DV_E_VERSION, "read options version " + std::to_string(o->version) + " is not known to this library");
  if (o->engine < 0 || o->engine > DV_OCR_TESSERACT) return fail(DV_E_OUT_OF_RANGE, "unknown OCR engine " + std::to_string(o->engine));
  if (!(o->min_uncovered_confidence >= 0.0 && o->min_uncovered_confidence <= 1.0))
    return fail(DV_E_OUT_OF_RANGE, "min_uncovered_confidence must be in [0, 1]");
  if (o->max_documents > 16) return fail(DV_E_OUT_OF_RANGE, "max_documents must be at most 16");
  return DV_OK;
}

reader::ReadOptions read_options_of(const dv_context& ctx, const dv_read_options* o) {
  reader::ReadOptions r;
  r.mrz = docverify::capi::mrz_options_of(ctx);
  if (o) {
    if (o->engine == DV_OCR_BUILTIN) r.engine = reader::OcrEngine::builtin;
    if (o->engine == DV_OCR_TESSERACT) r.engine = reader::OcrEngine::tesseract;
    if (o->min_uncovered_confidence > 0) r.min_uncovered_confidence = static_cast<float>(o->min_uncovered_confidence);
    if (o->max_documents > 0) r.max_documents = static_cast<int>(o->max_documents);
  }
  return r;
}


std::unique_ptr<dv_mrz_result> mrz_handle(const docverify::mrz::MrzResult& r, const docverify::mrz::MrzOptions& o) {
  auto h = std::make_unique<dv_mrz_result>();
  h->result = r;
  h->today = o.today;
  h->profile = o.profile;
  docverify::capi::materialise(*h);
  return h;
}

std::unique_ptr<dv_read_result> wrap(reader::ImageReadResult r, const reader::ReadOptions& o, std::string source) {
  auto h = std::make_unique<dv_read_result>();
  h->today = o.mrz.today;
  h->profile = o.mrz.profile;
  h->source = std::move(source);
  if (r.found) h->best = mrz_handle(r.best.mrz, o.mrz);
  for (const auto& other : r.others) h->others.push_back(mrz_handle(other.mrz, o.mrz));
  h->result = std::move(r);
  return h;
}

// The shared preamble of the three read calls; `read` runs the reader on the input.
// `Engine` is the reader, or the verifier (which reads and checks); `read` runs it.
template <class Engine, class Read, class... EngineArgs>
dv_status read_with(dv_read_result** out, dv_context* ctx, const dv_read_options* options, const char* what, Read&& read,
                    const EngineArgs&... engine_args) {
  return guard([&]() -> dv_status {
    if (!out) return fail(DV_E_INVALID_ARG, std::string(what) + ": out is NULL");
    *out = nullptr;
    if (!ctx) return fail(DV_E_INVALID_ARG, std::string(what) + ": ctx is NULL");
    if (const dv_status s = check_options(options); s != DV_OK) return s;
    const reader::ReadOptions o = read_options_of(*ctx, options);
    Engine engine(o, engine_args...);
    reader::ImageReadResult r;
    std::string source;
    if (const dv_status s = read(engine, r, source); s != DV_OK) return s;
    *out = wrap(std::move(r), o, std::move(source)).release();
    return DV_OK;
  });
}

// The verify calls: their options carry the read options and, from version 2, the kiosk's
// companion images.
dv_status companion_of(const dv_image_view* view, const char* path, const char* light, cv::Mat& out) {
  if (view && path) return fail(DV_E_INVALID_ARG, std::string(light) + " image given both as pixels and as a file");
  if (view) {
    if (const dv_status s = dv_image_view_check(view); s != DV_OK) return s;
    out = mat_of(*view);
  }
  return DV_OK;
}

void wipe(cv::Mat& m) noexcept {
  if (!m.empty() && m.isContinuous()) docverify::capi::secure_zero(m.data, m.total() * m.elemSize());
  m.release();
}

template <class Read>
dv_status verify_with(dv_read_result** out, dv_context* ctx, const dv_verify_options* options, const char* what, Read&& read) {
  if (options && (options->version < 1 || options->version > DV_VERIFY_OPTIONS_VERSION)) {
    if (out) *out = nullptr;
    return guard([&]() -> dv_status {
      return fail(DV_E_VERSION, "verify options version " + std::to_string(options->version) + " is not known to this library");
    });
  }
  const bool v2 = options && options->version >= 2;
  const bool v3 = options && options->version >= 3;
  verify::VerifyOptions vo;
  if (v3 && (options->flags & ~DV_VERIFY_KEEP_PAGE) != 0) {
    if (out) *out = nullptr;
    return guard([&]() -> dv_status { return fail(DV_E_OUT_OF_RANGE, "unknown verify flags " + std::to_string(options->flags)); });
  }
  vo.keep_page = v3 && (options->flags & DV_VERIFY_KEEP_PAGE) != 0;
  docverify::report::PageEvidence evidence;
  if (v2 && options->visual_zone != 0 && options->visual_zone != DV_VIZ_READ && options->visual_zone != DV_VIZ_SKIP) {
    if (out) *out = nullptr;
    return guard([&]() -> dv_status {
      return fail(DV_E_OUT_OF_RANGE, "unknown visual_zone value " + std::to_string(options->visual_zone));
    });
  }
  vo.visual_zone = !(v2 && options->visual_zone == DV_VIZ_SKIP);
  const bool v4 = options && options->version >= 4;
  if (v4 && options->seals != 0 && options->seals != DV_SEALS_READ && options->seals != DV_SEALS_SKIP) {
    if (out) *out = nullptr;
    return guard([&]() -> dv_status { return fail(DV_E_OUT_OF_RANGE, "unknown seals value " + std::to_string(options->seals)); });
  }
  // Callers built against versions 1-3 did not ask for seals: their verdicts stay as they were.
  vo.seals = options == nullptr || (v4 && options->seals != DV_SEALS_SKIP);
  if (ctx) vo.trust = ctx->trust;
  std::vector<docverify::seal::SealResult> seals;
  const dv_status status = read_with<verify::DocumentVerifier>(out, ctx, options ? options->read : nullptr, what,
                                             [&](verify::DocumentVerifier& v, reader::ImageReadResult& r, std::string& source) {
                                               verify::CompanionImages companions;
                                               if (v2) {
                                                 if (dv_status s = companion_of(options->infrared, options->infrared_path, "infrared", companions.infrared); s != DV_OK) return s;
                                                 if (dv_status s = companion_of(options->ultraviolet, options->ultraviolet_path, "ultraviolet", companions.ultraviolet); s != DV_OK) return s;
                                                 const verify::CompanionImages files = verify::load_companions(
                                                     options->infrared_path ? options->infrared_path : "", options->ultraviolet_path ? options->ultraviolet_path : "");
                                                 if (!files.infrared.empty()) companions.infrared = files.infrared;
                                                 if (!files.ultraviolet.empty()) companions.ultraviolet = files.ultraviolet;
                                               }
                                               verify::VerifyResult result;
                                               const dv_status s = read(v, companions, result, source);
                                               r = std::move(result.read);
                                               evidence = std::move(result.evidence);
                                               seals = std::move(result.seals);
                                               return s;
                                             },
                                             vo);
  if (status == DV_OK && out && *out) {
    (*out)->evidence = std::move(evidence);
    (*out)->verified = true;
    // Allocates: inside the firewall, and a failure frees the result it would have completed.
    const dv_status kept = guard([&]() -> dv_status {
      const docverify::mrz::MrzOptions mo = docverify::capi::mrz_options_of(*ctx);
      for (auto& sr : seals) (*out)->seals.push_back(docverify::capi::seal_handle(std::move(sr), mo));
      return DV_OK;
    });
    if (kept != DV_OK) {
      dv_read_result_free(*out);
      *out = nullptr;
      for (auto& sr : seals) sr.wipe();
      return kept;
    }
  } else {
    for (auto& sr : seals) sr.wipe();
    wipe(evidence.page);  // a failed call leaves no copy of the page behind
    wipe(evidence.infrared);
    wipe(evidence.ultraviolet);
  }
  return status;
}


const reader::MrzReadout* best_of(const dv_read_result* r) { return r && r->result.found ? &r->result.best : nullptr; }

}  // namespace

namespace docverify::capi {

cv::Mat mat_of(const dv_image_view& v) {
  const int w = static_cast<int>(v.width), h = static_cast<int>(v.height);
  auto* data = const_cast<uint8_t*>(v.data);
  switch (v.format) {
    case DV_PIXEL_GRAY8: return cv::Mat(h, w, CV_8UC1, data, v.row_stride);
    case DV_PIXEL_BGR8: return cv::Mat(h, w, CV_8UC3, data, v.row_stride);
    case DV_PIXEL_RGB8: {
      cv::Mat bgr;
      cv::cvtColor(cv::Mat(h, w, CV_8UC3, data, v.row_stride), bgr, cv::COLOR_RGB2BGR);
      return bgr;
    }
    default: {
      cv::Mat bgr;
      cv::cvtColor(cv::Mat(h, w, CV_8UC4, data, v.row_stride), bgr, cv::COLOR_RGBA2BGR);
      return bgr;
    }
  }
}

}  // namespace docverify::capi


extern "C" {

DV_API dv_status dv_read_image(dv_read_result** out, dv_context* ctx, const dv_image_view* image, const dv_read_options* options) {
  return read_with<reader::MrzImageReader>(out, ctx, options, "dv_read_image", [&](reader::MrzImageReader& rd, reader::ImageReadResult& r, std::string& source) -> dv_status {
    if (const dv_status s = dv_image_view_check(image); s != DV_OK) return s;
    r = rd.read(mat_of(*image));
    source = "pixels";
    return DV_OK;
  });
}

DV_API dv_status dv_read_encoded(dv_read_result** out, dv_context* ctx, const dv_encoded_image* image, const dv_read_options* options) {
  return read_with<reader::MrzImageReader>(out, ctx, options, "dv_read_encoded", [&](reader::MrzImageReader& rd, reader::ImageReadResult& r, std::string& source) -> dv_status {
    if (const dv_status s = dv_encoded_image_check(image, nullptr); s != DV_OK) return s;
    r = rd.read_encoded(image->data, image->size);
    source = "bytes";
    return DV_OK;
  });
}

DV_API dv_status dv_read_file(dv_read_result** out, dv_context* ctx, const char* path, const dv_read_options* options) {
  return read_with<reader::MrzImageReader>(out, ctx, options, "dv_read_file", [&](reader::MrzImageReader& rd, reader::ImageReadResult& r, std::string& source) -> dv_status {
    if (!path) return fail(DV_E_INVALID_ARG, "dv_read_file: path is NULL");
    r = rd.read_file(path);
    source = path;
    return DV_OK;
  });
}

DV_API dv_status dv_verify_image(dv_read_result** out, dv_context* ctx, const dv_image_view* image, const dv_verify_options* options) {
  return verify_with(out, ctx, options, "dv_verify_image", [&](verify::DocumentVerifier& v, const verify::CompanionImages& c, verify::VerifyResult& r, std::string& source) -> dv_status {
    if (const dv_status s = dv_image_view_check(image); s != DV_OK) return s;
    r = v.verify(mat_of(*image), c);
    source = "pixels";
    return DV_OK;
  });
}

DV_API dv_status dv_verify_encoded(dv_read_result** out, dv_context* ctx, const dv_encoded_image* image, const dv_verify_options* options) {
  return verify_with(out, ctx, options, "dv_verify_encoded", [&](verify::DocumentVerifier& v, const verify::CompanionImages& c, verify::VerifyResult& r, std::string& source) -> dv_status {
    if (const dv_status s = dv_encoded_image_check(image, nullptr); s != DV_OK) return s;
    r = v.verify_encoded(image->data, image->size, c);
    source = "bytes";
    return DV_OK;
  });
}

DV_API dv_status dv_verify_file(dv_read_result** out, dv_context* ctx, const char* path, const dv_verify_options* options) {
  return verify_with(out, ctx, options, "dv_verify_file", [&](verify::DocumentVerifier& v, const verify::CompanionImages& c, verify::VerifyResult& r, std::string& source) -> dv_status {
    if (!path) return fail(DV_E_INVALID_ARG, "dv_verify_file: path is NULL");
    r = v.verify_file(path, c);
    source = path;
    return DV_OK;
  });
}

DV_API void dv_read_result_free(dv_read_result* r) {
  if (!r) return;
  for (auto& o : r->others) docverify::capi::zeroise(*o);
  if (r->best) docverify::capi::zeroise(*r->best);
  wipe(r->evidence.page);  // the kept page is the document itself
  wipe(r->evidence.infrared);
  wipe(r->evidence.ultraviolet);
  delete r;
}

DV_API bool dv_read_result_found(const dv_read_result* r) { return r && r->result.found; }
DV_API bool dv_read_result_valid(const dv_read_result* r) { return best_of(r) && best_of(r)->valid; }
DV_API double dv_read_result_confidence(const dv_read_result* r) { return best_of(r) ? static_cast<double>(best_of(r)->confidence) : 0.0; }
DV_API const dv_mrz_result* dv_read_result_mrz(const dv_read_result* r) { return r ? r->best.get() : nullptr; }
DV_API size_t dv_read_result_other_count(const dv_read_result* r) { return r ? r->others.size() : 0; }
DV_API const dv_mrz_result* dv_read_result_other(const dv_read_result* r, size_t i) {
  return r && i < r->others.size() ? r->others[i].get() : nullptr;
}

DV_API size_t dv_read_result_seal_count(const dv_read_result* r) { return r ? r->seals.size() : 0; }
DV_API const dv_seal* dv_read_result_seal(const dv_read_result* r, size_t i) {
  return r && i < r->seals.size() ? r->seals[i].get() : nullptr;
}

DV_API dv_status dv_read_result_quad(const dv_read_result* r, dv_quad_kind kind, double out_xy[8]) {
  return guard([&]() -> dv_status {
    if (!r || !out_xy) return fail(DV_E_INVALID_ARG, "dv_read_result_quad: result or out_xy is NULL");
    if (kind != DV_QUAD_MRZ && kind != DV_QUAD_DOCUMENT) return fail(DV_E_OUT_OF_RANGE, "unknown quad kind " + std::to_string(kind));
    const auto* b = best_of(r);
    if (!b) return fail(DV_E_UNUSABLE_INPUT, "no MRZ was found, so there is no quad");
    const auto& q = kind == DV_QUAD_MRZ ? b->mrz_quad : b->document_quad;
    if (q.size() != 4) return fail(DV_E_UNUSABLE_INPUT, "quad not available");
    for (size_t i = 0; i < 4; ++i) out_xy[2 * i] = q[i].x, out_xy[2 * i + 1] = q[i].y;
    return DV_OK;
  });
}

DV_API dv_status dv_read_result_json_alloc(const dv_read_result* r, char** out) {
  return guard([&]() -> dv_status {
    if (!r) {
      if (out) *out = nullptr;
      return fail(DV_E_INVALID_ARG, "dv_read_result_json_alloc: result is NULL");
    }
    std::call_once(r->json_once, [r] {
      std::vector<docverify::seal::SealResult> seals;
      for (const auto& h : r->seals) seals.push_back(h->result);
      r->json = docverify::report::read_report_json(r->result, {r->today, r->profile}, r->source, r->verified ? &seals : nullptr);
      for (auto& sr : seals) sr.wipe();
    });
    return docverify::capi::copy_out(r->json, out);
  });
}

DV_API dv_status dv_read_result_report_alloc(const dv_read_result* r, dv_report_kind kind, unsigned char** out, size_t* out_size) {
  return guard([&]() -> dv_status {
    if (out) *out = nullptr;
    if (out_size) *out_size = 0;
    if (!r || !out || !out_size) return fail(DV_E_INVALID_ARG, "dv_read_result_report_alloc: result, out or out_size is NULL");
    std::string bytes;
    if (kind == DV_REPORT_HTML) {
      bytes = docverify::report::html_report(r->evidence, r->result, {r->today, r->profile}, r->source);
    } else if (kind == DV_REPORT_PNG) {
      if (r->evidence.page.empty())
        return fail(DV_E_UNUSABLE_INPUT, "the page was not kept: verify with DV_VERIFY_KEEP_PAGE for an annotated image");
      const std::vector<unsigned char> png = docverify::report::annotated_png(r->evidence, r->result);
      bytes.assign(png.begin(), png.end());
    } else {
      return fail(DV_E_OUT_OF_RANGE, "unknown report kind " + std::to_string(kind));
    }
    char* text = nullptr;
    if (const dv_status s = docverify::capi::copy_out(bytes, &text); s != DV_OK) return s;
    *out = reinterpret_cast<unsigned char*>(text);
    *out_size = bytes.size();
    docverify::capi::zeroise(bytes);
    return DV_OK;
  });
}

DV_API dv_status dv_mrz_stream_new(dv_mrz_stream** out, dv_context* ctx, const dv_read_options* options, uint32_t frames_to_agree) {
  return guard([&]() -> dv_status {
    if (!out) return fail(DV_E_INVALID_ARG, "dv_mrz_stream_new: out is NULL");
    *out = nullptr;
    if (!ctx) return fail(DV_E_INVALID_ARG, "dv_mrz_stream_new: ctx is NULL");
    if (const dv_status s = check_options(options); s != DV_OK) return s;
    if (frames_to_agree > 30) return fail(DV_E_OUT_OF_RANGE, "frames_to_agree must be at most 30");
    const reader::ReadOptions o = read_options_of(*ctx, options);
    reader::StreamOptions so;
    if (frames_to_agree > 0) so.frames_to_agree = static_cast<int>(frames_to_agree);
    auto h = std::make_unique<dv_mrz_stream>();
    h->stream = std::make_unique<reader::MrzStream>(o, so);
    h->today = o.mrz.today;
    h->profile = o.mrz.profile;
    *out = h.release();
    return DV_OK;
  });
}

DV_API dv_status dv_mrz_stream_feed(dv_mrz_stream* s, const dv_image_view* frame, bool* out_ready, uint32_t* out_frames_used,
                                    dv_read_result** out_result) {
  return guard([&]() -> dv_status {
    if (out_ready) *out_ready = false;
    if (out_frames_used) *out_frames_used = 0;
    if (out_result) *out_result = nullptr;
    if (!s) return fail(DV_E_INVALID_ARG, "dv_mrz_stream_feed: stream is NULL");
    if (const dv_status st = dv_image_view_check(frame); st != DV_OK) return st;
    reader::StreamStatus status = s->stream->feed(mat_of(*frame));
    if (out_ready) *out_ready = status.ready;
    if (out_frames_used) *out_frames_used = static_cast<uint32_t>(status.frames_used);
    if (out_result) {
      reader::ReadOptions o;
      o.mrz.today = s->today;
      o.mrz.profile = s->profile;
      *out_result = wrap(std::move(status.result), o, "stream").release();
    }
    return DV_OK;
  });
}

DV_API void dv_mrz_stream_reset(dv_mrz_stream* s) {
  if (s) s->stream->reset();
}
DV_API void dv_mrz_stream_free(dv_mrz_stream* s) { delete s; }

}  // extern "C"
