"""The parts of `service/` import each other only in the directions docs/architecture.md draws.

Each module's imports are read from its source (`ast`, nothing is executed), including imports
made inside functions: a late import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[2] / "service"

AUDIENCES = ("contact", "comments", "moderation")
FOUNDATION = ("spam", "web", "data", "submissions")

# part -> the parts it may import (besides itself). Read it bottom up: the spam filter stands
# alone; web plumbing needs nothing of ours; the data layer may use web plumbing (client
# addresses for the rate limiter's key); the shared submission pipeline sits on those three;
# each audience uses the pipeline but never another audience; the JSON API is the audiences'
# JSON twin and calls their service functions; operations and the app factory see everything.
ALLOWED: dict[str, set[str]] = {
    "spam": set(),
    "web": set(),
    "data": {"web", "spam"},
    "submissions": {"web", "data", "spam"},
    **{audience: set(FOUNDATION) for audience in AUDIENCES},
    "api": {*FOUNDATION, *AUDIENCES},
    "operations": {*FOUNDATION, *AUDIENCES},
    "factory": {*FOUNDATION, *AUDIENCES, "api", "operations"},
}
# What the JSON API may take from an audience: its plain functions and rules, never its views,
# forms or blueprint (those are the audience's own pages).
NOT_FOR_THE_API = ("views", "forms", "blueprint", "account_forms")
# The only modules allowed loose at the top of `service/`.
TOP_LEVEL = {"__init__.py"}


def part_of(module: str) -> str:
    """`service.web.errors` -> `web`; `service` itself (the factory) -> `factory`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "factory"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(SERVICE.rglob("*.py")):
        relative = path.relative_to(SERVICE.parent).with_suffix("")
        name = ".".join(relative.parts)
        found.append((name.removesuffix(".__init__"), path))
    return found


def imports_of(path: Path, module: str) -> set[str]:
    """Every `service...` module that `path` imports, wherever the import statement stands."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from service import web` names a package; `from service import x` anything
            # else is the factory module's own attribute.
            if base == "service":
                found.update(
                    f"service.{alias.name}"
                    for alias in node.names
                    if (SERVICE / alias.name).is_dir()
                )
    return {name for name in found if name == "service" or name.startswith("service.")}


def violations() -> list[str]:
    wrong = []
    for module, path in modules():
        source = part_of(module)
        for target in sorted(imports_of(path, module)):
            if target == "service" and source != "factory":
                wrong.append(f"{module} imports the app factory (`service`)")
                continue
            destination = part_of(target)
            if destination in {source, "factory"}:
                continue
            if destination not in ALLOWED[source]:
                wrong.append(f"{module} ({source}) imports {target} ({destination})")
            elif source == "api" and target.rsplit(".", 1)[-1] in NOT_FOR_THE_API:
                wrong.append(f"{module} uses {target}, an audience's own page code")
    return wrong


def test_every_import_goes_in_an_allowed_direction():
    assert violations() == []


def test_only_the_app_factory_is_left_loose_at_the_top_of_the_service_package():
    loose = {path.name for path in SERVICE.glob("*.py")}
    assert loose == TOP_LEVEL


def test_every_package_is_a_known_part():
    packages = {path.parent.name for path in SERVICE.glob("*/__init__.py")}
    assert packages == set(ALLOWED) - {"factory"}


@pytest.mark.parametrize(
    ("module", "source", "imported"),
    [
        ("service.contact.services", "contact", "from service.moderation.links import x"),
        ("service.spam.checks", "spam", "from service.data.extensions import db"),
        ("service.web.errors", "web", "    from service.data.extensions import db"),
        ("service.comments.views", "comments", "from service.api.blueprint import bp"),
        ("service.api.comments", "api", "from service.comments.views import bp"),
    ],
)
def test_the_check_catches_an_import_against_the_direction(tmp_path, module, source, imported):
    """Each of these was (or could easily become) a real mistake; the check must see it."""
    path = tmp_path / "module.py"
    path.write_text(f"def f():\n{imported}\n" if imported.startswith(" ") else imported + "\n")
    targets = imports_of(path, module)
    [target] = targets
    destination = part_of(target)
    refused = destination not in ALLOWED[source] or (
        source == "api" and target.rsplit(".", 1)[-1] in NOT_FOR_THE_API
    )
    assert refused, target
