#pragma once
// The exception firewall and the per-thread error text of the C API. Every extern "C"
// body runs inside dv_guard(), so no exception ever crosses into C.
#include <new>
#include <stdexcept>
#include <string>

#include "docverify/docverify.h"
#include "errors/input_error.hpp"
#include "mrz/mrz_text.hpp"

namespace docverify::capi {

// Records the detail of a failed call for dv_last_error_message() on this thread: the
// previous text is wiped first (it may quote a traveller's data). Never throws; out of
// memory leaves an empty text.
void set_last_error(const char* prefix, const char* detail = "") noexcept;
void clear_last_error() noexcept;
const char* last_error_c_str() noexcept;

inline dv_status fail(dv_status status, const std::string& message) noexcept {
  set_last_error(message.c_str());
  return status;
}

// Runs `body` (returning dv_status) and maps exceptions to pinned codes. Only the library's
// own input-error types are the caller's fault; any other exception is a bug.
template <class Body>
dv_status guard(Body&& body) noexcept {
  try {
    clear_last_error();
    return body();
  } catch (const std::bad_alloc&) {
    set_last_error("out of memory");
    return DV_E_NOMEM;
  } catch (const mrz::MrzInputError& e) {
    set_last_error(e.what());
    return DV_E_UNUSABLE_INPUT;
  } catch (const ImageError& e) {
    set_last_error(e.what());
    return DV_E_IMAGE;
  } catch (const Utf8Error& e) {
    set_last_error(e.what());
    return DV_E_UTF8;
  } catch (const InputError& e) {
    set_last_error(e.what());
    return DV_E_INVALID_ARG;
  } catch (const ResourceError& e) {
    set_last_error(e.what());
    return DV_E_IO;
  } catch (const std::exception& e) {
    set_last_error("internal error: ", e.what());
    return DV_E_INTERNAL;
  } catch (...) {
    set_last_error("internal error: unknown exception");
    return DV_E_INTERNAL;
  }
}

}  // namespace docverify::capi
