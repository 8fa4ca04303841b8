"""What the agreements app adds to the CPMI's application pages (registered with vacancies in `apps.py`): the PP
panel, and the status word of an accepted application once its PP is signed."""

from django.template.loader import render_to_string

from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.agreements.selectors import candidate_status


def agreement_panel(*, application, request) -> str | None:
    """The PP that follows an accepted application: from acceptance "Menunggu Verifikasi PP", once signed
    "PP Telah Diverifikasi" with its number and download. None before acceptance."""
    agreement = PlacementAgreement.objects.filter(application=application).select_related("office").first()
    if agreement is None and application.status != "accepted":
        return None
    key, label = candidate_status(agreement)
    return render_to_string(
        "agreements/_application_panel.html",
        {"agreement": agreement, "status_key": key, "status_label": label},
        request=request,
    )


def signed_statuses(applications) -> dict[int, tuple[str, str]]:
    """ "PP Telah Diverifikasi" for the accepted applications whose PP is signed (one query)."""
    signed = PlacementAgreement.objects.filter(
        application__in=[application.pk for application in applications], status=AgreementStatus.VERIFIED
    ).values_list("application_id", flat=True)
    return {pk: (AgreementStatus.VERIFIED.value, str(AgreementStatus.VERIFIED.label)) for pk in signed}
