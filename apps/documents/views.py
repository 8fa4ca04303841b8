"""Register book pages for office staff and the public verification page. Views parse input, call
`apps.documents.services` and render; another office's entries are 404."""

import csv
import datetime
import io
import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES
from apps.audit.services import audit_record
from apps.core.errors import ServiceError
from apps.core.formatting import nip_grouped
from apps.documents import numbering, selectors, services, signing
from apps.documents.forms import FormatForm, ReasonForm, RegisterFilterForm
from apps.documents.models import DocumentType, RegisterEntry, RegisterStatus
from apps.documents.policy import POLICY
from apps.offices.models import LabourOffice
from apps.offices.selectors import office_of

PAGE_SIZE = 50
PRINT_LIMIT = 1000

# --- public ------------------------------------------------------------------------------------------------


@require_GET
def verify(request, code):
    """Public: anyone holding a printed document checks it by its QR code. No login, little personal data."""
    result = selectors.verification_status(code)
    context = {"result": result}
    if result.document is not None:
        snapshot = result.snapshot
        office_id = result.document.office_id
        try:
            context["document_date"] = datetime.date.fromisoformat(snapshot.get("date", ""))
        except (TypeError, ValueError):
            context["document_date"] = None
        context["type_label"] = snapshot.get("type_label") or selectors.document_type_label(snapshot.get("type"))
        context["public_key_pem"] = signing.office_public_key_pem(office_id)
        context["fingerprint"] = signing.office_key_fingerprint(office_id)
        context["office_id"] = office_id
        context["signer_nip"] = nip_grouped((snapshot.get("signer") or {}).get("nip", ""))
    status = 404 if result.status == selectors.UNKNOWN else 200
    response = render(request, "documents/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def public_key(request, office_pk):
    """An office's public key (PEM), to check its documents offline."""
    if not LabourOffice.objects.filter(pk=office_pk).exists():
        raise Http404
    response = HttpResponse(signing.office_public_key_pem(office_pk), content_type="application/x-pem-file")
    response["Content-Disposition"] = f'attachment; filename="kunci-publik-dinas-{office_pk}.pem"'
    return response


# --- the register book -------------------------------------------------------------------------------------


def _office(request):
    office = office_of(request.user)
    if office is None:
        raise Http404
    return office


def _filtered(request, office):
    form = RegisterFilterForm(request.GET or None, years=selectors.register_years(office))
    return form, selectors.register_book(office, **form.filters())


def _rows(entries, user):
    """Each entry with what the viewer may do to it (the policy): cancel an unused number, revoke a valid document."""
    rows = []
    for entry in entries:
        document = getattr(entry, "document", None) if entry.status == RegisterStatus.ISSUED else None
        entry.issued = document
        entry.revoked = document is not None and document.revoked_at is not None
        entry.can_cancel = POLICY.allows(entry, user, "cancel")
        entry.can_revoke = document is not None and POLICY.allows(entry, user, "revoke")
        rows.append(entry)
    return rows


@role_required(*OFFICE_ROLES)
@require_GET
def register_book(request):
    office = _office(request)
    form, entries = _filtered(request, office)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("halaman"))
    page.object_list = _rows(page.object_list, request.user)
    context = {
        "office": office,
        "form": form,
        "page": page,
        "query_string": request.GET.urlencode(),
        "can_configure": POLICY.allows(POLICY.office_entry(office), request.user, "configure"),
    }
    return render(request, "documents/register_book.html", context)


@role_required(*OFFICE_ROLES)
@require_GET
def register_print(request):
    office = _office(request)
    form, entries = _filtered(request, office)
    # On paper the book reads per type and year in number order, as a hand-kept book does.
    entries = entries.order_by("document_type", "year", "sequence")
    rows = _rows(entries[: PRINT_LIMIT + 1], request.user)
    context = {
        "office": office,
        "form": form,
        "rows": rows[:PRINT_LIMIT],
        "truncated": len(rows) > PRINT_LIMIT,
        "limit": PRINT_LIMIT,
        "printed_at": timezone.localtime(),
        "summary": _filter_summary(form),
    }
    return render(request, "documents/register_print.html", context)


def _filter_summary(form) -> str:
    """The chosen filters in words, printed under the title: "Rekomendasi Paspor · 2026 · November"."""
    if not form.is_bound or not form.is_valid():
        return ""
    parts = []
    for name in ("jenis", "tahun", "bulan", "status"):
        value = form.cleaned_data.get(name)
        if value:
            parts.append(str(dict(form.fields[name].choices).get(value, value)))
    if form.cleaned_data.get("q"):
        parts.append(f"“{form.cleaned_data['q']}”")
    return " · ".join(parts)


def _status_label(entry) -> str:
    if entry.status == RegisterStatus.ISSUED and entry.revoked:
        return _("Dicabut")
    return str(RegisterStatus(entry.status).label)


def _note(entry) -> str:
    if entry.status == RegisterStatus.CANCELLED:
        return entry.cancel_reason
    if entry.revoked:
        return entry.issued.revoke_reason
    return ""


def _safe_cell(value):
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


EXPORT_HEADERS = (
    "Tahun",
    "No. urut",
    "Nomor",
    "Tanggal",
    "Jenis dokumen",
    "Perihal",
    "Status",
    "Keterangan",
    "Penandatangan",
    "Kode verifikasi",
)


def _export_rows(entries, user):
    for entry in _rows(entries, user):
        signer = (entry.issued.snapshot.get("signer") or {}).get("name", "") if entry.issued else ""
        yield [
            entry.year,
            entry.sequence,
            _safe_cell(entry.number),
            entry.entry_date,
            str(DocumentType(entry.document_type).label),
            _safe_cell(entry.subject),
            _status_label(entry),
            _safe_cell(_note(entry)),
            _safe_cell(signer),
            entry.issued.verification_code if entry.issued else "",
        ]


