"""Named notices, rendered in their recipient's language.

An app lists what it tells people in its own `notices.py`, as `Notice`s holding lazy (untranslated) text with
%(name)s parameters:

    SUBMITTED = Notice(
        title=_("Pengajuan CPMI diajukan"),
        body=_("Pengajuan Anda dikirim ke %(office)s untuk diverifikasi."),
    )

and a service calls `notify_user(user=…, notice=SUBMITTED(office=office.name), url=…)`. The text is translated
when the notice is rendered, under `translation.override(recipient.language)`, never in the language of the
request of whoever acted. A parameter may itself be lazy (a status label); it is translated then too.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise


def language_of(user=None, language: str | None = None) -> str:
    """The language to write to someone in: the one given, else the user's own choice, else Indonesian."""
    chosen = language or getattr(user, "language", "") or settings.LANGUAGE_CODE
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _text(value) -> str:
    return str(value) if isinstance(value, Promise) else value


@dataclass(frozen=True)
class Notice:
    title: Promise | str
    body: Promise | str

    def __call__(self, **params) -> "BoundNotice":
        return BoundNotice(self, params)


@dataclass(frozen=True)
class BoundNotice:
    notice: Notice
    params: dict = field(default_factory=dict)

    def render(self) -> tuple[str, str]:
        """(title, body) in the active language: call it inside `translation.override`."""
        params = {name: _text(value) for name, value in self.params.items()}
        title = str(self.notice.title)
        body = str(self.notice.body)
        return (title % params if "%(" in title else title), (body % params if params else body)
