"""Synthetic, entirely fictitious documents with ground truth (docs/specimen.md)."""
from __future__ import annotations

import ctypes
import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Union

from . import _native
from ._native import check, lib, take_string
from .mrz import FORMATS, DateLike, _date_number


FORGERIES = ["none", "mrz_recomputed", "mrz_unrecomputed", "viz_rewritten", "mrz_wrong_font", "mrz_wrong_pitch",
             "grey_copy", "expired", "specimen", "photo_swap", "copy_move", "screen_recapture", "colour_copy",
             "ir_transparent_ink", "uv_bright_paper"]  # in DV_FORGERY_* order


@dataclass(frozen=True)
class Specimen:
    png: bytes                      # the image: PNG of the page, or the JPEG photo (phone, no_document)
    ground_truth: Dict[str, Any]    # fields, MRZ lines, boxes (docverify-specimen/1)


CAPTURES = ["scan", "kiosk", "phone", "no_document"]  # in DV_CAPTURE_* order


def _options(format: str, count: int, seed: int, dpi: float, today: DateLike, forgery: str,
             capture: str = "scan", seal: bool = False) -> _native.SpecimenOptions:
    if format not in FORMATS:
        raise ValueError(f"format must be one of {sorted(FORMATS)}")
    if forgery not in FORGERIES:
        raise ValueError(f"forgery must be one of {FORGERIES}")
    if capture not in CAPTURES:
        raise ValueError(f"capture must be one of {CAPTURES}")
    date = _date_number(today) or 20261201
    return _native.SpecimenOptions(_native.SPECIMEN_OPTIONS_VERSION, FORMATS[format], count, seed, float(dpi), date,
                                   FORGERIES.index(forgery), CAPTURES.index(capture), 1 if seal else 0)


def make_specimen(format: str = "TD3", index: int = 0, seed: int = 1, dpi: float = 300,
                  today: DateLike = "2026-12-01", forgery: str = "none", capture: str = "scan",
                  seal: bool = False) -> Specimen:
    """Document ``index`` of the corpus ``(format, seed, dpi, today, forgery, capture)``, in memory.
    ``seal=True`` prints an ICAO Visible Digital Seal over the genuine MRZ (MRVA, MRVB, TD2),
    signed by the generator's test PKI (``write_specimen_pki``)."""
    opts = _options(format, 1, seed, dpi, today, forgery, capture, seal)
    png = ctypes.c_void_p()
    size = ctypes.c_size_t()
    truth = ctypes.c_void_p()
    check(lib.dv_specimen_render(ctypes.byref(opts), index, ctypes.byref(png), ctypes.byref(size), ctypes.byref(truth)))
    try:
        data = ctypes.string_at(png, size.value)
    finally:
        lib.dv_free(png)
    return Specimen(png=data, ground_truth=json.loads(take_string(truth)))


def write_specimens(directory: Union[str, os.PathLike], format: str = "TD3", count: int = 1, seed: int = 1,
                    dpi: float = 300, today: DateLike = "2026-12-01", forgery: str = "none",
                    capture: str = "scan", seal: bool = False) -> int:
    """Writes <name>.png and <name>.json per document (kiosk: also _ir.png and _uv.png);
    returns how many were written."""
    opts = _options(format, count, seed, dpi, today, forgery, capture, seal)
    written = ctypes.c_uint32()
    check(lib.dv_specimen_write(ctypes.byref(opts), os.fsencode(directory), ctypes.byref(written)))
    return written.value


def write_specimen_pki(directory: Union[str, os.PathLike], today: DateLike = "2026-12-01") -> None:
    """Writes the certificates of the generator's test PKI for ``today`` (for UTO and each
    issuing state the generator uses, ``<CC>/csca.pem`` and the seal signer ``<CC>/<CC>TS_5B.pem``)
    into ``directory``: a trust store for ``TrustStore(directory)``."""
    check(lib.dv_specimen_write_pki(os.fsencode(directory), _date_number(today) or 20261201))
