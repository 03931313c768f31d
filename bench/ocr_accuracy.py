"""Character accuracy of the OCR path on generated Vietnamese administrative pages (issue 19).

The two-page decision of tests/core/scans.py (Decree 30/2020/NĐ-CP layout, DejaVu Serif,
every Vietnamese diacritic) is drawn with PIL at 300 and 150 dpi, clean or "rough" (skew,
blur, grain, JPEG), with or without a semi-transparent red seal and a blue signature over
the signature block, saved as a PDF of images (no text layer) and read by
``congthongtin.core.reading.read_document`` — the importer's OCR path (pypdfium2 +
tesseract ``vie``). Figures:

* character accuracy = 1 - Levenshtein distance / reference length, on NFC text with every
  run of white space made one space (Tesseract's blank lines are not errors);
* diacritic accuracy = the share of the reference's letters bearing a diacritic (NFD longer
  than one code point, or đ/Đ) that the alignment (difflib, no junk heuristic) pairs with
  the same letter in the OCR text;
* the five fields the importer extracts (number, type, issuing body, date, signer) right;
* seconds per page (wall clock, whole read) and Tesseract's peak resident memory.

    .venv/bin/python bench/ocr_accuracy.py            # all variants, writes bench/RESULTS.md
    .venv/bin/python bench/ocr_accuracy.py --psm 3 4 6 --no-write   # compare modes
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from congthongtin.core.reading import ocr, read_document  # noqa: E402
from congthongtin.legal.importer.extract import extract_metadata  # noqa: E402
from tests.core.scans import scanned_decision  # noqa: E402

EXPECTED = {
    "number_symbol": "27/QĐ-UBND",
    "document_type": "Quyết định",
    "issuing_body": "Ủy ban nhân dân xã Như Xuân",
    "issue_date": datetime.date(2026, 4, 14),
    "signer": "Lê Văn Cường",
}
SECTION = "## OCR accuracy"


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insert, delete, substitute: 1 each), two rows of the DP table."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def has_diacritic(ch: str) -> bool:
    return ch in "đĐ" or (ch.isalpha() and len(unicodedata.normalize("NFD", ch)) > 1)


def diacritic_accuracy(reference: str, hypothesis: str) -> tuple[int, int]:
    """(letters with a diacritic recognised, letters with a diacritic in the reference)."""
    matcher = difflib.SequenceMatcher(None, reference, hypothesis, autojunk=False)
    matched = set()
    for block in matcher.get_matching_blocks():
        matched.update(range(block.a, block.a + block.size))
    marked = [i for i, ch in enumerate(reference) if has_diacritic(ch)]
    return sum(i in matched for i in marked), len(marked)


def fields_right(text: str) -> tuple[int, list[str]]:
    extracted = extract_metadata(text)
    found = {
        "number_symbol": extracted.number_symbol,
        "document_type": extracted.document_type,
        "issuing_body": extracted.issuing_body,
        "issue_date": extracted.issue_date,
        "signer": extracted.signer,
    }
    wrong = [key for key, value in EXPECTED.items() if found[key] != value]
    return len(EXPECTED) - len(wrong), wrong


def run(dpi: int, stamp: bool, rough: bool, psm: str, channel: str) -> dict:
    data, reference = scanned_decision(pages=2, dpi=dpi, stamp=stamp, rough=rough)
    ocr.PSM, ocr.CHANNEL = psm, channel
    start = time.perf_counter()
    result = read_document(data, "quet.pdf")
    seconds = time.perf_counter() - start
    ref, hyp = normalise(reference), normalise(result.text)
    distance = levenshtein(ref, hyp)
    good, marked = diacritic_accuracy(ref, hyp)
    right, wrong = fields_right(result.text)
    return {
        "dpi": dpi,
        "stamp": stamp,
        "rough": rough,
        "psm": psm,
        "channel": channel,
        "reference_chars": len(ref),
        "edit_distance": distance,
        "char_accuracy": 1 - distance / len(ref),
        "diacritic_letters": marked,
        "diacritic_accuracy": good / marked,
        "fields_right": right,
        "fields_wrong": wrong,
        "seconds_per_page": seconds / 2,
    }


def tesseract_memory() -> tuple[int, bool]:
    """Tesseract's peak resident memory (KB, GNU time) on the hardest page (300 dpi, rough,
    seal) as the OCR path renders it, and whether it reads it within 256 MB of address
    space (the worker's RLIMIT_AS is 768 MB, inherited)."""
    import tempfile

    import pypdfium2 as pdfium

    data, _reference = scanned_decision(pages=1, dpi=300, stamp=True, rough=True)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "page.png")
        pdfium.PdfDocument(data)[0].render(scale=300 / 72).to_pil().getchannel("R").save(path)
        command = ["tesseract", path, "stdout", "-l", "vie", "--psm", ocr.PSM]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        timed = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, env=env
        )
        peak = int(timed.stderr.strip().splitlines()[-1])

        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (256 * 2**20, 256 * 2**20))

        bounded = subprocess.run(command, capture_output=True, env=env, preexec_fn=limit)
    return peak, bounded.returncode == 0 and len(bounded.stdout) > 500


