"""One name per module (issue 17): the apps are ``congthongtin.<app>``; in a checkout their
folders stay at the top of the repository, and their bare names are refused so that no
module is loaded twice (two copies of every class, signal receiver and registry)."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.checks import run_checks

import congthongtin
from congthongtin.core import checks

ROOT = Path(settings.BASE_DIR)


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_apps_load_from_the_repository_folders_under_the_namespace():
    from congthongtin.legal import models

    assert Path(models.__file__).resolve().is_relative_to(ROOT / "legal")
    assert models.__name__ == "congthongtin.legal.models"


def test_bare_name_of_an_app_is_refused_with_the_name_to_use():
    result = run("import congthongtin\nimport legal.models")
    assert result.returncode == 1
    assert "ImportError" in result.stderr
    assert "'legal' is this repository's 'congthongtin.legal'" in result.stderr


def test_every_package_of_the_distribution_is_refused_by_its_bare_name():
    for name in congthongtin.PACKAGES:
        result = run(f"import congthongtin\nimport {name}")
        assert result.returncode == 1 and "ImportError" in result.stderr, name


def test_a_module_loaded_before_the_guard_under_its_bare_name_is_found_twice():
    # Importing `vietnam.fold` first (no guard yet), then the namespace: two module objects
    # from one file; the system check portal.E020 reports the pair.
    result = run(
        "import vietnam.fold\nimport congthongtin.vietnam.fold\n"
        "from congthongtin import modules_loaded_twice\nprint(modules_loaded_twice())"
    )
    assert result.returncode == 0, result.stderr
    assert "('vietnam.fold', 'congthongtin.vietnam.fold')" in result.stdout


def test_one_module_object_under_two_names_is_not_a_copy():
    from congthongtin.vietnam import fold

    assert congthongtin.modules_loaded_twice({"a": fold, "b": fold}) == []
    assert congthongtin.modules_loaded_twice({"a": sys}) == []  # not the platform's


def test_system_check_reports_modules_loaded_twice(monkeypatch):
    import importlib.util

    path = ROOT / "vietnam" / "fold.py"
    spec = importlib.util.spec_from_file_location("copy_of_fold", path)
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    monkeypatch.setitem(sys.modules, "copy_of_fold", copy)
    (error,) = checks.one_name_per_module(None)
    assert error.id == "portal.E020" and error.is_serious()
    assert "'congthongtin.vietnam.fold' and 'copy_of_fold'" in error.msg


def test_the_real_project_loads_every_module_once():
    assert [e for e in run_checks() if e.id == "portal.E020"] == []
