"""docverify.verify: the read plus the authenticity checks, through the C API."""
import math

import pytest

import docverify


def _checks(report):
    return {c.id: c for c in report.mrz_report.checks}


def test_genuine_scan_has_colour_and_lists_what_did_not_run():
    s = docverify.make_specimen(format="TD3", seed=21, dpi=300)
    r = docverify.verify(s.png, profile="kiosk", engine="builtin")
    assert r.found and r.valid
    checks = _checks(r)
    grey = checks["liveness.grey_copy"]
    assert grey.status == "ok" and grey.measured > grey.threshold and grey.unit
    assert checks["security.ir.b900"].status == "not_done"
    assert checks["security.ir.b900"].diagnose == "REQUIRED_IMAGE_MISSING"
    # At the kiosk the infrared and ultraviolet checks are required: not ok without them.
    assert r.mrz_report.verdict.status == "not_done" and r.mrz_report.verdict.incomplete
    # A 300 dpi scan is fine enough for the MRZ print measures.
    spacing = checks["mrz.print.line_spacing"]
    assert spacing.status == "ok" and spacing.unit == "pitches" and not math.isnan(spacing.measured)
    # Text checks measure nothing.
    assert checks["mrz.syntax.alphabet"].measured is None


def test_grey_copy_is_caught():
    s = docverify.make_specimen(format="TD1", seed=22, forgery="grey_copy")
    r = docverify.verify(s.png, profile="trainer", engine="builtin")
    grey = _checks(r)["liveness.grey_copy"]
    assert grey.status == "error" and grey.diagnose == "GREY_COPY_DETECTED"
    assert r.mrz_report.verdict.status == "suspect"


def test_trainer_profile_requires_no_image_checks():
    s = docverify.make_specimen(format="MRVB", seed=23)
    r = docverify.verify(s.png, profile="trainer", engine="builtin")
    assert r.mrz_report.verdict.status == "ok"
    assert any(c.status == "not_done" for c in r.mrz_report.checks)


def test_bad_input_raises():
    with pytest.raises(docverify.ImageError):
        docverify.verify(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(ValueError):
        docverify.verify(b"", engine="nope")


def test_kiosk_companions_as_files_and_arrays(tmp_path):
    # The generator's kiosk capture writes NAME.png with NAME_ir.png and NAME_uv.png.
    docverify.write_specimens(tmp_path, format="TD3", seed=24, capture="kiosk", forgery="ir_transparent_ink")
    page = next(p for p in tmp_path.glob("*.png") if not p.stem.endswith(("_ir", "_uv")))
    ir, uv = page.with_name(page.stem + "_ir.png"), page.with_name(page.stem + "_uv.png")
    r = docverify.verify(page, profile="kiosk", engine="builtin", infrared=ir, ultraviolet=str(uv))
    checks = _checks(r)
    b900 = checks["security.ir.b900"]
    assert b900.status == "error" and b900.diagnose == "IR_LOW_CONTRAST" and b900.measured < b900.threshold
    assert checks["security.uv.dull"].status == "ok"
    assert r.mrz_report.verdict.status == "error"
    # The same companions as arrays; a grey strip of another field of view is not judged.
    np = pytest.importorskip("numpy")
    strip = np.full((40, 400), 200, dtype=np.uint8)
    r = docverify.verify(str(page), profile="kiosk", engine="builtin", infrared=strip)
    assert _checks(r)["security.ir.b900"].diagnose == "IMAGES_NOT_REGISTERED"
    with pytest.raises(TypeError):
        docverify.verify(str(page), engine="builtin", infrared=b"\x89PNG")
    with pytest.raises(docverify.DocVerifyError):
        docverify.verify(str(page), engine="builtin", infrared=tmp_path / "missing_ir.png")


def test_reports_regions_and_verdict_policy(tmp_path):
    s = docverify.make_specimen(format="TD3", seed=24, forgery="mrz_unrecomputed")
    html, png = tmp_path / "r.html", tmp_path / "r.png"
    r = docverify.verify(s.png, profile="trainer", engine="builtin", visual_zone=False, html=html, annotate=png)
    digit = _checks(r)["mrz.check_digit.birth_date"]
    assert digit.status == "error" and len(digit.regions) == 2
    x, y, w, h = digit.regions[0]
    (qx0, qy0), _, (qx2, qy2), _ = r.mrz_quad
    assert qx0 - 2 <= x and x + w <= qx2 + 2 and qy0 - 2 <= y and y + h <= qy2 + 2
    assert r.mrz_report.verdict.status == "error"
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "mrz.check_digit.birth_date" in page and "data:image/jpeg" in page
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The integrator's policy: the check digits advisory, so the verdict is suspect.
    r = docverify.verify(s.png, profile="trainer", engine="builtin", visual_zone=False,
                         checks={"mrz.check_digit.*": "advisory"})
    assert r.mrz_report.verdict.status == "suspect"
    assert not _checks(r)["mrz.check_digit.birth_date"].critical
    with pytest.raises(ValueError):
        docverify.verify(s.png, checks={"mrz.*": "sometimes"})
    with pytest.raises(docverify.DocVerifyError):
        docverify.verify(s.png, checks={"Not An Id": "ignored"})
