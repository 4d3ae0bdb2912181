import numpy as np
import pytest

import docverify


@pytest.mark.parametrize("shape,channels", [((20, 30), 1), ((20, 30, 3), 3), ((20, 30, 4), 4)])
def test_contiguous_arrays(shape, channels):
    info = docverify.check_image(np.zeros(shape, dtype=np.uint8))
    assert (info.kind, info.width, info.height, info.channels) == ("pixels", 30, 20, channels)


def test_any_strides():
    big = np.zeros((100, 120, 3), dtype=np.uint8)
    crop = big[10:50, 20:80]            # rows further apart than a row: a borrowed view
    assert docverify.check_image(crop).width == 60
    stepped = big[::2, ::3]             # pixels not adjacent: copied
    assert docverify.check_image(stepped).width == 40
    fortran = np.asfortranarray(np.zeros((40, 50), dtype=np.uint8))
    assert docverify.check_image(fortran).height == 40
    flipped = big[::-1]                 # negative strides: copied
    assert docverify.check_image(flipped).height == 100
    channels_last = np.zeros((3, 20, 30), dtype=np.uint8).transpose(1, 2, 0)
    assert docverify.check_image(channels_last).channels == 3


def test_overlapping_rows_are_copied_and_formats_checked():
    from numpy.lib.stride_tricks import as_strided
    base = np.arange(200, dtype=np.uint8)
    overlapping = as_strided(base, shape=(10, 20), strides=(5, 1))  # rows overlap
    assert docverify.check_image(overlapping).height == 10
    from docverify.image import PIXEL_GRAY8, PixelView
    with pytest.raises(docverify.ImageError):
        PixelView(np.zeros((4, 4, 3), dtype=np.uint8), pixel_format=PIXEL_GRAY8)


def test_bad_arrays():
    with pytest.raises(docverify.ImageError):
        docverify.check_image(np.zeros((10, 10), dtype=np.float32))
    with pytest.raises(docverify.ImageError):
        docverify.check_image(np.zeros((10, 10, 2), dtype=np.uint8))
    with pytest.raises(docverify.ImageError):
        docverify.check_image(np.zeros((0, 10), dtype=np.uint8))
    with pytest.raises(TypeError):
        docverify.check_image(42)


def test_bytes_and_paths(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    info = docverify.check_image(png)
    assert (info.kind, info.container) == ("encoded", "png")
    assert docverify.check_image(bytearray(b"\xff\xd8\xff\xe0" + b"\x00" * 8)).container == "jpeg"
    with pytest.raises(docverify.ImageError):
        docverify.check_image(b"GIF89a not supported")
    p = tmp_path / "x.png"
    p.write_bytes(png)
    assert docverify.check_image(str(p)).size == len(png)
    assert docverify.check_image(p).kind == "encoded"
    with pytest.raises(docverify.ImageError):
        docverify.check_image(b"")
    with pytest.raises(OSError):
        docverify.check_image(tmp_path / "missing.png")
