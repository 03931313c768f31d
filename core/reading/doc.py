"""Word 97–2003 (.doc): converted to .docx by LibreOffice, then read by the .docx reader
(so that its heading table reads in order, like a .docx's).

A .doc is an OLE2 compound file (CFB); so are .xls, .ppt, Outlook's .msg and a .docx
protected by a password. ``ole_kind`` reads the file's directory (a few sectors) to tell
them apart, so that a spreadsheet sent as .doc is refused by name, before LibreOffice
is started.

The conversion (``convert``) runs ``soffice --headless --convert-to docx`` as an
external program, within the bounds every external program of the platform gets:

* a private profile (``-env:UserInstallation``), home and temporary folder per run, in
  one temporary folder removed afterwards whatever happens;
* no network: ``unshare --net --map-root-user`` (a new, empty network namespace; a user
  namespace so that no privilege is needed) when the machine allows it, checked once
  per process. A Word file can link pictures and templates by URL; LibreOffice would
  fetch them while loading. Where user namespaces are disabled, the conversion runs
  without this sandbox: the host must then deny the service's outbound connections
  (container without egress, firewall) — ``network_isolated()`` says which applies;
* a time limit: on timeout the whole process group (soffice, oosplash, soffice.bin) is
  killed;
* an address-space limit (``prlimit --as``, else ``setrlimit`` in the child) and a CPU
  time limit. LibreOffice maps much more than it uses: a 2-page file converts with
  about 210 MB resident, and fails silently under 512 MB of address space (measured on
  LibreOffice 7.4), hence ``MEMORY_BYTES`` = 2 GB.

The conversion happens outside the bounded worker of ``read_document_bounded`` (whose
768 MB address space LibreOffice could not start in); the .docx it produces is then
measured (``check_zip``) and parsed in the worker like an uploaded .docx.

Pure Python: no Django; messages in Vietnamese.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from .base import ReadError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Conversion time when the caller says nothing (the command line's default).
SECONDS = 60.0
#: Address space of each LibreOffice process (see the module's docstring).
MEMORY_BYTES = 2 * 1024 * 1024 * 1024

#: Streams of an OLE2 directory that say what the file is.
_OLE_STREAMS = {
    "WordDocument": "doc",
    "Workbook": "xls",
    "Book": "xls",
    "PowerPoint Document": "ppt",
    "EncryptedPackage": "encrypted",
    "__properties_version1.0": "msg",
    "VisioDocument": "vsd",
}
#: What each kind is, in the refusal's words.
OLE_NAMES = {
    "xls": "bảng tính Excel 97–2003 (.xls)",
    "ppt": "bản trình chiếu PowerPoint 97–2003 (.ppt)",
    "msg": "thư Outlook (.msg)",
    "vsd": "bản vẽ Visio (.vsd)",
    "encrypted": "tệp Office được đặt mật khẩu",
}
_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_SECTORS = 4096  # of the directory and the FAT read: far more than a document has


def ole_kind(data: bytes) -> str | None:
    """What an OLE2 file holds ("doc", "xls", "ppt", "msg", "vsd", "encrypted"), from the
    names in its directory; None when it is not OLE2 or its directory cannot be read."""
    if not data.startswith(OLE2_MAGIC) or len(data) < 512:
        return None
    try:
        names = set(_directory_names(data))
    except (struct.error, ValueError, IndexError):
        return None
    for stream, kind in _OLE_STREAMS.items():
        if stream in names:
            return kind
    return None


def _directory_names(data: bytes):
    """The names of the entries of a compound file's directory (MS-CFB 2.2, 2.6)."""
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise ValueError("sector size")
    size = 1 << shift
    fat_count, first_directory = struct.unpack_from("<II", data, 0x2C)
    # The first 109 FAT sectors are listed in the header; more are only in files over
    # 6.8 MB with 512-byte sectors, whose directory comes first in practice.
    difat = struct.unpack_from("<109I", data, 0x4C)[: min(fat_count, 109)]

    def sector(number: int) -> bytes:
        start = (number + 1) * size
        if start + size > len(data):
            raise ValueError("sector outside the file")
        return data[start : start + size]

    fat: list[int] = []
    for number in difat:
        if number in (_FREE, _END):
            break
        fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))
    current, seen = first_directory, set()
    while current not in (_END, _FREE) and current not in seen and len(seen) < _MAX_SECTORS:
        seen.add(current)
        block = sector(current)
        for offset in range(0, size, 128):
            length = struct.unpack_from("<H", block, offset + 64)[0]
            if 2 <= length <= 64:
                yield block[offset : offset + length - 2].decode("utf-16-le", "replace")
        current = fat[current] if current < len(fat) else _END


