"""MRZ results as typed objects. They are built from the library's docverify/1 JSON, so
``to_dict()`` is exactly what ``docverify mrz --json`` prints."""
from __future__ import annotations

import ctypes
import dataclasses
import datetime as _dt
import json
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from . import _native
from ._native import check, lib, take_string

PROFILES = {"kiosk": 0, "remote": 1, "trainer": 2}
_PARAM_PROFILE = 1
_PARAM_REFERENCE_DATE = 2
_PARAM_MRZ_CORRECTION = 3


class _NoTruth:
    """Results have no truthiness: a NOT_DONE must never be taken for a pass by `if result:`."""

    def __bool__(self) -> bool:
        raise TypeError(f"{type(self).__name__} has no truth value; compare .status explicitly")


@dataclass(frozen=True)
class Fields:
    document_code: str
    issuing_state: str
    document_number: str
    nationality: str
    birth_date: Optional[str]
    sex: Optional[str]
    expiry_date: Optional[str]
    surname: str
    given_names: str
    optional_data: str
    optional_data_2: str


@dataclass(frozen=True)
class CheckDigit:
    field: str
    status: str  # "ok", "fail", "absent"
    expected: Optional[str]
    found: str
    line: int
    column: int
    corrected: bool


@dataclass(frozen=True)
class Correction:
    line: int
    column: int
    from_: str
    to: str
    proven_by: str

    def to_dict(self) -> Dict[str, Any]:
        return {"line": self.line, "column": self.column, "from": self.from_, "to": self.to,
                "proven_by": self.proven_by}


@dataclass(frozen=True)
class Ambiguity:
    check: str
    readings: List[List[Dict[str, Any]]]


@dataclass(frozen=True)
class Mrz:
    format: str
    lines: List[str]
    lines_read: List[str]
    valid: bool
    long_document_number: bool
    fields: Fields
    check_digits: List[CheckDigit]
    uncovered_fields: List[str]
    corrections: List[Correction]
    ambiguities: List[Ambiguity]


@dataclass(frozen=True, eq=True)
class Check(_NoTruth):
    id: str
    group: str
    status: str  # "ok", "warning", "error", "not_done"
    critical: bool
    required: bool
    diagnose: Optional[str]
    message: str
    measured: Optional[float] = None   # measuring checks (verify): the value, in `unit`
    threshold: Optional[float] = None  # the limit it was held to
    unit: Optional[str] = None
    # verify: where on the page it looked or found its evidence, [x, y, width, height] each
    regions: List[List[int]] = field(default_factory=list)
    ignored: bool = False  # the verdict policy left it out of the verdict


@dataclass(frozen=True, eq=True)
class Verdict(_NoTruth):
    status: str  # "ok", "suspect", "error", "not_done"
    reasons: List[str]
    incomplete: bool
    not_done: List[str]
    specimen: bool


@dataclass(frozen=True, eq=True)
class MrzReport(_NoTruth):
    schema: str
    reference_date: str
    profile: str
    mrz: Mrz
    checks: List[Check]
    verdict: Verdict
    text: str = field(default="", compare=False, repr=False)  # the readable report
    failed: bool = field(default=False, compare=False, repr=False)  # from the library

    def to_dict(self) -> Dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("text")
        d.pop("failed")
        d["mrz"]["corrections"] = [c.to_dict() for c in self.mrz.corrections]
        # As the JSON report: only measuring checks have measured, threshold and unit.
        for c in d["checks"]:
            for key in ("measured", "threshold", "unit"):
                if c[key] is None:
                    del c[key]
            if not c["regions"]:
                del c["regions"]
            if not c["ignored"]:
                del c["ignored"]
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @property
    def exit_status(self) -> int:
        """What the CLI would exit with: 0 valid and no check in error, else 1 (the library decides)."""
        return 1 if self.failed else 0


