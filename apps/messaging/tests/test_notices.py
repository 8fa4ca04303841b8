"""Named notices and the language a person chose: the settings page and the switcher store it; SMS, e-mail and
in-app notices are written in it."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from apps.accounts import services as account_services
from apps.agencies.services import notify_members
from apps.audit.models import AuditEvent
from apps.messaging.notices import Notice, language_of
from apps.messaging.services import notify_user
from testing import factories
from testing.outbox import last_text_to, otp_sent_to

pytestmark = pytest.mark.django_db

# Strings the English catalogue already translates, so the test reads real English.
SUBMITTED = Notice(
    title=gettext_lazy("Pengajuan CPMI diajukan"),
    body=gettext_lazy("Pengajuan Anda dikirim ke %(office)s untuk diverifikasi."),
)


def test_a_notice_is_rendered_in_its_recipients_language_not_the_actors(job_seeker, other_job_seeker):
    other_job_seeker.language = "en"
    with translation.override("en"):  # the actor's request is in English
        notify_user(user=job_seeker, notice=SUBMITTED(office="Disnaker Kota Depok"))
    with translation.override("id"):  # the actor's request is in Indonesian
        notify_user(user=other_job_seeker, notice=SUBMITTED(office="Disnaker Kota Depok"))

    assert job_seeker.notifications.get().body == "Pengajuan Anda dikirim ke Disnaker Kota Depok untuk diverifikasi."
    assert last_text_to(job_seeker.phone).startswith("SIPMI: Pengajuan CPMI diajukan.")
    english = other_job_seeker.notifications.get()
    assert (english.title, english.body) == (
        "CPMI registration submitted",
        "Your submission has been sent to Disnaker Kota Depok for verification.",
    )
    assert last_text_to(other_job_seeker.email).startswith("Your submission has been sent")


def test_a_lazy_parameter_is_translated_for_the_recipient(job_seeker):
    job_seeker.language = "en"
    notify_user(user=job_seeker, notice=SUBMITTED(office=gettext_lazy("Lainnya")), sms=False, email=False)
    assert job_seeker.notifications.get().body == "Your submission has been sent to Other for verification."


def test_a_notice_links_to_its_page_in_the_email(job_seeker):
    notify_user(user=job_seeker, notice=SUBMITTED(office="Disnaker Kota Depok"), url="/lamaran/1/")
    assert job_seeker.notifications.get().title == "Pengajuan CPMI diajukan"
    assert "untuk diverifikasi." in last_text_to(job_seeker.email)
    assert last_text_to(job_seeker.email).endswith("/lamaran/1/")


def test_text_written_by_the_caller_is_refused(job_seeker):
    """Only a named notice can be sent: text built in the actor's request would be in the actor's language."""
    with pytest.raises(TypeError):
        notify_user(user=job_seeker, title="Pengingat", body="Wawancara besok.")
    with pytest.raises(TypeError):
        notify_user(user=job_seeker, notice="Wawancara besok.")
    assert not job_seeker.notifications.exists()


def test_a_company_notice_cannot_be_written_by_the_caller():
    with pytest.raises(TypeError):
        notify_members(factories.agency(), "Lamaran baru", "Ani melamar.", "/lamaran/1/")


def test_the_activation_code_is_sent_in_the_account_holders_language(client):
    pending = factories.user(activated=False, language="en")
    with translation.override("id"):
        account_services.otp_send(user=pending)
    otp_sent_to(pending.phone)
    assert last_text_to(pending.phone).startswith("SIPMI: your activation code is")


def test_an_unknown_or_empty_language_falls_back_to_indonesian():
    assert language_of(None) == "id"
    assert language_of(None, "xx") == "id"
    assert language_of(None, "en") == "en"


def test_a_new_account_is_in_indonesian(job_seeker):
    assert job_seeker.language == "id"


def test_the_settings_page_stores_the_language(client, job_seeker):
    client.force_login(job_seeker)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert 'data-testid="language-form"' in page
    response = client.post(reverse("accounts:settings"), {"action": "language", "language": "en"}, follow=True)
    job_seeker.refresh_from_db()
    assert job_seeker.language == "en"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"  # and the site is read in it from now on
    assert response.content.decode().count('<option value="en" selected>') >= 1
    assert AuditEvent.objects.filter(action="account.change_language", actor=job_seeker).exists()


def test_the_settings_page_refuses_a_language_it_does_not_offer(client, job_seeker):
    client.force_login(job_seeker)
    client.post(reverse("accounts:settings"), {"action": "language", "language": "xx"})
    job_seeker.refresh_from_db()
    assert job_seeker.language == "id"


def test_the_switcher_stores_a_signed_in_users_language(client, job_seeker):
    client.force_login(job_seeker)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    job_seeker.refresh_from_db()
    assert job_seeker.language == "en"
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    job_seeker.refresh_from_db()
    assert job_seeker.language == "id"


def test_the_switcher_still_works_for_a_visitor(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
