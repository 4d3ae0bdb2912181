"""``python3 -m docverify``: the same commands, options, output and exit codes as the
docverify executable, over the C API."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from . import __version__
from .errors import DocVerifyError, UnusableInputError
from .mrz import build_mrz, parse_mrz
from .read import read_mrz
from .specimen import write_specimens

_MAX_INPUT = 4097  # one byte past the library's limit, so oversized input is refused unread


def _mrz(args: argparse.Namespace) -> int:
    if args.lines and args.lines != ["-"]:
        text = "".join(line + "\n" for line in args.lines)
    else:
        text = sys.stdin.buffer.read(_MAX_INPUT).decode("latin-1")
    try:
        report = parse_mrz(text.encode("latin-1"), today=args.today, profile=args.profile,
                           correct=not args.no_correct)
    except UnusableInputError as e:
        print(f"docverify mrz: unusable input: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(report.to_json() + "\n" if args.json else report.text)
    return report.exit_status


def _make_mrz(args: argparse.Namespace) -> int:
    built = build_mrz(args.format, args.document_code, args.issuing_state, args.document_number, args.birth_date,
                      args.surname, args.given_names, args.nationality, args.sex, args.expiry_date, args.optional_data,
                      args.optional_data_2)
    for line in built.lines:
        print(line)
    if built.name_truncated:
        print("docverify make-mrz: note: the name was truncated to fit", file=sys.stderr)
    return 0


def _read(args: argparse.Namespace) -> int:
    import json

    status = 0
    for path in args.images:
        try:
            r = read_mrz(path, today=args.today, profile=args.profile, engine=args.engine)
        except (DocVerifyError, OSError) as e:
            print(f"docverify read: {path}: {e}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            doc = dict(r.json)
            doc["image"] = dict(doc["image"], source=path)
            sys.stdout.write(json.dumps(doc) + "\n")
        elif not r.found:
            print(f"{path}: no MRZ found")
        else:
            print(f"{path}: MRZ found, {'valid' if r.valid else 'NOT valid'}, confidence {r.confidence:.2f}")
            sys.stdout.write(r.mrz_report.text if r.mrz_report is not None else "")
        if not (r.found and r.valid):
            status = max(status, 1)
    return status


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="docverify", description="Travel document verification")
    parser.add_argument("--version", action="version", version=f"docverify {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("mrz", help="parse, correct and validate an MRZ given as lines or on standard input")
    m.add_argument("--json", action="store_true", help="print the docverify/1 JSON report")
    m.add_argument("--today", help="reference date YYYY-MM-DD (default: today, UTC)")
    m.add_argument("--profile", choices=["kiosk", "remote", "trainer"], default="kiosk")
    m.add_argument("--no-correct", action="store_true", help="report the text exactly as given")
    m.add_argument("lines", nargs="*")
    b = sub.add_parser("make-mrz", help="write an MRZ from field values (names transliterated and truncated)")
    b.add_argument("--format", required=True, choices=["TD1", "TD2", "TD3", "MRVA", "MRVB", "FRA_ID"])
    for name in ("document-code", "issuing-state", "document-number", "birth-date", "surname"):
        b.add_argument("--" + name, required=True)
    for name in ("given-names", "nationality", "expiry-date", "optional-data", "optional-data-2"):
        b.add_argument("--" + name, default="")
    b.add_argument("--sex", default="X", choices=["M", "F", "X"])
    rd = sub.add_parser("read", help="find and read the MRZ in photos and scans")
    rd.add_argument("--json", action="store_true", help="print one docverify/1 JSON report per image")
    rd.add_argument("--today", help="reference date YYYY-MM-DD (default: today, UTC)")
    rd.add_argument("--profile", choices=["kiosk", "remote", "trainer"], default="kiosk")
    rd.add_argument("--engine", choices=["builtin", "builtin+tesseract", "tesseract"], default="builtin+tesseract")
    rd.add_argument("images", nargs="+")
    sp = sub.add_parser("specimen", help="write synthetic documents (images and ground truth)")
    sp.add_argument("--format", default="TD3", choices=["TD1", "TD2", "TD3", "MRVA", "MRVB", "FRA_ID"])
    sp.add_argument("--count", type=int, default=1)
    sp.add_argument("--seed", type=int, default=1)
    sp.add_argument("--dpi", type=float, default=300)
    sp.add_argument("--today", default="2026-12-01")
    sp.add_argument("--forgery", default="none")
    sp.add_argument("--capture", default="scan", choices=["scan", "kiosk", "phone", "no_document"])
    sp.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "mrz":
            return _mrz(args)
        if args.command == "read":
            return _read(args)
        if args.command == "make-mrz":
            return _make_mrz(args)
        if args.command == "specimen":
            n = write_specimens(args.out, args.format, args.count, args.seed, args.dpi, args.today, args.forgery, args.capture)
            print(f"wrote {n} document(s) to {args.out}")
            return 0
    except (DocVerifyError, ValueError) as e:
        print(f"docverify {args.command}: {e}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
