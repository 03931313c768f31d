"""Text of scanned PDF pages, recognised with Tesseract's Vietnamese model (issue 19).

A page without a text layer is rendered with pypdfium2 (300 dpi, grey from the red
channel so that a red stamp fades out and the black text stays) and its image read by the
``tesseract`` program in a subprocess: a private temporary folder, a minimal environment
(one thread, no network is ever needed), a time limit per page, and the whole process
group killed when the limit is reached. Pure Python without Django: it runs in the parse
worker of ``congthongtin.core.limits``, so the tesseract process also inherits the worker's
``RLIMIT_AS`` and ``RLIMIT_CPU``; Tesseract 5 with the ``vie`` model needs about 65 MB and
runs within 128 MB of address space for an A4 page at 300 dpi (docs/_draft_ocr.md).

Bounds, all checked before the first page is rendered: how many pages may be recognised
(``OcrLimits.max_pages``; the page count comes from the PDF's page tree, so a file that
declares 10,000 blank pages is refused at once), and the pixel count of each page at the
resolution used (a page declaring a huge size is rendered at a lower resolution, down to
``MIN_DPI``, or refused). Messages are Vietnamese, like every reader's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass

from .base import ReadError

#: The program run; tests point it at a stand-in.
TESSERACT = "tesseract"
#: Page segmentation mode 6, "a single uniform block of text": on the generated decisions
#: (bench/ocr_accuracy.py) it read the rough 300 dpi scans best (99.7-100 % of characters
#: against 99.6-99.7 % for 3, the automatic layout, and 4), the three modes within 0.3
#: points elsewhere; and it keeps the two header columns of Decree 30/2020's layout on
#: their rows, as the extraction expects.
PSM = "6"
MIN_DPI = 150
#: Grey image given to tesseract: "R", the red channel (a red seal over the signature
#: fades out), or "L", luminance (bench/ocr_accuracy.py compares them).
CHANNEL = "R"
#: The note every OCR'd result carries (shown in the import report).
NOTE = (
    "Văn bản được nhận dạng từ bản quét (OCR): hãy đọc soát nội dung và các thông tin "
    "trích xuất trước khi gửi duyệt."
)


@dataclass(frozen=True)
class OcrLimits:
    """How much OCR one read may do.

    ``max_pages``: pages without a text layer recognised in this read (the interactive
    upload allows fewer than a background import); ``install_max_pages``: the most any
    import of the install allows, only to word the refusal (split the file, or use the
    background import); ``page_seconds``: wall-clock time of one page's tesseract run;
    ``deadline``: when the parse worker will be stopped (``time.time()`` seconds, 0 for
    none), so that a scan that cannot be finished in time is refused early, saying so,
    rather than killed with a generic time-out.
    """

    max_pages: int = 50
    page_seconds: float = 30
    install_max_pages: int = 50
    deadline: float = 0.0
    dpi: int = 300
    #: 25 million pixels: an A3 page at 300 dpi is 17.4 million, A4 8.7 million.
    max_pixels: int = 25_000_000
    language: str = "vie"

    def as_arg(self) -> str:
        """For the worker's command line (``congthongtin.core.reading.read_in_worker``)."""
        return (
            f"{self.max_pages}:{self.page_seconds:g}:{self.install_max_pages}:{self.deadline:.3f}"
        )

    @classmethod
    def from_arg(cls, value: str) -> OcrLimits:
        if not value:
            return cls()
        pages, seconds, install, deadline = value.split(":")
        return cls(
            max_pages=int(pages),
            page_seconds=float(seconds),
            install_max_pages=int(install),
            deadline=float(deadline),
        )


def needs_ocr(page_text: str) -> bool:
    """Whether a page has no text layer: not one letter or digit (a scanned page; a typed
    page with a short text layer, a signature page, keeps it and is not flagged)."""
    return not any(c.isalnum() for c in page_text)


