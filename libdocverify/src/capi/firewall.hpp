#pragma once
// The exception firewall and the per-thread error text of the C API. Every extern "C"
// body runs inside dv_guard(), so no exception ever crosses into C.
#include <new>
#include <stdexcept>
#include <string>

#include "docverify/docverify.h"
#include "mrz/mrz_text.hpp"

namespace docverify::capi {

// Records the detail of a failed call for dv_last_error_message() on this thread.
void set_last_error(const std::string& message) noexcept;
void clear_last_error() noexcept;
const char* last_error_c_str() noexcept;

inline dv_status fail(dv_status status, const std::string& message) noexcept {
  set_last_error(message);
  return status;
}

// Runs `body` (returning dv_status) and maps exceptions to pinned codes.
template <class Body>
dv_status guard(Body&& body) noexcept {
  try {
    clear_last_error();
    return body();
  } catch (const std::bad_alloc&) {
    return fail(DV_E_NOMEM, "out of memory");
  } catch (const mrz::MrzInputError& e) {
    return fail(DV_E_UNUSABLE_INPUT, e.what());
  } catch (const std::invalid_argument& e) {
    return fail(DV_E_INVALID_ARG, e.what());
  } catch (const std::out_of_range& e) {
    return fail(DV_E_OUT_OF_RANGE, e.what());
  } catch (const std::exception& e) {
    return fail(DV_E_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(DV_E_INTERNAL, "internal error: unknown exception");
  }
}

// For accessors that return a value: `fallback` on any exception (they are not expected).
template <class T, class Body>
T guard_value(T fallback, Body&& body) noexcept {
  try {
    return body();
  } catch (...) {
    set_last_error("internal error in an accessor");
    return fallback;
  }
}

}  // namespace docverify::capi
