"""Reading rendered PDFs back in tests: their text, page sizes and whether a QR code on a page carries a URL.

Documents are set in an embedded TrueType font, so their words are not plain bytes in the page streams; pypdf
extracts them through the font's Unicode map, as a reader's copy-and-paste would.
"""

import io
import re

import pypdf
import qrcode
from PIL import ImageChops


def reader(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """Every page's text, whitespace runs collapsed to one space."""
    text = " ".join(page.extract_text() or "" for page in reader(content).pages)
    return re.sub(r"\s+", " ", text)


def page_sizes_mm(content: bytes) -> list[tuple[float, float]]:
    return [
        (round(float(page.mediabox.width) * 25.4 / 72, 1), round(float(page.mediabox.height) * 25.4 / 72, 1))
        for page in reader(content).pages
    ]


def font_names(content: bytes) -> set[str]:
    """The /BaseFont of every font the pages use ("/AAAAAA+DejaVuSansCondensed": an embedded subset)."""
    names = set()
    for page in reader(content).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def has_qr_of(content: bytes, url: str) -> bool:
    """True when an image on some page is the QR code of `url` (drawn as the PDF kit draws it)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=1)
    code.add_data(url)
    code.make(fit=True)
    expected = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    for page in reader(content).pages:
        for image in page.images:
            drawn = image.image.convert("L")
            if drawn.size == expected.size and ImageChops.difference(drawn, expected).getbbox() is None:
                return True
    return False


def image_count(content: bytes, page: int = 0) -> int:
    return len(reader(content).pages[page].images)
