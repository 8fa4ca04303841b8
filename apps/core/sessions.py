"""Sessions in the database, as Django's own store, except when the database itself is unreachable.

Django's store turns every database error while saving a changed session into `UpdateError`, which the
session middleware answers as 400 ("session interrupted"). When the error is the database going away, the
visitor must get the 503 page with Retry-After instead, like every other request during the outage.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
        try:
            return super().save(must_create=must_create)
        except UpdateError as error:
            if isinstance(error.__context__, OperationalError | InterfaceError):
                raise error.__context__ from None
            raise
