"""Sign-up as a person does it in the browser, in two steps: the NIK and a parent's name go to the civil registry
(the page then shows the registry's name to confirm), then the rest of the form."""

from testing import factories

REGISTRY_FIELDS = ("nik", "parent", "parent_name")


def registry_step(client, url: str, *, nik: str, parent_name: str, parent: str = "mother"):
    return client.post(url, {"action": "identity_check", "nik": nik, "parent": parent, "parent_name": parent_name})


def sign_up(client, url: str, data: dict):
    """Both steps with one dict of form data; the answer of the registry step when it refused, else of the
    second step. Fields the second step does not have (a typed name, say) are sent and ignored."""
    checked = registry_step(
        client, url, nik=data.get("nik", ""), parent_name=data.get("parent_name", ""), parent=data.get("parent", "")
    )
    if checked.status_code != 302:
        return checked
    return client.post(url, {k: v for k, v in data.items() if k not in REGISTRY_FIELDS})


def signup_data(person, parent_name: str = "Nur Hidayah", **overrides) -> dict:
    """Both steps' form data for the registry `person` (mother Nur Hidayah), in a new village; `overrides` replace
    second-step fields (e-mail, phone, passwords...)."""
    data = {
        "nik": person.nik,
        "parent": "mother",
        "parent_name": parent_name,
        "marital_status": "single",
        "address_province": "32",
        "address_regency": "32.76",
        "address_district": "32.76.01",
        "address_village": factories.village().code,
        "address_street": "Jl. Melati 5",
        "email": "dewi@contoh.id",
        "phone": "0813-1111-2222",
        "password1": "Kopi-Tubruk-77",
        "password2": "Kopi-Tubruk-77",
    }
    data.update(overrides)
    return data
