"""The placement agreement's panel on the CPMI's application page (registered with vacancies in `apps.py`)."""

from django.template.loader import render_to_string

from apps.agreements.models import PlacementAgreement


def agreement_panel(*, application, request) -> str | None:
    """The PP that follows an accepted application, with its status; None before there is one."""
    agreement = PlacementAgreement.objects.filter(application=application).first()
    if agreement is None:
        return None
    return render_to_string("agreements/_application_panel.html", {"agreement": agreement}, request=request)
