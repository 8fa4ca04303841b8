"""The signed placement agreement as an A4 PDF (ReportLab platypus), in Indonesian whatever the UI language.

`render_agreement_pdf` reads only the agreement's signed snapshot (`signed_content`, see `signing`) and its
signature: every name, address and term printed is the one that was signed, never one read live. It is called
by `services.agreement_sign` after the snapshot and signature are set, inside the signing transaction.
"""

import datetime
import io
from decimal import Decimal
from xml.sax.saxutils import escape

import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from apps.agreements.formatting import date_id, money_id, number_words_id, weekday_id
from apps.agreements.signing import parse_timestamp

MARGIN = 20 * mm
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=14, alignment=TA_JUSTIFY, spaceAfter=4)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=13, leading=17, alignment=TA_CENTER)
CENTER = ParagraphStyle("center", parent=BODY, alignment=TA_CENTER)
ARTICLE = ParagraphStyle(
    "article", parent=BODY, fontName="Helvetica-Bold", alignment=TA_CENTER, spaceBefore=8, spaceAfter=2
)
CELL = ParagraphStyle("cell", parent=BODY, alignment=0, spaceAfter=0)
SMALL = ParagraphStyle("small", parent=CELL, fontSize=8, leading=10)


def verification_url(agreement) -> str:
    path = reverse("agreements:verify", args=[agreement.verification_code])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _text(value) -> str:
    """User-entered text made safe for Paragraph markup, line breaks kept."""
    return escape(str(value or "")).replace("\n", "<br/>")


def _paragraphs(value: str, style=BODY) -> list:
    """A multi-line text as one paragraph per line (blank lines dropped)."""
    lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
    return [Paragraph(_text(line), style) for line in lines] or [Paragraph("-", style)]


def _party_table(rows: list[tuple[str, str]]) -> Table:
    data = [[Paragraph(label, CELL), Paragraph(":", CELL), Paragraph(_text(value), CELL)] for label, value in rows]
    table = Table(data, colWidths=[42 * mm, 4 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _numbered(label: str, flowables: list) -> Table:
    """A numbered item whose content is indented under the number."""
    table = Table([[Paragraph(label, CELL), flowables]], colWidths=[8 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, 0), 1),
            ]
        )
    )
    return table


def _qr_image(data: str, size=32 * mm) -> Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=1)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    buffer.seek(0)
    return Image(buffer, width=size, height=size)


def _article(number: int, title: str, body: list) -> list:
    return [KeepTogether([Paragraph(f"Pasal {number}", ARTICLE), Paragraph(title, ARTICLE), body[0]]), *body[1:]]


def _birth_date(value: str) -> str:
    try:
        return date_id(datetime.date.fromisoformat(value)) if value else ""
    except ValueError:
        return value


