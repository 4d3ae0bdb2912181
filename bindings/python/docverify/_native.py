"""Loads libdocverify and declares the C API's prototypes (ctypes releases the GIL during
each foreign call). Nothing here decides anything: the library does."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import pathlib

from .errors import DocVerifyError, error_for

ABI_VERSION = 1  # the C API generation this package speaks (DV_ABI_VERSION)


def _candidates():
    env = os.environ.get("DOCVERIFY_LIBRARY")
    if env:
        yield env
    here = pathlib.Path(__file__).resolve().parent / "_lib"
    yield str(here / f"libdocverify.so.{ABI_VERSION}")
    found = ctypes.util.find_library("docverify")
    if found:
        yield found


def _load() -> ctypes.CDLL:
    errors = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            errors.append(f"{path}: {e}")
            continue
        if not hasattr(lib, "dv_abi_version"):
            errors.append(f"{path}: not a docverify library")
            continue
        lib.dv_abi_version.restype = ctypes.c_uint32
        lib.dv_abi_version.argtypes = []
        if lib.dv_abi_version() != ABI_VERSION:
            errors.append(f"{path}: ABI version {lib.dv_abi_version()}, this package needs {ABI_VERSION}")
            continue
        return lib
    raise ImportError("cannot load libdocverify: " + "; ".join(errors or ["not found"]))


lib = _load()

c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t
c_int32 = ctypes.c_int32
c_uint32 = ctypes.c_uint32
c_bool = ctypes.c_bool
c_double = ctypes.c_double
c_void_p = ctypes.c_void_p


class ContextOptions(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("profile", c_int32), ("reference_date", c_int32)]


class ImageView(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("format", c_int32), ("width", c_uint32), ("height", c_uint32),
                ("row_stride", c_size_t), ("data", ctypes.POINTER(ctypes.c_uint8)), ("size", c_size_t)]


class EncodedImage(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("data", ctypes.POINTER(ctypes.c_uint8)), ("size", c_size_t)]


class MrzFields(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("format", c_int32), ("document_code", c_char_p),
                ("issuing_state", c_char_p), ("document_number", c_char_p), ("nationality", c_char_p),
                ("birth_date", c_char_p), ("sex", ctypes.c_char), ("expiry_date", c_char_p), ("surname", c_char_p),
                ("given_names", c_char_p), ("optional_data", c_char_p), ("optional_data_2", c_char_p)]


class SpecimenOptions(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("format", c_int32), ("count", c_uint32), ("seed", ctypes.c_uint64),
                ("dpi", c_double), ("reference_date", c_int32), ("forgery", c_int32),
                ("capture", c_int32), ("flags", c_uint32)]


class ReadOptions(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("engine", c_int32), ("min_uncovered_confidence", c_double),
                ("max_documents", c_uint32)]


class VerifyOptions(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("read", ctypes.POINTER(ReadOptions)),
                ("infrared", ctypes.POINTER(ImageView)), ("ultraviolet", ctypes.POINTER(ImageView)),
                ("infrared_path", c_char_p), ("ultraviolet_path", c_char_p), ("visual_zone", ctypes.c_int32),
                ("flags", c_uint32), ("seals", ctypes.c_int32)]


class SealOptions(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("flags", c_uint32), ("symbologies", c_uint32), ("max_symbols", c_uint32)]


READ_OPTIONS_VERSION = 1
VERIFY_OPTIONS_VERSION = 4
SEAL_OPTIONS_VERSION = 1
VERIFY_KEEP_PAGE = 1
REPORT_HTML = 1
REPORT_PNG = 2
SPECIMEN_OPTIONS_VERSION = 2
CONTEXT_OPTIONS_VERSION = 1
ENCODED_IMAGE_VERSION = 1
MRZ_FIELDS_VERSION = 1
IMAGE_VIEW_VERSION = 1

_PROTOTYPES = {
    "dv_version_string": (c_char_p, []),
    "dv_status_str": (c_char_p, [c_int32]),
    "dv_last_error_message": (c_char_p, []),
    "dv_free": (None, [c_void_p]),
    "dv_context_new": (c_int32, [ctypes.POINTER(c_void_p), ctypes.POINTER(ContextOptions)]),
    "dv_context_free": (None, [c_void_p]),
    "dv_context_set_param": (c_int32, [c_void_p, c_int32, c_double]),
    "dv_context_set_check_policy": (c_int32, [c_void_p, c_char_p, c_int32, c_int32]),
    "dv_context_clear_check_policies": (c_int32, [c_void_p]),
    "dv_context_get_param": (c_int32, [c_void_p, c_int32, ctypes.POINTER(c_double)]),
    "dv_param_bounds": (c_int32, [c_int32, ctypes.POINTER(c_double), ctypes.POINTER(c_double),
                                  ctypes.POINTER(c_double)]),
    "dv_mrz_parse": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, c_char_p, c_size_t]),
    "dv_mrz_result_free": (None, [c_void_p]),
    "dv_mrz_result_failed": (c_bool, [c_void_p]),
    "dv_mrz_result_json_alloc": (c_int32, [c_void_p, ctypes.POINTER(c_void_p)]),
    "dv_mrz_result_text_alloc": (c_int32, [c_void_p, ctypes.POINTER(c_void_p)]),
    "dv_image_view_check": (c_int32, [ctypes.POINTER(ImageView)]),
    "dv_pixel_format_channels": (c_uint32, [c_int32]),
    "dv_encoded_image_check": (c_int32, [ctypes.POINTER(EncodedImage), ctypes.POINTER(c_int32)]),
    "dv_mrz_build": (c_int32, [ctypes.POINTER(MrzFields), ctypes.POINTER(c_void_p), ctypes.POINTER(c_bool)]),
    "dv_read_image": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(ImageView),
                                ctypes.POINTER(ReadOptions)]),
    "dv_read_encoded": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(EncodedImage),
                                  ctypes.POINTER(ReadOptions)]),
    "dv_verify_image": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(ImageView),
                                  ctypes.POINTER(VerifyOptions)]),
    "dv_verify_encoded": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(EncodedImage),
                                    ctypes.POINTER(VerifyOptions)]),
    "dv_read_result_free": (None, [c_void_p]),
    "dv_read_result_json_alloc": (c_int32, [c_void_p, ctypes.POINTER(c_void_p)]),
    "dv_read_result_mrz": (c_void_p, [c_void_p]),
    "dv_read_result_report_alloc": (c_int32, [c_void_p, c_int32, ctypes.POINTER(c_void_p), ctypes.POINTER(ctypes.c_size_t)]),
    "dv_read_result_valid": (c_bool, [c_void_p]),
    "dv_mrz_stream_new": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(ReadOptions), c_uint32]),
    "dv_mrz_stream_feed": (c_int32, [c_void_p, ctypes.POINTER(ImageView), ctypes.POINTER(c_bool),
                                     ctypes.POINTER(c_uint32), ctypes.POINTER(c_void_p)]),
    "dv_mrz_stream_reset": (None, [c_void_p]),
    "dv_mrz_stream_free": (None, [c_void_p]),
    "dv_trust_store_new": (c_int32, [ctypes.POINTER(c_void_p)]),
    "dv_trust_store_free": (None, [c_void_p]),
    "dv_trust_store_add_path": (c_int32, [c_void_p, c_char_p, ctypes.POINTER(c_size_t)]),
    "dv_trust_store_add_bytes": (c_int32, [c_void_p, ctypes.POINTER(ctypes.c_uint8), c_size_t, c_char_p,
                                           ctypes.POINTER(c_size_t)]),
    "dv_trust_store_count": (c_size_t, [c_void_p]),
    "dv_trust_store_json_alloc": (c_int32, [c_void_p, ctypes.POINTER(c_void_p)]),
    "dv_context_set_trust_store": (c_int32, [c_void_p, c_void_p]),
    "dv_seal_read_payload": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(ctypes.c_uint8), c_size_t,
                                       ctypes.POINTER(SealOptions)]),
    "dv_seal_read_image": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(ImageView),
                                     ctypes.POINTER(SealOptions)]),
    "dv_seal_read_encoded": (c_int32, [ctypes.POINTER(c_void_p), c_void_p, ctypes.POINTER(EncodedImage),
                                       ctypes.POINTER(SealOptions)]),
    "dv_seal_list_free": (None, [c_void_p]),
    "dv_seal_list_json_alloc": (c_int32, [c_void_p, ctypes.POINTER(c_void_p)]),
    "dv_specimen_write_pki": (c_int32, [c_char_p, c_int32]),
    "dv_specimen_write": (c_int32, [ctypes.POINTER(SpecimenOptions), c_char_p, ctypes.POINTER(c_uint32)]),
    "dv_specimen_render": (c_int32, [ctypes.POINTER(SpecimenOptions), c_uint32, ctypes.POINTER(c_void_p),
                                     ctypes.POINTER(c_size_t), ctypes.POINTER(c_void_p)]),
}
for _name, (_restype, _argtypes) in _PROTOTYPES.items():
    _fn = getattr(lib, _name)
    _fn.restype = _restype
    _fn.argtypes = _argtypes


def check(status: int) -> None:
    """Raises the mapped exception for a failed call; the detail is read on this thread."""
    if status != 0:
        raise error_for(status, lib.dv_last_error_message().decode("utf-8", "replace"))


def take_bytes(pointer: c_void_p, size: int) -> bytes:
    """Copies `size` library-allocated bytes and gives their memory back with dv_free."""
    try:
        return ctypes.string_at(pointer, size)
    finally:
        lib.dv_free(pointer)


def take_string(pointer: c_void_p) -> str:
    """Copies a library-allocated string and gives its memory back with dv_free."""
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        lib.dv_free(pointer)


__all__ = ["lib", "check", "take_string", "ContextOptions", "ImageView", "DocVerifyError"]


class Closable:
    """Owners of a native handle: ``with`` closes it, and so does garbage collection."""

    def close(self) -> None:  # pragma: no cover - every owner defines it
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass
