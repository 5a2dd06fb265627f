"""base.lazy_modules: a module imported at start-up runs on first use, once."""

import importlib
import sys
import threading
import time
from unittest import mock

import pytest

from base.lazy_modules import lazy_module

MODULE = """
import time
RUNS.append(__name__)
time.sleep(DELAY)
def answer():
    return helper() * 2
def helper():
    return 21
"""


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `lazypkg` with one module `heavy`, which counts its runs."""
    name = f"lazypkg_{id(tmp_path)}"
    root = tmp_path / name
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "heavy.py").write_text(MODULE)
    (root / "sub").mkdir()
    (root / "sub" / "__init__.py").write_text("")
    runs: list[str] = []
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("builtins.RUNS", runs, raising=False)
    monkeypatch.setattr("builtins.DELAY", 0, raising=False)
    yield name, runs
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]


def test_imported_as_usual_run_on_first_use_once(package):
    name, runs = package
    module = lazy_module(f"{name}.heavy")
    assert runs == []
    # both ways of importing it bind the same module, still not run
    assert importlib.import_module(f"{name}.heavy") is module
    parent = importlib.import_module(name)
    assert parent.heavy is module
    exec(f"from {name} import heavy as bound", namespace := {})  # noqa: S102
    assert namespace["bound"] is module
    assert runs == []
    assert module.answer() == 42
    assert module.answer() == 42
    assert runs == [f"{name}.heavy"]
    assert type(module).__name__ == "module"
    with pytest.raises(AttributeError):
        module.missing  # noqa: B018


def test_a_patch_reaches_the_module_own_code(package):
    name, _runs = package
    module = lazy_module(f"{name}.heavy")
    with mock.patch(f"{name}.heavy.helper", return_value=1):
        assert module.answer() == 2
    assert module.answer() == 42


def test_a_second_thread_waits_for_the_module_to_finish(package, monkeypatch):
    name, runs = package
    monkeypatch.setattr("builtins.DELAY", 0.3, raising=False)
    module = lazy_module(f"{name}.heavy")
    results, errors = [], []

    def use():
        try:
            results.append(module.answer())
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    first = threading.Thread(target=use)
    first.start()
    time.sleep(0.05)  # the first thread is running the module's code
    use()
    first.join()
    assert errors == []
    assert results == [42, 42]
    assert runs == [f"{name}.heavy"]


def test_an_imported_module_is_left_as_it_is(package):
    name, runs = package
    real = importlib.import_module(f"{name}.heavy")
    assert runs == [f"{name}.heavy"]
    assert lazy_module(f"{name}.heavy") is real
    assert runs == [f"{name}.heavy"]


def test_only_modules_can_wait(package):
    name, _runs = package
    with pytest.raises(ValueError, match="package"):
        lazy_module(f"{name}.sub")
    with pytest.raises(ModuleNotFoundError):
        lazy_module(f"{name}.absent")
