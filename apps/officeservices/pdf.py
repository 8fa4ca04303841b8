"""The labour office's official documents as PDFs, in Indonesian whatever the UI language.

`render_document_pdf(snapshot, verification_url)` reads only the signed snapshot of an IssuedDocument (its
"office", "signer", "number", "date" and "body") and dispatches on its "type": the passport recommendation
(a letter to the immigration office), the ID CPMI sheet, the selection minutes (Berita Acara Seleksi), the
hand-over minutes (Berita Acara Serah Terima) and the KITKI card. Letters are A4 with the kop surat; the KITKI is
an ID-1 card (85.6 x 54 mm), front and back. Each carries the QR code of the public verification page.
"""

import io

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph, Spacer, TableStyle

from apps.core import formatting
from apps.core.formatting import date_id, number_words_id
from apps.documents import pdfkit
from apps.documents.pdfkit import Table, field_table, or_dash, sex_id, text

CARD_SIZE = (85.6 * mm, 54 * mm)  # ID-1 (CR80), the size of a KTP
CONTENT_WIDTH = pdfkit.CONTENT_WIDTH
INDENT = 22 * mm  # a letter's body starts under the value of "Perihal"
DEFAULT_HANDOVER_DOCUMENTS = (
    "Rekomendasi Paspor",
    "ID CPMI",
    "Kartu Identitas Tenaga Kerja Indonesia (KITKI)",
    "Perjanjian Penempatan",
)


class UnknownDocumentType(ValueError):
    pass


def render_document_pdf(snapshot: dict, verification_url: str, *, compress: bool = True) -> bytes:
    """The signed document as PDF bytes. `compress=False` leaves page streams readable (tests)."""
    kind = snapshot.get("type")
    renderer = RENDERERS.get(kind)
    if renderer is None:
        raise UnknownDocumentType(f"No PDF layout for document type {kind!r}")
    return renderer(snapshot, verification_url, compress=compress)


# --- Shared parts -------------------------------------------------------------------------------------------------


def _body(snapshot: dict) -> dict:
    return snapshot.get("body") or {}


def _sub(body: dict, key: str) -> dict:
    value = body.get(key)
    return value if isinstance(value, dict) else {}


def _birth(person: dict) -> str:
    place = str(person.get("birth_place") or "").strip()
    day = date_id(person.get("birth_date"))
    return ", ".join(part for part in (place, day) if part)


def _letter(snapshot: dict, url: str, story: list, *, subject: str, compress: bool) -> bytes:
    office = snapshot.get("office") or {}
    return pdfkit.build_pdf(
        [*pdfkit.letterhead(office), *story],
        title=f"{subject} {snapshot.get('number', '')}".strip(),
        author=office.get("name", ""),
        subject=subject,
        on_page=pdfkit.footer(snapshot, url),
        compress=compress,
        margins=(pdfkit.MARGIN, pdfkit.MARGIN, 12 * mm, 20 * mm),
    )


def _day_in_words(value) -> str:
    """ "Senin, tanggal tiga puluh bulan November tahun dua ribu dua puluh enam (30-11-2026)", as minutes
    write the day they record."""
    day = formatting.parse_date(value)
    if day is None:
        return or_dash(value)
    return (
        f"{formatting.weekday_id(day)} tanggal {number_words_id(day.day)} bulan {formatting.MONTHS[day.month - 1]} "
        f"tahun {number_words_id(day.year)} ({day:%d-%m-%Y})"
    )


def _office_premises(office: dict) -> str:
    """Where minutes are made by default: "kantor Dinas Tenaga Kerja Kota Depok"."""
    name = str(office.get("name") or "").strip()
    return f"kantor {name}" if name else ""


def _agency_line(agency: dict) -> str:
    name = str(agency.get("name") or "").strip()
    return name or "-"


def _agency_with_licence(agency: dict) -> str:
    licence = str(agency.get("sip2mi_number") or "").strip()
    return f"{_agency_line(agency)} (SIP2MI {licence})" if licence else _agency_line(agency)


