"""Images as docverify takes them: a path, encoded bytes (JPEG, PNG, ...), or a numpy uint8
array of H x W (gray), H x W x 3 (RGB) or H x W x 4 (RGBA) with any strides. Arrays cross as
a borrowed, bounds-checked view; the array is kept alive for the call and never retained."""
from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass
from typing import Any, Optional, Tuple, Union

from . import _native
from ._native import check, lib
from .errors import ImageError

PIXEL_GRAY8, PIXEL_RGB8, PIXEL_BGR8, PIXEL_RGBA8 = 1, 2, 3, 4
_FORMAT_BY_CHANNELS = {1: PIXEL_GRAY8, 3: PIXEL_RGB8, 4: PIXEL_RGBA8}


CONTAINERS = {1: "jpeg", 2: "png", 3: "tiff", 4: "bmp", 5: "webp", 6: "jpeg2000"}


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "pixels" or "encoded"
    width: Optional[int]
    height: Optional[int]
    channels: Optional[int]
    size: int  # bytes
    container: Optional[str] = None  # encoded images: "jpeg", "png", ...


class PixelView:
    """A dv_image_view over a numpy array (copied to C-contiguous rows only when the pixels
    of a row are not adjacent). ``view`` is valid while this object lives."""

    def __init__(self, array: Any, pixel_format: Optional[int] = None) -> None:
        import numpy as np  # numpy is optional: only arrays need it

        a = np.asarray(array)
        if a.dtype != np.uint8:
            raise ImageError(f"image arrays must be uint8, not {a.dtype}")
        if a.ndim == 2:
            channels = 1
        elif a.ndim == 3 and a.shape[2] in (3, 4):
            channels = a.shape[2]
        else:
            raise ImageError(f"image arrays are H x W, H x W x 3 or H x W x 4; got shape {a.shape}")
        # Rows may be any distance apart (a crop of a larger image), but pixels within a
        # row must be packed and rows must not overlap; otherwise copy.
        packed = (a.strides[1] == channels and (a.ndim == 2 or a.strides[2] == 1)
                  and a.strides[0] >= a.shape[1] * channels)
        if not packed:
            a = np.ascontiguousarray(a)
        self._array = a  # keeps the memory alive for as long as the view is used
        height, width = a.shape[0], a.shape[1]
        row_stride = a.strides[0]
        fmt = pixel_format if pixel_format is not None else _FORMAT_BY_CHANNELS[channels]
        if lib.dv_pixel_format_channels(fmt) != channels:
            raise ImageError(f"pixel format {fmt} does not have {channels} channel(s)")
        if not (0 < width < 2**32 and 0 < height < 2**32):  # ctypes would silently wrap
            raise ImageError(f"image of {width} x {height} pixels cannot be described")
        size = (height - 1) * row_stride + width * channels
        data = ctypes.cast(a.ctypes.data, ctypes.POINTER(ctypes.c_uint8))
        self.view = _native.ImageView(_native.IMAGE_VIEW_VERSION, fmt, width, height, row_stride, data, size)
        self.channels = channels


def _is_array(obj: Any) -> bool:
    return hasattr(obj, "__array_interface__") or type(obj).__module__ == "numpy"


def image_input(obj: Union[str, os.PathLike, bytes, bytearray, memoryview, Any]) -> Tuple[str, Any]:
    """Normalises what image functions accept: ("pixels", PixelView) or ("encoded", bytes)."""
    if isinstance(obj, (str, os.PathLike)):
        with open(obj, "rb") as f:
            return "encoded", f.read()
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return "encoded", bytes(obj)
    if _is_array(obj):
        return "pixels", PixelView(obj)
    raise TypeError("an image is a path, bytes, or a numpy uint8 array")


def check_image(obj: Any) -> ImageInfo:
    """Validates an image input the way the library will read it (pixel views are
    bounds-checked by the C library; encoded images are decoded by the image reader)."""
    kind, value = image_input(obj)
    if kind == "encoded":
        buf = (ctypes.c_uint8 * len(value)).from_buffer_copy(value)
        enc = _native.EncodedImage(_native.ENCODED_IMAGE_VERSION, ctypes.cast(buf, ctypes.POINTER(ctypes.c_uint8)),
                                   len(value))
        container = ctypes.c_int32()
        check(lib.dv_encoded_image_check(ctypes.byref(enc), ctypes.byref(container)))
        return ImageInfo("encoded", None, None, None, len(value), CONTAINERS.get(container.value))
    check(lib.dv_image_view_check(ctypes.byref(value.view)))
    v = value.view
    return ImageInfo("pixels", v.width, v.height, value.channels, v.size)
