"""The editor's guide in Vietnamese (editorial.views.guide): served by the portal to anyone
who may use the admin, linked from the Help menu in place of Wagtail's English guide on the
internet, its screenshots shipped beside it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory, TestCase
from django.urls import reverse
from wagtail.admin.menu import help_menu

from congthongtin.editorial.views import guide

URL = reverse("editorial:guide")
DOCS_COPY = Path(settings.BASE_DIR) / "docs" / "huong-dan-bien-tap.md"


class GuideFileTests(TestCase):
    def test_docs_copy_is_the_packaged_file(self):
        """docs/huong-dan-bien-tap.md is a link to the file the package ships and serves."""
        self.assertTrue(DOCS_COPY.is_symlink())
        self.assertEqual(DOCS_COPY.resolve(), guide.GUIDE_FILE.resolve())

    def test_every_image_the_guide_shows_exists_and_is_small(self):
        source = guide.GUIDE_FILE.read_text(encoding="utf-8")
        names = guide.image_names(source)
        self.assertGreaterEqual(len(names), 10)
        for name in names:
            with self.subTest(name=name):
                self.assertRegex(name, guide.IMAGE_NAME)
                path = guide.IMAGE_DIR / name
                self.assertTrue(path.is_file(), f"{path} is missing: run `make screenshots`")
                self.assertEqual(path.read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
                self.assertLess(path.stat().st_size, 400_000)

    def test_no_link_leaves_the_portal(self):
        """The guide is read on networks without internet: every link is the portal's own."""
        source = guide.GUIDE_FILE.read_text(encoding="utf-8")
        self.assertEqual(re.findall(r"\]\((?:https?:)?//[^)]*\)", source), [])

    def test_table_of_contents_points_at_headings(self):
        html = guide.render(guide.GUIDE_FILE.read_text(encoding="utf-8"))
        ids = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
        anchors = {unquote(a) for a in re.findall(r'href="#([^"]+)"', html)}
        self.assertTrue(anchors)
        self.assertEqual(anchors - ids, set())


class RenderTests(TestCase):
    def test_raw_html_is_shown_as_text(self):
        html = guide.render('Chú ý <script>alert("x")</script> và [liên kết](javascript:alert(1))')
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertNotIn('href="javascript', html)

    def test_headings_have_githubs_ids_and_images_are_served_here(self):
        html = guide.render("## 1. Gửi bài (cộng tác viên)\n\n![Bảng](anh/01-bang.png)\n")
        self.assertIn('<h2 id="1-gửi-bài-cộng-tác-viên">', html)
        self.assertIn(f'src="{reverse("editorial:guide_image", args=["01-bang.png"])}"', html)

    def test_other_image_paths_are_left_alone(self):
        html = guide.render("![x](../../etc/passwd.png)")
        self.assertNotIn(reverse("editorial:guide", args=[]) + "anh/", html)


class GuideViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        group = Group.objects.create(name="Người dùng quản trị")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        cls.official = User.objects.create_user("ptdung", "dung@example.vn", "Mật-khẩu-dài-2026")
        cls.official.groups.add(group)
        cls.citizen = User.objects.create_user("dan", "dan@example.vn", "Mật-khẩu-dài-2026")

    def test_an_admin_user_reads_the_guide(self):
        self.client.force_login(self.official)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn('class="editor-guide"', content)
        self.assertIn('lang="vi"', content)
        first = guide.image_names(guide.GUIDE_FILE.read_text(encoding="utf-8"))[0]
        image = reverse("editorial:guide_image", args=[first])
        self.assertIn(f'src="{image}"', content)
        picture = self.client.get(image)
        self.assertEqual(picture.status_code, 200)
        self.assertEqual(picture["Content-Type"], "image/png")
        self.assertIn("private", picture["Cache-Control"])

    def test_image_names_outside_the_folder_are_refused(self):
        self.client.force_login(self.official)
        for name in ("nope.png", "x.svg", ".hidden.png", "..%2F..%2Fviews%2Fguide.py"):
            with self.subTest(name=name):
                response = self.client.get(URL + "anh/" + name)
                self.assertIn(response.status_code, (301, 404))  # 301: APPEND_SLASH
                self.assertNotIn(
                    b"GUIDE_FILE",
                    b"".join(getattr(response, "streaming_content", [response.content])),
                )

    def test_without_admin_access__login_page(self):
        for user in (None, self.citizen):
            with self.subTest(user=user):
                self.client.logout()
                if user:
                    self.client.force_login(user)
                response = self.client.get(URL)
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def test_help_menu_opens_this_guide_and_nothing_abroad(self):
        request = RequestFactory().get("/admin/")
        request.user = self.official
        items = help_menu.menu_items_for_request(request)
        urls = [item.url for item in items]
        self.assertIn(URL, urls)
        self.assertFalse([url for url in urls if "guide.wagtail.org" in url])
        self.assertNotIn("editor-guide", [item.name for item in items])
        self.assertFalse([url for url in urls if url.startswith(("http:", "https:", "//"))])

    def test_dashboard_sidebar_links_to_the_guide(self):
        self.client.force_login(self.official)
        content = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn(URL, content)
        self.assertNotIn("guide.wagtail.org", content)
