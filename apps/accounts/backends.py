from django.contrib.auth.backends import ModelBackend

from apps.accounts.models import User


def find_user_by_identifier(identifier: str) -> User | None:
    """Log in with the e-mail address or the 16-digit NIK."""
    identifier = (identifier or "").strip()
    digits = identifier.replace(" ", "").replace(".", "")
    if len(digits) == 16 and digits.isdigit():
        return User.objects.filter(nik=digits).first()
    return User.objects.filter(email__iexact=identifier).first()


class EmailOrNikBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = find_user_by_identifier(username or kwargs.get("email", ""))
        if user is None:
            # Spend the same time as a real check so response times do not reveal which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