def check_page_count(count: int, limits: OcrLimits, *, total: int | None = None) -> None:
    """Refuse, before any rendering, a PDF with more pages without a text layer than this
    read may recognise. Called as the pages are counted (``total``: pages of the file):
    past the install's cap it stops at once, without reading the remaining pages."""
    ceiling = max(limits.install_max_pages, limits.max_pages)
    if count > ceiling:
        of = f" (trong {total} trang)" if total else ""
        raise ReadError(
            f"Tệp PDF là bản quét ảnh: hơn {ceiling} trang{of} không có lớp chữ, quá giới "
            f"hạn {ceiling} trang được nhận dạng chữ (OCR) "
            "cho một tệp. Hãy tách tệp, hoặc gửi kèm bản Word hoặc PDF có chữ."
        )
    if total is None and count > limits.max_pages:
        raise ReadError(
            f"Tệp PDF là bản quét ảnh: {count} trang không có lớp chữ, nhiều hơn "
            f"{limits.max_pages} trang được nhận dạng chữ (OCR) khi tải lên trực tiếp. Hãy "
            "nhập tệp này theo lô (chạy nền), hoặc gửi kèm bản Word hoặc PDF có chữ."
        )


def recognise_pages(data: bytes, indexes: list[int], limits: OcrLimits) -> dict[int, str]:
    """Text of the pages ``indexes`` (0-based) of the PDF ``data``, recognised by OCR."""
    check_page_count(len(indexes), limits)
    if not indexes:
        return {}
    if shutil.which(TESSERACT) is None:
        raise ReadError(
            "Tệp PDF không có lớp chữ (có thể là bản quét ảnh) và máy chủ chưa cài chương "
            "trình nhận dạng chữ Tesseract (gói tesseract-ocr-vie): hãy báo quản trị kỹ "
            "thuật, hoặc gửi kèm bản Word hoặc PDF có chữ."
        )
    try:
        import pypdfium2 as pdfium
    except ImportError as error:
        raise ReadError(
            "Tệp PDF không có lớp chữ (có thể là bản quét ảnh) và máy chủ chưa cài thư viện "
            "pypdfium2 (gói bổ sung “importers”) để nhận dạng chữ: hãy báo quản trị kỹ thuật, "
            "hoặc gửi kèm bản Word hoặc PDF có chữ."
        ) from error
    try:
        document = pdfium.PdfDocument(data)
    except Exception as error:  # pdfium's PdfiumError and others on broken files
        raise ReadError(f"Không đọc được tệp PDF: tệp hỏng ({str(error)[:200]}).") from error
    texts: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="ocr-") as folder, contextlib.closing(document):
        if len(document) <= max(indexes):
            raise ReadError("Không đọc được tệp PDF: số trang không khớp (tệp hỏng).")
        scales = {index: _scale(document, index, limits) for index in indexes}
        started = time.time()
        for done, index in enumerate(indexes):  # every page measured before any is rendered
            seconds = limits.page_seconds
            if limits.deadline:
                left = limits.deadline - time.time()
                # After the first page, its pace tells whether the rest can be done in time.
                pace = (time.time() - started) / done if done else 0
                if left < 1 or pace * (len(indexes) - done) > left:
                    _out_of_time(len(indexes), pace or limits.page_seconds)
                seconds = min(seconds, left)
            texts[index] = _recognise(document, index, scales[index], folder, limits, seconds)
    return texts


def _out_of_time(pages: int, pace: float) -> None:
    raise ReadError(
        f"Nhận dạng chữ (OCR) {pages} trang của tệp PDF bản quét cần khoảng "
        f"{pages * pace:.0f} giây, không kịp trong thời gian đọc một tệp: hãy nhập tệp này "
        "theo lô (chạy nền) hoặc bằng lệnh import_legal_document với --time-limit lớn hơn, "
        "hoặc tách tệp."
    )


def _scale(document, index: int, limits: OcrLimits) -> float:
    """Points to pixels for page ``index``: ``limits.dpi``, or less for a large page."""
    page = document[index]
    try:
        width, height = page.get_size()  # points, from the page's boxes
    finally:
        page.close()
    area = max(width, 1.0) * max(height, 1.0) / 72 / 72  # square inches
    dpi = min(limits.dpi, (limits.max_pixels / area) ** 0.5)
    if dpi < MIN_DPI:
        raise ReadError(
            f"Trang {index + 1} của tệp PDF có khổ quá lớn ({width / 72 * 2.54:.0f} × "
            f"{height / 72 * 2.54:.0f} cm) để nhận dạng chữ (OCR): không đọc tệp này."
        )
    return dpi / 72