def _permit_text(permit: dict) -> str:
    number = str(permit.get("number") or "").strip()
    if not number:
        return ""
    until = date_id(permit.get("valid_until"))
    return f"{number} (berlaku sampai {until})" if until else number


def _employer_text(body: dict) -> str:
    employer = _sub(body, "employer")
    name = str(employer.get("name") or "").strip()
    address = str(employer.get("address") or "").strip()
    return ", ".join(part for part in (name, address) if part)


def _candidate_rows(person: dict) -> list[tuple[str, object]]:
    rows = [
        ("Nama", Paragraph(f"<b>{or_dash(person.get('name'))}</b>", pdfkit.styles()["cell"])),
        ("NIK", person.get("nik")),
        ("Jenis kelamin", sex_id(person.get("sex"))),
        ("Tempat, tanggal lahir", _birth(person)),
        ("Alamat", person.get("address")),
    ]
    if person.get("marital_status"):
        rows.append(("Status perkawinan", person["marital_status"]))
    if person.get("education"):
        rows.append(("Pendidikan terakhir", person["education"]))
    return rows


def _closing(sentence: str = "Demikian untuk dipergunakan sebagaimana mestinya.") -> list:
    return [Spacer(1, 2 * mm), Paragraph(sentence, pdfkit.styles()["body"]), Spacer(1, 4 * mm)]


# --- Passport recommendation -------------------------------------------------------------------------------------


def _passport_recommendation(snapshot: dict, url: str, *, compress: bool) -> bytes:
    st = pdfkit.styles()
    body = _body(snapshot)
    office = snapshot.get("office") or {}
    person = _sub(body, "candidate")
    agency = _sub(body, "agency")
    permit = _sub(body, "permit")
    letter = _sub(body, "application_letter")
    place = pdfkit.place_name(office)
    day = date_id(snapshot.get("date"))

    heading = Table(
        [
            [
                field_table(
                    [
                        ("Nomor", snapshot.get("number")),
                        ("Sifat", "Penting"),
                        ("Lampiran", "-"),
                        ("Perihal", "Rekomendasi Pembuatan Paspor Calon Pekerja Migran Indonesia"),
                    ],
                    label_width=18 * mm,
                    width=CONTENT_WIDTH * 0.56 - 6,
                ),
                [
                    Paragraph(text(f"{place}, {day}" if place else day), st["cell"]),
                    Spacer(1, 4 * mm),
                    Paragraph("Kepada", st["cell"]),
                    Paragraph(f"Yth. Kepala {or_dash(body.get('immigration_office'))}", st["cell"]),
                    Paragraph("di -", st["cell"]),
                    Paragraph(
                        f"&nbsp;&nbsp;&nbsp;&nbsp;{or_dash(body.get('immigration_city') or 'Tempat')}", st["cell"]
                    ),
                ],
            ]
        ],
        colWidths=[CONTENT_WIDTH * 0.56, CONTENT_WIDTH * 0.44],
    )
    heading.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 6),
            ]
        )
    )

    basis = []
    if letter.get("number"):
        basis.append(
            f"surat permohonan {text(_agency_line(agency))} Nomor {text(letter['number'])}"
            + (f" tanggal {date_id(letter.get('date'))}" if letter.get("date") else "")
        )
    if permit.get("number"):
        basis.append(f"Surat Permintaan Pekerja Migran Indonesia (SPR) Nomor {text(permit['number'])}")
    if body.get("selection_minutes_number"):
        basis.append(f"Berita Acara Seleksi Nomor {text(body['selection_minutes_number'])}")
    opening = (
        "Berdasarkan " + "; ".join(basis) + ", dengan ini kami memberikan rekomendasi"
        if basis
        else "Dengan ini kami memberikan rekomendasi"
    )
    rows = _candidate_rows(person)
    rows += [
        ("Negara tujuan", body.get("destination_country")),
        ("Jabatan", body.get("position")),
        ("Pemberi kerja", _employer_text(body)),
        ("P3MI", _agency_with_licence(agency)),
        ("Nomor SPR", _permit_text(permit)),
    ]
    if body.get("id_cpmi_number"):
        rows.append(("Nomor ID CPMI", body["id_cpmi_number"]))
    validity = (
        f" Rekomendasi ini berlaku sampai dengan tanggal {date_id(body['valid_until'])}."
        if body.get("valid_until")
        else ""
    )
    story = [
        heading,
        Spacer(1, 4 * mm),
        _indented(
            [
                Paragraph(
                    f"{opening} untuk pembuatan paspor dalam rangka bekerja ke luar negeri sebagai Pekerja Migran "
                    "Indonesia kepada:",
                    st["body"],
                ),
                field_table(rows, label_width=40 * mm, width=CONTENT_WIDTH - INDENT),
                Spacer(1, 2 * mm),
                Paragraph(
                    "Calon Pekerja Migran Indonesia tersebut telah memenuhi persyaratan administrasi dan telah lulus "
                    "seleksi oleh perusahaan penempatan tersebut di atas. Rekomendasi ini hanya berlaku untuk "
                    "pembuatan paspor bagi keperluan bekerja pada negara tujuan dan jabatan tersebut di atas melalui "
                    f"perusahaan penempatan yang sama.{validity}",
                    st["body"],
                ),
                Paragraph(
                    "Demikian rekomendasi ini kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
                    st["body"],
                ),
            ]
        ),
        Spacer(1, 2 * mm),
        pdfkit.right_aligned(pdfkit.signature_block(snapshot, qr_url=url, with_place_date=False)),
        Spacer(1, 3 * mm),
        *_copies(["Kepala Balai Pelayanan Pelindungan Pekerja Migran Indonesia (BP3MI)", _agency_director(agency)]),
    ]
    return _letter(snapshot, url, story, subject="Rekomendasi Pembuatan Paspor", compress=compress)


