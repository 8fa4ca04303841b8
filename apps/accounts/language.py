"""The language a person reads SIPMI in, stored on their account so that what SIPMI sends them (SMS, e-mail,
in-app notices) is written in it whoever acts. The navigation's switcher and the settings page both store it."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.i18n import set_language as django_set_language

from apps.accounts.models import User
from apps.audit.services import audit_record
from apps.core.errors import ServiceError
from apps.core.forms import StyledFormMixin
from apps.core.locking import lock


def account_set_language(*, user: User, language: str) -> User:
    """Store the user's language; the same one again changes nothing."""
    if language not in dict(settings.LANGUAGES):
        raise ServiceError("language_unknown", _("Bahasa ini tidak tersedia."), field="language")
    with transaction.atomic():
        locked = lock(User, pk=user.pk)
        if locked.language == language:
            return locked
        old = locked.language
        locked.language = language
        locked.save(update_fields=["language"])
        audit_record(actor=locked, action="account.change_language", target=locked, data={"from": old, "to": language})
    user.language = language
    return locked


def set_language(request):
    """Django's language switcher (cookie and redirect), and for a signed-in user the account's language too."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        account_set_language(user=request.user, language=language)
    return response


class LanguageForm(StyledFormMixin, forms.Form):
    language = forms.ChoiceField(
        label=_lazy("Bahasa SMS, e-mail dan notifikasi"),
        choices=settings.LANGUAGES,
        help_text=_lazy("SIPMI menulis kepada Anda dalam bahasa ini, siapa pun yang memproses berkas Anda."),
    )


def settings_language_post(request):
    """The settings page's language form: store it on the account and read the site in it from now on."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bahasa ini tidak tersedia."))
        return redirect("accounts:settings")
    language = form.cleaned_data["language"]
    account_set_language(user=request.user, language=language)
    translation.activate(language)
    messages.success(request, _("Bahasa disimpan."))
    response = redirect("accounts:settings")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
