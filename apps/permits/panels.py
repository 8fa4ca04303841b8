"""What permits adds to the company pages of `agencies` (registered in `PermitsConfig.ready()`)."""

from django.template.loader import render_to_string

from apps.permits import selectors


def agency_card_quota(*, agency) -> str:
    """The dashboard card's line: SPRs valid today and the quota left."""
    return render_to_string("permits/_agency_card_line.html", selectors.agency_quota_today(agency))


def agency_admin_permits(*, agency, request) -> str:
    """The central admin's company page: the company's SPRs."""
    return render_to_string(
        "permits/_agency_admin_section.html", {"permits": selectors.agency_permits(agency)}, request=request
    )
