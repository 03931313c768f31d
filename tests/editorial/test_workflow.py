"""The three-step workflow through the admin UI (R-WF-1…3, R-SUB-2, R-SECRET-1, R-SITE-2)."""

import json
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Site

from congthongtin.editorial.models import EditorialTask
from congthongtin.home.models import StandardPage

from .helpers import (
    action_url,
    add_url,
    assert_denied,
    load_board,
    page_form_data,
    section_of,
)

TCVN3_PARAGRAPH = "C¨n cø c«ng v¨n sè 5724/UBND - CNTT ngµy 29/8/2011 cña UBND tØnh Thanh Hãa"


class WorkflowThroughAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.section = section_of(cls.users["ptdung"])

    def as_user(self, username):
        self.client.force_login(self.users[username])

    def submit_as(self, username, title, parent=None, **extra):
        self.as_user(username)
        response = self.client.post(
            add_url(parent or self.section),
            page_form_data(title, **{"action-submit": "1", **extra}),
        )
        return response, StandardPage.objects.filter(title=title).first()

    def approve(self, username, page, comment=None):
        self.as_user(username)
        page.refresh_from_db()
        state = page.current_workflow_task_state
        data = {"comment": comment} if comment else {}
        action = "approve"
        return self.client.post(action_url(page, action, state), data)

    def current_step(self, page):
        page.refresh_from_db()
        task = page.current_workflow_task
        return task.specific.step if task else None

    def test_chain__collaborator_editor_deputy_head__published_and_audited(self):
        response, page = self.submit_as("ptdung", "Lễ hội Xuân Như Xuân 2026")
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertFalse(page.live)
        self.assertEqual(self.current_step(page), 1)

        self.approve("lvcuong", page, "Đã biên tập")
        self.assertEqual(self.current_step(page), 2)
        self.approve("ttbinh", page, "Thông tin chính xác")
        self.assertEqual(self.current_step(page), 3)
        self.approve("nvan", page, "Đồng ý đăng")

        page.refresh_from_db()
        self.assertTrue(page.live)
        out = StringIO()
        call_command("editorial_audit", "--format", "json", stdout=out)
        row = next(r for r in json.loads(out.getvalue()) if r["page_id"] == page.pk)
        self.assertEqual(
            (row["composed_by"], row["edited_by"], row["verified_by"], row["approved_by"]),
            ("ptdung", "lvcuong", "ttbinh", "nvan"),
        )
        self.assertIsNone(row["on_behalf_of"])
        self.assertEqual(row["url"], page.url)
        self.assertIn("Đồng ý đăng", [s["comment"] for s in row["steps"]])

    def test_board_member_submission__step_one_passes_by_itself(self):
        response, page = self.submit_as("lvcuong", "Tin của biên tập viên")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.current_step(page), 2)

    def test_collaborator__outside_her_section__refused(self):
        home = Page.objects.get(depth=2)
        other = home.get_children().exclude(pk=self.section.pk).first()
        self.as_user("ptdung")
        assert_denied(self, self.client.get(add_url(other)))
        data = page_form_data("Ngoài chuyên mục", **{"action-submit": "1"})
        assert_denied(self, self.client.post(add_url(other), data))
        self.assertFalse(StandardPage.objects.filter(title="Ngoài chuyên mục").exists())
        assert_denied(self, self.client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])))
        self.assertFalse(other.specific.permissions_for_user(self.users["ptdung"]).can_edit())

    def test_deputy__verifying_her_own_submission__refused(self):
        _, page = self.submit_as("ttbinh", "Bài của Phó trưởng ban")
        self.assertEqual(self.current_step(page), 2)
        task = page.current_workflow_task.specific
        self.assertEqual(task.get_actions(page, self.users["ttbinh"]), [])
        self.as_user("ttbinh")
        response = self.client.post(action_url(page, "approve", page.current_workflow_task_state))
        assert_denied(self, response)
        self.assertEqual(self.current_step(page), 2)

    def test_head__publishing_directly_from_the_editor__not_published(self):
        page = StandardPage(
            title="Trang nháp của Trưởng ban", live=False, author_name="Nguyễn Văn An"
        )
        self.section.add_child(instance=page)
        self.as_user("nvan")
        self.assertFalse(page.permissions_for_user(self.users["nvan"]).can_publish())
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.post(url, page_form_data(page.title, slug=page.slug, **{"action-publish": "1"}))
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertFalse(PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists())
        response = self.client.post(reverse("wagtailadmin_pages:unpublish", args=[self.section.pk]))
        assert_denied(self, response)
        self.section.refresh_from_db()
        self.assertTrue(self.section.live)

    def test_submit__tcvn3_paragraph__refused_with_field_error(self):
        response, page = self.submit_as("ptdung", "Tin mã cũ", intro=TCVN3_PARAGRAPH)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "TCVN3")
        self.assertTrue(page is None or page.current_workflow_state is None)

    def test_submit__classified_page__refused(self):
        response, page = self.submit_as("ptdung", "Tài liệu mật", classification="mat")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "R-SECRET-1")
        self.assertTrue(page is None or page.current_workflow_state is None)

    def test_final_approval__legacy_text_slipped_in__refused_and_not_live(self):
        _, page = self.submit_as("ptdung", "Tin sẽ bị sửa")
        self.approve("lvcuong", page)
        self.approve("ttbinh", page)
        # Someone with database access changes the draft behind the editor's back.
        page.refresh_from_db()
        draft = page.get_latest_revision_as_object()
        draft.intro = TCVN3_PARAGRAPH
        revision = draft.save_revision(user=self.users["lvcuong"], clean=False)
        state = page.current_workflow_task_state
        state.revision = revision
        state.save()
        response = self.approve("nvan", page)
        self.assertRedirects(
            response, reverse("editorial:gate", args=[page.pk]), fetch_redirect_response=False
        )
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(self.current_step(page), 3)

    def test_rejection__returns_to_the_author_with_the_comment(self):
        _, page = self.submit_as("ptdung", "Tin cần sửa")
        mail.outbox.clear()
        self.as_user("lvcuong")
        response = self.client.post(
            action_url(page, "reject", page.current_workflow_task_state),
            {"comment": "Bổ sung nguồn ảnh"},
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.status, "needs_changes")
        to_author = [m for m in mail.outbox if self.users["ptdung"].email in m.to]
        self.assertTrue(to_author)
        self.assertIn("Bổ sung nguồn ảnh", to_author[0].body)

    def test_edit_during_moderation__steps_approved_again(self):
        _, page = self.submit_as("ptdung", "Tin sẽ sửa khi duyệt")
        self.approve("lvcuong", page)
        self.approve("ttbinh", page)
        self.as_user("nvan")
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.post(
            url, page_form_data(page.title, slug=page.slug, intro="Trưởng ban sửa câu chữ")
        )
        self.assertEqual(response.status_code, 302)
        self.approve("nvan", page)
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(self.current_step(page), 1)

    def test_tasks__three_steps_in_order(self):
        # The default body's steps (each body has its own, named after it).
        site = Site.objects.get(is_default_site=True)
        steps = (
            EditorialTask.objects.filter(site=site)
            .order_by("step")
            .values_list("step", "name", "delegable")
        )
        body = site.site_name
        self.assertEqual(
            list(steps),
            [
                (1, f"Biên tập · {body}", False),
                (2, f"Xác thực · {body}", True),
                (3, f"Duyệt đăng · {body}", True),
            ],
        )