def _indented(flowables: list, indent=INDENT) -> Table:
    """A letter's body starts under the "Perihal" value, as the Tata Naskah Dinas lays it out."""
    table = Table([[Spacer(indent, 0), flowables]], colWidths=[indent, CONTENT_WIDTH - indent])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _agency_director(agency: dict) -> str:
    return f"Direktur {_agency_line(agency)}"


def _copies(recipients: list[str]) -> list:
    st = pdfkit.styles()
    lines = [Paragraph("<u>Tembusan</u> disampaikan kepada Yth.:", st["small"])]
    for index, recipient in enumerate([*recipients, "Arsip"], start=1):
        lines.append(Paragraph(f"{index}. {text(recipient)}", st["small"]))
    return lines


# --- ID CPMI -------------------------------------------------------------------------------------------------------


def _id_cpmi(snapshot: dict, url: str, *, compress: bool) -> bytes:
    st = pdfkit.styles()
    body = _body(snapshot)
    office = snapshot.get("office") or {}
    person = _sub(body, "candidate")
    agency = _sub(body, "agency")
    permit = _sub(body, "permit")
    officer = _sub(body, "recruiting_officer")
    agreement = _sub(body, "placement_agreement")

    rows = [("Nomor ID CPMI", Paragraph(f"<b>{or_dash(snapshot.get('number'))}</b>", st["cell"]))]
    if person.get("registration_number"):
        rows.append(("Nomor registrasi SIPMI", person["registration_number"]))
    rows += _candidate_rows(person)
    identity = field_table(rows, label_width=44 * mm, width=CONTENT_WIDTH - 36 * mm)
    photo = pdfkit.PhotoBox(person.get("photo"), width=30 * mm, height=40 * mm)
    top = Table([[identity, photo]], colWidths=[CONTENT_WIDTH - 36 * mm, 36 * mm])
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    placement = [
        ("Negara tujuan", body.get("destination_country")),
        ("Jabatan", body.get("position")),
    ]
    if body.get("sector"):
        placement.append(("Sektor", body["sector"]))
    placement += [
        ("Pemberi kerja", _employer_text(body)),
        ("P3MI", _agency_line(agency)),
        ("Nomor SIP2MI", agency.get("sip2mi_number")),
        ("Nomor SPR", _permit_text(permit)),
    ]
    if officer.get("name"):
        assignment = f" (surat tugas {officer['assignment_letter']})" if officer.get("assignment_letter") else ""
        placement.append(("Petugas rekrut", f"{officer['name']}{assignment}"))
    if agreement.get("number"):
        when = f", tanggal {date_id(agreement.get('date'))}" if agreement.get("date") else ""
        placement.append(("Perjanjian Penempatan", f"Nomor {agreement['number']}{when}"))
    if body.get("valid_until"):
        placement.append(("Berlaku sampai", date_id(body["valid_until"])))

    story = [
        *pdfkit.title_block("IDENTITAS CALON PEKERJA MIGRAN INDONESIA (ID CPMI)", snapshot.get("number")),
        Paragraph("<b>A. Data Diri</b>", st["cell"]),
        Spacer(1, 1.5 * mm),
        top,
        Spacer(1, 4 * mm),
        Paragraph("<b>B. Data Penempatan</b>", st["cell"]),
        Spacer(1, 1.5 * mm),
        field_table(placement, label_width=44 * mm),
        Spacer(1, 4 * mm),
        Paragraph(
            f"Data tersebut di atas telah diverifikasi oleh {or_dash(office.get('name'))} sesuai dokumen yang "
            "dipersyaratkan. ID CPMI ini berlaku untuk proses penempatan pada negara tujuan, jabatan dan perusahaan "
            "penempatan tersebut di atas.",
            st["body"],
        ),
        Spacer(1, 4 * mm),
        pdfkit.right_aligned(pdfkit.signature_block(snapshot, qr_url=url)),
    ]
    return _letter(snapshot, url, story, subject="ID CPMI", compress=compress)


