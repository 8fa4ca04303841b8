"""Extension points of the company pages: an app above agencies (the SPR in `permits`) adds what it holds about a
company, so agencies never reads it (no import, no reverse relation). The higher app registers a function in its
`AppConfig.ready()`; each returns HTML, or None when it has nothing to show.
"""

from collections.abc import Callable

_card_lines: list[Callable] = []
_admin_sections: list[Callable] = []


def agency_card_line_register(line: Callable) -> Callable:
    """Register `line(*, agency) -> str | None`: one line (the inside of an <li>) in the overseas-placement part of
    the company dashboard's card. Registering twice is a no-op."""
    if line not in _card_lines:
        _card_lines.append(line)
    return line


def agency_admin_section_register(section: Callable) -> Callable:
    """Register `section(*, agency, request) -> str | None`: a section at the end of the central admin's page of a
    company. Registering twice is a no-op."""
    if section not in _admin_sections:
        _admin_sections.append(section)
    return section


def agency_card_lines(*, agency) -> list[str]:
    return [html for html in (line(agency=agency) for line in _card_lines) if html]


def agency_admin_sections(*, agency, request) -> list[str]:
    return [html for html in (section(agency=agency, request=request) for section in _admin_sections) if html]
