"""Extension points of the CPMI's application page: an app above vacancies (the placement agreement) adds a
panel about what followed the application, so vacancies never imports it. The higher app registers a function
in its `AppConfig.ready()`; it returns the panel's HTML, or None when it has nothing to show.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

_application_panels: list[Callable] = []


def _add(panels: list[Callable], panel: Callable) -> Callable:
    if panel not in panels:
        panels.append(panel)
    return panel


def _render(panels: list[Callable], application, request) -> list[str]:
    rendered = (panel(application=application, request=request) for panel in panels)
    return [html for html in rendered if html]


def application_panel_register(panel: Callable) -> Callable:
    """Register `panel(*, application, request) -> str | None`; usable as a decorator. Registering twice is a no-op."""
    return _add(_application_panels, panel)


def application_panels(*, application, request) -> list[str]:
    """The registered panels' HTML for this application, in registration order, skipping empty ones."""
    return _render(_application_panels, application, request)


# --- the company's application page ---------------------------------------------------------------------------
# An app above vacancies (the job fair) adds a panel to the company's page of one application (the fair it was
# made in, the way back to the fair's applicants, a conversation with the applicant), so there is one such page.

_company_application_panels: list[Callable] = []


def company_application_panel_register(panel: Callable) -> Callable:
    """Register `panel(*, application, request) -> str | None` for the company's application page."""
    return _add(_company_application_panels, panel)


def company_application_panels(*, application, request) -> list[str]:
    return _render(_company_application_panels, application, request)


# --- the CPMI's own status words --------------------------------------------------------------------------------
# Seed 000: once the company accepts, the CPMI's status reads "Menunggu Verifikasi PP" until the office signs the
# placement agreement, then "PP Telah Diverifikasi". The company still sees "Diterima". Whether the PP is signed
# is the agreements app's to say: it registers a function that names the later status of accepted applications.

_status_sources: list[Callable] = []


def application_status_register(source: Callable) -> Callable:
    """Register `source(applications) -> dict[application pk, (key, label)]`, one query for the whole list,
    for accepted applications whose status has moved on. Registering twice is a no-op."""
    if source not in _status_sources:
        _status_sources.append(source)
    return source


def candidate_statuses(applications) -> list:
    """Set `candidate_status` (label) and `candidate_status_key` (badge colour) on each of the CPMI's
    applications, as the CPMI reads them; returns the applications as a list."""
    applications = list(applications)
    # Only an overseas placement (a CPMI's application) goes on to a placement agreement.
    accepted = [a for a in applications if a.status == "accepted" and a.candidate_id is not None]
    moved: dict[int, tuple[str, str]] = {}
    if accepted:
        for source in _status_sources:
            moved.update(source(accepted))
    for application in applications:
        if application.status == "accepted" and application.candidate_id is not None:
            key, label = moved.get(application.pk, ("submitted", _("Menunggu Verifikasi PP")))
        else:
            key, label = application.status, application.get_status_display()
        application.candidate_status_key, application.candidate_status = key, label
    return applications
