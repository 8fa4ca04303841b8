"""Foreign keys follow the layers too: a model may point at a model of its own app or of a lower layer, never up
and never at an independent sibling. The import linter cannot see a foreign key written as "app.Model" (a string
is not an import), so this test reads the same contracts in pyproject.toml and checks every relation."""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]


def _contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def _layer_of_app() -> dict[str, int]:
    """'apps.offices' → its layer's index (0 = the top)."""
    layers = next(contract for contract in _contracts() if contract["type"] == "layers")["layers"]
    return {name.strip(): index for index, layer in enumerate(layers) for name in layer.split("|")}


def _independent_pairs() -> set[frozenset[str]]:
    pairs = set()
    for contract in _contracts():
        if contract["type"] == "independence":
            modules = contract["modules"]
            pairs |= {frozenset((a, b)) for a in modules for b in modules if a != b}
    return pairs


def _relations():
    """(model label, field name, source app, target app, field) for every FK, O2O and declared M2M."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = field.related_model._meta.app_config.name
            yield model._meta.label, field.name, model._meta.app_config.name, target, field


def upward_relations(layer_of=None, independent=None) -> list[str]:
    layer_of = _layer_of_app() if layer_of is None else layer_of
    independent = _independent_pairs() if independent is None else independent
    found = []
    for label, name, source, target, field in _relations():
        if source == target or source not in layer_of:
            continue  # within one app, or Django's own apps (admin, auth)
        # The user model is Django's swappable AUTH_USER_MODEL: every app names it through the setting, never by
        # importing accounts, and Django decides which app provides it.
        if getattr(field, "swappable_setting", None) == "AUTH_USER_MODEL":
            continue
        if target.startswith("django."):
            continue  # Django's own apps (auth's groups and permissions) sit below every layer
        if target not in layer_of:
            found.append(f"{label}.{name} → {target} (not in the layers)")
        elif layer_of[target] <= layer_of[source]:
            where = "a sibling of its layer" if layer_of[target] == layer_of[source] else "a higher layer"
            found.append(f"{label}.{name} → {target} ({where})")
        elif frozenset((source, target)) in independent:
            found.append(f"{label}.{name} → {target} (declared independent)")
    return found


def test_every_foreign_key_points_down_the_layers():
    assert upward_relations() == []


def test_the_check_sees_a_foreign_key_to_a_sibling_or_upward():
    """The test above can fail: with offices and regions side by side again (the contract before), the labour
    office's region is reported; with regions declared independent of offices, too."""
    siblings = {**_layer_of_app(), "apps.regions": _layer_of_app()["apps.offices"]}
    assert "offices.LabourOffice.region → apps.regions (a sibling of its layer)" in upward_relations(layer_of=siblings)
    upside_down = {**_layer_of_app(), "apps.regions": 0}
    assert "offices.LabourOffice.region → apps.regions (a higher layer)" in upward_relations(layer_of=upside_down)
    independent = {frozenset(("apps.offices", "apps.regions"))}
    assert "offices.LabourOffice.region → apps.regions (declared independent)" in upward_relations(
        independent=independent
    )
