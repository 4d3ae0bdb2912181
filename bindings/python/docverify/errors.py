"""One exception hierarchy, mapped from the C API's pinned status codes.

Verdicts are returned, never raised: a forged or expired document is a result, not an
error. These exceptions mean the call itself could not be done.
"""
from __future__ import annotations


class DocVerifyError(Exception):
    """Base class. ``status`` is the C status code, ``message`` the library's detail."""

    status: int = -3

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class InvalidArgumentError(DocVerifyError, ValueError):
    status = -1


class OutOfMemoryError(DocVerifyError, MemoryError):
    status = -2


class InternalError(DocVerifyError):
    status = -3


class BufferTooSmallError(DocVerifyError):
    status = -4


class VersionError(DocVerifyError):
    status = -5


class UnusableInputError(DocVerifyError, ValueError):
    """The input is not what the call reads (for example, not shaped like an MRZ)."""

    status = -6


class OutOfRangeError(DocVerifyError, LookupError):
    status = -7


class Utf8Error(DocVerifyError, ValueError):
    status = -8


class DocVerifyIOError(DocVerifyError, OSError):
    status = -9


class ImageError(DocVerifyError, ValueError):
    status = -10


class UnsupportedError(DocVerifyError, NotImplementedError):
    status = -11


_BY_STATUS = {cls.status: cls for cls in (
    InvalidArgumentError, OutOfMemoryError, InternalError, BufferTooSmallError, VersionError,
    UnusableInputError, OutOfRangeError, Utf8Error, DocVerifyIOError, ImageError, UnsupportedError)}


def error_for(status: int, message: str) -> DocVerifyError:
    """The exception for a failed call's status (InternalError for codes this version does not know)."""
    cls = _BY_STATUS.get(status, InternalError)
    return cls(message or f"docverify status {status}", status)
