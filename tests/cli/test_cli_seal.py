#!/usr/bin/python3
"""`docverify seal` (and the seals of `docverify verify`) as users run them, on the bundled
seal samples: verified with the bundled test PKI, the JSON report's shape, exit codes,
--raw from a file and from standard input, --strict, and clear errors for bad input.

usage: test_cli_seal.py DOCVERIFY SAMPLES_SEALS_DIR
"""
import json
import pathlib
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(args, stdin=None):
    p = subprocess.run([DOCVERIFY] + args, capture_output=True, timeout=120, input=stdin)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def main():
    s = SAMPLES
    trust = ["--today", "2026-12-01", "--trust", str(s / "pki")]
    # The visa's printed seal, verified.
    code, out, _ = run(["seal", "--json"] + trust + [str(s / "visa-mrva.jpg")])
    check(code == 0, f"visa: exit {code}")
    doc = json.loads(out)
    check(doc["schema"] == "docverify/1" and doc["verdict"]["status"] == "ok", "visa: schema/verdict")
    seal = doc["seals"][0]
    check(seal["kind"] == "icao_vds" and seal["barcode"]["symbology"] == "data_matrix", "visa: kind/symbology")
    check(seal["signature"]["status"] == "ok" and seal["signature"]["chain"] == "ok", "visa: signature")
    check(seal["header"]["signer"].endswith("TS") and seal["profile"]["id"] == "icao_visa", "visa: header/profile")
    check(len(seal["barcode"]["corners"]) == 4, "visa: corners")
    check(seal["mrz"]["valid"] and len(seal["mrz"]["lines"]) == 2, "visa: MRZ feature")
    check({c["id"] for c in seal["checks"]} >= {"seal.format", "seal.signature", "seal.chain", "seal.mrz"}, "visa: checks")
    raw = (s / "visa-mrva.vds").read_bytes()
    check(seal["barcode"]["payload_hex"] == raw.hex().upper(), "visa: payload equals the bundled .vds")
    # The payload from a file and from standard input.
    code, out, _ = run(["seal", "--json"] + trust + ["--raw", str(s / "visa-mrva.vds")])
    check(code == 0 and json.loads(out)["seals"][0]["barcode"]["symbology"] is None, "raw file")
    code, out, _ = run(["seal", "--json"] + trust + ["--raw", "-"], stdin=raw)
    check(code == 0 and json.loads(out)["seals"][0]["signature"]["status"] == "ok", "raw stdin")
    # One byte changed: the signature fails, exit 1.
    bad = bytearray(raw)
    bad[20] ^= 0x01
    code, out, _ = run(["seal", "--json"] + trust + ["--raw", "-"], stdin=bytes(bad))
    doc = json.loads(out)
    check(code == 1 and doc["verdict"]["status"] == "error", f"changed byte: exit {code} {doc['verdict']}")
    # No trust store: not verifiable, never ok.
    code, out, _ = run(["seal", "--json", "--raw", str(s / "visa-mrva.vds")])
    check(code == 1 and json.loads(out)["seals"][0]["signature"]["status"] == "not_done", "no trust")
    # VDS-NC in a QR code, AAMVA in a PDF417 (unsigned: not_done, exit 1).
    code, out, _ = run(["seal", "--json"] + trust + [str(s / "vaccination-qr.png")])
    seal = json.loads(out)["seals"][0]
    check(code == 0 and seal["kind"] == "icao_vds_nc" and seal["signature"]["status"] == "ok", "VDS-NC")
    check(seal["message"].get("pid.n") == "Müller Zoë", f"VDS-NC message: {seal.get('message')}")
    code, out, _ = run(["seal", "--json"] + trust + [str(s / "licence-pdf417.png")])
    seal = json.loads(out)["seals"][0]
    check(code == 1 and seal["kind"] == "aamva" and seal["fields"]["document_number"] == "T64235789", "AAMVA")
    # Text output names what it found.
    code, out, _ = run(["seal"] + trust + [str(s / "visa-mrva.jpg")])
    check(code == 0 and "signature ok" in out, "text report")
    # Bad input: a missing image (2), garbage bytes (a malformed-free 'other' barcode, 1).
    code, _, err = run(["seal"] + trust + ["/nonexistent/x.png"])
    check(code == 2 and "x.png" in err, f"missing image: exit {code}")
    with tempfile.TemporaryDirectory() as d:
        junk = pathlib.Path(d) / "junk.bin"
        junk.write_bytes(b"\xdc\x03\x00garbage")
        code, out, _ = run(["seal", "--json"] + trust + ["--raw", str(junk)])
        seal = json.loads(out)["seals"][0]
        check(code == 1 and seal["malformed"] and seal["error"], "malformed raw seal")
        code, _, err = run(["seal", "--raw", str(junk), str(junk)])
        check(code == 2 and "--raw" in err, "--raw with an IMAGE")
    code, _, err = run(["seal"])
    check(code == 2, "no input")
    code, _, _ = run(["seal", "--help"])
    check(code == 0, "help")
    # verify reads the seal and compares its MRZ with the printed one.
    code, out, _ = run(["verify", "--json", "--no-viz", "--profile", "trainer"] + trust + [str(s / "visa-mrva.jpg")])
    doc = json.loads(out)
    ids = {c["id"]: c["status"] for c in doc["checks"]}
    check(ids.get("seal.mrz_match") == "ok" and ids.get("seal.signature") == "ok", f"verify: {ids.get('seal.mrz_match')}")
    check(len(doc["seals"]) == 1, "verify: seals member")
    code, out, _ = run(["verify", "--json", "--no-viz", "--no-seals"] + trust + [str(s / "visa-mrva.jpg")])
    check("seals" not in json.loads(out), "verify --no-seals")
    if failures:
        print("\n".join(failures))
        return 1
    print("test_cli_seal: all checks passed")
    return 0


if __name__ == "__main__":
    DOCVERIFY = sys.argv[1]
    SAMPLES = pathlib.Path(sys.argv[2])
    sys.exit(main())
