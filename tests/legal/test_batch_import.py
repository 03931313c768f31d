"""Batch import (issue 19): a folder or a .zip of documents read one file at a time in the
background, with a per-file report; the command, the admin pages, the bounds, the bodies."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission, Site

from congthongtin.legal.importer import batch as batches
from congthongtin.legal.importer.service import ImportReport
from congthongtin.legal.models import (
    ImportBatch,
    ImportBatchItem,
    LegalDocumentIndexPage,
    LegalDocumentPage,
)
from tests.factories import make_portal
from tests.helpers import override_app_settings
from tests.legal.factories import agency, docx_bytes, make_library
from tests.legal.samples import DECISION, HEADER_ROWS

pytestmark = pytest.mark.django_db

User = get_user_model()
Document = get_document_model()
Outcome = ImportBatchItem.Outcome
Status = ImportBatch.Status
IMPORT_URL = "/admin/van-ban/nhap/"
ISSUER = "Ủy ban nhân dân xã Như Xuân"


def decision(number: int, *, signer: str = "Lê Văn Cường") -> bytes:
    """A decision in the layout of Decree 30/2020 (header table, preamble, articles,
    signature), numbered ``number``/QĐ-UBND."""
    header = [HEADER_ROWS[0], HEADER_ROWS[1], (f"Số: {number}/QĐ-UBND", HEADER_ROWS[2][1])]
    body = [line for line in DECISION if line != "Lê Văn Cường"]
    return docx_bytes([*body, signer] if signer else body, header)


def decision_text(number: int) -> bytes:
    rows = [HEADER_ROWS[0], HEADER_ROWS[1], (f"Số: {number}/QĐ-UBND", HEADER_ROWS[2][1])]
    return "\n".join([line for row in rows for line in row] + DECISION).encode()


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            if name.endswith("/"):
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, data)
    return buffer.getvalue()


def vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def run_zip(library, data: bytes, tmp_path, name="lo.zip", user=None) -> ImportBatch:
    path = tmp_path / name
    path.write_bytes(data)
    batch = batches.create_batch(library=library, user=user, name=name, origin="command")
    return batches.run_batch(batch, batches.source_for(path))


@pytest.fixture
def library():
    agency(ISSUER)
    return make_library()


QD15 = decision(15)
MIXED = {
    "thu-muc/": b"",
    "Văn bản 2026/qd-15.docx": QD15,
    "Văn bản 2026/qd-16-chua-ky.docx": decision(16, signer=""),
    "ban-sao/qd-15.docx": QD15,
    "qd-17.txt": decision_text(17),
    "hong.docx": b"PK\x03\x04 not a document at all",
    "long-nhau.zip": zip_bytes({"qd-18.docx": decision(18)}),
    "../../etc/qd-19.txt": decision_text(19),
    "__MACOSX/Văn bản 2026/._qd-15.docx": b"\x00\x05\x16\x07 resource fork",
    ".DS_Store": b"\x00\x00\x00\x01Bud1",
    "Văn bản 2026/Thumbs.db": b"\xd0\xcf\x11\xe0",
    "Văn bản 2026/~$qd-15.docx": b"lock",
}


def test_mixed_zip__one_outcome_per_file_and_junk_skipped(library, tmp_path):
    batch = run_zip(library, zip_bytes(MIXED), tmp_path)
    items = {item.name: item for item in batch.items.all()}
    assert batch.status == Status.DONE
    # Folders and what systems leave behind are not files of the batch at all.
    assert sorted(items) == sorted(
        [
            "../../etc/qd-19.txt",
            "Văn bản 2026/qd-15.docx",
            "Văn bản 2026/qd-16-chua-ky.docx",
            "ban-sao/qd-15.docx",
            "hong.docx",
            "long-nhau.zip",
            "qd-17.txt",
        ]
    )
    first = items["Văn bản 2026/qd-15.docx"]
    assert first.outcome == Outcome.IMPORTED, first.reasons
    assert first.reasons == []
    assert first.page.number_symbol == "15/QĐ-UBND"
    assert first.page.live is False
    assert first.page.get_parent().pk == library.pk
    assert first.page.attachments.get().document.file_hash
    assert len(first.sha256) == 64

    unsigned = items["Văn bản 2026/qd-16-chua-ky.docx"]
    assert unsigned.outcome == Outcome.REVIEW
    assert vi("No signer was found.") in unsigned.reasons
    assert unsigned.page.number_symbol == "16/QĐ-UBND"

    copy = items["ban-sao/qd-15.docx"]
    assert copy.outcome == Outcome.DUPLICATE
    assert copy.page_id == first.page_id

    assert items["qd-17.txt"].outcome in (Outcome.IMPORTED, Outcome.REVIEW)
    assert items["qd-17.txt"].page.number_symbol == "17/QĐ-UBND"

    for name in ("hong.docx", "long-nhau.zip", "../../etc/qd-19.txt"):
        assert items[name].outcome == Outcome.REFUSED, name
        assert items[name].reasons and items[name].page is None
    assert "tệp hỏng" in items["hong.docx"].reasons[0]
    assert items["long-nhau.zip"].reasons == [
        vi(
            "An archive inside the archive is not opened: extract it and send its files in "
            "the batch."
        )
    ]
    assert "“..”" in items["../../etc/qd-19.txt"].reasons[0]
    # Nothing of the nested archive or the hostile name was imported.
    numbers = set(LegalDocumentPage.objects.values_list("number_symbol", flat=True))
    assert "18/QĐ-UBND" not in numbers and "19/QĐ-UBND" not in numbers

    assert (batch.total, batch.done) == (7, 7)
    assert (batch.imported, batch.review, batch.duplicate, batch.refused) == (
        sum(i.outcome == Outcome.IMPORTED for i in items.values()),
        sum(i.outcome == Outcome.REVIEW for i in items.values()),
        1,
        3,
    )
    assert batch.site == Site.objects.get(is_default_site=True)
    assert batch.started_at and batch.finished_at


def test_same_zip_twice__no_new_document(library, tmp_path):
    data = zip_bytes({k: v for k, v in MIXED.items() if not k.startswith("..")})
    run_zip(library, data, tmp_path)
    pages, documents = LegalDocumentPage.objects.count(), Document.objects.count()
    again = run_zip(library, data, tmp_path, name="lai.zip")
    assert (LegalDocumentPage.objects.count(), Document.objects.count()) == (pages, documents)
    outcomes = {item.name: item.outcome for item in again.items.all()}
    assert outcomes["Văn bản 2026/qd-15.docx"] == Outcome.DUPLICATE
    assert outcomes["qd-17.txt"] == Outcome.DUPLICATE
    assert outcomes["hong.docx"] == Outcome.REFUSED
    assert again.imported == again.review == 0


def test_file_imported_one_by_one_before__duplicate_by_its_wagtail_hash(library, tmp_path):
    from congthongtin.legal.importer.service import import_document

    page = import_document(QD15, "qd-15.docx", library=library).page
    batch = run_zip(library, zip_bytes({"qd-15.docx": QD15}), tmp_path)
    item = batch.items.get()
    assert (item.outcome, item.page_id) == (Outcome.DUPLICATE, page.pk)


def test_interrupted_batch__resumed_without_reimporting(library, tmp_path, monkeypatch):
    data = zip_bytes({f"qd-{n}.docx": decision(n) for n in (21, 22, 23)})
    archive = SimpleUploadedFile("lo.zip", data)
    batch = batches.create_batch(library=library, name="lo.zip", archive=archive)
    stored = batch.archive.name
    real = batches.import_member
    calls = []

    def killed_after_one(*args, **kwargs):
        if calls:
            raise SystemExit("worker killed")  # not an Exception: nothing records it
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(batches, "import_member", killed_after_one)
    with pytest.raises(SystemExit):
        batches.run_batch(batch)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (Status.RUNNING, 1, 3)
    assert batch.archive.name == stored

    monkeypatch.setattr(batches, "import_member", real)
    out = io.StringIO()
    call_command("import_legal_document", "--resume", str(batch.pk), stdout=out)
    assert "3/3" in out.getvalue()
    batch.refresh_from_db()
    assert batch.status == Status.DONE
    assert [i.order for i in batch.items.all()] == [0, 1, 2]
    assert LegalDocumentPage.objects.filter(number_symbol="21/QĐ-UBND").count() == 1
    assert batch.imported == 3
    # The private copy of the archive is deleted when the batch ends.
    assert not batch.archive
    assert not ImportBatch._meta.get_field("archive").storage.exists(stored)


def test_cancel__queued_batch_never_runs(library):
    archive = SimpleUploadedFile("lo.zip", zip_bytes({"qd-31.docx": decision(31)}))
    batch = batches.create_batch(library=library, name="lo.zip", archive=archive)
    stored = batch.archive.name
    assert batches.cancel(batch) is True
    assert batches.cancel(batch) is False
    assert not ImportBatch._meta.get_field("archive").storage.exists(stored)
    batch = batches.run_batch(batch)
    assert (batch.status, batch.done) == (Status.CANCELLED, 0)
    assert not LegalDocumentPage.objects.filter(number_symbol="31/QĐ-UBND").exists()


def test_cancel__running_batch_stops_before_its_next_file(library, monkeypatch):
    data = zip_bytes({f"{n}.txt": decision_text(n) for n in (32, 33, 34)})
    batch = batches.create_batch(
        library=library, name="lo.zip", archive=SimpleUploadedFile("lo.zip", data)
    )
    stored = batch.archive.name

    def fake_import(data, filename, **kwargs):
        batches.cancel(ImportBatch.objects.get(pk=batch.pk))  # an editor clicks "Cancel"
        return ImportReport(file=filename, problems=["không phải văn bản"])

    monkeypatch.setattr(batches, "import_document", fake_import)
    batch = batches.run_batch(batch)
    assert (batch.status, batch.done, batch.total) == (Status.CANCELLED, 1, 3)
    assert not ImportBatch._meta.get_field("archive").storage.exists(stored)


@override_app_settings(IMPORT_BATCH_MAX_BYTES=1024 * 1024)
def test_bomb__whole_batch_refused_before_any_file(library, tmp_path):
    data = zip_bytes({"a.txt": decision_text(41), "bom.txt": b"0" * (3 * 1024 * 1024)})
    batch = run_zip(library, data, tmp_path)
    assert batch.status == Status.FAILED
    assert batch.items.count() == 0
    assert "bom.txt" in batch.error  # the member that went past the bound is named


@override_app_settings(IMPORT_BATCH_MAX_FILES=3)
def test_too_many_files__refused(library, tmp_path):
    data = zip_bytes({f"{n}.txt": b"x" for n in range(5)})
    batch = run_zip(library, data, tmp_path)
    assert batch.status == Status.FAILED
    assert "5" in batch.error and "3" in batch.error


def test_broken_archive__failed_with_reason(library, tmp_path):
    batch = run_zip(library, b"PK\x03\x04 broken", tmp_path)
    assert batch.status == Status.FAILED and batch.error


# The command ---------------------------------------------------------------------------------
def test_command_folder__walked_in_order_json_lines(library, tmp_path):
    folder = tmp_path / "van-ban"
    (folder / "2026" / "thang-3").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "2026" / "thang-3" / "qd-51.docx").write_bytes(decision(51))
    (folder / "2026" / "qd-52.txt").write_bytes(decision_text(52))
    (folder / "anh.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a document")
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / ".git" / "config").write_bytes(b"junk")
    out = io.StringIO()
    call_command(
        "import_legal_document", "--batch", str(folder), "--json", "--parent", "van-ban", stdout=out
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    files, totals = lines[:-1], lines[-1]
    assert [f["file"] for f in files] == ["2026/qd-52.txt", "2026/thang-3/qd-51.docx", "anh.jpg"]
    assert [f["outcome"] for f in files][1] == Outcome.IMPORTED
    assert files[2]["outcome"] == Outcome.REFUSED and ".jpg" in files[2]["reasons"][0]
    assert totals["status"] == Status.DONE
    assert (totals["total"], totals["done"], totals["refused"]) == (3, 3, 1)
    batch = ImportBatch.objects.get(pk=totals["batch"])
    assert batch.origin == ImportBatch.Origin.COMMAND and batch.library_id == library.pk
    # The same folder again: nothing new.
    pages = LegalDocumentPage.objects.count()
    out = io.StringIO()
    call_command("import_legal_document", "--batch", str(folder), stdout=out)
    assert LegalDocumentPage.objects.count() == pages
    assert "2 trùng" in out.getvalue()


def test_command_progress_bar():
    from congthongtin.legal.management.commands.import_legal_document import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(stream, width=8)
    bar.update(1, 2)
    bar.update(2, 2)
    bar.close()
    assert "\r[####    ] 1/2 tệp · " in stream.getvalue()
    assert "\r[########] 2/2 tệp · " in stream.getvalue()
    assert "tệp/phút" in stream.getvalue()


# Bounded memory and queries ----------------------------------------------------------------
def test_members_read_one_at_a_time__memory_bounded(library, tmp_path, monkeypatch):
    """300 members of 100 KB (30 MB inflated): the run holds one member at a time, and
    never calls ZipFile.read (which returns a whole member at once, without bound)."""
    import random

    rng = random.Random(19)
    members = {f"f{n:03}.txt": rng.randbytes(100 * 1024) for n in range(300)}
    path = tmp_path / "lon.zip"
    path.write_bytes(zip_bytes(members, zipfile.ZIP_STORED))
    del members
    seen = []

    def fake_import(data, filename, **kwargs):
        seen.append(len(data))
        return ImportReport(file=filename, problems=["không phải văn bản"])

    def no_read(*args, **kwargs):
        raise AssertionError("ZipFile.read reads a whole member without a bound")

    monkeypatch.setattr(batches, "import_document", fake_import)
    monkeypatch.setattr(zipfile.ZipFile, "read", no_read)
    batch = batches.create_batch(library=library, name="lon.zip", origin="command")
    tracemalloc.start()
    try:
        batch = batches.run_batch(batch, batches.source_for(path))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert batch.status == Status.DONE, batch.error
    assert (batch.done, batch.refused, len(seen)) == (300, 300, 300)
    # One member is 100 KB; all of them 30 MB. The peak stays within a few members.
    assert peak < 3 * 1024 * 1024, peak


def test_queries_per_file_bounded(library, tmp_path, django_assert_max_num_queries):
    """Each file costs a bounded number of queries, whatever the size of the batch: 3 files
    then 6 files. About 110 are the draft's creation by import_document (page, revision,
    document, search and reference index, log); the batch adds 7 (cancelled?, two duplicate
    look-ups, the item and the counts in a savepoint)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(numbers, name):
        path = tmp_path / name
        path.write_bytes(zip_bytes({f"qd-{n}.txt": decision_text(n) for n in numbers}))
        batch = batches.create_batch(library=library, name=name, origin="command")
        with CaptureQueriesContext(connection) as queries:
            batch = batches.run_batch(batch, batches.source_for(path))
        assert batch.done == len(numbers)
        return len(queries)

    three = count((61, 62, 63), "ba.zip")
    six = count((64, 65, 66, 67, 68, 69), "sau.zip")
    per_file = (six - three) / 3
    assert per_file <= 125, per_file
    path = tmp_path / "mot.zip"
    path.write_bytes(zip_bytes({"qd-70.txt": decision_text(70)}))
    batch = batches.create_batch(library=library, name="mot.zip", origin="command")
    with django_assert_max_num_queries(20 + 125):
        batches.run_batch(batch, batches.source_for(path))