# --- Selection minutes ---------------------------------------------------------------------------------------------


def _candidate_table(candidates: list, body: dict, *, with_outcome: bool) -> Table:
    header = ["No", "Nama / NIK", "L/P", "Tempat, tanggal lahir", "Alamat", "Jabatan / negara"]
    widths = [8 * mm, 42 * mm, 9 * mm, 32 * mm, None, 30 * mm]
    if with_outcome:
        header.append("Hasil")
        widths = [8 * mm, 40 * mm, 9 * mm, 30 * mm, None, 28 * mm, 16 * mm]
    fixed = sum(width for width in widths if width)
    widths = [width or CONTENT_WIDTH - fixed for width in widths]
    cell = pdfkit.styles()["cell"]
    rows = []
    for index, person in enumerate(candidates, start=1):
        person = person if isinstance(person, dict) else {"name": str(person)}
        name = Paragraph(
            f"<b>{or_dash(person.get('name'))}</b><br/>{or_dash(person.get('nik'))}",
            ParagraphStyle("grid_name", parent=cell, fontSize=8.5, leading=11),
        )
        job = " / ".join(
            str(part)
            for part in (
                person.get("position") or body.get("position"),
                person.get("destination_country") or body.get("destination_country"),
            )
            if part
        )
        sex = str(person.get("sex") or "").upper()
        row = [str(index), name, sex if sex in ("L", "P") else sex_id(sex), _birth(person), person.get("address"), job]
        if with_outcome:
            row.append(person.get("outcome") or "Lulus")
        rows.append(row)
    if not rows:
        rows.append(["-"] * len(header))
    return pdfkit.grid_table(header, rows, widths)


