"""Time and peak memory of the legal importer on hostile files (issue 16, finding 2).

    .venv/bin/python bench/hostile_files.py [--via direct|bounded] [--timeout 120]
                                            [--memory-gb 3] [NAME ...]

Each file of tests/legal/hostile.py (and, when LibreOffice is installed, the Word 97–2003
files of ``_doc_files``: conversion time and memory, refusals) is generated once, then read
in a fresh Python process so that one file's peak memory does not hide another's:

* ``direct``: ``congthongtin.core.reading.read_document`` in that process, as the importer
  read files before the fix (the parse shares the web process's memory and time);
* ``bounded``: ``congthongtin.core.reading.read_document_bounded``, the importer's path
  since the fix (checks of the archive, then the parse in a worker process with limits).

The bench itself caps the process at ``--memory-gb`` and ``--timeout`` so that a bomb
cannot take the machine down; "killed by the bench" means it stopped the read. Peak memory
is the largest resident set of the reading process or of the worker it waited for
(getrusage ru_maxrss; an idle interpreter with the readers imported is about 60 MB). For a
.doc, the children include LibreOffice (its largest process, soffice.bin), which converts
with a fresh profile every time: each figure is a cold start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, signal, sys, time
sys.path.insert(0, {root!r})
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))

class Killed(BaseException):
    pass

def alarm(*args):
    raise Killed

signal.signal(signal.SIGALRM, alarm)
from django.conf import settings
settings.configure(USE_I18N=False)  # the limits' defaults; messages untranslated
from congthongtin.core import reading as readers
data = open({path!r}, "rb").read()
reader = getattr(readers, {function!r})
start = time.perf_counter()
signal.alarm({timeout})
try:
    reader(data, {name!r})
    outcome = "read"
except readers.ReadError as error:
    outcome = "refused: " + str(error)
except Killed:
    outcome = "killed by the bench at {timeout} s"
except MemoryError:
    outcome = "killed by the bench: over {memory_gb} GB"
except BaseException as error:
    outcome = "crashed: " + type(error).__name__ + ": " + str(error)[:120]
signal.alarm(0)
print(json.dumps({{
    "seconds": time.perf_counter() - start,
    "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "outcome": outcome,
}}))
"""


def measure(path: Path, name: str, function: str, timeout: float, memory: int) -> dict:
    code = CHILD.format(
        root=str(ROOT),
        path=str(path),
        name=name,
        function=function,
        memory=memory,
        memory_gb=round(memory / 1024**3, 1),
        timeout=int(timeout),
    )
    start = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=timeout + 60, check=False
    )
    lines = process.stdout.decode().strip().splitlines()
    if process.returncode or not lines:
        return {
            "seconds": time.perf_counter() - start,
            "peak_mb": 0,
            "outcome": f"died ({process.returncode}): {process.stderr.decode()[-200:]}",
        }
    result = json.loads(lines[-1])
    return {
        "seconds": result["seconds"],
        "peak_mb": max(result["self_mb"], result["children_mb"]),
        "outcome": result["outcome"],
    }


def _doc_files() -> dict:
    from tests.core.documents import compound_file, heading_docx, to_doc

    def truncated() -> bytes:
        data = to_doc(heading_docx(sections=10))
        return data[: len(data) // 2]

    return {
        "doc 2 pages (Decree 30 plan)": ("ke-hoach.doc", lambda: to_doc(heading_docx(sections=10))),
        "doc 2 pages, TCVN3 fonts": (
            "cu.doc",
            lambda: to_doc(heading_docx(legacy=True, sections=10)),
        ),
        "doc 150 pages": ("dai.doc", lambda: to_doc(heading_docx(sections=2400))),
        "xls sent as .doc": ("bang-tinh.doc", lambda: compound_file("Workbook")),
        "truncated doc": ("cat.doc", truncated),
    }


def generate(folder: Path, names: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congthongtin.nhuxuan_site.settings.test")
    import django

    django.setup()
    from tests.legal.hostile import HOSTILE

    files = dict(HOSTILE)
    if shutil.which("soffice"):
        files.update(_doc_files())
    for label, (filename, build) in files.items():
        if not names or label in names:
            (folder / filename).write_bytes(build())
            print(f"{label}\t{filename}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--via", choices=("direct", "bounded"), default="bounded")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--memory-gb", type=float, default=3)
    parser.add_argument("--generate", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(Path(args.generate), args.names)
        return

    function = "read_document" if args.via == "direct" else "read_document_bounded"
    memory = int(args.memory_gb * 1024**3)
    print(f"via {args.via}; cap {args.memory_gb} GB, {args.timeout:.0f} s")
    print(f"{'file':32} {'size':>9} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        # Generated in another process: Linux keeps a process's peak resident set across
        # fork and exec, so building a 500 MB bomb here would show in every reader's peak.
        listing = subprocess.run(
            [sys.executable, __file__, "--generate", folder, *args.names],
            capture_output=True,
            check=True,
        )
        for line in listing.stdout.decode().splitlines():
            label, filename = line.split("\t")
            path = Path(folder) / filename
            row = measure(path, filename, function, args.timeout, memory)
            size = path.stat().st_size
            print(
                f"{label:32} {size / 1024:>7.0f}KB {row['seconds']:>8.2f} "
                f"{row['peak_mb']:>8.0f}  {row['outcome'][:110]}",
                flush=True,
            )


if __name__ == "__main__":
    main()
