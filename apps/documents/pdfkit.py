"""Building blocks of the office's official PDFs (ReportLab platypus), shared by every renderer.

Everything here is a pure function of a signed snapshot (see `documents.services.document_issue`: "office",
"signer", "number", "date", "body"): a document printed today shows what was signed, never a live name. Text is
set in DejaVu Sans Condensed, a Unicode TrueType font shipped in `fonts/` (the PDF's built-in Helvetica has no glyph for
many letters of Indonesian names, e.g. "Ñ" or "ṣ"), so every name prints as typed.

The parts follow the layout of an Indonesian official letter (Tata Naskah Dinas): the kop surat (government line,
office, address and contacts over a double rule), number and date lines, and the signature block (place and date,
"a.n." authority, position, the e-signature, name underlined, rank, NIP grouped 8-6-1-3), plus the QR code of the
public verification page.
"""

import datetime
import functools
import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

import qrcode
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PlatypusTable

from apps.core.formatting import date_id, nip_grouped

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "SipmiSans"
FONT_BOLD = "SipmiSans-Bold"

SEXES = {"L": "Laki-laki", "P": "Perempuan"}

MARGIN = 20 * mm
# SimpleDocTemplate's frame pads 6 pt on each side: a table as wide as this lines up with the paragraphs.
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 12
GREY = colors.HexColor("#555555")


@functools.cache
def register_fonts() -> str:
    """Register the TrueType family once per process; `<b>` in a Paragraph then picks the bold face."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSansCondensed.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf")))
    # No italic face is shipped: <i> falls back to the upright one rather than to a font without the glyphs.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name (registering the fonts first: a Paragraph resolves <b> to a face when made)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=12.8, alignment=TA_JUSTIFY, spaceAfter=3.5)
    cell = ParagraphStyle("cell", parent=body, alignment=TA_LEFT, spaceAfter=0)
    return {
        "body": body,
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        "small": ParagraphStyle("small", parent=cell, fontSize=8, leading=10),
        "tiny": ParagraphStyle("tiny", parent=cell, fontSize=6.5, leading=8, textColor=GREY),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER, spaceAfter=0),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=12, leading=16, alignment=TA_CENTER, spaceAfter=0
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, alignment=TA_CENTER, spaceBefore=8, spaceAfter=2
        ),
        "kop_government": ParagraphStyle(
            "kop_government", parent=cell, fontName=FONT_BOLD, fontSize=13, leading=16, alignment=TA_CENTER
        ),
        "kop_office": ParagraphStyle(
            "kop_office", parent=cell, fontName=FONT_BOLD, fontSize=15, leading=19, alignment=TA_CENTER
        ),
        "kop_contact": ParagraphStyle("kop_contact", parent=cell, fontSize=8.5, leading=11, alignment=TA_CENTER),
        "sign": ParagraphStyle("sign", parent=cell, leading=12, alignment=TA_CENTER),
        "sign_bold": ParagraphStyle("sign_bold", parent=cell, leading=12, fontName=FONT_BOLD, alignment=TA_CENTER),
        "sign_small": ParagraphStyle("sign_small", parent=cell, fontSize=7, leading=9, alignment=TA_CENTER),
    }


class Table(PlatypusTable):
    """A platypus Table whose cells are set in the document's font: ReportLab selects each cell's font even when
    the cell holds a flowable, and its default (Helvetica) would otherwise be added to every PDF."""

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)]))


# --- Text -------------------------------------------------------------------------------------------------------


def text(value) -> str:
    """A value made safe for Paragraph markup (user-typed "<" or "&" print as typed), line breaks kept."""
    if value is None:
        return ""
    return escape(str(value)).replace("\n", "<br/>")


def or_dash(value) -> str:
    cleaned = text(value).strip()
    return cleaned or "-"


def sex_id(value) -> str:
    return SEXES.get(str(value or "").upper(), str(value or ""))


_REGION = re.compile(r"\b(?:KABUPATEN|KAB\.|KOTA ADMINISTRASI|KOTA|PROVINSI)\s+(.+)$", re.IGNORECASE)


def place_name(office: dict) -> str:
    """Where the office signs ("Depok" in "Depok, 30 November 2026"): the snapshot's city, else read from the
    government line ("PEMERINTAH KOTA DEPOK") or the office name ("Dinas Tenaga Kerja Kabupaten Tabalong")."""
    for key in ("city", "region_name", "region"):
        value = office.get(key)
        # "region" may be the region's code ("32.76"), not its name: only words count.
        if isinstance(value, str) and re.search(r"[A-Za-z]", value):
            found = _REGION.search(value.strip())
            return _title(found.group(1) if found else value.strip())
    for key in ("government", "government_line", "name"):
        found = _REGION.search(str(office.get(key) or "").strip())
        if found:
            return _title(found.group(1))
    return ""


def _title(value: str) -> str:
    # "KAB. TABALONG" → "Tabalong"; "DKI JAKARTA" keeps its acronym.
    value = re.sub(r"^(?:KAB\.|KABUPATEN|KOTA)\s+", "", value.strip(), flags=re.IGNORECASE)
    return " ".join(word if word.isupper() and len(word) <= 3 else word.capitalize() for word in value.split())


def government_line(office: dict) -> str:
    return str(office.get("government") or office.get("government_line") or "").strip()


# --- Letterhead and heading -------------------------------------------------------------------------------------


def letterhead(office: dict) -> list:
    """The kop surat: government line, the office's name in capitals, address and contacts, a thick-thin rule."""
    st = styles()
    rows = []
    government = government_line(office)
    if government:
        rows.append(Paragraph(text(government.upper()), st["kop_government"]))
    rows.append(Paragraph(text(str(office.get("name") or "").upper()), st["kop_office"]))
    if office.get("address"):
        rows.append(Paragraph(text(office["address"]), st["kop_contact"]))
    contacts = []
    if office.get("phone"):
        contacts.append(f"Telepon {text(office['phone'])}")
    if office.get("email"):
        contacts.append(f"Pos-el {text(office['email'])}")
    if office.get("website"):
        contacts.append(f"Laman {text(_bare_url(office['website']))}")
    if contacts:
        rows.append(Paragraph(" · ".join(contacts), st["kop_contact"]))
    return [
        *rows,
        Spacer(1, 1.5 * mm),
        HRFlowable(width="100%", thickness=2.2, color=colors.black, spaceBefore=0, spaceAfter=0.8),
        HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceBefore=0, spaceAfter=3.5 * mm),
    ]


