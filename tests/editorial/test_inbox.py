"""The contributions inbox of the standing office (S0 Đ5.4, S1 Đ14; R-SUB-1).

Done when: an item sent through the public form becomes a draft page in one click and its
sender sees the outcome (the status look-up shows "accepted", or "returned" with the
reason). Also: the unit officer's form, assigning with an e-mail, body isolation, auditors
reading only, the public form's protections, a bad file refused with the text kept."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, Site

from congthongtin.core import roles
from congthongtin.core.bodies import body_name, forget_memberships, role_group
from congthongtin.core.models import Agency, OutgoingEmail
from congthongtin.editorial import inbox
from congthongtin.editorial.models import Contribution, ContributionFile, ContributionPage
from congthongtin.editorial.models.inbox import ContributionStatus, normalise_code
from congthongtin.news.models import ArticleIndexPage, NewsIndexPage, NewsPage
from tests.consultation.helpers import challenge_fields
from tests.factories import make_portal
from tests.news.test_word_import import TITLE, news_docx, png

from .helpers import assert_denied

User = get_user_model()
PASSWORD = "mat-khau-dai-123"


def public_data(**overrides) -> dict:
    data = {
        "kind": "news",
        "title": "Hội nghị tổng kết công tác khuyến học năm 2026",
        "text": "Sáng 05/12, Hội Khuyến học xã tổ chức hội nghị tổng kết.\n\nĐến dự có ...",
        "origin": "original",
        "source": "",
        "collector": "",
        "sender_name": "Lê Thị Hoa",
        "sender_organisation": "Hội Khuyến học xã",
        "sender_address": "Thôn Xuân Thịnh, xã Như Xuân",
        "sender_email": "hoa@example.vn",
        "sender_phone": "0912 345 678",
        "extra_note": "",
        **challenge_fields(),
    }
    data.update(overrides)
    return data


class InboxTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.home = cls.site.root_page.specific
        cls.news = NewsIndexPage(title="Tin tức", slug="tin-tuc-hop-thu")
        cls.home.add_child(instance=cls.news)
        cls.articles = ArticleIndexPage(title="Bài viết", slug="bai-viet-hop-thu")
        cls.home.add_child(instance=cls.articles)
        cls.form_page = ContributionPage(title="Gửi tin, bài", slug="gui-tin-bai")
        cls.home.add_child(instance=cls.form_page)
        cls.form_page.save_revision().publish()
        cls.site_b, cls.home_b = make_portal("hopthu-b.example.vn", "Xã Bình Sơn", "UBND")
        cls.users = {}
        for name, role, site in [
            ("thuongtruc", roles.STANDING_OFFICE, cls.site),
            ("truongban", roles.HEAD, cls.site),
            ("bientap", roles.EDITOR, cls.site),
            ("kiemtra", roles.AUDITOR, cls.site),
            ("donvi", roles.UNIT_OFFICER, cls.site),
            ("ctv", roles.COLLABORATOR, cls.site),
            ("thuongtruc_b", roles.STANDING_OFFICE, cls.site_b),
            ("bientap_b", roles.EDITOR, cls.site_b),
            ("kiemtra_b", roles.AUDITOR, cls.site_b),
        ]:
            user = User.objects.create_user(
                name, f"{name}@example.gov.vn", PASSWORD, first_name=name, last_name="Thử"
            )
            user.groups.add(role_group(role, site))
            cls.users[name] = user
        cls.agency = Agency.objects.create(name="Trường Mầm non Như Xuân")

    def setUp(self):
        for user in self.users.values():
            forget_memberships(user)

    def login(self, name):
        self.client.force_login(self.users[name])
        return self.users[name]

    def item(self, site=None, **fields) -> Contribution:
        values = {
            "site": site or self.site,
            "title": "Tin thử",
            "text": "Nội dung",
            "sender_name": "Trần Văn Nam",
            "sender_address": "Thôn Tân Sơn",
            "sender_email": "nam@example.vn",
            "sender_phone": "0987 654 321",
            **fields,
        }
        return Contribution.objects.create(**values)

    def send(self, **overrides):
        return self.client.post(self.form_page.url, public_data(**overrides))

    def lookup(self, code, contact):
        url = self.form_page.url + self.form_page.reverse_subpage("lookup")
        return self.client.post(url, {"code": code, "contact": contact})

    def target(self, parent, model="news.newspage"):
        return f"{model}:{parent.pk}"


class DoneWhenTests(InboxTestCase):
    def test_public_form__accepted_in_one_click__sender_sees_accepted(self):
        self.assertEqual(self.client.get(self.form_page.url).status_code, 200)
        response = self.send()
        self.assertEqual(response.status_code, 302, response.content[:3000])
        item = Contribution.objects.get()
        self.assertEqual(item.status, ContributionStatus.RECEIVED)
        self.assertIsNotNone(item.consent_at)
        receipt = self.client.get(response["Location"])
        self.assertContains(receipt, item.code)
        self.assertEqual(receipt["X-Robots-Tag"], "noindex, nofollow")
        # Receipt to the sender, notice to the board.
        purposes = set(OutgoingEmail.objects.values_list("purpose", flat=True))
        self.assertEqual(purposes, {"contribution.receipt", "contribution.new"})
        board_mail = OutgoingEmail.objects.get(purpose="contribution.new")
        self.assertIn("thuongtruc@example.gov.vn", board_mail.to)
        self.assertNotIn("bientap@example.gov.vn", board_mail.to)
        receipt_mail = OutgoingEmail.objects.get(purpose="contribution.receipt")
        self.assertIn(item.code, receipt_mail.body)
        self.assertEqual(receipt_mail.site_id, self.site.pk)

        user = self.login("thuongtruc")
        detail = self.client.get(reverse("editorial:inbox_detail", args=[item.pk]))
        self.assertContains(detail, "Lê Thị Hoa")
        self.assertContains(detail, self.target(self.news))
        response = self.client.post(
            reverse("editorial:inbox_accept", args=[item.pk]), {"target": self.target(self.news)}
        )
        page = NewsPage.objects.get(title=item.title)
        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            fetch_redirect_response=False,
        )
        self.assertFalse(page.live)
        self.assertEqual(page.get_parent().pk, self.news.pk)
        self.assertEqual(page.owner, user)
        self.assertEqual(page.latest_revision.user, user)
        self.assertEqual(page.author_name, "Lê Thị Hoa")
        self.assertEqual(page.author_address, "Hội Khuyến học xã, Thôn Xuân Thịnh, xã Như Xuân")
        self.assertIn("Hội Khuyến học xã tổ chức", str(page.latest_revision.as_object().body))
        item.refresh_from_db()
        self.assertEqual((item.status, item.page_id, item.handled_by), ("accepted", page.pk, user))
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="editorial.contribution_accepted", object_id=str(item.pk)
            ).exists()
        )
        self.assertTrue(OutgoingEmail.objects.filter(purpose="contribution.accepted").exists())

        self.client.logout()
        response = self.lookup(item.code.lower().replace("-", " "), "HOA@example.vn")
        self.assertContains(response, str(ContributionStatus.ACCEPTED.label))
        self.assertNotContains(response, "Thôn Xuân Thịnh")  # no personal data shown back

    def test_return_with_reason__sender_reads_it_by_phone(self):
        item = self.item()
        self.login("thuongtruc")
        response = self.client.post(
            reverse("editorial:inbox_return", args=[item.pk]),
            {"reason": "Tin đã đăng trên báo Thanh Hóa, không đăng lại."},
        )
        self.assertRedirects(
            response,
            reverse("editorial:inbox_detail", args=[item.pk]),
            fetch_redirect_response=False,
        )
        item.refresh_from_db()
        self.assertEqual(item.status, ContributionStatus.RETURNED)
        mail = OutgoingEmail.objects.get(purpose="contribution.returned")
        self.assertIn("không đăng lại", mail.body)
        self.client.logout()
        response = self.lookup(item.code, "+84 987 654 321")
        self.assertContains(response, str(ContributionStatus.RETURNED.label))
        self.assertContains(response, "Tin đã đăng trên báo Thanh Hóa, không đăng lại.")

    def test_return__without_reason__refused(self):
        item = self.item()
        self.login("thuongtruc")
        response = self.client.post(reverse("editorial:inbox_return", args=[item.pk]), {})
        self.assertEqual(response.status_code, 200)
        item.refresh_from_db()
        self.assertEqual(item.status, ContributionStatus.RECEIVED)

    def test_lookup__wrong_contact_or_code__same_not_found(self):
        item = self.item()
        wrong_contact = self.lookup(item.code, "khac@example.vn")
        wrong_code = self.lookup("ABCD-EFGH-JKMN", "nam@example.vn")
        for response in (wrong_contact, wrong_code):
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, item.title)
            self.assertContains(response, "error-summary")

    def test_receipt__forged_token__404(self):
        url = self.form_page.url + self.form_page.reverse_subpage("receipt")
        self.assertEqual(self.client.get(url, {"ma": "1:abc:def"}).status_code, 404)
        self.assertEqual(self.client.get(url).status_code, 404)


class WordAndImagesTests(InboxTestCase):
    def test_accept__word_file__news_import_and_pictures_in_the_bodys_collection(self):
        files = [
            SimpleUploadedFile("tin.docx", news_docx()),
            SimpleUploadedFile("anh.png", png()),
        ]
        response = self.client.post(self.form_page.url, {**public_data(), "files": files})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        item = Contribution.objects.get()
        self.assertEqual(sorted(item.files.values_list("kind", flat=True)), ["docx", "png"])
        stored = item.files.get(kind="docx")
        self.assertTrue(stored.file.name.startswith("editorial/hop-thu/"))
        self.login("thuongtruc")
        self.client.post(
            reverse("editorial:inbox_accept", args=[item.pk]), {"target": self.target(self.news)}
        )
        item.refresh_from_db()
        page = NewsPage.objects.get(pk=item.page_id)
        self.assertEqual(page.title, TITLE)  # from the Word file
        self.assertEqual(page.author_name, "Lê Thị Bình")  # the file's author line wins
        self.assertEqual(len(page.gallery), 1)
        self.assertIsNotNone(page.lead_image_id)
        self.assertEqual(page.lead_image.collection.name, body_name(self.site))

    def test_accept__article_from_text(self):
        item = self.item(kind="article", origin="collected", source="Báo Thanh Hóa")
        item.collector = "Nguyễn Văn Thu"
        item.save()
        self.login("truongban")
        self.client.post(
            reverse("editorial:inbox_accept", args=[item.pk]),
            {"target": self.target(self.articles, "news.articlepage")},
        )
        item.refresh_from_db()
        page = item.page.specific
        self.assertEqual(page.origin, "collected")
        self.assertIn("Báo Thanh Hóa", page.source)
        self.assertIn("Nguyễn Văn Thu", page.source)


def odt(*paragraphs: str) -> bytes:
    import io
    import zipfile

    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


class OdtAndPicturesTests(InboxTestCase):
    def test_accept__odt_text_bmp_and_gif__article_with_pictures(self):
        files = [
            SimpleUploadedFile("bai.odt", odt("Đoạn thứ nhất của bài.", "Đoạn thứ hai.")),
            SimpleUploadedFile("anh.bmp", png(image_format="BMP")),
            SimpleUploadedFile("anh.gif", png(image_format="GIF")),
        ]
        response = self.client.post(
            self.form_page.url, {**public_data(kind="article", text=""), "files": files}
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        item = Contribution.objects.get()
        self.assertEqual(sorted(item.files.values_list("kind", flat=True)), ["bmp", "gif", "odt"])
        self.login("thuongtruc")
        self.client.post(
            reverse("editorial:inbox_accept", args=[item.pk]),
            {"target": self.target(self.articles, "news.articlepage")},
        )
        item.refresh_from_db()
        page = item.page.specific
        kinds = [block.block_type for block in page.body]
        self.assertEqual(kinds, ["paragraph", "image", "image"])
        self.assertIn("Đoạn thứ hai.", str(page.body[0].value))
        names = [
            block.value["image"].file.name for block in page.body if block.block_type == "image"
        ]
        self.assertTrue(names[0].endswith(".png"), names)  # the BMP, converted
        self.assertTrue(names[1].endswith(".gif"), names)


class ProtectionTests(InboxTestCase):
    def test_bad_file__refused__text_kept(self):
        fake = SimpleUploadedFile("tin.docx", b"<html><script>alert(1)</script></html>")
        response = self.client.post(self.form_page.url, {**public_data(), "files": [fake]})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Contribution.objects.exists())
        self.assertContains(response, "Hội nghị tổng kết công tác khuyến học năm 2026")
        self.assertContains(response, 'aria-invalid="true"')
        self.assertContains(response, "error-summary")
        self.assertContains(response, "tin.docx")

    def test_renamed_spreadsheet_and_script__refused(self):
        for name, data in [
            ("anh.jpg", b"MZ\x90\x00" + b"\x00" * 100),
            ("van-ban.pdf", b"%PDF-1.4 x"),
            ("../../etc/passwd.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10),
        ]:
            with self.subTest(name=name):
                upload = SimpleUploadedFile(name, data)
                response = self.client.post(
                    self.form_page.url, {**public_data(), "files": [upload]}
                )
                self.assertEqual(response.status_code, 200)
        self.assertFalse(Contribution.objects.exists())

    def test_honeypot__refused(self):
        response = self.send(extra_note="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Contribution.objects.exists())

    def test_wrong_challenge__refused_text_kept(self):
        response = self.send(challenge_answer="99")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Contribution.objects.exists())
        self.assertContains(response, "Thôn Xuân Thịnh, xã Như Xuân")

    def test_without_consent__refused(self):
        data = public_data()
        data.pop("consent")
        self.client.post(self.form_page.url, data)
        self.assertFalse(Contribution.objects.exists())

    def test_no_contact__refused(self):
        self.send(sender_email="", sender_phone="")
        self.assertFalse(Contribution.objects.exists())

    def test_collected_without_source__refused(self):
        self.send(origin="collected", source="")
        self.assertFalse(Contribution.objects.exists())

    def test_markup__stripped(self):
        self.send(title="<b>Tin</b> <script>x()</script>mới")
        self.assertEqual(Contribution.objects.get().title, "Tin x()mới")

    def test_rate_limit__429_text_kept(self):
        from tests.helpers import override_app_settings

        limits = {"contribution": {"attempts": (2, 600), "accepted": (5, 600)}}
        with override_app_settings(PUBLIC_FORM_RATE_LIMITS=limits):
            self.send(challenge_answer="99")
            self.send(challenge_answer="99")
            response = self.send()
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Thôn Xuân Thịnh, xã Như Xuân", status_code=429)
        self.assertFalse(Contribution.objects.exists())

    def test_code__unguessable_and_normalised(self):
        codes = {self.item(title=f"T{n}").code for n in range(20)}
        self.assertEqual(len(codes), 20)
        for code in codes:
            self.assertRegex(code, r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")
            self.assertEqual(normalise_code(code.lower().replace("-", " ")), code)


class OfficerFormTests(InboxTestCase):
    def test_unit_officer__sends_from_account__sees_status(self):
        user = self.login("donvi")
        url = reverse("editorial:contribute")
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            {
                "site": self.site.pk,
                "agency": self.agency.pk,
                "kind": "announcement",
                "title": "Thông báo tuyển sinh lớp mẫu giáo",
                "text": "Nhà trường thông báo tuyển sinh.",
                "origin": "original",
            },
        )
        self.assertRedirects(response, url, fetch_redirect_response=False)
        item = Contribution.objects.get()
        self.assertEqual(item.sender_user, user)
        self.assertEqual(item.sender_name, user.get_full_name())
        self.assertEqual(item.sender_email, "donvi@example.gov.vn")
        self.assertEqual((item.agency, item.sender_organisation), (self.agency, self.agency.name))
        self.assertEqual(item.channel, "account")
        item.status, item.reason = ContributionStatus.RETURNED, "Thiếu thời gian tuyển sinh."
        item.save()
        listing = self.client.get(url)
        self.assertContains(listing, item.code)
        self.assertContains(listing, "Thiếu thời gian tuyển sinh.")

    def test_unit_officer__other_body__refused(self):
        self.login("donvi")
        response = self.client.post(
            reverse("editorial:contribute"),
            {
                "site": self.site_b.pk,
                "organisation": "Phòng Văn hóa",
                "kind": "news",
                "title": "Tin",
                "text": "Nội dung",
                "origin": "original",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Contribution.objects.exists())

    def test_editor__not_a_sender(self):
        self.login("bientap")
        assert_denied(self, self.client.get(reverse("editorial:contribute")))


class HandlingTests(InboxTestCase):
    def test_assign__assignee_emailed_and_may_accept(self):
        item = self.item()
        self.login("thuongtruc")
        editor = self.users["bientap"]
        response = self.client.post(
            reverse("editorial:inbox_assign", args=[item.pk]),
            {"assignee": editor.pk, "note": "Biên tập gấp trong ngày."},
        )
        self.assertEqual(response.status_code, 302)
        item.refresh_from_db()
        self.assertEqual((item.status, item.assigned_to), (ContributionStatus.ASSIGNED, editor))
        mail = OutgoingEmail.objects.get(purpose="contribution.assigned")
        self.assertEqual(mail.to, editor.email)
        self.assertIn("Biên tập gấp trong ngày.", mail.body)
        # The assignee may accept; another editor may not.
        self.login("bientap")
        response = self.client.post(
            reverse("editorial:inbox_accept", args=[item.pk]), {"target": self.target(self.news)}
        )
        self.assertEqual(response.status_code, 302)
        item.refresh_from_db()
        self.assertEqual(item.status, ContributionStatus.ACCEPTED)

    def test_editor_not_assigned__may_not_act(self):
        item = self.item()
        self.login("bientap")
        self.assertEqual(
            self.client.get(reverse("editorial:inbox_detail", args=[item.pk])).status_code, 200
        )
        for name, data in [
            ("inbox_accept", {"target": self.target(self.news)}),
            ("inbox_return", {"reason": "Không"}),
            ("inbox_assign", {"assignee": self.users["bientap"].pk}),
        ]:
            response = self.client.post(reverse(f"editorial:{name}", args=[item.pk]), data)
            assert_denied(self, response)
        item.refresh_from_db()
        self.assertEqual(item.status, ContributionStatus.RECEIVED)

    def test_assign__to_another_bodys_member__refused(self):
        item = self.item()
        self.login("thuongtruc")
        response = self.client.post(
            reverse("editorial:inbox_assign", args=[item.pk]),
            {"assignee": self.users["bientap_b"].pk},
        )
        self.assertEqual(response.status_code, 200)
        item.refresh_from_db()
        self.assertEqual(item.status, ContributionStatus.RECEIVED)

    def test_accept__other_bodys_section__refused(self):
        news_b = NewsIndexPage(title="Tin B", slug="tin-b")
        self.home_b.add_child(instance=news_b)
        item = self.item()
        self.login("thuongtruc")
        response = self.client.post(
            reverse("editorial:inbox_accept", args=[item.pk]), {"target": self.target(news_b)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(NewsPage.objects.exists())

    def test_accepted_item__no_second_action(self):
        item = self.item(status=ContributionStatus.RETURNED, reason="x")
        self.login("thuongtruc")
        response = self.client.post(
            reverse("editorial:inbox_accept", args=[item.pk]), {"target": self.target(self.news)}
        )
        assert_denied(self, response)
        self.assertFalse(NewsPage.objects.exists())

    def test_transition_functions__check_permission(self):
        from django.core.exceptions import PermissionDenied

        item = self.item()
        with self.assertRaises(PermissionDenied):
            inbox.return_to_sender(self.users["thuongtruc_b"], item, "Không")
        with self.assertRaises(PermissionDenied):
            inbox.accept(self.users["kiemtra"], item, "news.newspage", self.news)


class IsolationTests(InboxTestCase):
    def test_other_body__404_everywhere(self):
        item = self.item()
        stored = ContributionFile.objects.create(
            contribution=item, original_name="anh.png", kind="png", size=3
        )
        stored.file.save("anh.png", SimpleUploadedFile("anh.png", png()), save=True)
        self.login("thuongtruc_b")
        self.assertNotContains(self.client.get(reverse("editorial:inbox")), item.title)
        for name in ("inbox_detail", "inbox_file"):
            pk = stored.pk if name == "inbox_file" else item.pk
            self.assertEqual(
                self.client.get(reverse(f"editorial:{name}", args=[pk])).status_code, 404
            )
        for name in ("inbox_accept", "inbox_assign", "inbox_return"):
            response = self.client.post(reverse(f"editorial:{name}", args=[item.pk]), {})
            self.assertEqual(response.status_code, 404, name)
        # The body's own board downloads it, privately.
        self.login("bientap")
        response = self.client.get(reverse("editorial:inbox_file", args=[stored.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("attachment", response["Content-Disposition"])

    def test_auditor__reads_only(self):
        item = self.item()
        self.login("kiemtra")
        detail = self.client.get(reverse("editorial:inbox_detail", args=[item.pk]))
        self.assertContains(detail, "Trần Văn Nam")
        self.assertNotContains(detail, reverse("editorial:inbox_accept", args=[item.pk]))
        response = self.client.post(
            reverse("editorial:inbox_return", args=[item.pk]), {"reason": "Không"}
        )
        self.assertEqual(response.status_code, 403)
        item.refresh_from_db()
        self.assertEqual(item.status, ContributionStatus.RECEIVED)
        self.login("kiemtra_b")
        self.assertEqual(
            self.client.get(reverse("editorial:inbox_detail", args=[item.pk])).status_code, 404
        )

    def test_unit_officer_and_collaborator__no_inbox(self):
        item = self.item()
        for name in ("donvi", "ctv"):
            self.login(name)
            assert_denied(self, self.client.get(reverse("editorial:inbox")))
            assert_denied(self, self.client.get(reverse("editorial:inbox_detail", args=[item.pk])))

    def test_list__filters_and_query_budget(self):
        self.login("thuongtruc")
        url = reverse("editorial:inbox")
        for n in range(3):
            self.item(title=f"Tin số {n}")
        self.item(site=self.site_b, title="Tin của xã khác")
        self.client.get(url)
        few = self._count(url)
        for n in range(10):
            self.item(title=f"Tin thêm {n}", kind="photo")
        self.assertEqual(self._count(url), few)
        response = self.client.get(url, {"loai": "photo"})
        self.assertContains(response, "Tin thêm 0")
        self.assertNotContains(response, "Tin số 0")
        self.assertNotContains(response, "Tin của xã khác")
        response = self.client.get(url, {"trang_thai": "<script>", "loai": "x" * 500})
        self.assertEqual(response.status_code, 200)

    def _count(self, url) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(ctx)

    def test_menu__count_of_new(self):
        self.item()
        self.item(title="Tin hai")
        self.login("thuongtruc")
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertTrue(re.search(r"\(2", response.content.decode()))


class PageTypeTests(InboxTestCase):
    def test_contribution_page__only_under_a_body_home(self):
        self.assertTrue(ContributionPage.can_create_at(self.home_b))
        self.assertFalse(ContributionPage.can_create_at(self.news))
        self.assertFalse(ContributionPage.can_create_at(Page.get_first_root_node()))

    def test_archive__no_form(self):
        from congthongtin.core.bodies import body_of
        from congthongtin.core.models import BodyStatus

        body = body_of(self.site)
        body.status, body.successor = BodyStatus.ARCHIVE, self.site_b
        body.save()
        response = self.client.get(self.form_page.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="title"')
