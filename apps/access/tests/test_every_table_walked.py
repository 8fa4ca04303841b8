"""Every permission table has a policy, and every policy a walk test: a new table without one fails here."""

import importlib
import pkgutil
import re
from pathlib import Path

import apps
from apps.access.policy import Policy
from apps.access.tables import PermissionTable

ROOT = Path(apps.__file__).parent


def _modules(suffixes):
    for info in pkgutil.walk_packages([str(ROOT)], prefix="apps."):
        if ".tests" not in info.name and info.name.rsplit(".", 1)[-1] in suffixes:
            yield importlib.import_module(info.name)


def _instances(modules, kind):
    found = {}
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, kind):
                found.setdefault(id(value), (module.__name__, name, value))
    return list(found.values())


def _walk_test_files():
    return [path.read_text() for path in ROOT.rglob("tests/**/test_*.py") if "policy_walk import" in path.read_text()]


def test_every_table_has_a_policy_and_every_policy_a_walk_test():
    tables = _instances(_modules({"permissions", "office_staff"}), PermissionTable)
    policies = [
        (module, name, policy)
        for module, name, policy in _instances(_modules({"policy", "office_staff"}), Policy)
        if module == type(policy).__module__  # where the policy is defined, not where it is imported
    ]
    walk_files = _walk_test_files()
    assert len(tables) >= 16 and walk_files

    missing = []
    for table_module, table_name, table in tables:
        owners = [(module, name) for module, name, policy in policies if policy.table is table]
        if not owners:
            missing.append(f"{table_module}.{table_name}: no policy")
            continue
        walked = any(
            module in text and re.search(rf"\b{name}\b", text) and "walk(" in text
            for module, name in owners
            for text in walk_files
        )
        if not walked:
            missing.append(f"{table_module}.{table_name}: no walk test drives {owners}")
    assert not missing, "\n".join(missing)
