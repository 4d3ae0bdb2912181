"""docverify: travel document verification over the docverify C library.

    >>> import docverify
    >>> r = docverify.parse_mrz("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\\n"
    ...                         "L898902C36UTO7408122F1204159ZE184226B<<<<<10", today="2010-01-01")
    >>> r.mrz.fields.document_number, r.verdict.status
    ('L898902C3', 'error')
"""
from ._native import lib as _lib
from .errors import (BufferTooSmallError, DocVerifyError, DocVerifyIOError, ImageError, InternalError,
                     InvalidArgumentError, OutOfMemoryError, OutOfRangeError, UnsupportedError, UnusableInputError,
                     Utf8Error, VersionError)
from .image import ImageInfo, check_image, image_input
from .read import ImageReadReport, MrzStream, read_mrz, verify
from .seal import Seal, SealReport, TrustStore, read_seal
from .specimen import Specimen, make_specimen, write_specimen_pki, write_specimens
from .mrz import (BuiltMrz, Check, CheckDigit, Context, Correction, Fields, Mrz, MrzReport, Verdict, build_mrz,
                  parse_mrz)

__version__ = _lib.dv_version_string().decode()

__all__ = [
    "parse_mrz", "build_mrz", "BuiltMrz", "Context", "MrzReport", "Mrz", "Fields", "CheckDigit", "Correction", "Check", "Verdict",
    "read_mrz", "verify", "MrzStream", "read_seal", "TrustStore", "Seal", "SealReport", "ImageReadReport", "check_image", "image_input", "ImageInfo", "make_specimen", "write_specimens", "write_specimen_pki", "Specimen",
    "DocVerifyError", "InvalidArgumentError", "OutOfMemoryError", "InternalError", "BufferTooSmallError",
    "VersionError", "UnusableInputError", "OutOfRangeError", "Utf8Error", "DocVerifyIOError", "ImageError",
    "UnsupportedError", "__version__",
]
