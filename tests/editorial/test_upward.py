"""Content up to the parent portal, same install (S0 Đ4.2d; editorial.upward).

Done when: a commune's news proposed upward appears on the province site after its board
approves it. Also: declined → nothing published and the commune's board e-mailed; only the
commune's board proposes (another body's board, a collaborator, a unit officer: 403); only
the province's handlers decide; the same version is proposed once; withdrawing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry, Site

from congthongtin.core import bodies_actions, roles
from congthongtin.core.bodies import body_of, forget_memberships, role_group
from congthongtin.core.models import OutgoingEmail
from congthongtin.editorial import upward
from congthongtin.editorial.backoffice.upward_hooks import propose_button
from congthongtin.editorial.models import Contribution, UpwardProposal, UpwardState
from congthongtin.editorial.models.inbox import ContributionChannel, ContributionStatus
from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import make_portal

from .helpers import assert_denied

User = get_user_model()
PASSWORD = "mat-khau-dai-123"
TITLE = "Xã Xuân Bình khánh thành cầu treo bản Lược"


class UpwardTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = NewsCategory.objects.create(name="Tin địa phương")
        cls.province, cls.province_home = make_portal(
            "tinh.example.vn", "Tỉnh Thanh Hóa", "UBND tỉnh"
        )
        cls.commune, cls.commune_home = make_portal(
            "xuanbinh.example.vn", "Xã Xuân Bình", "UBND xã", address="Thôn Đồng Xuân"
        )
        cls.other, cls.other_home = make_portal("khac.example.vn", "Xã Bình Sơn", "UBND xã")
        cls.province_news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        cls.province_home.add_child(instance=cls.province_news)
        cls.commune_news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        cls.commune_home.add_child(instance=cls.commune_news)
        cls.other_news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        cls.other_home.add_child(instance=cls.other_news)
        superuser = User.objects.create_superuser("quantri", "qt@example.vn", PASSWORD)
        bodies_actions.set_parent(superuser, body_of(cls.commune), body_of(cls.province))
        cls.users = {}
        for name, role, site in [
            ("xa_bientap", roles.EDITOR, cls.commune),
            ("xa_thuongtruc", roles.STANDING_OFFICE, cls.commune),
            ("xa_ctv", roles.COLLABORATOR, cls.commune),
            ("xa_donvi", roles.UNIT_OFFICER, cls.commune),
            ("tinh_truongban", roles.HEAD, cls.province),
            ("tinh_thuongtruc", roles.STANDING_OFFICE, cls.province),
            ("tinh_bientap", roles.EDITOR, cls.province),
            ("khac_bientap", roles.EDITOR, cls.other),
            ("khac_truongban", roles.HEAD, cls.other),
        ]:
            user = User.objects.create_user(
                name, f"{name}@example.gov.vn", PASSWORD, first_name=name, last_name="Thử"
            )
            user.groups.add(role_group(role, site))
            cls.users[name] = user
        image = get_image_model().objects.create(title="Cầu treo", file=get_test_image_file())
        cls.item = cls.news_item(cls.commune_news, TITLE, image=image)

    @classmethod
    def news_item(cls, parent, title, image=None):
        page = NewsPage(
            title=title,
            category=cls.category,
            summary="Sáng 05/12, xã tổ chức lễ khánh thành cầu treo.",
            body=[{"type": "paragraph", "value": "<p>Cây cầu dài 80 mét nối hai bờ sông.</p>"}],
            lead_image=image,
            author_name="Quách Văn Minh",
            author_address="UBND xã Xuân Bình",
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    def setUp(self):
        for user in self.users.values():
            forget_memberships(user)

    def login(self, name):
        self.client.force_login(self.users[name])
        return self.users[name]

    def propose(self, name="xa_bientap", page=None, note="Tin có ý nghĩa với cả tỉnh."):
        self.login(name)
        page = page or self.item
        return self.client.post(reverse("editorial:upward_propose", args=[page.pk]), {"note": note})

    def proposal(self) -> UpwardProposal:
        return UpwardProposal.objects.select_related("contribution").get()


class DoneWhenTests(UpwardTestCase):
    def test_commune_news__proposed__inbox__head_accepts__live_on_province_with_source(self):
        # The commune's editor sees the button on the live item and proposes it.
        self.login("xa_bientap")
        buttons = list(propose_button(self.item, self.users["xa_bientap"], "edit"))
        self.assertEqual(len(buttons), 1)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.item.pk]))
        self.assertContains(edit, reverse("editorial:upward_propose", args=[self.item.pk]))
        form = self.client.get(reverse("editorial:upward_propose", args=[self.item.pk]))
        self.assertContains(form, "Tỉnh Thanh Hóa")
        response = self.propose()
        self.assertRedirects(
            response, reverse("editorial:upward_list"), fetch_redirect_response=False
        )
        proposal = self.proposal()
        self.assertEqual(proposal.state, UpwardState.PROPOSED)
        self.assertEqual(proposal.source_site, self.commune)
        self.assertEqual(proposal.target_site, self.province)
        self.assertEqual(proposal.source_url, self.item.get_full_url())
        self.assertEqual(proposal.source_version, str(self.item.live_revision_id))
        self.assertEqual(proposal.proposed_by, self.users["xa_bientap"])
        item = proposal.contribution
        self.assertEqual((item.site, item.channel), (self.province, ContributionChannel.UPWARD))
        self.assertTrue(
            OutgoingEmail.objects.filter(
                purpose="contribution.new", to__contains="tinh_thuongtruc@example.gov.vn"
            ).exists()
        )
        listing = self.client.get(reverse("editorial:upward_list"))
        self.assertContains(listing, TITLE)

        # The province's standing office sees it in its inbox, with the source and link.
        self.login("tinh_thuongtruc")
        inbox = self.client.get(reverse("editorial:inbox"))
        self.assertContains(inbox, TITLE)
        self.assertContains(inbox, "Đề xuất từ cổng cấp dưới")
        detail = self.client.get(reverse("editorial:inbox_detail", args=[item.pk]))
        self.assertContains(detail, "Xã Xuân Bình")
        self.assertContains(detail, self.item.get_full_url())
        self.assertContains(detail, reverse("editorial:upward_accept", args=[proposal.pk]))
        # The ordinary inbox actions do not apply to it.
        self.assertNotContains(detail, reverse("editorial:inbox_accept", args=[item.pk]))
        refused = self.client.post(
            reverse("editorial:inbox_return", args=[item.pk]), {"reason": "x"}
        )
        assert_denied(self, refused)

        # The province's head accepts: the copy is live there with the source's name and link.
        self.login("tinh_truongban")
        response = self.client.post(reverse("editorial:upward_accept", args=[proposal.pk]))
        self.assertRedirects(
            response,
            reverse("editorial:inbox_detail", args=[item.pk]),
            fetch_redirect_response=False,
        )
        proposal.refresh_from_db()
        self.assertEqual(proposal.state, UpwardState.ACCEPTED)
        self.assertEqual(proposal.decided_by, self.users["tinh_truongban"])
        copy = NewsPage.objects.get(pk=proposal.page_id)
        self.assertTrue(copy.live)
        self.assertEqual(copy.get_parent().pk, self.province_news.pk)
        self.assertEqual(copy.origin, "collected")
        self.assertEqual(copy.source, "Xã Xuân Bình")
        self.assertEqual(copy.source_url, self.item.get_full_url())
        self.assertEqual(copy.author_name, "Quách Văn Minh")
        self.assertEqual(copy.summary, self.item.summary)
        self.assertEqual(copy.lead_image_id, self.item.lead_image_id)
        self.assertIn("80 mét", str(copy.body[0].value))
        item.refresh_from_db()
        self.assertEqual((item.status, item.page_id), (ContributionStatus.ACCEPTED, copy.pk))
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="editorial.upward_accepted", object_id=str(proposal.pk)
            ).exists()
        )
        accepted_mail = OutgoingEmail.objects.get(purpose="upward.accepted")
        self.assertIn("xa_bientap@example.gov.vn", accepted_mail.to)

        # The public sees it on the province's portal, naming and linking the commune's page.
        self.client.logout()
        public = self.client.get(copy.url, HTTP_HOST="tinh.example.vn")
        self.assertContains(public, TITLE)
        self.assertContains(public, f'href="{self.item.get_full_url()}"')
        self.assertContains(public, "Xã Xuân Bình")
        # The source item is untouched.
        self.item.refresh_from_db()
        self.assertEqual(self.item.get_parent().pk, self.commune_news.pk)

    def test_standing_office_accepts__copy_enters_the_workflow__not_live(self):
        self.propose()
        proposal = self.proposal()
        self.login("tinh_thuongtruc")
        response = self.client.post(reverse("editorial:upward_accept", args=[proposal.pk]))
        self.assertEqual(response.status_code, 302)
        proposal.refresh_from_db()
        copy = proposal.page.specific
        self.assertFalse(copy.live)
        self.assertEqual(copy.source, "Xã Xuân Bình")
        self.assertIsNotNone(copy.current_workflow_state)
        self.assertEqual(copy.current_workflow_state.status, "in_progress")

    def test_decline__nothing_published__commune_board_emailed_with_reason(self):
        self.propose()
        proposal = self.proposal()
        self.login("tinh_thuongtruc")
        # Without a reason: refused, nothing changes.
        response = self.client.post(reverse("editorial:upward_decline", args=[proposal.pk]), {})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Hãy ghi lý do để Ban biên tập đề xuất được biết.")
        proposal.refresh_from_db()
        self.assertEqual(proposal.state, UpwardState.PROPOSED)
        response = self.client.post(
            reverse("editorial:upward_decline", args=[proposal.pk]),
            {"reason": "Tin đã đăng trên báo tỉnh."},
        )
        self.assertEqual(response.status_code, 302)
        proposal.refresh_from_db()
        self.assertEqual(proposal.state, UpwardState.DECLINED)
        self.assertEqual(proposal.note, "Tin đã đăng trên báo tỉnh.")
        self.assertIsNone(proposal.page_id)
        self.assertFalse(NewsPage.objects.descendant_of(self.province_home).exists())
        item = Contribution.objects.get(pk=proposal.contribution_id)
        self.assertEqual(item.status, ContributionStatus.RETURNED)
        mail = OutgoingEmail.objects.get(purpose="upward.declined")
        self.assertIn("Tin đã đăng trên báo tỉnh.", mail.body)
        self.assertIn("xa_thuongtruc@example.gov.vn", mail.to)  # the commune's standing office
        self.assertIn("xa_bientap@example.gov.vn", mail.to)  # who proposed it
        self.assertNotIn("tinh_thuongtruc@example.gov.vn", mail.to)
        # Decided: no second decision.
        again = self.client.post(reverse("editorial:upward_accept", args=[proposal.pk]))
        assert_denied(self, again)


class PermissionTests(UpwardTestCase):
    def test_propose__only_the_communes_board(self):
        url = reverse("editorial:upward_propose", args=[self.item.pk])
        for name in ("xa_ctv", "xa_donvi", "khac_bientap", "khac_truongban", "tinh_truongban"):
            with self.subTest(name=name):
                self.login(name)
                assert_denied(self, self.client.get(url))
                assert_denied(self, self.client.post(url, {"note": ""}))
                self.assertEqual(list(propose_button(self.item, self.users[name], "edit")), [])
        self.assertFalse(UpwardProposal.objects.exists())
        self.login("xa_thuongtruc")
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_propose__body_without_parent_or_draft_page__refused(self):
        other_item = self.news_item(self.other_news, "Tin của xã khác")
        self.login("khac_bientap")
        url = reverse("editorial:upward_propose", args=[other_item.pk])
        assert_denied(self, self.client.post(url))
        draft = NewsPage(title="Bản nháp", category=self.category, live=False)
        self.commune_news.add_child(instance=draft)
        self.login("xa_bientap")
        url = reverse("editorial:upward_propose", args=[draft.pk])
        assert_denied(self, self.client.post(url))
        self.assertFalse(UpwardProposal.objects.exists())

    def test_decide__only_the_provinces_handlers(self):
        self.propose()
        proposal = self.proposal()
        accept = reverse("editorial:upward_accept", args=[proposal.pk])
        decline = reverse("editorial:upward_decline", args=[proposal.pk])
        for name, status in [
            ("tinh_bientap", 403),  # on the province's board, not a handler
            ("xa_bientap", 404),  # another body's board: the item is not told
            ("xa_ctv", 403),  # reads no inbox
            ("khac_truongban", 404),
        ]:
            with self.subTest(name=name):
                self.login(name)
                for response in (
                    self.client.post(accept),
                    self.client.post(decline, {"reason": "x"}),
                ):
                    if status == 403:
                        assert_denied(self, response)
                    else:
                        self.assertEqual(response.status_code, 404)
        proposal.refresh_from_db()
        self.assertEqual(proposal.state, UpwardState.PROPOSED)
        self.assertFalse(NewsPage.objects.descendant_of(self.province_home).exists())

    def test_only_a_superuser_sets_the_parent(self):
        from django.core.exceptions import PermissionDenied, ValidationError

        with self.assertRaises(PermissionDenied):
            bodies_actions.set_parent(
                self.users["tinh_truongban"], body_of(self.other), body_of(self.province)
            )
        superuser = User.objects.get(username="quantri")
        with self.assertRaises(ValidationError):  # a loop
            bodies_actions.set_parent(superuser, body_of(self.province), body_of(self.commune))
        self.client.force_login(superuser)
        url = reverse("core_bodies:edit", args=[body_of(self.other).pk])
        response = self.client.post(
            url, {"status": "active", "parent": body_of(self.province).pk, "parent_feed_key": ""}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(body_of(self.other).parent, body_of(self.province))


class IdempotencyAndWithdrawTests(UpwardTestCase):
    def test_same_version_proposed_once__a_new_version_again(self):
        self.propose()
        response = self.propose()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "đã được đề xuất lên cổng cấp trên")
        self.assertEqual(UpwardProposal.objects.count(), 1)
        self.assertEqual(Contribution.objects.count(), 1)
        self.item.summary = "Bản cập nhật."
        self.item.save_revision().publish()
        self.item.refresh_from_db()
        self.propose()
        self.assertEqual(UpwardProposal.objects.count(), 2)

    def test_withdraw__by_the_communes_board__closes_the_inbox_item(self):
        self.propose()
        proposal = self.proposal()
        url = reverse("editorial:upward_withdraw", args=[proposal.pk])
        self.login("tinh_truongban")
        self.assertEqual(self.client.post(url).status_code, 404)  # not the province's to withdraw
        self.login("xa_thuongtruc")
        self.assertEqual(self.client.post(url).status_code, 302)
        proposal.refresh_from_db()
        self.assertEqual(proposal.state, UpwardState.WITHDRAWN)
        self.assertEqual(proposal.contribution.status, ContributionStatus.RETURNED)
        self.login("tinh_truongban")
        accept = reverse("editorial:upward_accept", args=[proposal.pk])
        assert_denied(self, self.client.post(accept))

    def test_transition_functions_check_permissions_too(self):
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            upward.propose(self.users["xa_ctv"], self.item)
        proposal = upward.propose(self.users["xa_bientap"], self.item)
        with self.assertRaises(PermissionDenied):
            upward.accept(self.users["tinh_bientap"], proposal)
        with self.assertRaises(PermissionDenied):
            upward.decline(self.users["xa_bientap"], proposal, "Không")
        self.assertEqual(Site.objects.get(pk=self.province.pk).site_name, "Tỉnh Thanh Hóa")
