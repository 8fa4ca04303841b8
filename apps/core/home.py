"""Extension point of the home page: core imports no app, so an app with something to show on the home page (the
running job fairs) registers the template of its section in its `AppConfig.ready()`; the page includes each
registered section in registration order."""

_home_sections: list[str] = []


def home_section_register(template_name: str) -> str:
    """Register a template included on the home page (it reads `user` and `request`). Registering twice is a no-op."""
    if template_name not in _home_sections:
        _home_sections.append(template_name)
    return template_name


def home_sections() -> list[str]:
    return list(_home_sections)
