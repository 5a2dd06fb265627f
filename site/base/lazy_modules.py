"""A module that runs on first use instead of when it is imported.

`lazy_module(name)` imports the module's package, then puts the module in `sys.modules`
(and on its package) without running it: `import name` and `from package import module`
bind it as usual, and its code runs the first time one of its attributes is read, in
that same module object (what the code sets, and what a test patches, is where every
holder looks). For a module that is imported when a process starts only to be at hand,
and whose dependencies are heavy and needed by a rare request.

Unlike `importlib.util.LazyLoader` (Python 3.11): a second thread reading the module
while it runs waits for it instead of seeing it half-made, and a later `import` of the
module does not run it (the import system reads only `__spec__`, which is set).
"""

import importlib
import importlib.util
import sys
import threading
from types import ModuleType

_lock = threading.RLock()
_running: set[str] = set()


class _NotYetRun(ModuleType):
    def __getattr__(self, attribute: str):
        # Only reached for an attribute the module does not have: it has not run yet.
        name = self.__spec__.name
        with _lock:
            if type(self) is _NotYetRun and name not in _running:
                _running.add(name)
                try:
                    self.__spec__.loader.exec_module(self)
                    self.__class__ = ModuleType
                finally:
                    _running.discard(name)
        return ModuleType.__getattribute__(self, attribute)


def lazy_module(name: str) -> ModuleType:
    """The module `name` (not a package), to be run on first use; if something has
    already imported it, that module as it is."""
    if name in sys.modules:
        return sys.modules[name]
    parent_name, _, child = name.rpartition(".")
    parent = importlib.import_module(parent_name) if parent_name else None
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    if spec.submodule_search_locations is not None:
        raise ValueError(f"{name} is a package: only a module can wait to be run")
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _NotYetRun
    sys.modules[name] = module
    if parent is not None:
        setattr(parent, child, module)
    return module
