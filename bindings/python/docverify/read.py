"""The MRZ read from photos and scans: ``read_mrz(path | bytes | ndarray)``, the same with
the authenticity checks, ``verify(...)``, and the stream session ``MrzStream`` for camera
frames. Both return an ``ImageReadReport``: the text
engine's ``MrzReport`` (``report.mrz_report``, None when nothing was found) plus what the
image adds (found, valid, confidence, quads, quality, timings, other documents)."""
from __future__ import annotations

import ctypes
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from . import _native
from ._native import check, lib, take_bytes, take_string
from .image import PixelView, image_input
from .mrz import Context, DateLike, MrzReport, _report_from
from .seal import TrustStore, _seals_from

ENGINES = {"builtin": 1, "builtin+tesseract": 2, "tesseract": 3}


@dataclass(frozen=True)
class ImageReadReport:
    found: bool
    valid: bool
    confidence: float
    mrz_report: Optional[MrzReport]
    mrz_quad: List[List[float]]
    document_quad: List[List[float]]
    quality: Dict[str, float]
    timings_ms: Dict[str, float]
    rotation_deg: int = 0
    upside_down: bool = False
    raw_lines: List[str] = field(default_factory=list)
    field_confidence: Dict[str, float] = field(default_factory=dict)
    uncertain: List[Dict[str, int]] = field(default_factory=list)
    others: List[Dict[str, Any]] = field(default_factory=list)
    seals: List[Any] = field(default_factory=list)  # verify: the page's barcodes (docverify.Seal)
    json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def lines(self) -> List[str]:
        return list(self.mrz_report.mrz.lines) if self.mrz_report is not None else []


def _report(result: ctypes.c_void_p) -> ImageReadReport:
    json_ptr = ctypes.c_void_p()
    check(lib.dv_read_result_json_alloc(result, ctypes.byref(json_ptr)))
    doc = json.loads(take_string(json_ptr))
    img = doc["image"]
    mrz_report = None
    if img["found"]:
        text_ptr = ctypes.c_void_p()
        mrz_handle = lib.dv_read_result_mrz(result)
        check(lib.dv_mrz_result_text_alloc(mrz_handle, ctypes.byref(text_ptr)))
        failed = bool(lib.dv_mrz_result_failed(mrz_handle))
        mrz_report = _report_from(doc, take_string(text_ptr), failed)
    return ImageReadReport(
        found=img["found"], valid=bool(img.get("valid", False)), confidence=float(img.get("confidence", 0.0)),
        mrz_report=mrz_report, mrz_quad=img.get("mrz_quad", []), document_quad=img.get("document_quad", []),
        quality=img.get("quality", {}), timings_ms=img.get("timings_ms", {}), rotation_deg=img.get("rotation_deg", 0),
        upside_down=img.get("upside_down", False), raw_lines=img.get("raw_lines", []),
        field_confidence=img.get("field_confidence", {}), uncertain=img.get("uncertain", []),
        others=img.get("others", []), seals=_seals_from(doc), json=doc)


def _options(engine: str, min_uncovered_confidence: float) -> _native.ReadOptions:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {sorted(ENGINES)}")
    return _native.ReadOptions(_native.READ_OPTIONS_VERSION, ENGINES[engine], float(min_uncovered_confidence), 0)


def _run(image: Any, today: DateLike, profile: str, call_encoded, call_image, after=None,
         checks: Optional[Dict[str, str]] = None, min_warnings: Optional[int] = None,
         trust: Optional[TrustStore] = None) -> ImageReadReport:
    kind, value = image_input(image)
    result = ctypes.c_void_p()
    with Context(profile=profile, today=today, checks=checks, min_warnings=min_warnings) as ctx:
        if trust is not None:
            ctx.set_trust_store(trust)
        if kind == "encoded":
            buf = (ctypes.c_uint8 * len(value)).from_buffer_copy(value)
            enc = _native.EncodedImage(_native.ENCODED_IMAGE_VERSION, ctypes.cast(buf, ctypes.POINTER(ctypes.c_uint8)),
                                       len(value))
            check(call_encoded(ctypes.byref(result), ctx._handle, ctypes.byref(enc)))
        else:
            check(call_image(ctypes.byref(result), ctx._handle, ctypes.byref(value.view)))
        try:
            if after is not None:
                after(result)
            return _report(result)
        finally:
            lib.dv_read_result_free(result)


def _write_report(result: ctypes.c_void_p, kind: int, path: Union[str, os.PathLike]) -> None:
    data = ctypes.c_void_p()
    size = ctypes.c_size_t()
    check(lib.dv_read_result_report_alloc(result, kind, ctypes.byref(data), ctypes.byref(size)))
    with open(path, "wb") as f:
        f.write(take_bytes(data, size.value))


def read_mrz(image: Union[str, os.PathLike, bytes, bytearray, memoryview, Any], today: DateLike = None,
             profile: str = "kiosk", engine: str = "builtin+tesseract",
             min_uncovered_confidence: float = 0.0) -> ImageReadReport:
    """Finds and reads the MRZ in an image: a path, encoded bytes (JPEG, PNG, TIFF, BMP,
    WebP) or a numpy uint8 array (H x W gray, H x W x 3 RGB, H x W x 4 RGBA).

        >>> r = read_mrz("passport.jpg")          # doctest: +SKIP
        >>> r.found, r.valid, r.lines             # doctest: +SKIP
    """
    opts = _options(engine, min_uncovered_confidence)
    return _run(image, today, profile,
                lambda out, ctx, enc: lib.dv_read_encoded(out, ctx, enc, ctypes.byref(opts)),
                lambda out, ctx, view: lib.dv_read_image(out, ctx, view, ctypes.byref(opts)))


