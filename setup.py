"""Packaging: every app folder of the repository becomes a subpackage of ``congthongtin``.

The folders stay at the top of the repository (``core/``, ``legal/``, …); installed, they are
``congthongtin.core``, ``congthongtin.legal``, … so that they never meet a host site's own
``home`` or ``search`` (congthongtin/__init__.py). Metadata lives in pyproject.toml.
"""

import ast
from pathlib import Path

from setuptools import find_packages, setup

NAMESPACE = "congthongtin"


def apps() -> list[str]:
    """congthongtin.PACKAGES, read without importing the package (its import installs the
    checkout's import finders)."""
    tree = ast.parse(Path(__file__).with_name(NAMESPACE).joinpath("__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PACKAGES":
            return list(ast.literal_eval(node.value))
    raise LookupError("PACKAGES not found in congthongtin/__init__.py")


APPS = apps()
# What an app carries besides its Python modules: templates, static files, its Vietnamese
# catalogue, the portal's Wagtail completion catalogue, demo data, and the notes and samples
# its commands point to (procedures/IMPORT.md, procedures/import_samples/).
# scripts/check_dist.py (run by .ci/plugin_site.sh) fails when a tracked file is left out.
DATA = [
    "templates/**/*",
    "static/**/*",
    "locale/**/*",
    "locale_wagtail/**/*",
    "demo/**/*",
    "import_samples/*",
    "*.md",
    # The editor's guide and its screenshots (editorial/guide/, served by the admin).
    "guide/*",
    "guide/anh/*",
]

packages = [NAMESPACE]
package_dir = {NAMESPACE: NAMESPACE}
package_data = {}
for app in APPS:
    found = find_packages(include=[app, f"{app}.*"])
    packages += [f"{NAMESPACE}.{name}" for name in found]
    package_dir[f"{NAMESPACE}.{app}"] = app
    package_data[f"{NAMESPACE}.{app}"] = DATA

# Only package_data above: with setuptools' default (include everything the sdist lists), every
# templates/ or static/ folder would also be taken for an undeclared package, with a warning.
setup(
    packages=packages,
    package_dir=package_dir,
    package_data=package_data,
    include_package_data=False,
)
