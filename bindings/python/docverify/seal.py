"""Barcodes and digital seals: ICAO Visible Digital Seals (DataMatrix), VDS-NC (QR) and
AAMVA driving-licence PDF417, read from an image or given as payload bytes, decoded, and
their signatures verified against a ``TrustStore`` of CSCA and signer certificates.

    >>> store = docverify.TrustStore("pki/")                       # doctest: +SKIP
    >>> report = docverify.read_seal("visa.png", trust=store)      # doctest: +SKIP
    >>> seal = report.seals[0]                                     # doctest: +SKIP
    >>> seal.kind, seal.signature["status"], seal.mrz.lines         # doctest: +SKIP
"""
from __future__ import annotations

import ctypes
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _native
from ._native import check, lib, take_string
from .image import image_input
from .mrz import Check, Context, DateLike, Mrz, Verdict, _known, _mrz_from

SYMBOLOGIES = {"data_matrix": 1, "qr_code": 2, "pdf417": 3, "aztec": 4}
_SEAL_STRICT = 1


class TrustStore(_native.Closable):
    """CSCA certificates (the anchors), barcode-signer certificates, CRLs and CSCA Master
    Lists: files (PEM, DER, CMS Master List, PKD LDIF) or folders of them. A verification
    takes a snapshot, so a store may be shared by threads once filled."""

    def __init__(self, *paths: Union[str, os.PathLike]) -> None:
        handle = ctypes.c_void_p()
        check(lib.dv_trust_store_new(ctypes.byref(handle)))
        self._handle = handle
        for p in paths:
            self.add(p)

    def add(self, path: Union[str, os.PathLike]) -> int:
        """Adds a file or a folder (recursively); returns the certificates added. Files that
        hold nothing usable are skipped and named in ``warnings``."""
        added = ctypes.c_size_t()
        check(lib.dv_trust_store_add_path(self._handle, os.fsencode(path), ctypes.byref(added)))
        return added.value

    def add_bytes(self, data: bytes, name: str = "bytes") -> int:
        added = ctypes.c_size_t()
        buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data) if data else None
        check(lib.dv_trust_store_add_bytes(self._handle, buf, len(data), name.encode("utf-8"), ctypes.byref(added)))
        return added.value

    def __len__(self) -> int:
        return int(lib.dv_trust_store_count(self._handle))

    def _info(self) -> Dict[str, Any]:
        out = ctypes.c_void_p()
        check(lib.dv_trust_store_json_alloc(self._handle, ctypes.byref(out)))
        return json.loads(take_string(out))

    @property
    def certificates(self) -> List[Dict[str, Any]]:
        """Subject, issuer, serial, validity, CA flag, key and SHA-256 of each certificate."""
        return self._info()["certificates"]

    @property
    def warnings(self) -> List[str]:
        return self._info()["warnings"]

    def close(self) -> None:
        if getattr(self, "_handle", None):
            lib.dv_trust_store_free(self._handle)
            self._handle = None


@dataclass(frozen=True)
class Seal:
    kind: str                      # "icao_vds", "icao_vds_nc", "aamva", "other"
    symbology: Optional[str]       # "data_matrix", "qr_code", "pdf417", "aztec"; None for a payload
    corners: Optional[List[List[float]]]
    payload: bytes
    malformed: bool
    error: Optional[str]
    signature: Dict[str, Any]      # status, algorithm, signer, chain, message, anchor, ...
    checks: List[Check]
    verdict: Verdict
    header: Dict[str, Any] = field(default_factory=dict)
    features: List[Dict[str, Any]] = field(default_factory=list)   # VDS
    message: Dict[str, str] = field(default_factory=dict)          # VDS-NC, flattened
    fields: Dict[str, Any] = field(default_factory=dict)           # AAMVA
    mrz: Optional[Mrz] = None      # a VDS MRZ feature through the MRZ engine
    json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        return dict(self.json)