# The converter ------------------------------------------------------------------------
def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def network_isolated() -> bool:
    """Whether ``unshare --net --map-root-user`` works here (checked once per process)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    try:
        done = subprocess.run(
            [unshare, "--net", "--map-root-user", "true"],
            capture_output=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _limits_in_child(memory_bytes: int, cpu_seconds: int):
    def apply():  # pragma: no cover - runs in the child process
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))

    return apply


def convert(data: bytes, *, seconds: float = SECONDS, memory_bytes: int = MEMORY_BYTES) -> bytes:
    """The .docx LibreOffice makes of the Word 97–2003 file ``data``; ReadError when
    LibreOffice is missing, too slow, or makes nothing."""
    program = soffice()
    if program is None:
        raise ReadError(
            "Máy chủ chưa cài LibreOffice để đọc tệp Word 97–2003 (.doc): hãy báo quản trị "
            "kỹ thuật, hoặc mở tệp bằng Word và lưu lại dưới dạng .docx rồi gửi lại."
        )
    seconds = max(float(seconds), 1.0)
    cpu = int(seconds) + 1
    folder = Path(tempfile.mkdtemp(prefix="congthongtin-doc-"))
    try:
        source = folder / "van-ban.doc"
        source.write_bytes(data)
        output = folder / "out"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(output),
            str(source),
        ]
        preexec = None
        prlimit = shutil.which("prlimit")
        if prlimit:
            command = [prlimit, f"--as={memory_bytes}", f"--cpu={cpu}", "--", *command]
        else:
            preexec = _limits_in_child(memory_bytes, cpu)
        if network_isolated():
            command = [shutil.which("unshare") or "unshare", "--net", "--map-root-user", *command]
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(folder),
            "TMPDIR": str(folder),
            "LANG": "C.UTF-8",
            "SAL_USE_VCLPLUGIN": "svp",
        }
        _run(command, seconds, environment, folder, preexec)
        converted = output / "van-ban.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise ReadError(
                "Không đọc được tệp Word 97–2003 (.doc): LibreOffice không chuyển được tệp "
                "(tệp hỏng, được đặt mật khẩu, hoặc cần nhiều bộ nhớ hơn mức cho phép). Hãy "
                "mở tệp bằng Word, lưu lại dưới dạng .docx rồi gửi lại."
            )
        return converted.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(command, seconds, environment, folder, preexec) -> None:
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=folder,
        env=environment,
        start_new_session=True,  # its own process group, killed as a whole
        preexec_fn=preexec,  # only without prlimit: not thread-safe
    )
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        raise ReadError(
            f"Chuyển tệp Word 97–2003 (.doc) mất hơn {seconds:g} giây nên đã dừng: tệp quá "
            "lớn hoặc quá phức tạp. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi gửi lại."
        ) from None
    finally:
        # Whatever LibreOffice left running (soffice.bin outlives its launcher on error).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def read_doc(data: bytes, *, seconds: float = SECONDS):
    """A .doc read in the calling process: converted, then read as a .docx."""
    from .docx import read_docx

    result = read_docx(convert(data, seconds=seconds))
    result.kind = "doc"
    result.notes.append(CONVERTED_NOTE)
    return result


#: Shown with the import's report (among its problems): the layout may differ from Word's.
CONVERTED_NOTE = (
    "Tệp Word 97–2003 (.doc) đã được chuyển sang .docx bằng LibreOffice để đọc: hãy soát lại "
    "định dạng của nội dung."
)
