"""Citizens' attachments are private files (issue 16, finding 7): stored outside MEDIA_ROOT,
read only through a view that checks the reader's role, sent by nginx (X-Accel-Redirect)
or streamed by Django, never reachable by a guessed path."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.translation import gettext

from congthongtin.consultation.models import ConsultationComment
from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from tests.helpers import override_app_settings

from .helpers import challenge_fields, clock, make_consultation, make_consultation_index, vn

OPENS = vn(2026, 1, 1)
CLOSES = vn(2026, 12, 1)
DURING = vn(2026, 6, 1)
PDF = b"%PDF-1.4\n% a citizen's comment, with an address\n%%EOF\n"


class PrivateFolders:
    """Each test gets its own MEDIA_ROOT and PRIVATE_MEDIA_ROOT (and removes them)."""

    def setUp(self):
        super().setUp()
        tmp = Path(tempfile.mkdtemp(prefix="portal-private-"))
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        self.media, self.private = tmp / "media", tmp / "private-media"
        override = override_settings(
            MEDIA_ROOT=str(self.media),
            CONGTHONGTIN={**settings.CONGTHONGTIN, "PRIVATE_MEDIA_ROOT": self.private},
        )
        override.enable()
        self.addCleanup(override.disable)


def user_with_role(username, role):
    user = get_user_model().objects.create_user(username, f"{username}@example.vn", "x" * 12)
    if role:
        user.groups.add(role_group(role))
    return user


class CommentAttachmentTests(PrivateFolders, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = make_consultation(make_consultation_index(), opens_at=OPENS, closes_at=CLOSES)
        cls.editor = user_with_role("lvcuong", roles.EDITOR)
        cls.auditor = user_with_role("hvem", roles.AUDITOR)
        cls.collaborator = user_with_role("ptdung", roles.COLLABORATOR)
        cls.officer = user_with_role("dvhai", roles.UNIT_OFFICER)
        cls.tech_admin = user_with_role("vtgiang", roles.TECH_ADMIN)

    def setUp(self):
        super().setUp()
        with clock(DURING):
            self.comment = ConsultationComment.objects.create(
                page=self.page, full_name="Trần Văn Nam", email="n@example.vn", text="Góp ý"
            )
        self.comment.attachment.save("Góp ý của tôi.pdf", ContentFile(PDF))
        self.url = reverse("consultation_admin:comment_attachment", args=[self.comment.pk])

    def stored_path(self) -> Path:
        return self.private / self.comment.attachment.name

    # Storage ---------------------------------------------------------------------------
    def test_public_form_upload__lands_in_the_private_folder_not_under_media(self):
        with clock(DURING), self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.page.url,
                {
                    "full_name": "Lê Thị Hoa",
                    "email": "hoa@example.vn",
                    "text": "Đề nghị sửa Điều 2.",
                    "attachment": SimpleUploadedFile("Ý kiến.pdf", PDF),
                    **challenge_fields(),
                },
            )
        self.assertEqual(response.status_code, 302)
        comment = ConsultationComment.objects.get(full_name="Lê Thị Hoa")
        self.assertRegex(comment.attachment.name, r"^consultation/gop-y/[0-9a-f]{24}/y-kien\.pdf$")
        self.assertEqual((self.private / comment.attachment.name).read_bytes(), PDF)
        self.assertFalse(self.private.resolve().is_relative_to(self.media.resolve()))
        stored_under_media = [p for p in self.media.rglob("*") if p.is_file()]
        self.assertEqual(stored_under_media, [])
        # No public address exists for it: asking for one is an error, not a /media/ path.
        with self.assertRaises(ValueError):
            comment.attachment.url  # noqa: B018

    # Who gets the file -----------------------------------------------------------------
    def test_anonymous__sent_to_login_no_file(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])
        self.assertNotIn(PDF, response.content)

    def test_roles_that_do_not_see_comments__403_no_file(self):
        for user in (self.collaborator, self.officer, self.tech_admin):
            self.client.force_login(user)
            response = self.client.get(self.url)
            self.assertEqual(response.status_code, 403, user.username)
            self.assertNotIn(PDF, response.content)
            self.assertNotIn("X-Accel-Redirect", response)
            message = gettext("You are not allowed to read the files citizens attach to comments.")
            self.assertEqual(response.content.decode(), message)

    def test_board_member_and_auditor__get_the_file_as_a_private_download(self):
        for user in (self.editor, self.auditor):
            self.client.force_login(user)
            response = self.client.get(self.url)
            self.assertEqual(response.status_code, 200, user.username)
            self.assertEqual(b"".join(response.streaming_content), PDF)
            self.assertEqual(response["Content-Type"], "application/pdf")
            self.assertEqual(
                response["Content-Disposition"], 'attachment; filename="gop-y-cua-toi.pdf"'
            )
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")
            cache_control = response["Cache-Control"]
            self.assertIn("no-store", cache_control)
            self.assertIn("private", cache_control)
            self.assertNotIn("public", cache_control)
            self.assertNotIn("X-Accel-Expires", response)

    @override_app_settings(PRIVATE_MEDIA_ACCEL_REDIRECT=True)
    def test_behind_nginx__x_accel_redirect_to_the_internal_location_and_no_body(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        expected = "/_protected/" + self.comment.attachment.name
        self.assertEqual(response["X-Accel-Redirect"], expected)
        self.assertEqual(response.content, b"")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="gop-y-cua-toi.pdf"'
        )
        self.assertIn("no-store", response["Cache-Control"])
        # And nobody else gets the redirect either.
        self.client.force_login(self.collaborator)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("X-Accel-Redirect", response)

    def test_comment_without_file__404(self):
        with clock(DURING):
            bare = ConsultationComment.objects.create(
                page=self.page, full_name="B", email="b@example.vn", text="Không có tệp"
            )
        self.client.force_login(self.editor)
        url = reverse("consultation_admin:comment_attachment", args=[bare.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    # Paths that leave the folder --------------------------------------------------------
    def test_forged_names__refused_with_or_without_nginx(self):
        outside = self.media / "secret.txt"
        outside.parent.mkdir(parents=True, exist_ok=True)
        outside.write_bytes(b"not a citizen's file")
        self.client.force_login(self.editor)
        for forged in (
            "../media/secret.txt",
            "consultation/../../media/secret.txt",
            str(outside),
            "/etc/passwd",
            "consultation\\..\\..\\media\\secret.txt",
        ):
            ConsultationComment.objects.filter(pk=self.comment.pk).update(attachment=forged)
            for accel in (False, True):
                with override_app_settings(PRIVATE_MEDIA_ACCEL_REDIRECT=accel):
                    response = self.client.get(self.url)
                self.assertEqual(response.status_code, 400, (forged, accel))
                self.assertNotIn("X-Accel-Redirect", response)
                self.assertNotIn(b"not a citizen", response.content)

    def test_symbolic_link_inside_the_folder__refused(self):
        outside = self.media / "secret.txt"
        outside.parent.mkdir(parents=True, exist_ok=True)
        outside.write_bytes(b"not a citizen's file")
        link_folder = self.private / "consultation" / "gop-y" / ("a" * 24)
        link_folder.mkdir(parents=True)
        os.symlink(outside, link_folder / "bi-mat.pdf")
        ConsultationComment.objects.filter(pk=self.comment.pk).update(
            attachment=f"consultation/gop-y/{'a' * 24}/bi-mat.pdf"
        )
        self.client.force_login(self.editor)
        for accel in (False, True):
            with override_app_settings(PRIVATE_MEDIA_ACCEL_REDIRECT=accel):
                response = self.client.get(self.url)
            self.assertEqual(response.status_code, 400, accel)
            self.assertNotIn("X-Accel-Redirect", response)

    # Links -----------------------------------------------------------------------------
    def test_admin_edit_page__links_to_the_protected_view_only(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("consultation_comment:edit", args=[self.comment.pk]))
        self.assertContains(response, f'href="{self.url}"')
        self.assertNotContains(response, self.comment.attachment.name)
        self.assertNotContains(response, "/media/consultation/")

    # Erasure ---------------------------------------------------------------------------
    def test_purge_personal_data__deletes_the_file_and_its_folder(self):
        path = self.stored_path()
        self.assertTrue(path.is_file())
        with clock(CLOSES + datetime.timedelta(days=400)):
            call_command("purge_personal_data", stdout=StringIO())
        self.comment.refresh_from_db()
        self.assertIsNotNone(self.comment.personal_data_purged_at)
        self.assertEqual(self.comment.attachment.name, "")
        self.assertFalse(path.exists())
        self.assertFalse(path.parent.exists())  # the random folder named a sender

    def test_deleted_comment__takes_its_file_along(self):
        path = self.stored_path()
        self.assertTrue(path.is_file())
        with self.captureOnCommitCallbacks(execute=True):
            self.comment.delete()
        self.assertFalse(path.exists())
        self.assertFalse(path.parent.exists())


class PrivateRootCheckTests(TestCase):
    def test_private_root_inside_media_root__system_check_error(self):
        from congthongtin.core.checks import private_media_outside_public_folders

        with tempfile.TemporaryDirectory() as tmp:
            private = {**settings.CONGTHONGTIN, "PRIVATE_MEDIA_ROOT": Path(tmp) / "private"}
            with override_settings(MEDIA_ROOT=tmp, CONGTHONGTIN=private):
                errors = private_media_outside_public_folders(None)
            self.assertEqual([e.id for e in errors], ["core.E001"])
            with override_settings(MEDIA_ROOT=Path(tmp) / "media", CONGTHONGTIN=private):
                self.assertEqual(private_media_outside_public_folders(None), [])


class DefaultPrivateStorageTests(TestCase):
    """A host site without STORAGES["private"] (a stock `wagtail start` site): the private
    storage is still a folder outside MEDIA_ROOT, and the system check runs."""

    def test_without_the_alias__private_folder_beside_media(self):
        from django.conf import settings

        from congthongtin.core.checks import private_media_outside_public_folders
        from congthongtin.core.private_media import PrivateMediaStorage, private_storage

        stores = {k: v for k, v in settings.STORAGES.items() if k != "private"}
        with tempfile.TemporaryDirectory() as tmp:
            media = Path(tmp) / "media"
            with (
                override_settings(STORAGES=stores, MEDIA_ROOT=str(media)),
                override_app_settings(PRIVATE_MEDIA_ROOT=None),
            ):
                storage = private_storage()
                self.assertIsInstance(storage, PrivateMediaStorage)
                self.assertEqual(Path(storage.location), Path(tmp).resolve() / "private-media")
                self.assertEqual(private_media_outside_public_folders(None), [])
