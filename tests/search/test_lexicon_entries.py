"""A body's own citizens' words (issue 25): the model's checks, the lexicon each body's
search reads (search.lexicon) and the admin screen Settings → Citizens' words."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site

from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.search.lexicon import lexicon_for
from congthongtin.search.models import LexiconEntry
from congthongtin.vietnam import everyday
from tests.factories import make_portal

NS = "portal_search_lexiconentry"


def make_user(username, role, site):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn", "x" * 12)
    user.groups.add(role_group(role, site))
    return user


def entry(site, phrase="xóm Đình", terms="thôn Đình Thượng", **extra):
    values = {"kind": everyday.FORMER, "reason": "Nghị quyết sáp nhập thôn 2019", **extra}
    return LexiconEntry(site=site, phrase=phrase, terms=terms, **values)


def codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.error_dict[field]]


class Bodies(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.site_b, _home = make_portal("xa-b.example.vn", "Xã B", "UBND xã B")


class ModelTests(Bodies):
    def test_valid_entry__phrase_key_stored(self):
        row = entry(self.site_a, phrase="  Xóm  ĐÌNH ")
        row.full_clean()
        row.save()
        assert row.phrase_key == "xom dinh"

    def test_phrase_without_a_word__refused(self):
        with pytest.raises(ValidationError) as error:
            entry(self.site_a, phrase=" -- / ").full_clean()
        assert "no_word" in codes(error.value, "phrase")

    def test_no_term__refused(self):
        with pytest.raises(ValidationError) as error:
            entry(self.site_a, terms="\n  \n;").full_clean()
        assert "no_term" in codes(error.value, "terms")

    def test_too_many_terms__refused(self):
        terms = "\n".join(f"thôn {n}" for n in range(21))
        with pytest.raises(ValidationError) as error:
            entry(self.site_a, terms=terms).full_clean()
        assert "too_many_terms" in codes(error.value, "terms")
        entry(self.site_a, terms="\n".join(f"thôn {n}" for n in range(20))).full_clean()

    def test_term_too_long__refused(self):
        with pytest.raises(ValidationError) as error:
            entry(self.site_a, terms="thôn " + "a" * 200).full_clean()
        assert "term_too_long" in codes(error.value, "terms")

    def test_reason_required(self):
        with pytest.raises(ValidationError) as error:
            entry(self.site_a, reason="").full_clean()
        assert "reason" in error.value.error_dict

    def test_unknown_kind__refused(self):
        with pytest.raises(ValidationError) as error:
            entry(self.site_a, kind="slang").full_clean()
        assert "kind" in error.value.error_dict

    def test_same_phrase_in_the_same_body__refused_on_the_phrase(self):
        entry(self.site_a).save()
        with pytest.raises(ValidationError) as error:
            entry(self.site_a, phrase="XOM DINH").full_clean()
        assert codes(error.value, "phrase") == ["duplicate_phrase"]
        assert error.value.error_dict["phrase"][0].message == (
            "Cơ quan đã có một mục cho cụm từ này."
        )
        assert "__all__" not in error.value.error_dict  # said once, on the field

    def test_same_phrase_in_another_body__allowed(self):
        entry(self.site_a).save()
        entry(self.site_b).full_clean()

    def test_editing_an_entry__not_a_duplicate_of_itself(self):
        row = entry(self.site_a)
        row.save()
        row.terms = "thôn Đình Thượng\nthôn Đình Hạ"
        row.full_clean()

    def test_database_keeps_one_entry_per_phrase_and_body(self):
        entry(self.site_a).save()
        with pytest.raises(IntegrityError), transaction.atomic():
            entry(self.site_a, phrase="xom dinh").save()

    def test_messages_under_vietnamese__same_codes(self):
        # The Vietnamese text comes with the catalogue (po fragment "lexicon"); the codes
        # are what callers rely on.
        from django.utils import translation

        with translation.override("vi"), pytest.raises(ValidationError) as error:
            entry(self.site_a, phrase="?", terms=";").full_clean()
        assert codes(error.value, "phrase") == ["no_word"]
        assert codes(error.value, "terms") == ["no_term"]


class LexiconForTests(Bodies):
    def test_no_site__the_shipped_lexicon(self):
        assert lexicon_for(None) is everyday.DEFAULT

    def test_body_without_entries__the_shipped_lexicon(self):
        assert lexicon_for(self.site_a) is everyday.DEFAULT

    def test_body_entries_added_on_top(self):
        entry(self.site_a).save()
        lexicon = lexicon_for(self.site_a)
        analysis = lexicon.analyse("đường xóm Đình")
        assert ("thon dinh thuong", everyday.EXPANSION_WEIGHT) in analysis.expansions
        assert lexicon.analyse("làm sổ đỏ").expansions  # the shipped ones still there
        assert len(lexicon) == len(everyday.DEFAULT) + 1

    def test_body_entry_replaces_a_shipped_one_with_the_same_phrase(self):
        entry(self.site_a, phrase="Hộ khẩu", terms="đăng ký cư trú tại xã A").save()
        terms = [term for term, _w in lexicon_for(self.site_a).analyse("hộ khẩu").expansions]
        assert terms == ["dang ki cu tru tai xa a"]
        shipped = [term for term, _w in everyday.DEFAULT.analyse("hộ khẩu").expansions]
        assert "dang ki thuong tru" in shipped

    def test_no_leak_between_bodies(self):
        entry(self.site_a).save()
        entry(self.site_b, phrase="chợ Cũ", terms="chợ trung tâm xã B").save()
        assert lexicon_for(self.site_b).lookup("xóm Đình") == []
        assert lexicon_for(self.site_a).lookup("chợ cũ") == []
        assert lexicon_for(self.site_b.pk).lookup("chợ cũ")[0].terms == ("chợ trung tâm xã B",)

    def test_cached__no_query_when_warm(self):
        entry(self.site_a).save()
        lexicon_for(self.site_a)
        with self.assertNumQueries(0):
            lexicon_for(self.site_a)
            lexicon_for(self.site_a.pk)

    def test_saving_an_entry__the_next_search_sees_it(self):
        lexicon_for(self.site_a)
        row = entry(self.site_a)
        row.save()
        assert lexicon_for(self.site_a).lookup("xóm Đình")
        row.terms = "thôn Đình Hạ"
        row.save()
        assert lexicon_for(self.site_a).lookup("xóm Đình")[0].terms == ("thôn Đình Hạ",)

    def test_deleting_an_entry__the_next_search_forgets_it(self):
        row = entry(self.site_a)
        row.save()
        assert lexicon_for(self.site_a).lookup("xóm Đình")
        row.delete()
        assert lexicon_for(self.site_a) is everyday.DEFAULT

    def test_a_row_written_behind_the_forms_back__left_out(self):
        LexiconEntry.objects.create(site=self.site_a, phrase="--", terms="x", reason="r")
        assert lexicon_for(self.site_a) is everyday.DEFAULT


@pytest.mark.django_db
def test_warm_lexicon__zero_queries(django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    entry(site).save()
    lexicon_for(site)
    with django_assert_num_queries(0):
        assert lexicon_for(site).lookup("xom dinh")


def form_data(**extra):
    return {
        "phrase": "xóm Đình",
        "terms": "thôn Đình Thượng",
        "kind": everyday.FORMER,
        "reason": "Nghị quyết sáp nhập thôn 2019",
        **extra,
    }


def refused(response) -> bool:
    """403/404, or Wagtail's redirect to the dashboard with "no permission"."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404, 405)


