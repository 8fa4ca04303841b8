import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.audit.models import AuditEvent
from testing import factories
from testing.outbox import link_sent_to

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def test_a_job_seeker_logs_in_with_email(client, job_seeker, password):
    response = client.post(LOGIN, {"identifier": job_seeker.email.upper(), "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:dashboard")
    assert AuditEvent.objects.filter(action="account.login", object_id=str(job_seeker.pk)).exists()


def test_a_job_seeker_logs_in_with_nik(client, job_seeker, password):
    response = client.post(LOGIN, {"identifier": job_seeker.nik, "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboards:dashboard_job_seeker")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, job_seeker):
    response = client.post(LOGIN, {"identifier": job_seeker.email, "password": "salah-sekali"})
    assert "E-mail/NIK atau kata sandi salah." in response.content.decode()
    response = client.post(LOGIN, {"identifier": "tidak.ada@contoh.id", "password": "salah-sekali"})
    assert "E-mail/NIK atau kata sandi salah." in response.content.decode()


def test_after_five_failures_from_one_address_even_the_right_password_waits(client, job_seeker, password):
    for _ in range(5):
        client.post(LOGIN, {"identifier": job_seeker.email, "password": "salah-sekali"})
    response = client.post(LOGIN, {"identifier": job_seeker.email, "password": password})
    assert "E-mail/NIK atau kata sandi salah." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="account.login_slowed", object_id=str(job_seeker.pk)).exists()


def test_a_not_yet_activated_account_is_sent_to_activation(client, password):
    pending = factories.user(activated=False)
    response = client.post(LOGIN, {"identifier": pending.email, "password": password})
    assert response["Location"] == reverse("accounts:activate")
    assert "_auth_user_id" not in client.session


def test_next_is_followed_only_within_the_site(client, job_seeker, password):
    response = client.post(LOGIN, {"identifier": job_seeker.email, "password": password, "next": "/pengaturan/"})
    assert response["Location"] == "/pengaturan/"
    client.logout()
    response = client.post(
        LOGIN, {"identifier": job_seeker.email, "password": password, "next": "https://jahat.example/"}
    )
    assert response["Location"] == reverse("dashboards:dashboard")


def test_password_reset_goes_through_the_email_outbox(client, job_seeker):
    client.post(reverse("accounts:password_reset"), {"email": job_seeker.email})
    link = link_sent_to(job_seeker.email, "/lupa-sandi/")
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Baru-Sekali-2026", "new_password2": "Baru-Sekali-2026"})
    assert response.status_code == 302
    assert User.objects.get(pk=job_seeker.pk).check_password("Baru-Sekali-2026")
    assert AuditEvent.objects.filter(action="account.reset_password").exists()


def test_settings_change_email_needs_the_current_password_and_a_link_to_the_new_address(client, job_seeker, password):
    client.force_login(job_seeker)
    url = reverse("accounts:settings")
    response = client.post(url, {"action": "email", "email": "ani.baru@contoh.id", "password": "salah"})
    assert "Kata sandi salah." in response.content.decode()
    response = client.post(url, {"action": "email", "email": "ani.baru@contoh.id", "password": password}, follow=True)
    assert "Tautan konfirmasi dikirim ke ani.baru@contoh.id" in response.content.decode()
    assert User.objects.get(pk=job_seeker.pk).email == job_seeker.email  # not before the link is opened

    link = link_sent_to("ani.baru@contoh.id", "/pengaturan/email/")
    assert client.get(link).status_code == 200
    client.post(link)
    assert User.objects.get(pk=job_seeker.pk).email == "ani.baru@contoh.id"
    assert "E-mail berhasil diubah" in client.get(url).content.decode()
    client.post(link)  # the link was for the old address: it does nothing a second time
    assert User.objects.get(pk=job_seeker.pk).email == "ani.baru@contoh.id"


def test_settings_change_password_keeps_the_session(client, job_seeker, password):
    client.force_login(job_seeker)
    url = reverse("accounts:settings")
    response = client.post(
        url, {"action": "password", "old_password": password, "new_password1": "123", "new_password2": "123"}
    )
    assert User.objects.get(pk=job_seeker.pk).check_password(password)
    assert "is-invalid" in response.content.decode()
    client.post(
        url,
        {
            "action": "password",
            "old_password": password,
            "new_password1": "Teh-Manis-2026",
            "new_password2": "Teh-Manis-2026",
        },
    )
    assert User.objects.get(pk=job_seeker.pk).check_password("Teh-Manis-2026")
    assert client.get(url).status_code == 200


def test_the_site_opens_in_the_language_stored_on_the_account(client, job_seeker, password):
    User.objects.filter(pk=job_seeker.pk).update(language="en")
    response = client.post(LOGIN, {"identifier": job_seeker.email, "password": password}, follow=True)
    assert client.cookies["django_language"].value == "en"
    assert response.headers["Content-Language"] == "en"
