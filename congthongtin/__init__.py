"""The platform's apps under one import name: ``congthongtin.legal``, ``congthongtin.core``, …

``congthongtin`` is the distribution's name (``cong-thong-tin``, "cổng thông tin", information
portal) without accents: a Vietnamese word no Wagtail site is likely to use for its own
package, so a host's ``home``, ``search`` or ``core`` never meets ours.

Installed from the wheel, each app is a real subpackage of this one (setup.py maps every
top-level folder of the repository into it). In a checkout the folders stay at the top of the
repository, where the project keeps them; this package finds them there by name
(:class:`CheckoutFinder`) and refuses their bare names (:class:`BareNameGuard`), so that no
module is ever loaded twice under two names in one process (``core.models`` and
``congthongtin.core.models`` would be two classes, two sets of signals, two app configs).
:func:`modules_loaded_twice` is what the system check ``portal.E020`` and the tests run.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

# Every package of the distribution, in dependency order (docs/architecture.md).
PACKAGES = (
    "vietnam",
    "core",
    "home",
    "editorial",
    "news",
    "projects",
    "legal",
    "procedures",
    "consultation",
    "search",
    "stats",
    "budget",
    "opendata",
    "subscriptions",
    "nhuxuan_site",
)

HERE = Path(__file__).resolve().parent
# A checkout: the apps are the repository's top-level folders, beside this one.
CHECKOUT_ROOT = (
    HERE.parent
    if not (HERE / "core").is_dir() and (HERE.parent / "core" / "apps.py").is_file()
    else None
)


class CheckoutFinder(importlib.abc.MetaPathFinder):
    """``congthongtin.<app>`` → ``<repository>/<app>`` (a checkout only)."""

    def __init__(self, root: Path):
        self.root = root

    def find_spec(self, fullname, path=None, target=None):
        head, _, rest = fullname.partition(".")
        if head != __name__ or rest not in PACKAGES:
            return None
        folder = self.root / rest
        return importlib.util.spec_from_file_location(
            fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )


class BareNameGuard(importlib.abc.MetaPathFinder):
    """Refuses ``import core`` (and the other apps' bare names) when it would load this
    repository's folder: the same files are ``congthongtin.core`` already. A host's own
    ``home`` or ``search`` elsewhere on the path is left alone."""

    def __init__(self, root: Path):
        self.root = root

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top not in PACKAGES or path is not None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin:
            return None
        if Path(spec.origin).resolve().is_relative_to(self.root / top):
            raise ImportError(
                f"'{fullname}' is this repository's '{__name__}.{fullname}': import it under "
                f"that name (every app of the platform lives in the '{__name__}' namespace).",
                name=fullname,
            )
        return None


def _install(root: Path) -> None:
    if not any(isinstance(f, CheckoutFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, BareNameGuard(root))
        sys.meta_path.insert(0, CheckoutFinder(root))


if CHECKOUT_ROOT is not None:
    _install(CHECKOUT_ROOT)


def package_roots() -> tuple[str, ...]:
    """The folders the platform's modules are loaded from (checkout or wheel), resolved, as
    path prefixes ending with a separator."""
    roots = [HERE, *(CHECKOUT_ROOT / name for name in PACKAGES)] if CHECKOUT_ROOT else [HERE]
    return tuple(os.path.join(str(root), "") for root in roots)


def modules_loaded_twice(modules: dict | None = None) -> list[tuple[str, str]]:
    """Pairs of names in ``sys.modules`` under which two module objects were loaded from the
    same file of the platform (one object under two names, as ``requests.packages`` does for
    its vendored modules, is not a copy and is left alone). Each folder is resolved once, not
    each file: the system check runs at every start."""
    roots = package_roots()
    folders: dict[str, str] = {}
    seen: dict[str, tuple[str, object]] = {}
    twice = []
    for name, module in list((modules if modules is not None else sys.modules).items()):
        origin = getattr(module, "__file__", None)
        if not isinstance(origin, str) or not origin:
            continue
        folder, filename = os.path.split(origin)
        if folder not in folders:
            try:
                folders[folder] = os.path.join(str(Path(folder).resolve()), "")
            except (OSError, ValueError):
                folders[folder] = ""
        resolved = folders[folder]
        if not resolved.startswith(roots):
            continue
        first = seen.setdefault(resolved + filename, (name, module))
        if first[1] is not module:
            twice.append((first[0], name))
    return twice