# The admin ----------------------------------------------------------------------------------
def staff(username: str, group: Group) -> User:
    user = User.objects.create_user(username, f"{username}@example.vn", "mat-khau-dai-123")
    user.groups.add(group)
    return user


def writers_of(library, name: str) -> Group:
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=library, permission_type="add")
    return group


@pytest.fixture
def editor(library):
    return staff("bientap", writers_of(library, "Biên tập văn bản"))


def upload_zip(client, library, data: bytes, name="lo.zip", **extra):
    return client.post(
        IMPORT_URL, {"files": SimpleUploadedFile(name, data), "parent": library.pk, **extra}
    )


def test_admin_zip_upload__batch_page_progress_and_report(
    client, library, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    data = zip_bytes({k: v for k, v in MIXED.items() if not k.startswith("..")})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload_zip(client, library, data)
    assert len(callbacks) == 1  # enqueued once the upload's transaction commits
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("legal_import_batch", args=[batch.pk])
    assert (batch.user, batch.origin, batch.name) == (editor, "admin", "lo.zip")

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert '<progress id="batch-progress" max="6" value="6">' in html
    assert 'aria-live="polite"' in html
    assert "legal/js/import-batch.js" in html
    first = batch.items.get(name="Văn bản 2026/qd-15.docx").page
    assert reverse("wagtailadmin_pages:edit", args=[first.pk]) in html
    assert "long-nhau.zip" in html
    assert reverse("legal_import_batch_cancel", args=[batch.pk]) not in html  # ended

    progress = client.get(reverse("legal_import_batch_progress", args=[batch.pk])).json()
    assert progress["finished"] is True and progress["status"] == Status.DONE
    assert (progress["done"], progress["total"], progress["duplicate"]) == (6, 6, 1)
    assert "6/6" in progress["text"]

    only_refused = client.get(response["Location"] + "?outcome=refused").content.decode()
    assert "hong.docx" in only_refused and "qd-17.txt" not in only_refused

    listing = client.get(reverse("legal_import_batches"))
    assert reverse("legal_import_batch", args=[batch.pk]) in listing.content.decode()


def test_admin_queued_batch__page_without_js_refreshes_and_cancel(
    client, library, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False):  # no worker has taken it yet
        upload_zip(client, library, zip_bytes({"qd-81.docx": decision(81)}))
    batch = ImportBatch.objects.get()
    assert batch.status == Status.QUEUED and batch.archive
    html = client.get(reverse("legal_import_batch", args=[batch.pk])).content.decode()
    assert '<noscript><meta http-equiv="refresh"' in html
    assert "data-batch-reload" in html
    assert reverse("legal_import_batch_cancel", args=[batch.pk]) in html
    progress = client.get(reverse("legal_import_batch_progress", args=[batch.pk])).json()
    assert (progress["status"], progress["finished"]) == (Status.QUEUED, False)
    response = client.post(reverse("legal_import_batch_cancel", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == Status.CANCELLED and not batch.archive
    from congthongtin.legal.tasks import run_import_batch

    assert run_import_batch.call(batch.pk)["status"] == Status.CANCELLED


def test_admin_several_files_as_batch__packed_in_one_archive(
    client, library, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    files = [
        SimpleUploadedFile("qd-91.docx", decision(91)),
        SimpleUploadedFile("qd-92.txt", decision_text(92)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_URL, {"files": files, "parent": library.pk, "batch": "on"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.status == Status.DONE
    assert sorted(batch.items.values_list("name", flat=True)) == ["qd-91.docx", "qd-92.txt"]
    assert LegalDocumentPage.objects.filter(number_symbol="91/QĐ-UBND").exists()


def test_admin_form_refusals(client, library, editor):
    client.force_login(editor)
    response = upload_zip(client, library, zip_bytes({"a.txt": b"x"}), dry_run="on")
    assert response.status_code == 200 and response.context["form"].errors["dry_run"]
    response = client.post(
        IMPORT_URL,
        {
            "files": [
                SimpleUploadedFile("lo.zip", zip_bytes({"a.txt": b"x"})),
                SimpleUploadedFile("qd.docx", decision(93)),
            ],
            "parent": library.pk,
        },
    )
    assert response.context["form"].errors["files"]
    response = upload_zip(client, library, b"not a zip")
    assert response.context["form"].errors["files"]
    with override_app_settings(IMPORT_BATCH_MAX_FILES=2):
        response = upload_zip(client, library, zip_bytes({f"{n}.txt": b"x" for n in range(3)}))
    assert response.context["form"].errors["files"]
    with override_app_settings(IMPORT_BATCH_MAX_UPLOAD_BYTES=1000):
        response = upload_zip(client, library, zip_bytes({"a.txt": b"x" * 2000}, 0))
        assert response.context["form"].errors["files"]
        response = client.post(
            IMPORT_URL,
            {
                "files": [SimpleUploadedFile(f"{n}.txt", b"x" * 600) for n in range(2)],
                "parent": library.pk,
                "batch": "on",
            },
        )
        assert response.context["form"].errors["files"]
    assert ImportBatch.objects.count() == 0


def test_batches_of_one_body_invisible_to_another(client, library, editor, tmp_path):
    batch = run_zip(library, zip_bytes({"qd-95.txt": decision_text(95)}), tmp_path, user=editor)
    site_b, home_b = make_portal("xa-b.example.vn", "Xã B", "UBND xã B")
    library_b = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    home_b.add_child(instance=library_b)
    other = staff("bientap-b", writers_of(library_b, "Biên tập văn bản xã B"))
    batch_b = run_zip(library_b, zip_bytes({"qd-96.txt": decision_text(96)}), tmp_path, "b.zip")
    assert batch_b.site == site_b and batch.site != site_b

    client.force_login(other)
    for name in ("legal_import_batch", "legal_import_batch_progress"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
        assert client.get(reverse(name, args=[batch_b.pk])).status_code == 200
    assert client.post(reverse("legal_import_batch_cancel", args=[batch.pk])).status_code == 404
    listing = client.get(reverse("legal_import_batches")).content.decode()
    assert reverse("legal_import_batch", args=[batch_b.pk]) in listing
    assert reverse("legal_import_batch", args=[batch.pk]) not in listing

    client.force_login(editor)
    assert client.get(reverse("legal_import_batch", args=[batch_b.pk])).status_code == 404
    assert client.get(reverse("legal_import_batch", args=[batch.pk])).status_code == 200

    # Duplicates are looked for in the body's own libraries only.
    again_b = run_zip(library_b, zip_bytes({"qd-95.txt": decision_text(95)}), tmp_path, "c.zip")
    assert again_b.items.get().outcome != Outcome.DUPLICATE


def test_staff_without_library__no_batch_pages(client, library, tmp_path):
    batch = run_zip(library, zip_bytes({"qd-97.txt": decision_text(97)}), tmp_path)
    group = Group.objects.create(name="Chỉ đọc")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff("chidoc", group))
    # Wagtail's refusal in the admin: back to the dashboard with "no permission".
    refused = client.get(reverse("legal_import_batches"))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("legal_import_batch", args=[batch.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("legal_import_batch_progress", args=[batch.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_unit_names():
    assert batches.is_junk("__MACOSX/a/._b.docx")
    assert batches.is_junk("a/.DS_Store") and batches.is_junk("Thumbs.db")
    assert batches.is_junk("a/~$qd.docx") and not batches.is_junk("a/qd.docx")
    for name in ("../x.txt", "a/../../x.txt", "/etc/passwd", "C:\\x.txt", "..\\x.txt"):
        assert batches.is_unsafe(name), name
    assert not batches.is_unsafe("a/b..c.txt")


def test_progress_script_is_a_static_file():
    """The page's script is a file of its own (the site's CSP allows no inline script)."""
    from django.contrib.staticfiles import finders

    script = Path(finders.find("legal/js/import-batch.js")).read_text(encoding="utf-8")
    assert "data-batch-progress-url" in script and "2000" in script
