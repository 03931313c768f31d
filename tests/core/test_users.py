"""core.users: what the apps read of a user, for the portal's core.User and any other model
(issue 17). tests/core/test_auth_user.py runs the apps themselves with Django's auth.User."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as DjangoUser
from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils.functional import SimpleLazyObject

from congthongtin.core import users


class PortalUserTests(SimpleTestCase):
    def test_portal_model__core_user_and_its_permissions(self):
        self.assertEqual(get_user_model()._meta.label, "core.User")
        self.assertEqual(users.user_permission("add"), "core.add_user")
        self.assertEqual(users.user_permission("change"), "core.change_user")

    def test_full_name__family_name_first_for_core_user_and_auth_user(self):
        for model in (get_user_model(), DjangoUser):
            with self.subTest(model=model._meta.label):
                user = model(username="annv", first_name="An", last_name="Nguyễn Văn")
                self.assertEqual(users.full_name(user), "Nguyễn Văn An")
                self.assertEqual(users.display_name(user), "Nguyễn Văn An")

    def test_display_name__login_name_without_a_name_and_nothing_for_no_user(self):
        user = DjangoUser(username="kythuat")
        self.assertEqual(users.full_name(user), "")
        self.assertEqual(users.display_name(user), "kythuat")
        self.assertEqual(users.display_name(None), "")

    def test_lazy_request_user__read_through(self):
        lazy = SimpleLazyObject(lambda: get_user_model()(username="a", first_name="An"))
        self.assertEqual(users.full_name(lazy), "An")
        self.assertEqual(users.set_must_change_password(lazy, True), ["must_change_password"])
        self.assertTrue(users.must_change_password(lazy))

    def test_model_with_its_own_get_full_name__used(self):
        class Person:
            def get_full_name(self):
                return "  Hà Thị Lan "

            def get_username(self):
                return "lanht"

        self.assertEqual(users.full_name(Person()), "Hà Thị Lan")

    def test_must_change_password__only_where_the_model_has_the_field(self):
        portal_user = get_user_model()(username="a")
        self.assertEqual(
            users.set_must_change_password(portal_user, True), ["must_change_password"]
        )
        self.assertTrue(users.must_change_password(portal_user))
        django_user = DjangoUser(username="b")
        self.assertEqual(users.set_must_change_password(django_user, True), [])
        self.assertFalse(users.must_change_password(django_user))
        self.assertFalse(users.must_change_password(AnonymousUser()))

    def test_name_fields_and_ordering__fields_of_the_model(self):
        self.assertEqual(
            users.name_fields("Nguyễn Văn", "An"), {"last_name": "Nguyễn Văn", "first_name": "An"}
        )
        self.assertEqual(users.ordering(), ["last_name", "first_name", "username"])

    def test_template_filters(self):
        template = Template(
            "{% load portal_users %}{{ u|full_name }}|{{ u|display_name }}|"
            "{% if u|must_change_password %}yes{% endif %}"
        )
        user = DjangoUser(username="binhtt", first_name="Bình", last_name="Trần Thị")
        self.assertEqual(template.render(Context({"u": user})), "Trần Thị Bình|Trần Thị Bình|")
        self.assertEqual(template.render(Context({"u": None})), "||")
