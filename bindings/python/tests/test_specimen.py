import json

import pytest

import docverify


def test_in_memory_specimen_is_deterministic_and_valid():
    a = docverify.make_specimen("TD3", index=4, seed=9, dpi=150)
    b = docverify.make_specimen("TD3", index=4, seed=9, dpi=150)
    assert a == b and a.png.startswith(b"\x89PNG")
    truth = a.ground_truth
    assert truth["schema"] == "docverify-specimen/1" and truth["format"] == "TD3"
    r = docverify.parse_mrz("\n".join(truth["mrz_lines"]), today="2026-12-01")
    assert r.mrz.valid and r.mrz.fields.document_number == truth["fields"]["document_number"]
    assert docverify.make_specimen("TD3", index=5, seed=9, dpi=150) != a
    assert docverify.check_image(a.png).container == "png"


def test_write_specimens(tmp_path):
    assert docverify.write_specimens(tmp_path, "MRVB", count=2, seed=3, dpi=120) == 2
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["mrvb-seed3-00000.json", "mrvb-seed3-00000.png", "mrvb-seed3-00001.json", "mrvb-seed3-00001.png"]
    assert json.loads((tmp_path / "mrvb-seed3-00001.json").read_text(encoding="utf-8"))["format"] == "MRVB"


def test_bad_options():
    with pytest.raises(docverify.InvalidArgumentError):
        docverify.make_specimen(dpi=10)
    with pytest.raises(ValueError):
        docverify.make_specimen(format="TD9")


def test_forgery_kit():
    s = docverify.make_specimen("TD3", index=1, seed=5, dpi=150, forgery="mrz_unrecomputed")
    assert s.ground_truth["forgery"]["type"] == "mrz_unrecomputed" and s.ground_truth["forgery"]["regions"]
    r = docverify.parse_mrz("\n".join(s.ground_truth["mrz_lines"]), today="2026-12-01")
    assert r.mrz.valid is False
    with pytest.raises(ValueError):
        docverify.make_specimen(forgery="laser")


def test_kiosk_capture_writes_companions(tmp_path):
    assert docverify.write_specimens(tmp_path, "TD1", count=1, seed=2, dpi=120, capture="kiosk") == 1
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["td1-seed2-00000.json", "td1-seed2-00000.png", "td1-seed2-00000_ir.png", "td1-seed2-00000_uv.png"]
    truth = json.loads((tmp_path / "td1-seed2-00000.json").read_text(encoding="utf-8"))
    assert truth["capture"]["profile"] == "kiosk" and truth["companions"]["infrared"] == "td1-seed2-00000_ir.png"


def test_phone_capture_is_a_jpeg_photo():
    s = docverify.make_specimen("TD3", index=1, seed=4, capture="phone")
    assert s.png[:2] == b"\xff\xd8" and docverify.check_image(s.png).container == "jpeg"
    assert len(s.ground_truth["mrz_quad"]) == 4 and s.ground_truth["capture"]["mrz_char_px"] >= 14
