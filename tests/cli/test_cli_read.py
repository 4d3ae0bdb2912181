#!/usr/bin/python3
"""`docverify read` as users run it, on the README's bundled images: the right MRZ for each
(samples/images/expected.txt), found false for the image without a document, the JSON
report's shape, exit codes, and clear errors for missing and corrupt files.

usage: test_cli_read.py DOCVERIFY SAMPLES_IMAGES_DIR
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


def run(args):
    p = subprocess.run([DOCVERIFY] + args, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def expected(path):
    out, name = {}, None
    for line in path.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("image "):
            name = line.split(" ", 1)[1]
            out[name] = []
        elif line != "none":
            out[name].append(line)
    return out


def main():
    want = expected(IMAGES / "expected.txt")
    check(len(want) >= 5, "expected.txt lists the bundled images")
    for name, lines in want.items():
        code, out, err = run(["read", "--json", "--today", "2026-12-01", str(IMAGES / name)])
        doc = json.loads(out)
        img = doc["image"]
        check(doc["schema"] == "docverify/1", f"{name}: schema")
        if not lines:
            check(not img["found"] and code == 1, f"{name}: no document, so no MRZ (exit {code})")
            check("mrz" not in doc, f"{name}: no mrz member without an MRZ")
            continue
        check(img["found"] and img["valid"], f"{name}: found and valid")
        check(doc["mrz"]["lines"] == lines, f"{name}: lines {doc['mrz']['lines']} != {lines}")
        check(code == 0, f"{name}: exit 0, got {code}")
        check(len(img["mrz_quad"]) == 4 and len(img["document_quad"]) == 4, f"{name}: quads")
        for key in ("sharpness", "glare", "char_height_px", "dpi_estimate"):
            check(key in img["quality"], f"{name}: quality.{key}")
        for key in ("decode", "locate", "recognise", "total"):
            check(key in img["timings_ms"], f"{name}: timings_ms.{key}")
    # The readable report names the MRZ lines.
    code, out, _ = run(["read", "--today", "2026-12-01", str(IMAGES / "passport-td3-scan.jpg")])
    check(code == 0 and want["passport-td3-scan.jpg"][0] in out, "text report shows the MRZ")
    # Bad inputs: exit 2 with a message, and the other images still read.
    with tempfile.TemporaryDirectory() as tmp:
        corrupt = pathlib.Path(tmp) / "corrupt.jpg"
        corrupt.write_bytes((IMAGES / "passport-td3-scan.jpg").read_bytes()[:300])
        garbage = pathlib.Path(tmp) / "garbage.png"
        garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        code, out, err = run(["read", str(corrupt), str(garbage), "/nonexistent/x.jpg", str(IMAGES / "passport-td3-scan.jpg")])
        check(code == 2, f"bad files give exit 2, got {code}")
        check("corrupt.jpg" in err and "garbage.png" in err and "nonexistent" in err, f"each bad file is named: {err!r}")
        check(want["passport-td3-scan.jpg"][0] in out, "a good image after bad ones is still read")
    code, _, err = run(["read"])
    check(code == 2 and "no image" in err, "no argument: exit 2")
    code, out, _ = run(["read", "--help"])
    check(code == 0 and "usage: docverify read" in out, "--help")
    verify_faces(want)


def verify_faces(want):
    """`docverify verify`: the read plus image checks, not-done records, a verdict."""
    scan = str(IMAGES / "passport-td3-scan.jpg")
    for profile, verdict, code_wanted in (("kiosk", "not_done", 1), ("trainer", "ok", 0)):
        code, out, err = run(["verify", "--json", "--profile", profile, "--today", "2026-12-01", scan])
        doc = json.loads(out)
        check(doc["mrz"]["lines"] == want["passport-td3-scan.jpg"], f"verify {profile}: lines")
        checks = {c["id"]: c for c in doc["checks"]}
        for cid in ("image_quality.resolution", "mrz.print.line_spacing", "liveness.grey_copy", "security.ir.b900"):
            check(cid in checks, f"verify {profile}: {cid} reported")
        grey = checks.get("liveness.grey_copy", {})
        check(grey.get("status") == "ok" and grey.get("measured", 0) > grey.get("threshold", 1e9),
              f"verify {profile}: colour page passes the grey-copy check with its measure: {grey}")
        check(checks.get("security.ir.b900", {}).get("status") == "not_done", f"verify {profile}: no IR image, not_done")
        check(doc["verdict"]["status"] == verdict and code == code_wanted,
              f"verify {profile}: verdict {doc['verdict']['status']} exit {code}, wanted {verdict} exit {code_wanted}")
    code, out, _ = run(["verify", "--today", "2026-12-01", str(IMAGES / "no-document.jpg")])
    check(code == 1, f"verify without a document: exit 1, got {code}")
    code, _, err = run(["verify", "/nonexistent/x.jpg"])
    check(code == 2 and "nonexistent" in err, "verify: missing file, exit 2")
    code, out, _ = run(["verify", "--help"])
    check(code == 0 and "usage: docverify verify" in out, "verify --help")
    # A kiosk capture with its infrared and ultraviolet companions beside it.
    with tempfile.TemporaryDirectory() as d:
        run(["specimen", "--format", "TD1", "--capture", "kiosk", "--forgery", "uv_bright_paper", "--seed", "31", "--out", d])
        page = next(str(p) for p in pathlib.Path(d).glob("*.png") if not p.stem.endswith(("_ir", "_uv")))
        code, out, _ = run(["verify", "--json", "--profile", "kiosk", "--today", "2026-12-01", "--companions", page])
        checks = {c["id"]: c for c in json.loads(out)["checks"]}
        check(checks.get("security.uv.dull", {}).get("status") == "error", f"verify --companions: bright paper caught: {checks.get('security.uv.dull')}")
        check(checks.get("security.ir.b900", {}).get("status") == "ok", "verify --companions: the MRZ is dark in IR")
        code, out, _ = run(["verify", "--json", "--today", "2026-12-01", "--ir", page[:-4] + "_ir.png", page])
        checks = {c["id"]: c for c in json.loads(out)["checks"]}
        check(checks.get("security.ir.b900", {}).get("status") == "ok" and checks["security.uv.dull"]["status"] == "not_done",
              "verify --ir: infrared checked, ultraviolet not given")
        code, _, err = run(["verify", "--ir", page, page, page])
        check(code != 0 and "--ir" in err, "verify --ir with two images is refused")
        # The reports: one image, one file each; several images, a folder of them.
        html, png = pathlib.Path(d) / "one.html", pathlib.Path(d) / "one.png"
        code, out, _ = run(["verify", "--no-viz", "--companions", "--today", "2026-12-01", "--html", str(html), "--annotate", str(png), page])
        check(html.read_text(encoding="utf-8").startswith("<!doctype html>") and "security.uv.dull" in html.read_text(encoding="utf-8"),
              "verify --html writes the report")
        check(png.read_bytes()[:4] == b"\x89PNG", "verify --annotate writes a PNG")
        folder = pathlib.Path(d) / "reports"
        run(["verify", "--no-viz", "--today", "2026-12-01", "--html", str(folder), page, str(IMAGES / "passport-td3-scan.jpg")])
        check(sorted(p.name for p in folder.iterdir()) == sorted([pathlib.Path(page).stem + ".html", "passport-td3-scan.html"]),
              "verify --html with several images fills a folder")
        # The verdict policy: the bright paper made advisory is a suspect, not an error.
        code, out, _ = run(["verify", "--json", "--no-viz", "--companions", "--profile", "kiosk", "--today", "2026-12-01",
                            "--check", "security.uv.*=advisory", page])
        check(json.loads(out)["verdict"]["status"] == "suspect", "verify --check makes a check advisory")
        code, _, err = run(["verify", "--check", "security.uv.dull=sometimes", page])
        check(code != 0 and "WEIGHT" in err, "verify --check with an unknown weight is refused")


if __name__ == "__main__":
    DOCVERIFY = sys.argv[1]
    IMAGES = pathlib.Path(sys.argv[2])
    main()
    if failures:
        print("\n".join("FAIL: " + f for f in failures))
        sys.exit(1)
    print("ok")