@dataclass(frozen=True)
class SealReport:
    source: str
    seals: List[Seal]
    verdict: Verdict
    json: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        return dict(self.json)

    def to_json(self) -> str:
        return json.dumps(self.json)


def _seal_from(d: Dict[str, Any]) -> Seal:
    barcode = d["barcode"]
    return Seal(kind=d["kind"], symbology=barcode["symbology"], corners=barcode["corners"],
                payload=bytes.fromhex(barcode["payload_hex"]), malformed=d["malformed"], error=d["error"],
                signature=d["signature"], checks=[Check(**_known(Check, c)) for c in d["checks"]],
                verdict=Verdict(**_known(Verdict, d["verdict"])), header=d.get("header", {}),
                features=d.get("features", []), message=d.get("message", {}), fields=d.get("fields", {}),
                mrz=_mrz_from(d["mrz"]) if "mrz" in d else None, json=d)


def _seals_from(doc: Dict[str, Any]) -> List[Seal]:
    return [_seal_from(s) for s in doc.get("seals", [])]


def _options(strict: bool, symbologies: Optional[Iterable[str]]) -> _native.SealOptions:
    mask = 0
    for name in symbologies or ():
        if name not in SYMBOLOGIES:
            raise ValueError(f"symbologies must be among {sorted(SYMBOLOGIES)}")
        mask |= 1 << SYMBOLOGIES[name]
    return _native.SealOptions(_native.SEAL_OPTIONS_VERSION, _SEAL_STRICT if strict else 0, mask, 0)


def read_seal(image: Union[str, os.PathLike, bytes, bytearray, memoryview, Any, None] = None, *,
              payload: Optional[bytes] = None, trust: Optional[TrustStore] = None, today: DateLike = None,
              profile: str = "kiosk", strict: bool = False,
              symbologies: Optional[Iterable[str]] = None) -> SealReport:
    """Reads every barcode on ``image`` (a path, encoded image bytes or a numpy uint8
    array) or decodes one barcode ``payload`` given as bytes, and verifies each seal:
    the ECDSA signature with the signer certificate the seal names in ``trust``, and that
    certificate's chain to a CSCA at the signature date. Without ``trust`` signatures are
    ``not_done``, never ``ok``. A malformed seal is a result (``seal.malformed``), not an
    exception. ``strict`` rejects the real-world deviations from 9303-13 that are
    otherwise accepted and flagged.

        >>> r = read_seal("visa.png", trust=TrustStore("pki/"))   # doctest: +SKIP
        >>> r = read_seal(payload=raw_bytes)                       # doctest: +SKIP
    """
    if (image is None) == (payload is None):
        raise TypeError("give an image or payload=, not both")
    opts = _options(strict, symbologies)
    result = ctypes.c_void_p()
    with Context(profile=profile, today=today) as ctx:
        ctx.set_trust_store(trust)
        if payload is not None:
            data = bytes(payload)
            buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data) if data else None
            check(lib.dv_seal_read_payload(ctypes.byref(result), ctx._handle, buf, len(data), ctypes.byref(opts)))
        else:
            kind, value = image_input(image)
            if kind == "encoded":
                buf = (ctypes.c_uint8 * len(value)).from_buffer_copy(value)
                enc = _native.EncodedImage(_native.ENCODED_IMAGE_VERSION, ctypes.cast(buf, ctypes.POINTER(ctypes.c_uint8)),
                                           len(value))
                check(lib.dv_seal_read_encoded(ctypes.byref(result), ctx._handle, ctypes.byref(enc), ctypes.byref(opts)))
            else:
                check(lib.dv_seal_read_image(ctypes.byref(result), ctx._handle, ctypes.byref(value.view), ctypes.byref(opts)))
        try:
            out = ctypes.c_void_p()
            check(lib.dv_seal_list_json_alloc(result, ctypes.byref(out)))
            doc = json.loads(take_string(out))
        finally:
            lib.dv_seal_list_free(result)
    return SealReport(source=doc["source"], seals=_seals_from(doc), verdict=Verdict(**_known(Verdict, doc["verdict"])),
                      json=doc)
