"""Libraries some features need, installed with the extras of pyproject.toml rather than with
the apps themselves (issue 17): the modules are imported inside the functions that use them,
and a feature whose library is absent says so instead of failing with an ImportError."""

from __future__ import annotations

import importlib.util

#: Top-level module → the extra of pyproject.toml that installs it.
EXTRAS = {
    "mammoth": "importers",
    "docx": "importers",
    "pypdf": "importers",
    "openpyxl": "importers",
    "pypdfium2": "importers",
    "pyhanko": "importers",
    "elasticsearch": "elasticsearch",
    "elastic_transport": "elasticsearch",
    "opensearchpy": "elasticsearch",
    "crawlerdetect": "stats",
}


def missing_modules(*modules: str) -> list[str]:
    """Those of ``modules`` that cannot be imported."""
    return [name for name in modules if importlib.util.find_spec(name) is None]


def install_hint(modules) -> str:
    extras = ",".join(sorted({EXTRAS[name] for name in modules}))
    return f"pip install 'cong-thong-tin[{extras}]'"
