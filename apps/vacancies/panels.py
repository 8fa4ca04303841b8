"""Extension point of the CPMI's application page: an app above vacancies (the placement agreement) adds a
panel about what followed the application, so vacancies never imports it. The higher app registers a function
in its `AppConfig.ready()`; it returns the panel's HTML, or None when it has nothing to show.
"""

from collections.abc import Callable

_application_panels: list[Callable] = []


def application_panel_register(panel: Callable) -> Callable:
    """Register `panel(*, application, request) -> str | None`; usable as a decorator. Registering twice is a no-op."""
    if panel not in _application_panels:
        _application_panels.append(panel)
    return panel


def application_panels(*, application, request) -> list[str]:
    """The registered panels' HTML for this application, in registration order, skipping empty ones."""
    rendered = (panel(application=application, request=request) for panel in _application_panels)
    return [html for html in rendered if html]
