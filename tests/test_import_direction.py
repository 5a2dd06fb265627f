"""Dependencies between our apps run one way (README, "Dependency direction"):

    site (portal, home) → learning → content → base
                          search   → content
                          learning → accounts → base

This test reads every module of every app (migrations included) and fails on an
import that runs against the direction, wherever it sits in the module."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

APPS = {
    "base": ROOT / "site" / "base",
    "accounts": ROOT / "site" / "accounts",
    "content": ROOT / "content",
    "search": ROOT / "search",
    "learning": ROOT / "learning",
    "home": ROOT / "site" / "home",
    "portal": ROOT / "site" / "portal",
}

# What each app may import of ours, besides itself.
MAY_IMPORT = {
    "base": set(),
    "accounts": {"base"},
    "content": {"base"},
    "search": {"content", "base"},
    "learning": {"content", "accounts", "base"},
    "home": {"learning", "search", "content", "accounts", "base"},
    "portal": {"home", "learning", "search", "content", "accounts", "base"},
}


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """(app, line) for every absolute import of one of our apps in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                found.add((top, node.lineno))
    return found


def violations(app: str) -> list[str]:
    allowed = MAY_IMPORT[app] | {app}
    root = APPS[app]
    return sorted(
        f"{path.relative_to(root)}:{line} imports {other}"
        for path in root.rglob("*.py")
        for other, line in imported_apps(path)
        if other not in allowed
    )


def test_every_app_is_listed():
    assert set(MAY_IMPORT) == set(APPS)
    for path in APPS.values():
        assert (path / "__init__.py").exists(), path


@pytest.mark.parametrize("app", sorted(APPS))
def test_imports_follow_the_dependency_direction(app):
    assert violations(app) == []


def test_a_backward_import_is_caught(tmp_path, monkeypatch):
    """The walk really sees imports, also inside functions."""
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "late.py").write_text("def f():\n    from learning.models import Certificate\n")
    monkeypatch.setitem(APPS, "content", tmp_path)
    assert violations("content") == ["late.py:2 imports learning"]