def _selection_minutes(snapshot: dict, url: str, *, compress: bool) -> bytes:
    st = pdfkit.styles()
    body = _body(snapshot)
    office = snapshot.get("office") or {}
    agency = _sub(body, "agency")
    permit = _sub(body, "permit")
    officer = _sub(body, "recruiting_officer")
    interview = _sub(body, "interview")
    candidates = body.get("candidates") or ([body["candidate"]] if isinstance(body.get("candidate"), dict) else [])
    place = body.get("selection_place") or _office_premises(office)

    company = [
        ("Nama perusahaan (P3MI)", _agency_line(agency)),
        ("Alamat", agency.get("address")),
        ("Nomor SIP2MI", agency.get("sip2mi_number")),
        ("Nomor SPR", _permit_text(permit)),
        ("Negara tujuan", body.get("destination_country") or permit.get("country")),
        ("Jabatan", body.get("position")),
        ("Pemberi kerja", _employer_text(body)),
        ("Petugas rekrut", officer.get("name")),
        ("Nomor surat tugas", officer.get("assignment_letter")),
    ]
    story = [
        *pdfkit.title_block("BERITA ACARA SELEKSI CALON PEKERJA MIGRAN INDONESIA", snapshot.get("number")),
        Paragraph(
            f"Pada hari ini {_day_in_words(body.get('selection_date') or snapshot.get('date'))}, bertempat di "
            f"{or_dash(place)}, telah dilaksanakan seleksi calon pekerja migran Indonesia (CPMI) oleh perusahaan "
            "penempatan pekerja migran Indonesia (P3MI) dengan keterangan sebagai berikut:",
            st["body"],
        ),
        field_table(company, label_width=52 * mm),
        Spacer(1, 3 * mm),
    ]
    if interview:
        when = date_id(interview.get("date"))
        if interview.get("time"):
            when += f" pukul {interview['time']}"
        story.append(
            Paragraph(
                f"Wawancara terhadap petugas rekrut dan CPMI dilaksanakan pada {or_dash(when)} oleh "
                f"{or_dash(interview.get('interviewer'))} dari {or_dash(office.get('name'))}, dengan hasil: "
                f"<b>{or_dash(interview.get('outcome'))}</b>."
                + (f" Catatan: {text(interview['notes'])}" if interview.get("notes") else ""),
                st["body"],
            )
        )
    story += [
        Paragraph(
            f"Calon pekerja migran Indonesia yang dinyatakan lulus seleksi sebanyak <b>{len(candidates)} "
            f"({number_words_id(len(candidates))}) orang</b>, yaitu:",
            st["body"],
        ),
        _candidate_table(candidates, body, with_outcome=True),
        *_closing("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."),
        pdfkit.side_by_side(
            pdfkit.blank_signature_block(
                ["", "Petugas Rekrut P3MI,", _agency_line(agency)], officer.get("name"), width=78 * mm
            ),
            pdfkit.signature_block(snapshot, qr_url=url, width=82 * mm),
        ),
    ]
    return _letter(snapshot, url, story, subject="Berita Acara Seleksi CPMI", compress=compress)


# --- Hand-over minutes --------------------------------------------------------------------------------------------


FIRST_PARTY = "selanjutnya disebut <b>PIHAK PERTAMA</b>"
SECOND_PARTY = "selanjutnya disebut <b>PIHAK KEDUA</b>"


