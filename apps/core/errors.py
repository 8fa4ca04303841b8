"""The one error type services raise when they refuse an action."""


class ServiceError(Exception):
    """A refused action: `code` is for programs and tests, `message` (translated) is for the user.

    `field` names the form field the message belongs beside, when there is one.
    """

    def __init__(self, code: str, message, *, field: str | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field


class PermissionDenied(ServiceError):
    """The actor may not perform this action on this object."""

    def __init__(self, message=None):
        from django.utils.translation import gettext_lazy as _

        super().__init__("permission_denied", message or _("Anda tidak berwenang melakukan tindakan ini."))