def _story(agreement) -> list:
    content = agreement.signed_content
    agency = content.get("agency", {})
    person = content.get("candidate", {})
    office = content.get("office", {})
    terms = content.get("terms", {})
    signed_at = parse_timestamp(content.get("signed_at", ""))
    signed = timezone.localtime(signed_at) if signed_at else timezone.localtime()
    day = signed.date()
    months = terms.get("contract_months") or 0
    salary = money_id(Decimal(terms.get("salary") or 0), terms.get("currency", ""))

    story = [
        Paragraph("PERJANJIAN PENEMPATAN PEKERJA MIGRAN INDONESIA", TITLE),
        Paragraph(f"Nomor: {_text(content.get('number'))}", CENTER),
        Spacer(1, 6 * mm),
        Paragraph(
            f"Pada hari ini {weekday_id(day)}, tanggal {date_id(day)}, telah dibuat perjanjian antara:",
            BODY,
        ),
        _numbered(
            "1.",
            [
                _party_table(
                    [
                        ("Nama perusahaan", agency.get("name")),
                        ("Alamat", agency.get("address") or "-"),
                        ("Nomor SIP2MI", agency.get("sip2mi_number")),
                    ]
                ),
                Spacer(1, 1.5 * mm),
                Paragraph(
                    "dalam hal ini bertindak untuk dan atas nama perusahaan penempatan pekerja migran Indonesia "
                    "(P3MI), selanjutnya disebut <b>PIHAK PERTAMA</b>;",
                    BODY,
                ),
            ],
        ),
        _numbered(
            "2.",
            [
                _party_table(
                    [
                        ("Nama", person.get("name")),
                        ("NIK", person.get("nik") or "-"),
                        (
                            "Tempat, tanggal lahir",
                            f"{person.get('birth_place') or '-'}, {_birth_date(person.get('birth_date', '')) or '-'}",
                        ),
                        ("Alamat", person.get("address") or "-"),
                        ("Nomor registrasi CPMI", person.get("registration_number")),
                    ]
                ),
                Spacer(1, 1.5 * mm),
                Paragraph(
                    "dalam hal ini bertindak untuk dan atas nama diri sendiri sebagai calon pekerja migran Indonesia "
                    "(CPMI), selanjutnya disebut <b>PIHAK KEDUA</b>.",
                    BODY,
                ),
            ],
        ),
        Paragraph(
            "PIHAK PERTAMA dan PIHAK KEDUA sepakat mengikatkan diri dalam Perjanjian Penempatan dengan ketentuan "
            "sebagai berikut:",
            BODY,
        ),
    ]
    employer = _text(terms.get("employer_name"))
    if terms.get("employer_address"):
        employer += f", beralamat di {_text(terms['employer_address'])}"
    story += _article(
        1,
        "Jabatan dan Pemberi Kerja",
        [
            Paragraph(
                f"PIHAK PERTAMA menempatkan PIHAK KEDUA untuk bekerja sebagai <b>{_text(terms.get('position'))}</b> "
                f"pada pemberi kerja {employer}.",
                BODY,
            )
        ],
    )
    story += _article(
        2,
        "Negara dan Tempat Kerja",
        [
            Paragraph(
                f"PIHAK KEDUA bekerja di <b>{_text(terms.get('city'))}</b>, "
                f"negara <b>{_text(terms.get('country'))}</b>.",
                BODY,
            )
        ],
    )
    story += _article(
        3,
        "Gaji",
        [
            Paragraph(
                f"PIHAK KEDUA berhak atas gaji sebesar <b>{salary}</b> "
                "per bulan, yang dibayarkan langsung kepada PIHAK KEDUA sesuai perjanjian kerja dengan pemberi kerja.",
                BODY,
            )
        ],
    )
    story += _article(
        4,
        "Jangka Waktu",
        [
            Paragraph(
                f"Perjanjian kerja berlaku selama <b>{months} ({number_words_id(months)}) bulan</b> terhitung sejak "
                "PIHAK KEDUA mulai bekerja di negara tujuan, dan dapat diperpanjang sesuai ketentuan peraturan "
                "perundang-undangan.",
                BODY,
            )
        ],
    )
    story += _article(5, "Biaya Penempatan", _paragraphs(terms.get("placement_costs", "")))
    story += _article(6, "Hak dan Kewajiban", _paragraphs(terms.get("rights_and_duties", "")))
    story += _article(
        7,
        "Penyelesaian Perselisihan",
        [
            Paragraph(
                "Perselisihan yang timbul dari perjanjian ini diselesaikan secara musyawarah untuk mufakat. Apabila "
                f"musyawarah tidak mencapai mufakat, para pihak dapat meminta bantuan {_text(office.get('name'))} atau "
                "menempuh penyelesaian sesuai ketentuan peraturan perundang-undangan Republik Indonesia.",
                BODY,
            )
        ],
    )
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            "Perjanjian ini berlaku sejak diverifikasi dan ditandatangani secara elektronik oleh dinas tenaga kerja "
            "daerah asal PIHAK KEDUA, dan dapat diperiksa keasliannya dengan memindai kode QR di bawah ini.",
            BODY,
        )
    )
    story.append(Spacer(1, 4 * mm))
    story.append(_verification_block(agreement, content, signed))
    return story


def _verification_block(agreement, content, signed) -> KeepTogether:
    url = verification_url(agreement)
    office = content.get("office", {})
    lines = [
        Paragraph(f"Diverifikasi dan ditandatangani secara elektronik oleh {_text(office.get('name'))}:", CELL),
        *([Paragraph(_text(office["address"]), SMALL)] if office.get("address") else []),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>{_text(content.get('signer', {}).get('name'))}</b>", CELL),
        Paragraph(_text(content.get("signer", {}).get("position")), CELL),
        Paragraph(_text(content.get("signing_authority")), CELL),
        Paragraph(f"Tanggal: {date_id(signed.date())}, pukul {signed:%H.%M} {_zone_name()}", CELL),
        Spacer(1, 2 * mm),
        Paragraph(f"Periksa keaslian: {_text(url)}", SMALL),
    ]
    table = Table([[_qr_image(url), lines]], colWidths=[38 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.grey),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return KeepTogether([table])


def _zone_name() -> str:
    return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(settings.TIME_ZONE, "")


def _page_decorations(agreement):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 6.5)
        canvas.setFillColor(colors.grey)
        width, _height = A4
        canvas.drawString(MARGIN, 12 * mm, f"Tanda tangan elektronik: {agreement.signature}")
        canvas.drawRightString(
            width - MARGIN, 15 * mm, f"{agreement.signed_content.get('number', '')} · Halaman {doc.page}"
        )
        canvas.restoreState()

    return draw


def render_agreement_pdf(agreement, *, compress: bool = True) -> bytes:
    """The agreement as PDF bytes. `compress=False` leaves the page streams readable (for tests)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Perjanjian Penempatan {agreement.signed_content.get('number', '')}",
        author=agreement.signed_content.get("office", {}).get("name", ""),
        subject="Perjanjian Penempatan Pekerja Migran Indonesia",
        creator="SIPMI",
        pageCompression=1 if compress else 0,
        invariant=0 if compress else 1,
    )
    decorate = _page_decorations(agreement)
    document.build(_story(agreement), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