def _bare_url(url: str) -> str:
    return re.sub(r"^https?://", "", str(url)).rstrip("/")


def title_block(title: str, number: str | None = None) -> list:
    """A centred, underlined title and "Nomor: ..." under it (minutes, ID sheets)."""
    st = styles()
    flowables = [Paragraph(f"<u>{text(title)}</u>", st["title"])]
    if number:
        flowables.append(Paragraph(f"Nomor: {text(number)}", st["center"]))
    flowables.append(Spacer(1, 4 * mm))
    return flowables


def field_table(
    rows: list[tuple[str, object]],
    label_width=45 * mm,
    style: str = "cell",
    width=None,
    *,
    padding: float = 0.8,
    right_padding: float | None = 2,
) -> Table:
    """Label : value lines, values wrapped under themselves (not under the label); an empty value prints "-". Give
    `width` when the table sits inside another table's cell (a nested table cannot measure the space left for the
    values). `padding` is above and below each line; `right_padding` None keeps ReportLab's default (the PP's
    parties)."""
    st = styles()
    data = [
        [Paragraph(text(label), st[style]), Paragraph(":", st[style]), _cell(value, st[style])] for label, value in rows
    ]
    value_width = width - label_width - 4 * mm if width else None
    table = Table(data, colWidths=[label_width, 4 * mm, value_width], hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
    ]
    if right_padding is not None:
        commands.insert(2, ("RIGHTPADDING", (0, 0), (-1, -1), right_padding))
    table.setStyle(TableStyle(commands))
    return table


def numbered(label: str, flowables: list, *, number_top: float | None = None, bottom: float | None = None) -> Table:
    """A numbered item ("1.", "a.") whose content is indented under the number. The number is lowered by
    `number_top` to the first line of the content; by default by a field table's row padding when the content
    starts with a table, else not at all. `bottom` pads below the item (None: ReportLab's default)."""
    if number_top is None:
        number_top = 0.8 if isinstance(flowables[0], PlatypusTable) else 0
    table = Table([[Paragraph(label, styles()["cell"]), flowables]], colWidths=[8 * mm, None], hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, 0), number_top),
    ]
    if bottom is not None:
        commands.append(("BOTTOMPADDING", (0, 0), (-1, -1), bottom))
    table.setStyle(TableStyle(commands))
    return table


def _cell(value, style):
    if isinstance(value, Flowable | list):
        return value
    return Paragraph(or_dash(value), style)