class AdminTests(Bodies):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor_a = make_user("btv_a", roles.EDITOR, cls.site_a)
        cls.head_b = make_user("truong_b", roles.HEAD, cls.site_b)
        cls.auditor_a = make_user("kiemtra_a", roles.AUDITOR, cls.site_a)
        cls.collaborator_a = make_user("ctv_a", roles.COLLABORATOR, cls.site_a)
        cls.entry_b = entry(cls.site_b, phrase="chợ Cũ", terms="chợ trung tâm xã B")
        cls.entry_b.save()

    def test_editor__adds_an_entry_of_his_body(self):
        self.client.force_login(self.editor_a)
        page = self.client.get(reverse(f"{NS}:add"))
        assert page.status_code == 200
        assert 'name="site"' not in page.content.decode()  # one body: not a choice
        response = self.client.post(reverse(f"{NS}:add"), form_data())
        assert response.status_code == 302, response.content.decode()[:2000]
        created = LexiconEntry.objects.get(phrase_key="xom dinh")
        assert created.site == self.site_a
        assert lexicon_for(self.site_a).lookup("xom dinh")

    def test_editor__a_forged_site_is_ignored(self):
        self.client.force_login(self.editor_a)
        self.client.post(reverse(f"{NS}:add"), form_data(site=self.site_b.pk))
        assert LexiconEntry.objects.get(phrase_key="xom dinh").site == self.site_a

    def test_editor__duplicate_phrase_refused_with_the_message(self):
        entry(self.site_a).save()
        self.client.force_login(self.editor_a)
        response = self.client.post(reverse(f"{NS}:add"), form_data(phrase="XÓM ĐÌNH"))
        assert response.status_code == 200
        assert "Cơ quan đã có một mục cho cụm từ này." in response.content.decode()
        assert LexiconEntry.objects.filter(site=self.site_a).count() == 1

    def test_editor__does_not_see_or_change_another_bodys_entry(self):
        self.client.force_login(self.editor_a)
        listing = self.client.get(reverse(f"{NS}:index"))
        assert listing.status_code == 200
        assert "chợ Cũ" not in listing.content.decode()
        for name in ("edit", "delete"):
            url = reverse(f"{NS}:{name}", args=[self.entry_b.pk])
            assert refused(self.client.get(url))
            assert refused(self.client.post(url, form_data()))
        self.entry_b.refresh_from_db()
        assert self.entry_b.phrase == "chợ Cũ"

    def test_board_of_two_bodies__chooses_among_them_only(self):
        self.editor_a.groups.add(role_group(roles.EDITOR, self.site_b))
        third, _home = make_portal("xa-c.example.vn", "Xã C", "UBND xã C")
        self.client.force_login(self.editor_a)
        form = self.client.get(reverse(f"{NS}:add")).context["form"]
        assert set(form.fields["site"].queryset) == {self.site_a, self.site_b}
        response = self.client.post(reverse(f"{NS}:add"), form_data(site=third.pk))
        assert response.status_code == 200
        assert not LexiconEntry.objects.filter(site=third).exists()
        self.client.post(reverse(f"{NS}:add"), form_data(site=self.site_b.pk))
        assert LexiconEntry.objects.filter(site=self.site_b, phrase_key="xom dinh").exists()

    def test_listing__search_without_accents(self):
        entry(self.site_a).save()
        self.client.force_login(self.editor_a)
        response = self.client.get(reverse(f"{NS}:index"), {"q": "xom dinh"})
        assert response.status_code == 200
        assert "thôn Đình Thượng" in response.content.decode()

    def test_auditor__reads_only(self):
        own = entry(self.site_a)
        own.save()
        self.client.force_login(self.auditor_a)
        listing = self.client.get(reverse(f"{NS}:index"))
        assert listing.status_code == 200
        assert "xóm Đình" in listing.content.decode()
        assert "chợ Cũ" not in listing.content.decode()
        assert refused(self.client.get(reverse(f"{NS}:add")))
        edit = reverse(f"{NS}:edit", args=[own.pk])
        assert refused(self.client.post(edit, form_data(terms="khác")))
        own.refresh_from_db()
        assert own.terms == "thôn Đình Thượng"

    def test_collaborator__no_access(self):
        self.client.force_login(self.collaborator_a)
        assert refused(self.client.get(reverse(f"{NS}:index")))

    def test_head_of_other_body__deletes_own_entry(self):
        self.client.force_login(self.head_b)
        url = reverse(f"{NS}:delete", args=[self.entry_b.pk])
        assert self.client.post(url).status_code == 302
        assert not LexiconEntry.objects.filter(pk=self.entry_b.pk).exists()

    def test_settings_menu_shows_the_screen_to_the_board(self):
        self.client.force_login(self.editor_a)
        home = self.client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse(f"{NS}:index") in home
        self.client.force_login(self.collaborator_a)
        home = self.client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse(f"{NS}:index") not in home