@role_required(*OFFICE_ROLES)
@require_GET
def register_export(request):
    """The filtered book as CSV (default) or XLSX (?format=xlsx)."""
    office = _office(request)
    _form, entries = _filtered(request, office)
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    stamp = timezone.localdate().isoformat()
    filename = f"buku-register-{numbering.office_code(office)}-{stamp}.{kind}"
    rows = _export_rows(entries, request.user)
    if kind == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="Buku register")
        sheet.append(list(EXPORT_HEADERS))
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so spreadsheet programs read the names as UTF-8
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_HEADERS)
        for row in rows:
            writer.writerow([value.isoformat() if isinstance(value, datetime.date) else value for value in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The subjects name CPMI: an export of them is a read of personal data.
    audit_record(actor=request.user, action="document.register_export", target=office, data={"format": kind})
    return response


def _own_entry(request, pk) -> RegisterEntry:
    office = office_of(request.user)
    entry = selectors.office_entry(office, pk) if office else None
    if entry is None:
        raise Http404
    return entry


def _back_to_book(request):
    query = request.POST.get("next_query", "")
    url = redirect("documents:register_book").url
    return redirect(f"{url}?{query}" if query and "//" not in query else url)


@role_required(*OFFICE_ROLES)
@require_http_methods(["GET", "POST"])
def register_cancel(request, pk):
    entry = _own_entry(request, pk)
    if not POLICY.allows(entry, request.user, "cancel"):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_cancel(entry=entry, actor=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Nomor %(number)s dibatalkan.") % {"number": entry.number})
            return _back_to_book(request)
    return render(
        request,
        "documents/reason_form.html",
        {
            "entry": entry,
            "form": form,
            "action": "cancel",
            "title": _("Batalkan nomor register"),
            "next_query": request.GET.urlencode() or request.POST.get("next_query", ""),
        },
    )


@role_required(*OFFICE_ROLES)
@require_http_methods(["GET", "POST"])
def document_revoke(request, pk):
    entry = _own_entry(request, pk)
    document = getattr(entry, "document", None)  # read with the entry
    # A document revoked already opens the form, whose sending then says so (the policy's reason).
    if document is None or not POLICY.decide(entry, request.user, "revoke").offered:
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_revoke(document=document, actor=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Dokumen %(number)s dicabut.") % {"number": entry.number})
            return _back_to_book(request)
    return render(
        request,
        "documents/reason_form.html",
        {
            "entry": entry,
            "document": document,
            "form": form,
            "action": "revoke",
            "title": _("Cabut dokumen"),
            "next_query": request.GET.urlencode() or request.POST.get("next_query", ""),
        },
    )


@role_required(*OFFICE_ROLES)
@require_GET
def document_json(request, pk):
    """The signed content of an issued document with its signature and the office's public key, for an offline
    check (`manage.py document_verify`). Staff of the office only: the content names the CPMI in full."""
    entry = _own_entry(request, pk)
    document = getattr(entry, "document", None)  # read with the entry
    if document is None:
        raise Http404
    exported = {
        "snapshot": document.snapshot,
        "signature": document.signature,
        "key_id": document.key_id,
        "public_key": signing.office_public_key_pem(document.office_id),
        "verification_url": services.verification_url(document),
    }
    response = HttpResponse(
        json.dumps(exported, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{entry.number.replace("/", "-")}.json"'
    audit_record(actor=request.user, action="document.export_json", target=document)
    return response


@role_required(*OFFICE_ROLES)
@require_http_methods(["GET", "POST"])
def register_formats(request):
    """Every type's number format, with a preview of the next number; the office head changes them."""
    office = _office(request)
    may_configure = POLICY.allows(POLICY.office_entry(office), request.user, "configure")
    if request.method == "POST" and not may_configure:
        raise Http404
    form = FormatForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        document_type, pattern = form.cleaned_data["document_type"], form.cleaned_data["pattern"]
        try:
            if request.POST.get("action") == "preview":
                pattern = numbering.validate_pattern(pattern, office=office)
                preview = _next_number(office, document_type, pattern)
            else:
                services.register_format_set(
                    office=office, document_type=document_type, pattern=pattern, actor=request.user
                )
                messages.success(
                    request,
                    _("Format nomor %(type)s disimpan.") % {"type": DocumentType(document_type).label},
                )
                return redirect("documents:register_formats")
        except ServiceError as error:
            form.add_service_error(error)
    rows = []
    own = dict(office.register_formats.values_list("document_type", "pattern"))
    for value, label in DocumentType.choices:
        pattern = services.pattern_for(office, value)
        rows.append(
            {
                "type": value,
                "label": label,
                "pattern": pattern,
                "own": value in own,
                "next": _next_number(office, value, pattern),
            }
        )
    return render(
        request,
        "documents/register_formats.html",
        {"office": office, "form": form, "rows": rows, "preview": preview, "may_configure": may_configure},
    )


def _next_number(office, document_type, pattern) -> str:
    """What the next number would read today (the counter is only read, not advanced)."""
    from apps.offices.models import OfficeSequence

    today = timezone.localdate()
    last = (
        OfficeSequence.objects.filter(office=office, name=services.sequence_name(document_type), year=today.year)
        .values_list("last_value", flat=True)
        .first()
        or 0
    )
    return numbering.render(pattern, seq=last + 1, on_date=today, office=office)