def _recognise(document, index: int, scale: float, folder: str, limits, seconds: float) -> str:
    page = document[index]
    try:
        bitmap = page.render(scale=scale)
        image = bitmap.to_pil()
    except MemoryError:
        raise
    except Exception as error:  # pdfium's PdfiumError on a broken page
        raise ReadError(
            f"Không đọc được trang {index + 1} của tệp PDF để nhận dạng chữ: tệp hỏng "
            f"({str(error)[:200]})."
        ) from error
    finally:
        page.close()
    if image.mode not in ("RGB", "RGBA", "RGBX"):
        grey = image
    elif CHANNEL == "R":
        # The red channel: black text stays black, a red stamp becomes pale.
        grey = image.getchannel("R")
    else:
        grey = image.convert("L")
    del image, bitmap
    low, _high = grey.getextrema()
    if low > 160:  # nothing dark on the page: a blank page, nothing to recognise
        return ""
    path = os.path.join(folder, f"page-{index + 1}.png")
    grey.save(path, format="PNG", compress_level=1)
    del grey
    try:
        return run_tesseract(
            path, folder, limits, dpi=round(scale * 72), page=index + 1, seconds=seconds
        )
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _child_limits(seconds: float):
    """Run in the tesseract child before exec: its own CPU limit, and killed with the
    worker (a worker killed on its wall-clock limit must not leave tesseract running)."""

    def limit():
        import resource

        cpu = max(1, int(seconds) + 1)
        _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard == resource.RLIM_INFINITY or cpu < hard:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    return limit


def run_tesseract(
    path: str, folder: str, limits: OcrLimits, *, dpi: int, page: int, seconds: float | None = None
) -> str:
    """The text tesseract reads in the image ``path`` within ``seconds`` (the page's limit
    by default); a ReadError on timeout or failure."""
    seconds = limits.page_seconds if seconds is None else seconds
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": folder,
        "TMPDIR": folder,
        "LANG": "C.UTF-8",
        # OpenMP threads spin on a busy machine: one thread took 1.1 s for a page that
        # the default four took 5-8 s to read on two shared cores.
        "OMP_THREAD_LIMIT": "1",
    }
    if os.environ.get("TESSDATA_PREFIX"):
        environment["TESSDATA_PREFIX"] = os.environ["TESSDATA_PREFIX"]
    command = [TESSERACT, path, "stdout", "-l", limits.language, "--psm", PSM, "--dpi", str(dpi)]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=environment,
            start_new_session=True,  # its own process group, killed as a whole
            # The worker runs no threads, so a preexec_fn is safe here.
            preexec_fn=_child_limits(seconds),
        )
    except OSError as error:
        raise ReadError(
            f"Không chạy được chương trình nhận dạng chữ Tesseract ({str(error)[:200]}): hãy "
            "báo quản trị kỹ thuật, hoặc gửi kèm bản Word hoặc PDF có chữ."
        ) from error
    try:
        out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        _kill(process)
        if seconds < limits.page_seconds:  # stopped by the parse's deadline
            raise ReadError(
                f"Hết thời gian đọc tệp khi đang nhận dạng chữ (OCR) trang {page} của tệp PDF "
                "bản quét: hãy nhập tệp này theo lô (chạy nền) hoặc bằng lệnh "
                "import_legal_document với --time-limit lớn hơn, hoặc tách tệp."
            ) from None
        raise ReadError(
            f"Nhận dạng chữ (OCR) trang {page} của tệp PDF mất quá {limits.page_seconds:g} "
            "giây và đã bị dừng: ảnh trang quá phức tạp. Hãy gửi kèm bản Word hoặc PDF có chữ."
        ) from None
    if process.returncode != 0:
        detail = err.decode(errors="replace").strip()
        if "Failed loading language" in detail or "Error opening data file" in detail:
            raise ReadError(
                "Máy chủ chưa có dữ liệu tiếng Việt của chương trình nhận dạng chữ Tesseract "
                "(gói tesseract-ocr-vie): hãy báo quản trị kỹ thuật, hoặc gửi kèm bản Word "
                "hoặc PDF có chữ."
            )
        last = detail.splitlines()[-1] if detail else f"mã {process.returncode}"
        raise ReadError(
            f"Nhận dạng chữ (OCR) trang {page} của tệp PDF không thành công ({last[:200]}): "
            "hãy gửi kèm bản Word hoặc PDF có chữ."
        )
    return out.decode("utf-8", errors="replace")


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        process.communicate(timeout=5)