def grid_table(header: list[str], rows: list[list], col_widths: list, font_size: float = 8.5) -> Table:
    """A bordered table with a grey header row (the list of CPMI in minutes)."""
    st = styles()
    cell = ParagraphStyle("grid", parent=st["cell"], fontSize=font_size, leading=font_size + 2.5)
    head = ParagraphStyle("grid_head", parent=cell, fontName=FONT_BOLD, alignment=TA_CENTER)
    data = [[Paragraph(text(label), head) for label in header]]
    data += [
        [value if isinstance(value, Flowable) else Paragraph(or_dash(value), cell) for value in row] for row in rows
    ]
    table = Table(data, colWidths=col_widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


# --- Signature --------------------------------------------------------------------------------------------------


def authority_lines(signer: dict, office: dict) -> tuple[list[str], str]:
    """The lines above the signature, in capitals, and a decree note for a delegated signature.

    "Kepala Dinas"                                     → ["KEPALA DINAS TENAGA KERJA KOTA DEPOK,"]
    "a.n. Kepala Dinas, Kepala Bidang PTK"             → ["a.n. KEPALA DINAS TENAGA KERJA KOTA DEPOK",
                                                          "KEPALA BIDANG PENEMPATAN TENAGA KERJA,"] (the position)
    "a.n. Kepala Dinas ..., Kabid berdasarkan SK Nomor 1 tanggal 2 Januari 2026" → the same, note "SK Nomor ..."
    """
    authority = str(signer.get("authority") or "").strip()
    position = str(signer.get("position") or "").strip()
    note = ""
    if not authority:
        authority = position
    if authority.lower().startswith(("a.n.", "a.n ", "an.")):
        rest = re.sub(r"^a\.?n\.?\s*", "", authority, flags=re.IGNORECASE)
        head, _, tail = rest.partition(",")
        tail, _, decree = tail.partition(" berdasarkan ")
        if decree:
            note = f"berdasarkan {decree.strip()}"
        lines = [f"a.n. {_expand_head(head.strip(), office).upper()}"]
        second = position or tail.strip()
        if second:
            lines.append(second.upper())
    else:
        lines = [_expand_head(authority, office).upper()]
    if lines:
        lines[-1] += ","
    return lines, note


def _expand_head(head: str, office: dict) -> str:
    """ "Kepala Dinas" alone names the office it heads: "Kepala Dinas Tenaga Kerja Kota Depok"."""
    name = str(office.get("name") or "").strip()
    if head.lower() == "kepala dinas" and name.lower().startswith("dinas"):
        return f"Kepala {name}"
    return head


def signature_block(
    snapshot: dict,
    *,
    qr_url: str | None = None,
    with_place_date: bool = True,
    heading: str | None = None,
    after_date: str | None = None,
    width=88 * mm,
) -> Table:
    """The office's signature: place and date, authority, position, the e-signature mark (the QR of the
    verification page when `qr_url` is given), the name underlined, rank and NIP."""
    st = styles()
    office = snapshot.get("office") or {}
    signer = snapshot.get("signer") or {}
    rows: list = []
    if heading:
        rows.append(Paragraph(text(heading), st["sign_bold"]))
    if with_place_date:
        place = place_name(office)
        day = date_id(snapshot.get("date"))
        rows.append(Paragraph(text(f"{place}, {day}" if place else day), st["sign"]))
    if after_date:  # e.g. "Mengetahui/Mengesahkan," over an office's ratification
        rows.append(Paragraph(text(after_date), st["sign"]))
    lines, note = authority_lines(signer, office)
    rows += [Paragraph(text(line), st["sign"]) for line in lines]
    rows.append(e_signature_mark(qr_url))
    rows += person_lines(signer.get("name"), rank=signer.get("rank"), nip=signer.get("nip"))
    if note:
        rows.append(Paragraph(text(note), st["sign_small"]))
    return _column(rows, width)


def person_lines(name, *, rank=None, nip=None, extra: str | None = None) -> list:
    """Name underlined and bold, then the rank and the grouped NIP when known."""
    st = styles()
    rows = [Paragraph(f"<u>{or_dash(name)}</u>", st["sign_bold"])]
    if rank:
        rows.append(Paragraph(text(rank), st["sign"]))
    if nip:
        rows.append(Paragraph(f"NIP {text(nip_grouped(nip))}", st["sign"]))
    if extra:
        rows.append(Paragraph(text(extra), st["sign"]))
    return rows


QR_SIZE = 19 * mm
# The e-signature mark and the spacers around it: the height a paper signature gets beside it.
SIGNATURE_SPACE = QR_SIZE + 2 * mm


def e_signature_mark(qr_url: str | None, size=QR_SIZE) -> Table:
    """Where a wet signature would go: the QR code and the words "ditandatangani secara ELEKTRONIK"."""
    st = styles()
    note = Paragraph("Ditandatangani secara<br/><b>ELEKTRONIK</b>", st["sign_small"])
    if qr_url:
        data = [[qr_image(qr_url, size=size), note]]
        widths = [size + 2 * mm, 26 * mm]
    else:
        data = [[note]]
        widths = [40 * mm]
    table = Table(data, colWidths=widths, rowHeights=[size + 2 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def blank_signature_block(
    heading_lines: list[str], name, *, extra: str | None = None, signed_note: str | None = None, width=80 * mm
) -> Table:
    """Another party's signature place: heading lines ("" keeps a line empty, so that two blocks side by side put
    their names on one line; "<b>" is kept, anything else is escaped), the space for the signature (holding
    `signed_note` when the party signed in the application, e.g. "Ditandatangani di SIPMI ..."), the name."""
    st = styles()
    rows = [Paragraph(_heading_markup(line), st["sign"]) for line in heading_lines]
    if signed_note:
        mark = Table(
            [[Paragraph(text(signed_note), st["sign_small"])]], colWidths=[width], rowHeights=[SIGNATURE_SPACE]
        )
        mark.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        rows.append(mark)
    else:
        rows.append(Spacer(1, SIGNATURE_SPACE))
    if name:
        rows += person_lines(name, extra=extra)
    else:  # a name written by hand on the day: a dotted line, not an underlined dash
        rows.append(Paragraph("(" + "." * 48 + ")", st["sign"]))
        if extra:
            rows.append(Paragraph(text(extra), st["sign"]))
    return _column(rows, width)


ZONES = {"+07:00": "WIB", "+08:00": "WITA", "+09:00": "WIT"}


def moment_id(value) -> str:
    """An ISO date-time as "30 November 2026 pukul 10.15 WIB" (the zone named from its offset)."""
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    zone = ""
    if moment.utcoffset() is not None:
        offset = moment.strftime("%z")
        zone = ZONES.get(f"{offset[:3]}:{offset[3:]}", "UTC" if offset == "+0000" else "")
    return f"{date_id(moment.date())} pukul {moment:%H.%M}" + (f" {zone}" if zone else "")


def _heading_markup(line: str) -> str:
    if not line:
        return "&nbsp;"
    if line.startswith("<b>") and line.endswith("</b>"):
        return f"<b>{text(line[3:-4])}</b>"
    return text(line)


def _column(rows: list, width) -> Table:
    table = Table([[row] for row in rows], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def right_aligned(block, page_width=CONTENT_WIDTH, block_width=88 * mm) -> Table:
    """A signature block on the right half of the page. A one-row table never splits: it moves to the next page
    whole. (Not wrapped in KeepTogether, which would make any KeepTogether around it always start a new page.)"""
    table = Table([["", block]], colWidths=[page_width - block_width, block_width])
    table.setStyle(_flush())
    return table


def centered(block, width) -> Table:
    table = Table([[block]], colWidths=[width], hAlign="CENTER")
    table.setStyle(_flush())
    return table


def side_by_side(left, right, page_width=CONTENT_WIDTH) -> Table:
    """Two signature blocks on one line (minutes, agreements): each party in its own half, never split."""
    half = page_width / 2
    table = Table([[left, right]], colWidths=[half, half])
    table.setStyle(_flush())
    return table


def _flush(valign="TOP") -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), valign),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


# --- QR, photo, verification ------------------------------------------------------------------------------------


def qr_image(data: str, size=28 * mm) -> Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=1)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    buffer.seek(0)
    return Image(buffer, width=size, height=size)


def verification_note(snapshot: dict, url: str, *, qr: bool = False, size=24 * mm) -> Table:
    """The short caption under a document (with the QR itself when `qr`): how anyone checks it."""
    st = styles()
    code = snapshot.get("verification_code") or ""
    lines = [
        Paragraph(
            "Dokumen ini ditandatangani secara elektronik dan dapat diperiksa keasliannya dengan memindai kode QR "
            "atau membuka alamat berikut:",
            st["small"],
        ),
        Paragraph(text(url), st["small"]),
    ]
    if code:
        lines.append(Paragraph(f"Kode verifikasi: <b>{text(code)}</b>", st["small"]))
    data = [[qr_image(url, size=size), lines]] if qr else [[lines]]
    widths = [size + 4 * mm, None] if qr else [None]
    table = Table(data, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


class PhotoBox(Flowable):
    """A pass photo from storage, cropped to fill its frame; a labelled empty frame when there is none."""

    def __init__(self, storage_name: str | None, width=30 * mm, height=40 * mm, label: str = "FOTO 3x4"):
        super().__init__()
        self.width = width
        self.height = height
        self.label = label
        self.reader = load_photo(storage_name)

    def wrap(self, *_available):  # reportlab asks with the frame's room; a photo keeps its own size
        return self.width, self.height

    def draw(self):
        draw_photo(self.canv, self.reader, 0, 0, self.width, self.height, self.label)


def load_photo(storage_name: str | None) -> ImageReader | None:
    """The photo as an ImageReader, or None when it is missing, unreadable or not an image."""
    if not storage_name:
        return None
    try:
        with default_storage.open(storage_name, "rb") as handle:
            raw = handle.read()
        with PILImage.open(io.BytesIO(raw)) as probe:
            probe.verify()
        image = PILImage.open(io.BytesIO(raw))
        image.load()
    except Exception:  # noqa: BLE001 — any failure prints the placeholder rather than no document at all
        return None
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    return ImageReader(image)


def draw_photo(canvas, reader: ImageReader | None, x, y, width, height, label: str = "FOTO 3x4") -> None:
    canvas.saveState()
    if reader is not None:
        image_width, image_height = reader.getSize()
        # Fill the frame and crop the overflow (a portrait frame from any photo), centred.
        scale = max(width / image_width, height / image_height)
        drawn_width, drawn_height = image_width * scale, image_height * scale
        path = canvas.beginPath()
        path.rect(x, y, width, height)
        canvas.clipPath(path, stroke=0, fill=0)
        canvas.drawImage(
            reader, x - (drawn_width - width) / 2, y - (drawn_height - height) / 2, drawn_width, drawn_height
        )
        canvas.restoreState()
        canvas.saveState()
        canvas.setLineWidth(0.4)
        canvas.rect(x, y, width, height)
    else:
        canvas.setFillColor(colors.HexColor("#f2f2f2"))
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.5)
        canvas.setDash(2, 2)
        canvas.rect(x, y, width, height, fill=1)
        canvas.setFillColor(GREY)
        canvas.setFont(register_fonts(), max(5, min(8, width / 6)))
        canvas.drawCentredString(x + width / 2, y + height / 2 - 2, label)
    canvas.restoreState()


# --- Document ---------------------------------------------------------------------------------------------------


def footer(snapshot: dict, url: str, *, margin=MARGIN):
    """Each page's foot: the e-signature notice with the verification address, the number and the page."""
    office = (snapshot.get("office") or {}).get("name", "")
    number = snapshot.get("number", "")

    def draw(canvas, doc):
        register_fonts()
        canvas.saveState()
        width, _height = doc.pagesize
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.4)
        canvas.line(margin, 14 * mm, width - margin, 14 * mm)
        canvas.setFont(FONT, 6.5)
        canvas.setFillColor(GREY)
        canvas.drawString(margin, 10.5 * mm, f"Dokumen ini ditandatangani secara elektronik oleh {office}."[:150])
        canvas.drawString(margin, 7.5 * mm, f"Periksa keaslian: {url}"[:150])
        canvas.drawRightString(width - margin, 10.5 * mm, f"{number}")
        canvas.drawRightString(width - margin, 7.5 * mm, f"Halaman {doc.page}")
        canvas.restoreState()

    return draw


def build_pdf(
    story: list,
    *,
    pagesize=A4,
    margins=(MARGIN, MARGIN, MARGIN, 20 * mm),
    title: str = "",
    author: str = "",
    subject: str = "",
    on_page=None,
    compress: bool = True,
) -> bytes:
    """PDF bytes of a story. `margins` = (left, right, top, bottom); `on_page(canvas, doc)` draws each page's
    fixed parts. `compress=False` leaves page streams readable and the file reproducible (tests)."""
    register_fonts()
    buffer = io.BytesIO()
    left, right, top, bottom = margins
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        subject=subject,
        creator="SIPMI",
        initialFontName=FONT,  # else each page opens with an unused Helvetica resource
        pageCompression=1 if compress else 0,
        invariant=0 if compress else 1,
    )
    if on_page is None:
        document.build(story)
    else:
        document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
