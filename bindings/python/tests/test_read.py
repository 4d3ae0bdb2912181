"""The image reader through the C API: paths, bytes and arrays; the stream session."""
import json
import os

import numpy as np
import pytest

import docverify


def _specimen(fmt="TD3", seed=3, capture="scan", index=0, dpi=300):
    return docverify.make_specimen(format=fmt, index=index, seed=seed, capture=capture, dpi=dpi)


def _png_pixels(png: bytes) -> np.ndarray:
    """A minimal PNG decoder (8-bit RGB or gray, not interlaced), so the tests need no image
    library: the stream session takes pixels, not files."""
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, width, height, channels = 8, b"", 0, 0, 0
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        body = png[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and body[12] == 0
            channels = {0: 1, 2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    out = np.zeros((height, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        f = raw[y * (stride + 1)]
        row = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=y * (stride + 1) + 1).astype(np.int32)
        if f == 1:
            for x in range(channels, stride):
                row[x] = (row[x] + row[x - channels]) & 255
        elif f == 2:
            row = (row + prev) & 255
        elif f == 3:
            for x in range(stride):
                left = row[x - channels] if x >= channels else 0
                row[x] = (row[x] + ((left + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(stride):
                a = row[x - channels] if x >= channels else 0
                b = prev[x]
                c = prev[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[x] = (row[x] + pred) & 255
        out[y] = row
        prev = row
    return out.astype(np.uint8).reshape(height, width, channels) if channels > 1 else out.astype(np.uint8)


def test_reads_png_bytes_and_array_alike():
    s = _specimen("TD1", dpi=200)
    truth = s.ground_truth["mrz_lines"]
    from_bytes = docverify.read_mrz(s.png, today="2026-12-01")
    assert from_bytes.found and from_bytes.valid
    assert from_bytes.lines == truth
    rgb = _png_pixels(s.png)  # the generator writes BGR as PNG's RGB order: either reads
    for pixels in (rgb, rgb[:, :, 0].copy(), np.dstack([rgb, np.full(rgb.shape[:2], 255, np.uint8)])):
        r = docverify.read_mrz(pixels, today="2026-12-01")
        assert r.found and r.valid and r.lines == truth


def test_reads_a_file(tmp_path):
    s = _specimen("TD3", seed=11)
    path = tmp_path / "page.png"
    path.write_bytes(s.png)
    r = docverify.read_mrz(str(path), today="2026-12-01")
    assert r.found and r.valid and r.lines == s.ground_truth["mrz_lines"]
    assert len(r.mrz_quad) == 4 and len(r.document_quad) == 4
    assert r.quality["char_height_px"] > 10
    assert r.json["schema"] == "docverify/1"


def test_no_mrz_in_noise_is_not_found():
    rng = np.random.default_rng(5)
    noise = rng.integers(0, 256, size=(480, 640, 3), dtype=np.uint8)
    r = docverify.read_mrz(noise)
    assert not r.found and not r.valid and r.mrz_report is None


def test_blank_gray_array_is_not_found():
    r = docverify.read_mrz(np.full((300, 400), 255, dtype=np.uint8))
    assert not r.found


def test_garbage_bytes_raise_image_error():
    with pytest.raises(docverify.ImageError):
        docverify.read_mrz(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError):
        docverify.read_mrz(b"xx", engine="magic")


def test_stream_becomes_ready_after_agreeing_frames():
    s = _specimen("TD3", seed=21, dpi=200)
    page = _png_pixels(s.png)
    with docverify.MrzStream(today="2026-12-01", frames_to_agree=2) as stream:
        ready1, r1 = stream.feed(page)
        ready2, r2 = stream.feed(page)
    assert not ready1
    assert ready2 and r2.valid and r2.lines == s.ground_truth["mrz_lines"]


def test_cli_read_json(tmp_path, capsys):
    from docverify.cli import main

    s = _specimen("TD2", seed=4)
    path = tmp_path / "card.png"
    path.write_bytes(s.png)
    assert main(["read", "--json", "--today", "2026-12-01", str(path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["image"]["found"] and doc["mrz"]["lines"] == s.ground_truth["mrz_lines"]