def _known(cls: type, d: Dict[str, Any]) -> Dict[str, Any]:
    """The keys this version knows: the schema only adds keys, and readers ignore new ones."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def _mrz_from(m: Dict[str, Any]) -> "Mrz":
    """The report's "mrz" object (also the MRZ feature of a seal)."""
    return Mrz(
        format=m["format"], lines=list(m["lines"]), lines_read=list(m["lines_read"]), valid=m["valid"],
        long_document_number=m["long_document_number"], fields=Fields(**_known(Fields, m["fields"])),
        check_digits=[CheckDigit(**_known(CheckDigit, c)) for c in m["check_digits"]],
        uncovered_fields=list(m["uncovered_fields"]),
        corrections=[Correction(line=c["line"], column=c["column"], from_=c["from"], to=c["to"],
                                proven_by=c["proven_by"]) for c in m["corrections"]],
        ambiguities=[Ambiguity(check=a["check"], readings=a["readings"]) for a in m["ambiguities"]])


def _report_from(doc: Dict[str, Any], text: str, failed: bool = False) -> MrzReport:
    mrz = _mrz_from(doc["mrz"])
    return MrzReport(schema=doc["schema"], reference_date=doc["reference_date"], profile=doc["profile"], mrz=mrz,
                     checks=[Check(**_known(Check, c)) for c in doc["checks"]],
                     verdict=Verdict(**_known(Verdict, doc["verdict"])), text=text, failed=failed)


DateLike = Union[None, str, _dt.date]


def _date_number(today: DateLike) -> int:
    if today is None:
        return 0
    if isinstance(today, str):
        today = _dt.date.fromisoformat(today)
    if isinstance(today, _dt.datetime):
        today = today.date()
    if not isinstance(today, _dt.date):
        raise TypeError("today must be None, a datetime.date or 'YYYY-MM-DD'")
    return today.year * 10000 + today.month * 100 + today.day


_PARAM_VERDICT_MIN_WARNINGS = 6
# weight -> (DV_WEIGHT_*, required: -1 as reported, 0, 1)
_CHECK_WEIGHTS = {"as_reported": (0, -1), "ignored": (1, -1), "advisory": (2, -1), "critical": (3, -1),
                  "required": (4, 1), "optional": (4, 0)}


class Context(_native.Closable):
    """A reusable docverify context: use one per thread (see docs/threading.md)."""

    def __init__(self, profile: str = "kiosk", today: DateLike = None, correct: bool = True,
                 checks: Optional[Dict[str, str]] = None, min_warnings: Optional[int] = None) -> None:
        if profile not in PROFILES:
            raise ValueError(f"profile must be one of {sorted(PROFILES)}")
        opts = _native.ContextOptions(_native.CONTEXT_OPTIONS_VERSION, PROFILES[profile], _date_number(today))
        handle = ctypes.c_void_p()
        check(lib.dv_context_new(ctypes.byref(handle), ctypes.byref(opts)))
        self._handle = handle
        self.set_param(_PARAM_MRZ_CORRECTION, 1.0 if correct else 0.0)
        for check_id, weight in (checks or {}).items():
            self.set_check_policy(check_id, weight)
        if min_warnings is not None:
            self.set_param(_PARAM_VERDICT_MIN_WARNINGS, min_warnings)

    def set_check_policy(self, check_id: str, weight: str) -> None:
        """How the checks matching ``check_id`` (an id, ``"family.*"`` or ``"*"``) weigh in
        the verdict: ``ignored``, ``advisory``, ``critical``, ``as_reported``, ``required`` or
        ``optional`` (as the CLI's ``--check ID=WEIGHT``); for each check the last matching
        rule wins."""
        if weight not in _CHECK_WEIGHTS:
            raise ValueError(f"weight must be one of {sorted(_CHECK_WEIGHTS)}")
        w, required = _CHECK_WEIGHTS[weight]
        check(lib.dv_context_set_check_policy(self._handle, check_id.encode("utf-8"), w, required))

    def set_trust_store(self, store: Any) -> None:
        """The ``TrustStore`` seals verify against (a snapshot of it); None removes it."""
        check(lib.dv_context_set_trust_store(self._handle, store._handle if store is not None else None))

    def clear_check_policies(self) -> None:
        """Forgets every rule ``set_check_policy`` set."""
        check(lib.dv_context_clear_check_policies(self._handle))

    def set_param(self, param: int, value: float) -> None:
        check(lib.dv_context_set_param(self._handle, param, float(value)))

    def get_param(self, param: int) -> float:
        out = ctypes.c_double()
        check(lib.dv_context_get_param(self._handle, param, ctypes.byref(out)))
        return out.value

    def parse_mrz(self, text: Union[str, bytes]) -> MrzReport:
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        result = ctypes.c_void_p()
        check(lib.dv_mrz_parse(ctypes.byref(result), self._handle, data, len(data)))
        try:
            json_ptr = ctypes.c_void_p()
            check(lib.dv_mrz_result_json_alloc(result, ctypes.byref(json_ptr)))
            doc = json.loads(take_string(json_ptr))
            text_ptr = ctypes.c_void_p()
            check(lib.dv_mrz_result_text_alloc(result, ctypes.byref(text_ptr)))
            readable = take_string(text_ptr)
            failed = bool(lib.dv_mrz_result_failed(result))
        finally:
            lib.dv_mrz_result_free(result)
        return _report_from(doc, readable, failed)

    def close(self) -> None:
        if self._handle:
            lib.dv_context_free(self._handle)
            self._handle = ctypes.c_void_p()