def _handover_minutes(snapshot: dict, url: str, *, compress: bool) -> bytes:
    st = pdfkit.styles()
    body = _body(snapshot)
    office = snapshot.get("office") or {}
    signer = snapshot.get("signer") or {}
    agency = _sub(body, "agency")
    recipient = _sub(body, "recipient") or _sub(body, "recruiting_officer")
    candidates = body.get("candidates") or ([body["candidate"]] if isinstance(body.get("candidate"), dict) else [])
    documents = body.get("documents") or list(DEFAULT_HANDOVER_DOCUMENTS)
    place = body.get("handover_place") or _office_premises(office)

    first = [("Nama", signer.get("name"))]
    if signer.get("nip"):
        first.append(("NIP", formatting.nip_grouped(signer["nip"])))
    first += [("Jabatan", signer.get("position")), ("Instansi", office.get("name"))]
    second = [("Nama", recipient.get("name"))]
    if recipient.get("nik"):
        second.append(("NIK", recipient["nik"]))
    second += [
        ("Jabatan", recipient.get("position") or "Petugas Rekrut"),
        ("Perusahaan (P3MI)", _agency_line(agency)),
        ("Alamat", agency.get("address")),
    ]
    if recipient.get("assignment_letter"):
        second.append(("Nomor surat tugas", recipient["assignment_letter"]))

    story = [
        *pdfkit.title_block("BERITA ACARA SERAH TERIMA CALON PEKERJA MIGRAN INDONESIA", snapshot.get("number")),
        Paragraph(
            f"Pada hari ini {_day_in_words(body.get('handover_date') or snapshot.get('date'))}, bertempat di "
            f"{or_dash(place)}, kami yang bertanda tangan di bawah ini:",
            st["body"],
        ),
        _numbered(
            "1.",
            [
                field_table(first, label_width=40 * mm, width=CONTENT_WIDTH - 8 * mm),
                Paragraph(
                    "untuk dan atas nama instansi tersebut, selanjutnya disebut <b>PIHAK PERTAMA</b>;", st["body"]
                ),
            ],
        ),
        _numbered(
            "2.",
            [
                field_table(second, label_width=40 * mm, width=CONTENT_WIDTH - 8 * mm),
                Paragraph(
                    "untuk dan atas nama perusahaan tersebut, selanjutnya disebut <b>PIHAK KEDUA</b>.", st["body"]
                ),
            ],
        ),
        Paragraph(
            "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari PIHAK PERTAMA, calon pekerja "
            f"migran Indonesia sebanyak <b>{len(candidates)} ({number_words_id(len(candidates))}) orang</b> beserta "
            "dokumennya, sebagai berikut:",
            st["body"],
        ),
        _candidate_table(candidates, body, with_outcome=False),
        Spacer(1, 2 * mm),
        Paragraph("Dokumen yang diserahterimakan:", st["body"]),
        _numbered_list(documents),
        Spacer(1, 2 * mm),
        Paragraph(
            "Sejak penandatanganan berita acara ini, PIHAK KEDUA bertanggung jawab atas proses penempatan calon "
            "pekerja migran Indonesia tersebut di atas sesuai ketentuan peraturan perundang-undangan. Demikian "
            "berita acara serah terima ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
            st["body"],
        ),
        Spacer(1, 1.5 * mm),
        pdfkit.side_by_side(
            pdfkit.blank_signature_block(
                ["<b>PIHAK KEDUA</b>", "", "Yang menerima,", _agency_line(agency)],
                recipient.get("name"),
                signed_note=(
                    f"Ditandatangani secara elektronik di SIPMI pada {pdfkit.moment_id(recipient['signed_in_app_at'])}"
                    if recipient.get("signed_in_app_at")
                    else None
                ),
                width=78 * mm,
            ),
            pdfkit.signature_block(snapshot, qr_url=url, heading="PIHAK PERTAMA", width=82 * mm),
        ),
    ]
    return _letter(snapshot, url, story, subject="Berita Acara Serah Terima CPMI", compress=compress)


