"""Keyboard only (Tab, typing, Space, Enter; no clicks): a person signs up and activates, and a job seeker
fills in and sends the CPMI form, on a phone-sized Chromium."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from apps.cpmi.tests.builders import PDF_BYTES, complete_profile, png_bytes
from testing import factories, outbox
from testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => { const e = document.activeElement;
  return {tag: e.tagName, type: e.type || "", name: e.name || "", id: e.id, value: e.value ?? "",
          text: (e.innerText || "").trim()}; }"""


def tab_through(page, act, until, limit=250):
    """Press Tab from where focus is; `act(focused)` types into each field reached; stop at `until(focused)`."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["name"] or focused["text"][:20])
        if until(focused):
            return focused
        act(focused)
    raise AssertionError(f"never reached the end with Tab; focus went through {seen}")


def date_order(page) -> str:
    """The order in which this browser's date fields take typed digits ("dmY" or "mdY"): it follows the
    browser's own language, not the page's. Probed on a field put first in the page and removed again."""
    page.evaluate(
        "() => { const probe = document.createElement('input'); probe.type = 'date'; probe.id = 'probe';"
        " document.body.prepend(probe); probe.focus(); }"
    )
    page.keyboard.type("01022000")
    order = "mdY" if page.input_value("#probe") == "2000-01-02" else "dmY"
    page.evaluate("() => document.getElementById('probe').remove()")
    return order


def type_date(page, value: datetime.date, order: str):
    """A date field takes its parts as typed digits."""
    page.keyboard.type(value.strftime("".join(f"%{part}" for part in order)))


def choose_with_arrows(page, wanted: str, limit=60):
    """On a focused, closed select: ArrowDown until the wanted value is chosen (each step fires change)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement.value") == wanted:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{wanted} is not among the options")


def test_sign_up_and_activation_with_the_keyboard_only(new_page):
    birth = datetime.date(1998, 11, 17)
    person = factories.registry_person(sex="P", birth_date=birth, mother="Nur Hidayah")
    village = factories.village()
    district = village.parent_id
    regency = district.rsplit(".", 1)[0]
    province = regency.split(".")[0]
    text = {
        "nik": person.nik,
        "parent_name": "Nur Hidayah",
        "email": "dewi.keyboard@contoh.id",
        "phone": "0813 2222 4444",
        "password1": "Kopi-Tubruk-77",
        "password2": "Kopi-Tubruk-77",
        "address_street": "Jl. Melati 5",
    }
    choices = {
        "parent": "mother",
        "marital_status": "single",
        "address_province": province,
        "address_regency": regency,
        "address_district": district,
        "address_village": village.code,
    }
    next_select = {
        "address_province": "address_regency",
        "address_regency": "address_district",
        "address_district": "address_village",
    }
    page = new_page()
    page.goto(reverse("accounts:register"))

    def act(focused):
        name = focused["name"]
        if name in text and not focused["value"]:
            page.keyboard.type(text[name])
        elif name in choices:
            choose_with_arrows(page, choices[name])
            if name in next_select:  # the next select fills through htmx
                page.wait_for_selector(
                    f"#id_{next_select[name]} option[value='{choices[next_select[name]]}']", state="attached"
                )

    # Step one: NIK and the mother's name; the registry's name, birth date and sex come back to confirm.
    tab_through(page, act, until=lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Periksa data Dukcapil"))
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=registry-name]")
    assert page.locator("[data-testid=registry-name]").inner_text() == person.full_name

    # Step two: contact details, password and the KTP address.
    tab_through(page, act, until=lambda f: f["tag"] == "BUTTON" and f["text"] == "Daftar Sekarang")
    page.keyboard.press("Enter")
    page.wait_for_url("**/daftar/aktivasi/")

    code = outbox.otp_sent_to("+6281322224444")
    tab_through(page, lambda f: None, until=lambda f: f["name"] == "code")
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dasbor/pencaker/")


def test_the_cpmi_form_with_the_keyboard_only(new_page):
    from apps.cpmi.models import CpmiRegistration, RegistrationStatus
    from apps.cpmi.services import REQUIRED_KINDS

    factories.staff(position="officer")  # the office that will receive it
    applicant = factories.user(full_name="Rina Papan Ketik")
    complete_profile(applicant)
    today = timezone.localdate()
    text = {
        "health_certificate_number": "SKS/123/2026",
        "health_clinic": "Puskesmas Pancoran Mas",
        "health_doctor": "dr. Sari",
        "ak1_number": "AK1-3276-0001",
        "certificate_number": "BNSP-001",
        "certificate_scheme": "Perawat lansia",
    }
    dates = {
        "health_certificate_date": today - datetime.timedelta(days=7),
        "ak1_valid_until": today + datetime.timedelta(days=365),
    }
    files = {f"file_{kind}" for kind in REQUIRED_KINDS}
    image = png_bytes(size=(600, 400))
    page = new_page()
    log_in(page, applicant)
    page.goto(reverse("cpmi:form"))
    order = date_order(page)

    def act(focused):
        name = focused["name"]
        if name in text:
            page.keyboard.type(text[name])
        elif name in dates:
            type_date(page, dates[name], order)
        elif name in files and focused["type"] == "file":
            # Space on a file field opens the file chooser, as it does for a person (Chromium may ignore a
            # press that comes right after the previous chooser closed: press again).
            chooser = None
            for _attempt in range(3):
                try:
                    with page.expect_file_chooser(timeout=3000) as opened:
                        page.keyboard.press("Space")
                    chooser = opened.value
                    break
                except PlaywrightTimeout:
                    continue
            assert chooser is not None, f"Space did not open the file chooser of {name}"
            pdf = name == "file_competency_certificate"
            chooser.set_files(
                {
                    "name": f"{name}.{'pdf' if pdf else 'png'}",
                    "mimeType": "application/pdf" if pdf else "image/png",
                    "buffer": PDF_BYTES if pdf else image,
                }
            )

    tab_through(page, act, until=lambda f: f["tag"] == "BUTTON" and f["text"] == "Kirim")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + reverse("cpmi:status"))

    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.health_clinic == "Puskesmas Pancoran Mas"
    assert registration.health_certificate_date == dates["health_certificate_date"]