def tesseract_version() -> str:
    done = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).splitlines()[0]


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| dpi | scan | seal | psm | grey | chars | char. accuracy | diacritic letters | "
        "diacritic accuracy | fields right | s/page |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        wrong = f" ({', '.join(r['fields_wrong'])} wrong)" if r["fields_wrong"] else ""
        lines.append(
            f"| {r['dpi']} | {'rough' if r['rough'] else 'clean'} | "
            f"{'yes' if r['stamp'] else 'no'} | {r['psm']} | {r['channel']} | "
            f"{r['reference_chars']} | {r['char_accuracy']:.2%} | {r['diacritic_letters']} | "
            f"{r['diacritic_accuracy']:.2%} | {r['fields_right']}/5{wrong} | "
            f"{r['seconds_per_page']:.1f} |"
        )
    return lines


def write_results(rows: list[dict], memory: tuple[int, bool], command: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        SECTION,
        "",
        f"Date: {today}. Machine: {os.cpu_count()} vCPU (shared with other sessions), "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"{tesseract_version()} with the Debian `vie` model (tesseract-ocr-vie), pypdfium2. "
        f"Command: `{command}`.",
        "",
        "The two-page decision of `tests/core/scans.py` (Decree 30/2020/NĐ-CP layout, DejaVu "
        "Serif 11–14 pt, every Vietnamese diacritic) drawn with PIL, saved as a PDF of images "
        "and read by `read_document` (the importer's OCR path). *rough*: 0.3–0.7° skew, blur, "
        "grain, JPEG quality 60; *seal*: a semi-transparent red seal and a blue signature over "
        "the signature block. Character accuracy = 1 − Levenshtein distance / reference length "
        "on NFC text with white space collapsed; diacritic accuracy = share of the reference's "
        "letters with a diacritic (or đ) aligned with the same letter; fields = number, type, "
        "issuing body, date and signer as the importer extracts them. *grey* is the image "
        "given to Tesseract: R = red channel (the default), L = luminance.",
        "",
        *table(rows),
        "",
        f"Tesseract's peak resident memory on the hardest page (300 dpi, rough, seal; GNU "
        f"time): {memory[0] / 1024:.0f} MB with one OpenMP thread; it "
        f"{'reads the page' if memory[1] else 'FAILS'} within 256 MB of address space "
        "(RLIMIT_AS), a third of the parse worker's 768 MB that it inherits. The seconds are "
        "wall clock on a shared, loaded machine: whole read (render + OCR) divided by two "
        "pages.",
        "",
    ]
    if SECTION in text:
        start = text.index(SECTION)
        following = text.find("\n## ", start + len(SECTION))
        end = len(text) if following == -1 else following + 1
        text = text[:start] + "\n".join(section) + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--psm", nargs="+", default=[ocr.PSM])
    parser.add_argument("--channel", nargs="+", default=["R", "L"])
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    args = parser.parse_args()
    rows = []
    for psm in args.psm:
        for dpi in (300, 150):
            for rough in (False, True):
                for stamp in (False, True):
                    for channel in args.channel if stamp else args.channel[:1]:
                        rows.append(run(dpi, stamp, rough, psm, channel))
                        print(table(rows[-1:])[-1], flush=True)
    memory = tesseract_memory()
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "ocr_accuracy.json").write_text(json.dumps(rows, indent=1, default=str))
    if not args.no_write:
        command = "python bench/ocr_accuracy.py " + " ".join(
            re.sub(r"\s+", " ", a) for a in sys.argv[1:]
        )
        write_results(rows, memory, command.strip())
    print(f"tesseract peak RSS {memory[0] / 1024:.0f} MB, within 256 MB address space: {memory[1]}")


if __name__ == "__main__":
    main()
