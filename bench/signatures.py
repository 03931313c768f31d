"""Time and memory of reading digital signatures (core.reading.signatures), issue 19.

    .venv/bin/python bench/signatures.py [--repeat 3] [--write]

Each case is generated once (tests/core/signed_pdfs.py: a CA and signers made with
``cryptography``, PDFs signed with pyHanko), then read

* ``in process``: ``read_signatures`` in this process, pyHanko already imported (median
  of ``--repeat`` runs);
* ``bounded``: ``run_bounded`` (a fresh worker process with the import's limits), as the
  portal does at import and when a file is attached: the wall time of one round trip and
  the worker's peak resident memory (getrusage of the children).

``--write`` writes the table to bench/SIGNATURES_RESULTS.md.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cases():
    from tests.core import signed_pdfs as s

    keys = s.make_keys()
    one = s.sign(s.plain_pdf(), keys.author, keys.ca)
    two = s.sign(one, keys.approver, keys.ca, field="ChuKy2")
    roots = [keys.ca.der]
    return [
        ("unsigned PDF", s.plain_pdf(), roots),
        ("one signature, no root", one, []),
        ("one signature, trusted", one, roots),
        ("two signatures, trusted", two, roots),
        ("byte flipped after signing", s.flip_signed_byte(one), roots),
        ("content changed (incremental update)", s.change_content_after_signing(one), roots),
        ("note added (incremental update)", s.add_annotation_after_signing(one), roots),
        ("/ByteRange outside the file", s.byte_range_outside(one), roots),
        ("/Contents of 2 MB", s.forged_signatures(1, contents=b"\0" * (1 << 20)), roots),
        ("3000 signature fields", s.forged_signatures(3000), roots),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    warnings.simplefilter("ignore")

    from congthongtin.core.limits import ParseLimits, run_bounded
    from congthongtin.core.reading.signatures import pack, read_signatures

    read_signatures(b"%PDF-1.7 /ByteRange", [])  # import pyHanko before timing
    limits = ParseLimits()
    rows = []
    for name, data, roots in cases():
        times = []
        for _ in range(options.repeat):
            start = time.perf_counter()
            result = read_signatures(data, roots)
            times.append(time.perf_counter() - start)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        bounded = run_bounded(
            "congthongtin.core.reading.signatures.read_packed", pack(data, roots), limits=limits
        )
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        assert bounded == result, name
        outcome = result["refused"] or "; ".join(
            f"{item['modification'] or '-'}/{item['trust']}"
            + (" (problem)" if item["problem"] else "")
            for item in result["signatures"]
        )
        rows.append(
            (name, len(data), statistics.median(times), wall, max(peak, before) / 1024, outcome)
        )
    lines = [
        "# Reading digital signatures (issue 19)",
        "",
        f"`bench/signatures.py --repeat {options.repeat}` on {platform.machine()}, "
        f"Python {platform.python_version()}; worker limits {limits.seconds:g} s, "
        f"{limits.memory_bytes // (1 << 20)} MB. Peak memory is the largest worker so far "
        "(ru_maxrss of the children).",
        "",
        "| case | bytes | in process (s) | bounded round trip (s) | worker peak (MB) | result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, size, median, wall, peak, outcome in rows:
        lines.append(
            f"| {name} | {size} | {median:.3f} | {wall:.2f} | {peak:.0f} | {outcome[:70]} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if options.write:
        (ROOT / "bench" / "SIGNATURES_RESULTS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