def verify(image: Union[str, os.PathLike, bytes, bytearray, memoryview, Any], today: DateLike = None,
           profile: str = "kiosk", engine: str = "builtin+tesseract",
           infrared: Union[str, os.PathLike, Any, None] = None,
           ultraviolet: Union[str, os.PathLike, Any, None] = None, visual_zone: bool = True,
           html: Union[str, os.PathLike, None] = None,
           annotate: Union[str, os.PathLike, None] = None,
           checks: Optional[Dict[str, str]] = None, min_warnings: Optional[int] = None,
           trust: Optional[TrustStore] = None, seals: bool = True) -> ImageReadReport:
    """Reads the MRZ and runs the authenticity checks this version has (image quality
    gates, MRZ print geometry, grey copy, the MRZ's logical checks, and the kiosk's infrared
    and ultraviolet checks when ``infrared`` / ``ultraviolet`` images of the same page are
    given as a path or a numpy array; docs/checks.md). The checks and the verdict over all
    of them are in ``report.mrz_report``; checks that could not run have status
    ``not_done`` (never a pass), and measuring checks carry ``measured``, ``threshold`` and
    ``unit``. ``visual_zone=False`` skips reading the visual zone with Tesseract (about a
    second a page), leaving the MRZ-against-visual-zone check ``not_done``. ``html`` and
    ``annotate`` write the reports a trainer shows (docs/reports.md): a self-contained HTML
    page and the page as PNG with the flagged checks' regions boxed; each check's
    ``regions`` are the boxes ``[x, y, width, height]`` in the image's pixels.
    ``checks`` sets the verdict policy per check id or family (``{"security.tamper.*":
    "advisory"}``; weights as ``Context.set_check_policy``) and ``min_warnings`` the
    warnings it takes to make the verdict suspect. The page's barcodes are read and their
    seals verified against ``trust`` (``report.seals``; their checks join the verdict, and
    ``seal.mrz_match`` compares a seal's MRZ with the printed one); ``seals=False`` skips them.

        >>> r = verify("passport.jpg", profile="trainer")      # doctest: +SKIP
        >>> r.mrz_report.verdict.status                         # doctest: +SKIP
        >>> r = verify("page.png", infrared="page_ir.png", ultraviolet="page_uv.png")  # doctest: +SKIP
        >>> r = verify("page.png", html="page.html", annotate="page_checked.png")  # doctest: +SKIP
    """
    read_opts = _options(engine, 0.0)
    opts = _native.VerifyOptions(_native.VERIFY_OPTIONS_VERSION, ctypes.pointer(read_opts))
    opts.visual_zone = 1 if visual_zone else 2  # DV_VIZ_READ / DV_VIZ_SKIP
    opts.seals = 1 if seals else 2  # DV_SEALS_READ / DV_SEALS_SKIP
    if html is not None or annotate is not None:
        opts.flags = _native.VERIFY_KEEP_PAGE
    keep = []  # the companions' pixels and paths live until the call returns

    def companion(value: Any, light: str) -> None:
        if value is None:
            return
        if isinstance(value, (str, os.PathLike)):
            path = os.fsencode(value)
            keep.append(path)
            setattr(opts, light + "_path", path)
        elif isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError(f"{light}: give a path or a numpy array (encoded bytes are read as the page only)")
        else:
            view = PixelView(value)
            keep.append(view)
            setattr(opts, light, ctypes.pointer(view.view))

    companion(infrared, "infrared")
    companion(ultraviolet, "ultraviolet")
    return _run(image, today, profile,
                lambda out, ctx, enc: lib.dv_verify_encoded(out, ctx, enc, ctypes.byref(opts)),
                lambda out, ctx, view: lib.dv_verify_image(out, ctx, view, ctypes.byref(opts)),
                after=lambda result: _reports(result, html, annotate), checks=checks, min_warnings=min_warnings,
                trust=trust)


def _reports(result: ctypes.c_void_p, html: Any, annotate: Any) -> None:
    if html is not None:
        _write_report(result, _native.REPORT_HTML, html)
    if annotate is not None:
        _write_report(result, _native.REPORT_PNG, annotate)


class MrzStream(_native.Closable):
    """Successive camera frames of one document: ``feed(frame)`` returns (ready, report);
    ``ready`` once the per-character vote verifies and ``frames_to_agree`` frames agree."""

    def __init__(self, today: DateLike = None, profile: str = "kiosk", engine: str = "builtin+tesseract",
                 frames_to_agree: int = 2) -> None:
        self._ctx = Context(profile=profile, today=today)
        opts = _options(engine, 0.0)
        handle = ctypes.c_void_p()
        check(lib.dv_mrz_stream_new(ctypes.byref(handle), self._ctx._handle, ctypes.byref(opts), int(frames_to_agree)))
        self._handle = handle
        self.frames_used = 0

    def feed(self, frame: Any) -> "tuple[bool, ImageReadReport]":
        view = PixelView(frame)
        ready = ctypes.c_bool()
        used = ctypes.c_uint32()
        result = ctypes.c_void_p()
        check(lib.dv_mrz_stream_feed(self._handle, ctypes.byref(view.view), ctypes.byref(ready), ctypes.byref(used),
                                     ctypes.byref(result)))
        try:
            self.frames_used = used.value
            return bool(ready.value), _report(result)
        finally:
            lib.dv_read_result_free(result)

    def reset(self) -> None:
        lib.dv_mrz_stream_reset(self._handle)

    def close(self) -> None:
        if getattr(self, "_handle", None):
            lib.dv_mrz_stream_free(self._handle)
            self._handle = ctypes.c_void_p()
        if getattr(self, "_ctx", None):
            self._ctx.close()