_local = threading.local()


def parse_mrz(text: Union[str, bytes], today: DateLike = None, profile: str = "kiosk",
              correct: bool = True) -> MrzReport:
    """Parses, corrects where check digits prove it, validates and decides a verdict.

    ``today`` is the reference date (default: today, UTC). Raises UnusableInputError when
    the text is not shaped like an MRZ; a failed check is reported, never raised.
    """
    key = (profile, _date_number(today), correct)
    contexts = getattr(_local, "contexts", None)
    if contexts is None:
        contexts = _local.contexts = {}
    ctx = contexts.get(key)
    if ctx is None:
        if len(contexts) >= 8:  # a long-running server passing each day's date: keep a few
            contexts.pop(next(iter(contexts))).close()
        ctx = contexts[key] = Context(profile=profile, today=today, correct=correct)
    return ctx.parse_mrz(text)


FORMATS = {"TD1": 1, "TD2": 2, "TD3": 3, "MRVA": 4, "MRVB": 5, "FRA_ID": 6}


@dataclass(frozen=True)
class BuiltMrz:
    lines: List[str]
    name_truncated: bool


def build_mrz(format: str, document_code: str, issuing_state: str, document_number: str, birth_date: str,
              surname: str, given_names: str = "", nationality: str = "", sex: str = "X", expiry_date: str = "",
              optional_data: str = "", optional_data_2: str = "") -> BuiltMrz:
    """Writes an MRZ from field values (the inverse of parse_mrz). Names are UTF-8 as printed
    in the visual zone: transliterated (ICAO 9303-3 section 6) and truncated to fit."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {sorted(FORMATS)}")
    if len(sex) != 1:
        raise ValueError("sex must be M, F or X")
    def enc(s: Union[str, bytes]) -> bytes:
        b = s if isinstance(s, bytes) else s.encode("utf-8")  # bytes are passed on as UTF-8
        if b"\0" in b:  # C strings end at a NUL: refuse rather than silently cut a field
            raise ValueError("field values may not contain NUL characters")
        return b

    f = _native.MrzFields(_native.MRZ_FIELDS_VERSION, FORMATS[format], enc(document_code), enc(issuing_state),
                          enc(document_number), enc(nationality), enc(birth_date), sex.encode("ascii"),
                          enc(expiry_date), enc(surname), enc(given_names), enc(optional_data), enc(optional_data_2))
    out = ctypes.c_void_p()
    truncated = ctypes.c_bool()
    check(lib.dv_mrz_build(ctypes.byref(f), ctypes.byref(out), ctypes.byref(truncated)))
    return BuiltMrz(lines=take_string(out).splitlines(), name_truncated=truncated.value)
