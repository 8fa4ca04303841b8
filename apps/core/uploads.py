"""Validation of uploaded files by their content (magic bytes), never by their name."""

import os
import uuid
import warnings
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from apps.core.errors import ServiceError

MB = 1024 * 1024
# Far above any camera photo or a 600 dpi A4 scan (35 megapixels); refuses decompression bombs (a 30000×30000
# PNG is about 100 kB on disk and 2.7 GB in memory) before anything decodes them or shows them to an officer.
IMAGE_MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class UploadKind:
    mime: str
    extension: str
    extensions: tuple[str, ...]  # names the user may give this type


JPEG = UploadKind("image/jpeg", "jpg", ("jpg", "jpeg"))
PNG = UploadKind("image/png", "png", ("png",))
PDF = UploadKind("application/pdf", "pdf", ("pdf",))
WEBP = UploadKind("image/webp", "webp", ("webp",))

DOCUMENT_KINDS = (JPEG, PNG, PDF)
IMAGE_KINDS = (JPEG, PNG, WEBP)
# The file inputs' `accept` attribute for DOCUMENT_KINDS (a hint to the phone's picker; the server decides).
DOCUMENT_ACCEPT = ",".join(
    [f".{ext}" for k in DOCUMENT_KINDS for ext in k.extensions] + [k.mime for k in DOCUMENT_KINDS]
)


def validate_upload(uploaded, *, allowed=DOCUMENT_KINDS, max_bytes=5 * MB, field=None) -> UploadKind:
    """Return the detected kind, or raise ServiceError with a message the user can act on."""
    size = uploaded.size or 0
    if size == 0:
        raise ServiceError("file_empty", _("Berkas kosong. Pilih berkas yang berisi dokumen."), field=field)
    if size > max_bytes:
        raise ServiceError(
            "file_too_large",
            _("Ukuran berkas maksimal %(limit)s MB.") % {"limit": max_bytes // MB},
            field=field,
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    guess = filetype.guess(head)
    kind = next((k for k in allowed if guess and guess.mime == k.mime), None)
    allowed_names = ", ".join(ext for k in allowed for ext in k.extensions)
    if kind is None:
        raise ServiceError(
            "file_type",
            _("Isi berkas bukan tipe yang diizinkan (%(types)s).") % {"types": allowed_names},
            field=field,
        )
    name_extension = os.path.splitext(uploaded.name or "")[1].lower().lstrip(".")
    if name_extension and name_extension not in kind.extensions:
        raise ServiceError(
            "file_extension_mismatch",
            _("Nama berkas berakhiran .%(ext)s tetapi isinya %(kind)s.")
            % {"ext": name_extension, "kind": kind.extension.upper()},
            field=field,
        )
    if kind.mime.startswith("image/"):
        validate_image_size(uploaded, field=field)
    return kind


def validate_image_size(uploaded, *, field=None) -> None:
    """Refuse an image with more than IMAGE_MAX_PIXELS pixels, reading only its header.

    Pillow's own decompression-bomb guard (a warning, or an error above twice its limit) ends here as the same
    refusal, so it never becomes a server error.
    """
    too_large = ServiceError(
        "image_too_many_pixels",
        _("Ukuran gambar terlalu besar (resolusi). Perkecil gambar, lalu unggah lagi."),
        field=field,
    )
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as probe:
                width, height = probe.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ServiceError(
            "image_unreadable",
            _("Gambar tidak dapat dibaca. Pastikan berkas adalah gambar JPG, PNG atau WEBP yang utuh."),
            field=field,
        )
    finally:
        uploaded.seek(0)
    if width * height > IMAGE_MAX_PIXELS:
        raise too_large


def random_name(prefix: str, kind: UploadKind) -> str:
    """A stored name that reveals nothing and cannot be guessed; the user's file name is kept elsewhere."""
    return f"{prefix}/{uuid.uuid4().hex}.{kind.extension}"


def safe_display_name(name: str) -> str:
    """The user's file name without path parts or control characters, for display only."""
    base = os.path.basename((name or "").replace("\\", "/"))
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return cleaned[:120] or "berkas"
