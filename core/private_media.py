"""Files that only some officials may read: citizens' attachments (issue 16, finding 7).

A citizen's file (a comment's attachment on a draft) can carry a name, an address, a
signature, an identity card scan: personal data under Decree 13/2023/NĐ-CP and Law
91/2025/QH15. A random folder name is not an access control, so these files are kept
apart from what the portal publishes:

* they are stored by the ``"private"`` storage alias (``STORAGES["private"]``), by default
  ``CONGTHONGTIN["PRIVATE_MEDIA_ROOT"]`` (the portal: ``var/private-media``; unset: the
  folder ``private-media`` beside ``MEDIA_ROOT``), a folder outside ``MEDIA_ROOT``: even a
  web server that publishes the whole of ``MEDIA_ROOT`` cannot serve them
  (``core.E001`` refuses a ``PRIVATE_MEDIA_ROOT`` inside ``MEDIA_ROOT`` or ``STATIC_ROOT``).
  With ``AWS_PRIVATE_STORAGE_BUCKET_NAME`` they go to a private S3 bucket instead;
* they have no URL of their own (``PrivateMediaStorage.url`` refuses): a view checks the
  reader's permission and calls ``serve_private_file``, which answers
  ``X-Accel-Redirect: /_protected/<name>`` when nginx fronts the app
  (``CONGTHONGTIN["PRIVATE_MEDIA_ACCEL_REDIRECT"]``; nginx then sends the file from an ``internal``
  location, docker/nginx.conf) and streams the file itself otherwise (development, tests,
  or a storage that is not a local folder).

The Wagtail images and documents that editors publish stay in ``MEDIA_ROOT`` and public.
"""

from __future__ import annotations

import functools
import mimetypes
import os
import posixpath
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

from .conf import DEFAULTS, SETTING_NAME, app_settings

STORAGE_ALIAS = "private"
DEFAULT_ACCEL_PREFIX = DEFAULTS["PRIVATE_MEDIA_ACCEL_PREFIX"]


def configured_root() -> Path:
    """``CONGTHONGTIN["PRIVATE_MEDIA_ROOT"]``, else ``private-media`` beside ``MEDIA_ROOT``
    (never inside it: core.E001)."""
    root = app_settings.PRIVATE_MEDIA_ROOT
    if root is None:
        return Path(settings.MEDIA_ROOT or ".").resolve().parent / "private-media"
    return Path(root)


@deconstructible(path="congthongtin.core.private_media.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    """``FileSystemStorage`` rooted at ``configured_root()`` (read when first used, and
    again after ``override_settings``), without public URLs."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, configured_root())

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in (SETTING_NAME, "MEDIA_ROOT"):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # A template or a serializer asking for the URL would publish a path under
        # MEDIA_URL; private files are read only through a view that checks permissions.
        raise ValueError("Private files have no public URL; link to the view that serves them.")


@functools.cache
def _default_private_storage() -> PrivateMediaStorage:
    return PrivateMediaStorage()


def private_storage():
    """The storage of citizens' files (``FileField(storage=private_storage)``): resolved
    when used, so that settings and tests choose it, and migrations stay independent of it.
    ``STORAGES["private"]`` when the project defines it (the portal does; S3 in production),
    else a :class:`PrivateMediaStorage` at its default folder: a host site that installs the
    apps without that alias still keeps citizens' files out of ``MEDIA_ROOT``."""
    if STORAGE_ALIAS in getattr(settings, "STORAGES", {}):
        return storages[STORAGE_ALIAS]
    return _default_private_storage()


def private_media_root() -> Path | None:
    """The local folder of the private storage, or None when it is not a local folder."""
    storage = private_storage()
    if not isinstance(storage, FileSystemStorage):
        return None
    return Path(storage.location)


def is_plain_relative(name) -> bool:
    """Whether ``name`` is a plain relative path: not empty, no NUL, no backslash, no root or
    drive (in POSIX or Windows spelling), no empty, ``.`` or ``..`` part. Private file names
    come from the database and backup manifests from elsewhere: neither may lead outside
    the folder they are joined to."""
    if not isinstance(name, str) or not name or "\x00" in name or "\\" in name:
        return False
    if any(part in ("", ".", "..") for part in name.split("/")):
        return False
    return not any(
        pure.is_absolute() or pure.drive or pure.root
        for pure in (PurePosixPath(name), PureWindowsPath(name))
    )


def checked_name(name: str) -> str:
    """``name`` if it is a plain relative path inside the storage, else SuspiciousFileOperation.

    The name comes from the database, but a forged or restored row must not turn the
    view into a reader of any file (``is_plain_relative``).
    """
    if not is_plain_relative(name):
        raise SuspiciousFileOperation(f"Refused private file name {name!r}.")
    return name


def local_path(storage: FileSystemStorage, name: str) -> str:
    """The file's path, refusing one that leaves the storage's folder or goes through a
    symbolic link (a link planted inside the folder would otherwise publish its target)."""
    root = os.path.realpath(storage.location)
    candidate = os.path.join(root, *name.split("/"))
    if os.path.realpath(candidate) != candidate or not candidate.startswith(root + os.sep):
        raise SuspiciousFileOperation(f"Refused private file {name!r}: outside or a link.")
    return candidate


def delete_private_file(fieldfile) -> None:
    """Delete the stored file and, on a local folder, the random folder it leaves empty
    (its name alone says a citizen sent something). The row is the caller's business."""
    if not fieldfile:
        return
    storage = fieldfile.storage
    name = checked_name(fieldfile.name)
    storage.delete(name)
    if isinstance(storage, FileSystemStorage):
        root = os.path.realpath(storage.location)
        folder = os.path.dirname(local_path(storage, name))
        while folder != root and os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def serve_private_file(fieldfile) -> HttpResponse:
    """The response that gives the reader ``fieldfile`` (a FieldFile of the private storage)
    as a download. The caller has checked the permission."""
    if not fieldfile:
        raise Http404
    storage = fieldfile.storage
    name = checked_name(fieldfile.name)
    filename = posixpath.basename(name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    accel = app_settings.PRIVATE_MEDIA_ACCEL_REDIRECT
    if isinstance(storage, FileSystemStorage):
        path = local_path(storage, name)
        if not os.path.isfile(path):
            raise Http404
        if accel:
            # nginx sends the file from its internal location; Django sends no body.
            response = HttpResponse(b"", content_type=content_type)
            prefix = app_settings.PRIVATE_MEDIA_ACCEL_PREFIX
            response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name, safe="/")
        else:
            response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
    else:
        # An object store (private bucket): Django streams it; nginx cannot reach it.
        if not storage.exists(name):
            raise Http404
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Never shown in the portal's origin as a page, never kept by a shared cache.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    return response