def _numbered_list(items: list) -> Table:
    cell = pdfkit.styles()["cell"]
    rows = [[Paragraph(f"{index}.", cell), Paragraph(text(item), cell)] for index, item in enumerate(items, 1)]
    table = Table(rows, colWidths=[8 * mm, CONTENT_WIDTH - 8 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    return table


def _numbered(label: str, flowables: list) -> Table:
    return pdfkit.numbered(label, flowables, bottom=1)


# --- KITKI card ----------------------------------------------------------------------------------------------------

CARD_BLUE = colors.HexColor("#0b3d91")
CARD_RED = colors.HexColor("#c8102e")


def _kitki(snapshot: dict, url: str, *, compress: bool) -> bytes:
    pdfkit.register_fonts()
    buffer = io.BytesIO()
    office = snapshot.get("office") or {}
    canvas = pdf_canvas.Canvas(
        buffer,
        pagesize=CARD_SIZE,
        initialFontName=pdfkit.FONT,
        pageCompression=1 if compress else 0,
        invariant=0 if compress else 1,
    )
    canvas.setTitle(f"KITKI {snapshot.get('number', '')}")
    canvas.setAuthor(office.get("name", ""))
    canvas.setSubject("Kartu Identitas Tenaga Kerja Indonesia")
    canvas.setCreator("SIPMI")
    _kitki_front(canvas, snapshot)
    canvas.showPage()
    _kitki_back(canvas, snapshot, url)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fitted(canvas, value: str, font: str, size: float, max_width: float, minimum: float = 3.2) -> float:
    """The largest size up to `size` at which `value` fits `max_width` (a long office name on a small card)."""
    while size > minimum and canvas.stringWidth(value, font, size) > max_width:
        size -= 0.2
    return size


def _card_frame(canvas, title: str, subtitle: str) -> None:
    width, height = CARD_SIZE
    canvas.setFillColor(colors.HexColor("#f4f7fc"))
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.setFillColor(CARD_BLUE)
    canvas.rect(0, height - 9.5 * mm, width, 9.5 * mm, stroke=0, fill=1)
    canvas.setFillColor(CARD_RED)
    canvas.rect(0, height - 10.3 * mm, width, 0.8 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(pdfkit.FONT_BOLD, 6.4)
    canvas.drawCentredString(width / 2, height - 4.3 * mm, title)
    canvas.setFont(pdfkit.FONT, _fitted(canvas, subtitle, pdfkit.FONT, 4.6, width - 4 * mm))
    canvas.drawCentredString(width / 2, height - 7.6 * mm, subtitle)
    canvas.setFillColor(CARD_BLUE)
    canvas.rect(0, 0, width, 1.2 * mm, stroke=0, fill=1)


def _card_fields(canvas, rows: list[tuple[str, str]], x, top, width, *, size=5.2, bottom=3 * mm) -> None:
    """Label : value lines from `top` down; the type shrinks until long values (names, addresses) fit above
    `bottom`."""
    label_width = 16.5 * mm
    while True:
        label_style = ParagraphStyle("card_label", fontName=pdfkit.FONT, fontSize=size, leading=size + 1.2)
        value_style = ParagraphStyle("card_value", parent=label_style, fontName=pdfkit.FONT_BOLD)
        values = [Paragraph(or_dash(value), value_style) for _label, value in rows]
        heights = [max(para.wrap(width - label_width, 40 * mm)[1], size + 1.2) for para in values]
        if top - sum(heights) - 0.5 * mm * len(rows) >= bottom or size <= 3.4:
            break
        size -= 0.2
    y = top
    for (label, _value), value_para, row_height in zip(rows, values, heights, strict=True):
        # Labels are short ("Nama", "NIK"): one line each, level with the value's first line.
        y -= row_height
        first_line = y + row_height - size
        canvas.setFont(pdfkit.FONT, size)
        canvas.setFillColor(colors.black)
        canvas.drawString(x, first_line, label)
        canvas.drawString(x + label_width - 1.5 * mm, first_line, ":")
        value_para.drawOn(canvas, x + label_width, y + row_height - value_para.height)
        y -= 0.5 * mm


def _kitki_front(canvas, snapshot: dict) -> None:
    body = _body(snapshot)
    office = snapshot.get("office") or {}
    person = _sub(body, "candidate")
    agency = _sub(body, "agency")
    width, height = CARD_SIZE
    government = pdfkit.government_line(office)
    subtitle = " · ".join(part for part in (government.upper(), str(office.get("name") or "").upper()) if part)
    _card_frame(canvas, "KARTU IDENTITAS TENAGA KERJA INDONESIA", subtitle)

    photo_width, photo_height = 19 * mm, 25 * mm
    photo_x, photo_y = 3.5 * mm, height - 13 * mm - photo_height
    pdfkit.draw_photo(canvas, pdfkit.load_photo(person.get("photo")), photo_x, photo_y, photo_width, photo_height)
    canvas.setFillColor(CARD_BLUE)
    canvas.setFont(pdfkit.FONT_BOLD, 8)
    canvas.drawCentredString(photo_x + photo_width / 2, photo_y - 4.5 * mm, "KITKI")
    canvas.setFillColor(colors.black)
    canvas.setFont(pdfkit.FONT, 4.4)
    canvas.drawCentredString(photo_x + photo_width / 2, photo_y - 7.2 * mm, "No.")
    number = str(snapshot.get("number") or "")
    canvas.setFont(pdfkit.FONT_BOLD, 4.4 if len(number) <= 24 else 3.6)
    canvas.drawCentredString(photo_x + photo_width / 2, photo_y - 9.2 * mm, number)

    canvas.setFillColor(colors.black)
    rows = [
        ("Nama", person.get("name")),
        ("NIK", person.get("nik")),
        ("Jenis kelamin", sex_id(person.get("sex"))),
        ("Tempat/tgl. lahir", _birth(person)),
        ("Alamat", person.get("address")),
        ("Negara tujuan", body.get("destination_country")),
        ("Jabatan", body.get("position")),
        ("P3MI", agency.get("name")),
    ]
    x = photo_x + photo_width + 3 * mm
    _card_fields(canvas, rows, x, height - 12.5 * mm, width - x - 2.5 * mm)


def _kitki_back(canvas, snapshot: dict, url: str) -> None:
    body = _body(snapshot)
    office = snapshot.get("office") or {}
    signer = snapshot.get("signer") or {}
    width, height = CARD_SIZE
    _card_frame(canvas, "KARTU IDENTITAS TENAGA KERJA INDONESIA", str(office.get("name") or "").upper())

    qr_size = 22 * mm
    qr = pdfkit.qr_image(url, size=qr_size)
    qr.drawOn(canvas, width - qr_size - 3 * mm, height - 13 * mm - qr_size)
    canvas.setFont(pdfkit.FONT, 3.8)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(width - qr_size / 2 - 3 * mm, height - 15.2 * mm - qr_size, "Pindai untuk verifikasi")

    employer = _sub(body, "employer")
    permit = _sub(body, "permit")
    rows = [
        ("Pemberi kerja", employer.get("name")),
        ("Nomor SPR", permit.get("number")),
        ("ID CPMI", body.get("id_cpmi_number")),
        (
            "Diterbitkan",
            f"{pdfkit.place_name(office) or ''}{', ' if pdfkit.place_name(office) else ''}"
            f"{date_id(snapshot.get('date'))}",
        ),
    ]
    if body.get("valid_until"):
        rows.append(("Berlaku sampai", date_id(body["valid_until"])))
    _card_fields(canvas, rows, 3.5 * mm, height - 12.5 * mm, width - qr_size - 9 * mm, size=4.8)

    # The signer, as on the letters: authority, the e-signature mark, the name, the NIP.
    lines, _note = pdfkit.authority_lines(signer, office)
    center = (width - qr_size - 6 * mm) / 2 + 2 * mm
    y = 19 * mm
    canvas.setFont(pdfkit.FONT, 3.9)
    for line in lines:
        canvas.drawCentredString(center, y, line[:70])
        y -= 1.7 * mm
    canvas.setFont(pdfkit.FONT_BOLD, 3.9)
    canvas.setFillColor(CARD_BLUE)
    canvas.drawCentredString(center, y - 0.6 * mm, "ditandatangani secara ELEKTRONIK")
    canvas.setFillColor(colors.black)
    y -= 3.6 * mm
    name = str(signer.get("name") or "")
    canvas.setFont(pdfkit.FONT_BOLD, 4.6)
    canvas.drawCentredString(center, y, name)
    name_width = canvas.stringWidth(name, pdfkit.FONT_BOLD, 4.6)
    canvas.setLineWidth(0.3)
    canvas.line(center - name_width / 2, y - 0.5, center + name_width / 2, y - 0.5)
    if signer.get("nip"):
        canvas.setFont(pdfkit.FONT, 3.9)
        canvas.drawCentredString(center, y - 1.9 * mm, f"NIP {formatting.nip_grouped(signer['nip'])}")

    canvas.setFont(pdfkit.FONT, 3.4)
    canvas.setFillColor(pdfkit.GREY)
    canvas.drawString(3.5 * mm, 2.4 * mm, f"Periksa keaslian: {url}"[:110])


RENDERERS = {
    "passport_rec": _passport_recommendation,
    "id_cpmi": _id_cpmi,
    "selection_minutes": _selection_minutes,
    "handover_minutes": _handover_minutes,
    "kitki": _kitki,
}
