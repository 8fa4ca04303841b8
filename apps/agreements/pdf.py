"""The signed placement agreement as an A4 PDF (ReportLab platypus), in Indonesian whatever the UI language.

`render_agreement_pdf` reads only the agreement's signed snapshot (`signed_content`, see `snapshot`) and its
signature: every name, address and term printed is the one that was signed, never one read live. It is called
by `services.agreement_sign` after the snapshot and signature are set, inside the signing transaction.

It is laid out like the office's other official documents (`documents.pdfkit`): the office's letterhead, the
shipped Unicode font, the signature places of a two-party agreement (PIHAK PERTAMA, the company; PIHAK KEDUA, the
CPMI) and the office's ratification ("Mengetahui/Mengesahkan") with its electronic signature, the QR code of the
public verification page, the signer's authority and, when the snapshot has it, the NIP.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from apps.agreements.snapshot import parse_timestamp
from apps.core.formatting import date_id, money_id, number_words_id, weekday_id
from apps.documents import pdfkit
from apps.documents.pdfkit import Table

MARGIN = pdfkit.MARGIN
_KIT = pdfkit.styles()
BODY = _KIT["body"]
TITLE = ParagraphStyle("pp_title", parent=_KIT["title"], fontSize=13, leading=17)
CENTER = _KIT["center"]
ARTICLE = _KIT["heading"]
CELL = _KIT["cell"]
SMALL = _KIT["small"]


def verification_url(agreement) -> str:
    path = reverse("agreements:verify", args=[agreement.verification_code])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _text(value) -> str:
    """User-entered text made safe for Paragraph markup, line breaks kept."""
    return pdfkit.text(value or "")


def _paragraphs(value: str, style=BODY) -> list:
    """A multi-line text as one paragraph per line (blank lines dropped)."""
    lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
    return [Paragraph(_text(line), style) for line in lines] or [Paragraph("-", style)]


def _party_table(rows: list[tuple[str, str]]) -> Table:
    return pdfkit.field_table(rows, label_width=42 * mm, padding=1, right_padding=None)


def _numbered(label: str, flowables: list) -> Table:
    return pdfkit.numbered(label, flowables, number_top=1)


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
    story.append(
        Paragraph(
            "Perjanjian ini dibuat dan disetujui oleh PIHAK PERTAMA dan PIHAK KEDUA, berlaku sejak disahkan dan "
            "ditandatangani secara elektronik oleh dinas tenaga kerja daerah asal PIHAK KEDUA, dan dapat diperiksa "
            "keasliannya dengan memindai kode QR pada pengesahan di bawah ini.",
            BODY,
        )
    )
    story.append(Spacer(1, 3 * mm))
    story += _signature_places(agreement, content, signed)
    return story


def _signature_places(agreement, content, signed) -> list:
    """The two parties side by side, then the office's ratification under them, as a PP ratified by the
    Disnaker is laid out; kept on one page."""
    agency = content.get("agency", {})
    person = content.get("candidate", {})
    director = agency.get("director_name") or agency.get("representative_name")
    first = pdfkit.blank_signature_block(
        ["<b>PIHAK PERTAMA</b>", agency.get("name") or "-"],
        director,
        extra="Direktur / Kuasa Direksi",
        width=80 * mm,
    )
    second = pdfkit.blank_signature_block(
        ["<b>PIHAK KEDUA</b>", "Calon Pekerja Migran Indonesia"], person.get("name"), extra="CPMI", width=80 * mm
    )
    url = verification_url(agreement)
    ratification = {
        "date": signed.date().isoformat(),
        "office": content.get("office", {}),
        # The snapshot's signer (name, position; NIP and rank once recorded) and the authority it signed under.
        "signer": {**content.get("signer", {}), "authority": content.get("signing_authority", "")},
    }
    office_block = pdfkit.signature_block(
        ratification, qr_url=url, after_date="Mengetahui/Mengesahkan,", width=110 * mm
    )
    when = Paragraph(
        f"Disahkan secara elektronik pada {date_id(signed.date())}, pukul {signed:%H.%M} {_zone_name()}",
        _KIT["sign_small"],
    )
    return [
        KeepTogether(
            [
                pdfkit.side_by_side(first, second),
                Spacer(1, 5 * mm),
                pdfkit.centered(office_block, width=110 * mm),
                Spacer(1, 1 * mm),
                pdfkit.centered(when, width=110 * mm),
            ]
        ),
        Spacer(1, 3 * mm),
        pdfkit.verification_note({"verification_code": ""}, url),
    ]


def _zone_name() -> str:
    return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(settings.TIME_ZONE, "")


def _page_decorations(agreement):
    url = verification_url(agreement)

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(pdfkit.FONT, 6.5)
        canvas.setFillColor(colors.grey)
        width, _height = A4
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 17.5 * mm, width - MARGIN, 17.5 * mm)
        canvas.drawString(MARGIN, 14.5 * mm, f"Periksa keaslian: {url}")
        canvas.drawString(MARGIN, 11.5 * mm, f"Tanda tangan elektronik: {agreement.signature}")
        canvas.drawRightString(
            width - MARGIN, 14.5 * mm, f"{agreement.signed_content.get('number', '')} · Halaman {doc.page}"
        )
        canvas.restoreState()

    return draw


def render_agreement_pdf(agreement, *, compress: bool = True) -> bytes:
    """The agreement as PDF bytes. `compress=False` leaves the page streams readable (for tests)."""
    content = agreement.signed_content
    return pdfkit.build_pdf(
        [*pdfkit.letterhead(content.get("office", {})), *_story(agreement)],
        margins=(MARGIN, MARGIN, 14 * mm, 22 * mm),
        title=f"Perjanjian Penempatan {content.get('number', '')}",
        author=content.get("office", {}).get("name", ""),
        subject="Perjanjian Penempatan Pekerja Migran Indonesia",
        on_page=_page_decorations(agreement),
        compress=compress,
    )
