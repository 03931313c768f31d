"""Nothing leaves the server from the admin: the portal's settings keep Wagtail from asking
Gravatar for avatars and Wagtail's site for releases; a host project that leaves Wagtail's
defaults gets a system check warning (core.W004, core.W005)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

from congthongtin.core.checks import nothing_sent_abroad


def test_the_portal_keeps_avatars_and_release_checks_home():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert nothing_sent_abroad(None) == []


@override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar")
def test_gravatar_on__warning():
    assert [w.id for w in nothing_sent_abroad(None)] == ["core.W004"]


def test_wagtail_defaults__both_warnings():
    with override_settings():
        del settings.WAGTAIL_GRAVATAR_PROVIDER_URL
        del settings.WAGTAIL_ENABLE_UPDATE_CHECK
        assert [w.id for w in nothing_sent_abroad(None)] == ["core.W004", "core.W005"]


class AvatarTests(TestCase):
    def test_an_official_without_a_picture_gets_no_address_abroad(self):
        user = get_user_model().objects.create_user("avatar", "can.bo@example.gov.vn", "x" * 12)
        url = avatar_url(user)
        assert "gravatar" not in url
        assert url.startswith(settings.STATIC_URL)
