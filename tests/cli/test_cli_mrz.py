#!/usr/bin/python3
"""The docverify CLI as users run it: golden JSON reports of the bundled samples, the
docverify/1 schema for all six formats, exit codes and input handling.

usage: test_cli_mrz.py DOCVERIFY SAMPLES_DIR [--update]
--update rewrites tests/golden/mrz/*.expected.json from the current output (review the diff).
"""
import json
import pathlib
import subprocess
import sys

TODAY = "2026-12-01"
STATUSES = {"ok", "error", "warning", "not_done"}
VERDICTS = {"ok", "suspect", "error", "not_done"}
FIELDS = ["document_code", "issuing_state", "document_number", "nationality", "birth_date", "sex",
          "expiry_date", "surname", "given_names", "optional_data", "optional_data_2"]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(args, stdin=None):
    p = subprocess.run([DOCVERIFY] + args, input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def validate_schema(doc, name):
    check(doc.get("schema") == "docverify/1", f"{name}: schema")
    m = doc["mrz"]
    check(m["format"] in {"TD1", "TD2", "TD3", "MRVA", "MRVB", "FRA_ID"}, f"{name}: format")
    check(isinstance(m["lines"], list) and all(isinstance(x, str) for x in m["lines"]), f"{name}: lines")
    check(isinstance(m["valid"], bool), f"{name}: valid")
    check(list(m["fields"].keys()) == FIELDS, f"{name}: field keys {list(m['fields'].keys())}")
    for k in ("birth_date", "expiry_date"):
        v = m["fields"][k]
        check(v is None or (isinstance(v, str) and len(v) in (4, 7, 10)), f"{name}: {k} = {v!r}")
    check(m["fields"]["sex"] in ("M", "F", "X", None), f"{name}: sex")
    for cd in m["check_digits"]:
        check(cd["status"] in {"ok", "fail", "absent"}, f"{name}: check digit status")
        check(set(cd) >= {"field", "status", "expected", "found"}, f"{name}: check digit keys")
    check(all(f in FIELDS for f in m["uncovered_fields"]), f"{name}: uncovered fields")
    for c in m["corrections"]:
        check(set(c) == {"line", "column", "from", "to", "proven_by"}, f"{name}: correction keys")
    for c in doc["checks"]:
        check(c["status"] in STATUSES, f"{name}: check status {c['status']}")
        check(isinstance(c["critical"], bool) and isinstance(c["message"], str) and c["message"], f"{name}: check")
        check(c["id"].split(".")[0] == c["group"] or c["group"] == "doc_type", f"{name}: id/group {c['id']}")
        check((c["status"] == "ok") == (c["diagnose"] is None), f"{name}: diagnose of {c['id']}")
    v = doc["verdict"]
    check(v["status"] in VERDICTS and isinstance(v["reasons"], list), f"{name}: verdict")
    check(v["incomplete"] == bool(v["not_done"]), f"{name}: incomplete flag")


def golden(update):
    golden_dir = pathlib.Path(__file__).resolve().parent.parent / "golden" / "mrz"
    formats = set()
    samples = sorted(SAMPLES.glob("*.mrz"))
    check(len(samples) >= 6, "bundled samples present")
    for sample in samples:
        code, out, err = run(["mrz", "--json", "--today", TODAY], sample.read_bytes())
        check(code in (0, 1), f"{sample.name}: exit {code} {err}")
        doc = json.loads(out)
        validate_schema(doc, sample.name)
        formats.add(doc["mrz"]["format"])
        expected_file = golden_dir / (sample.stem + ".expected.json")
        if update:
            expected_file.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            continue
        check(expected_file.exists(), f"{sample.name}: golden file missing (run with --update)")
        if expected_file.exists():
            expected = json.loads(expected_file.read_text(encoding="utf-8"))
            check(doc == expected, f"{sample.name}: report differs from {expected_file.name}")
        # Exit status follows the report: 0 valid and no check in error, else 1.
        errors = any(c["status"] == "error" for c in doc["checks"])
        check(code == (0 if doc["mrz"]["valid"] and not errors else 1), f"{sample.name}: exit {code}")
    check(formats == {"TD1", "TD2", "TD3", "MRVA", "MRVB", "FRA_ID"}, f"all six formats covered: {formats}")


def behaviour():
    td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    # Lines as arguments and on stdin give the same report.
    a = run(["mrz", "--json", "--today", "2010-01-01"] + td3)
    b = run(["mrz", "--json", "--today", "2010-01-01"], ("\r\n".join(td3) + "\r\n\r\n").encode())
    check(a[0] == b[0] == 1 and a[1] == b[1], "args and stdin agree")
    code, out, _ = run(["mrz", "--today", "2010-01-01", "--profile", "trainer"] + td3)
    check(code == 0 and "Verdict: SUSPECT (specimen)" in out, f"trainer text report: {code}")
    # Unusable input: exit 2 with a message naming line and column.
    code, out, err = run(["mrz", td3[0], td3[1][:-1]])
    check(code == 2 and "line 2 has 43 characters" in err and out == "", f"short line: {code} {err}")
    code, _, err = run(["mrz"], b"\x00\x01garbage")
    check(code == 2 and "line 1 column 1" in err, f"binary input: {err}")
    code, _, err = run(["mrz"], b"A" * (10 * 1024 * 1024))
    check(code == 2 and "too long" in err, "10 MB input refused")
    code, _, err = run(["mrz"], b"")
    check(code == 2 and "empty" in err, "empty input")
    code, _, err = run(["mrz", "--today", "2010-13-01"] + td3)
    check(code == 2 and "--today" in err, "bad --today")
    code, _, err = run(["mrz", "--bogus"] + td3)
    check(code == 2 and "unknown option" in err, "unknown option")
    # make-mrz writes what mrz reads back.
    code, out, err = run(["make-mrz", "--format", "TD2", "--document-code", "ID", "--issuing-state", "AUT",
                          "--document-number", "P1234567", "--nationality", "AUT", "--birth-date", "1971-01-31",
                          "--sex", "M", "--expiry-date", "2029-03-01", "--surname", "Größer",
                          "--given-names", "Ádám"])
    check(code == 0 and out.splitlines()[0].startswith("IDAUTGROESSER<<ADAM<"), f"make-mrz: {out} {err}")
    code, rep, _ = run(["mrz", "--json", "--today", "2026-12-01"] + out.split())
    doc = json.loads(rep)
    check(code == 0 and doc["mrz"]["fields"]["surname"] == "GROESSER", "make-mrz round trip")
    code, _, err = run(["make-mrz", "--format", "TD9"])
    check(code == 2 and "--format" in err, "make-mrz bad format")
    code, out, _ = run(["--help"])
    check(code == 0 and "mrz" in out and "specimen" in out, "help")
    # specimen: files with ground truth whose MRZ parses valid, byte-identical for one seed.
    import hashlib
    import tempfile
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        for d in (a, b):
            code, _, err = run(["specimen", "--format", "TD1", "--count", "2", "--seed", "11", "--dpi", "200", "--out", d])
            check(code == 0, f"specimen: {err}")
        files = sorted(pathlib.Path(a).iterdir())
        check([f.name for f in files] == ["td1-seed11-00000.json", "td1-seed11-00000.png", "td1-seed11-00001.json",
                                          "td1-seed11-00001.png"], f"specimen files {files}")
        for f in files:
            other = pathlib.Path(b) / f.name
            check(hashlib.sha256(f.read_bytes()).digest() == hashlib.sha256(other.read_bytes()).digest(),
                  f"specimen {f.name} is deterministic")
        truth = json.loads((pathlib.Path(a) / "td1-seed11-00000.json").read_text(encoding="utf-8"))
        check(truth["schema"] == "docverify-specimen/1" and truth["format"] == "TD1", "specimen ground truth")
        code, rep, _ = run(["mrz", "--json", "--today", "2026-12-01"] + truth["mrz_lines"])
        check(json.loads(rep)["mrz"]["valid"] is True, "specimen MRZ is valid")
    code, _, err = run(["specimen", "--count", "0", "--out", "/tmp/x"])
    check(code == 2 and "count must be" in err, f"specimen bad count: {err}")
    code, out, _ = run(["--version"])
    check(code == 0 and out.startswith("docverify "), "--version")
    for sub in ("mrz", "make-mrz"):
        code, out, _ = run([sub, "--help"])
        check(code == 0 and out.startswith("usage: docverify " + sub), f"{sub} --help")
    code, _, err = run(["bogus"])
    check(code == 2 and "unknown command" in err, "unknown command")


if __name__ == "__main__":
    DOCVERIFY = sys.argv[1]
    SAMPLES = pathlib.Path(sys.argv[2])
    golden("--update" in sys.argv)
    behaviour()
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)
