"""Search in citizens' words (issue 25): fillers and extra words, everyday words and former
names, i/y spellings, typos with a correction notice, the answer box, each body's own
entries. Run on SQLite and on PostgreSQL (CI runs both): the same behaviour on each."""

from __future__ import annotations

from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from congthongtin.search import query as search
from congthongtin.search import vocabulary
from congthongtin.search.citizen import read
from congthongtin.search.models import LexiconEntry
from congthongtin.vietnam.everyday import EVERYDAY, FORMER
from tests.procedures.helpers import make_index, make_procedure
from tests.search.test_search import publish


class CitizenSearchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)
        cls.site = Site.objects.get(is_default_site=True)
        cls.marriage = publish(cls.home, "Đăng ký kết hôn", intro="Thủ tục đăng ký kết hôn tại xã")
        cls.birth = publish(cls.home, "Đăng ký khai sinh", intro="Khai sinh cho trẻ em mới sinh")
        cls.land = publish(
            cls.home,
            "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
            intro="Hồ sơ, trình tự cấp Giấy chứng nhận quyền sử dụng đất",
        )
        cls.building = publish(
            cls.home, "Cấp giấy phép xây dựng nhà ở riêng lẻ", intro="Giấy phép xây dựng"
        )
        cls.signature = publish(
            cls.home, "Chứng thực chữ ký", intro="Chứng thực chữ ký trong giấy tờ, văn bản"
        )
        cls.residence = publish(cls.home, "Đăng ký thường trú", intro="Thường trú tại xã")
        cls.skills = publish(cls.home, "Lớp bồi dưỡng kỹ thuật trồng rừng", intro="Kỹ thuật")

    def setUp(self):
        cache.clear()
        vocabulary.forget()

    def outcome(self, query, **options):
        return search.run(query, self.site, search.Filters(), **options)

    def titles(self, query, **options):
        return [hit.document.title for hit in self.outcome(query, **options).hits]


class FillersAndExtraWordsTests(CitizenSearchTestCase):
    def test_fillers__do_not_have_to_be_on_the_page(self):
        for query in (
            "xin hỏi thủ tục đăng ký khai sinh như thế nào",
            "cho em hỏi đăng ký khai sinh ở đâu ạ",
            "dang ky khai sinh het bao nhieu tien",
        ):
            with self.subTest(query=query):
                outcome = self.outcome(query)
                self.assertEqual(outcome.hits[0].document.title, "Đăng ký khai sinh")
                self.assertGreater(outcome.strict, 0)  # every content word matched

    def test_accented_word__is_not_a_filler_of_other_accents(self):
        # "thẻ" is not the filler "thế", "tội" not "tôi", "hội" not "hỏi".
        self.assertIn("thẻ", read("thẻ bảo hiểm", self.site).content)
        self.assertIn("tội", read("tội phạm", self.site).content)
        self.assertNotIn("tôi", read("tôi muốn đăng ký kết hôn", self.site).content)

    def test_an_extra_word__keeps_the_right_result_first(self):
        outcome = self.outcome("đăng ký kết hôn với người Lào vùng biên")
        self.assertEqual(outcome.strict, 0)  # no page holds every word
        first = outcome.hits[0]
        self.assertEqual(first.document.title, "Đăng ký kết hôn")
        self.assertIn("Lào", first.missing)
        self.assertNotIn("kết", first.missing)

    def test_partial_match__holds_more_than_half_of_the_words(self):
        self.assertEqual(self.outcome("xyzzy khong co").hits, [])
        self.assertEqual(self.outcome("xyzzy đăng").hits, [])

    def test_partial_matches__only_when_no_row_holds_every_word(self):
        outcome = self.outcome("đăng ký kết hôn")
        self.assertEqual([hit.missing for hit in outcome.hits], [()] * len(outcome.hits))
        self.assertNotIn("Đăng ký khai sinh", [h.document.title for h in outcome.hits])

    def test_rarer_word__weighs_more(self):
        # "kết hôn" is rarer in the site's titles than "đăng ký": the row holding it first,
        # and the rows holding only "đăng ký" (two words of six) not at all.
        titles = self.titles("đăng ký kết hôn xuất cảnh")
        self.assertEqual(titles[0], "Đăng ký kết hôn")
        self.assertNotIn("Đăng ký thường trú", titles)
        reading = read("đăng ký kết hôn", self.site)
        self.assertGreater(reading.weights["ket"], reading.weights["dang"])


class LexiconTests(CitizenSearchTestCase):
    def test_everyday_words__find_the_administrative_term(self):
        for query, title in (
            ("làm sổ đỏ", self.land.title),
            ("lam so do", self.land.title),
            ("xin phép xây nhà", self.building.title),
            ("nhập hộ khẩu", "Đăng ký thường trú"),
        ):
            with self.subTest(query=query):
                self.assertIn(title, self.titles(query)[:3])

    def test_expanded_terms__named_in_the_outcome(self):
        outcome = self.outcome("làm sổ đỏ")
        self.assertIn("giấy chứng nhận quyền sử dụng đất", " ".join(outcome.terms))
        self.assertIn("giấy chứng nhận", outcome.highlight)

    def test_exact_title__beats_an_expanded_one(self):
        typed = publish(self.home, "Trao sổ đỏ cho 120 hộ dân", intro="Tin hoạt động")
        titles = self.titles("sổ đỏ")
        self.assertEqual(titles[0], typed.title)
        self.assertIn(self.land.title, titles)
        self.assertLess(titles.index(typed.title), titles.index(self.land.title))

    def test_abbreviation__rewritten_in_full(self):
        publish(self.home, "Kỳ họp thứ 11 Hội đồng nhân dân xã", intro="Thông báo triệu tập")
        self.assertEqual(self.titles("kỳ họp HĐND xã")[0], "Kỳ họp thứ 11 Hội đồng nhân dân xã")

    def test_without_citizen_reading__only_the_words_typed(self):
        self.assertNotIn(self.land.title, self.titles("làm sổ đỏ", citizen=False))


class SpellingTests(CitizenSearchTestCase):
    def test_i_and_y__one_spelling(self):
        for query in ("chữ kí", "chu ki", "chữ ký", "CHU KY"):
            with self.subTest(query=query):
                self.assertEqual(self.titles(query)[0], "Chứng thực chữ ký")
        for query in ("kĩ thuật", "ki thuat"):
            with self.subTest(query=query):
                self.assertEqual(self.titles(query)[0], self.skills.title)

    def test_typo__corrected_and_said(self):
        outcome = self.outcome("giay phpe xay dung")
        self.assertEqual(outcome.corrected, "giấy phép xây dựng")
        self.assertEqual(outcome.hits[0].document.title, self.building.title)

    def test_telex_keys_left_in__corrected(self):
        outcome = self.outcome("dang kys kest hon")
        self.assertEqual(outcome.corrected, "đăng ký kết hôn")
        self.assertEqual(outcome.hits[0].document.title, "Đăng ký kết hôn")

    def test_exact__no_correction(self):
        outcome = self.outcome("giay phpe xay dung", exact=True)
        self.assertEqual(outcome.corrected, "")

    def test_known_words__never_corrected(self):
        self.assertEqual(self.outcome("đăng ký kết hôn").corrected, "")


class SearchPageTests(CitizenSearchTestCase):
    def get(self, **params):
        with translation.override("vi"):
            return self.client.get(reverse("portal_search:search"), params)

    def test_correction_notice__and_search_exactly_link(self):
        response = self.get(q="giay phpe xay dung")
        html = response.content.decode()
        self.assertContains(response, "Kết quả cho «<strong>giấy phép xây dựng</strong>»")
        self.assertIn("chinh_xac=1", html)
        self.assertIn("Tìm chính xác «giay phpe xay dung»?", html)
        exact = self.get(q="giay phpe xay dung", chinh_xac="1")
        self.assertNotContains(exact, "Kết quả cho")

    def test_terms_line__and_missing_words(self):
        self.assertContains(self.get(q="làm sổ đỏ"), "«giấy chứng nhận quyền sử dụng đất»")
        response = self.get(q="đăng ký kết hôn với người Lào vùng biên")
        self.assertContains(response, "<s>Lào</s>")

    def test_answer_box__a_procedure_that_matches_strongly(self):
        index = make_index()
        make_procedure(index, title="Đăng ký khai tử", code="1.000656", processing_days=1)
        response = self.get(q="làm giấy khai tử cho bố")
        self.assertContains(response, 'class="search-answer__title"')
        self.assertContains(response, "Đăng ký khai tử")
        none = self.get(q="khai tử hôm qua ở thôn bên")  # partial matches only: no box
        self.assertNotContains(none, 'class="search-answer__title"')


class BodyLexiconTests(CitizenSearchTestCase):
    def test_a_body_entry__used_by_its_own_search_only(self):
        village = publish(self.home, "Thôn Xuân Thịnh", intro="Giới thiệu thôn")
        LexiconEntry.objects.create(
            site=self.site,
            phrase="xóm Đình",
            terms="thôn Xuân Thịnh",
            kind=FORMER,
            reason="Tên cũ trước khi sáp nhập thôn năm 2019",
        )
        self.assertEqual(self.titles("xóm Đình")[0], village.title)
        other = Site.objects.create(hostname="khac.example", root_page=self.home, port=81)
        self.assertEqual(read("xóm Đình", other).rewrites, [])

    def test_a_body_entry__replaces_a_shipped_one(self):
        LexiconEntry.objects.create(
            site=self.site,
            phrase="sổ đỏ",
            terms="chứng thực chữ ký",
            kind=EVERYDAY,
            reason="Kiểm thử",
        )
        self.assertEqual(read("sổ đỏ", self.site).terms, ["chứng thực chữ ký"])


class VocabularyTests(CitizenSearchTestCase):
    def test_site_titles_and_lexicon__nothing_of_another_site(self):
        words = vocabulary.vocabulary_for(self.site)
        self.assertIn("chung", words.counts)  # "Chứng thực chữ ký"
        self.assertIn("ubnd", words.counts)  # the shipped lexicon
        other_root = Page.objects.get(depth=1).add_child(
            instance=Page(title="Trang khác", slug="trang-khac")
        )
        publish(other_root, "Quyết toán ngân sách biệt lập")
        other = Site.objects.create(hostname="khac.example", root_page=other_root, port=81)
        vocabulary.forget()
        cache.clear()
        self.assertNotIn("biet", vocabulary.vocabulary_for(self.site).counts)
        self.assertIn("biet", vocabulary.vocabulary_for(other).counts)

    def test_cached_in_the_process(self):
        vocabulary.vocabulary_for(self.site)
        with self.assertNumQueries(0):
            vocabulary.vocabulary_for(self.site)

    def test_process_keeps_the_last_used_only(self):
        """A worker serving many bodies keeps ``LOCAL_MAX`` vocabularies, the last used."""
        root = Page.objects.get(depth=1)
        sites = [self.site]
        for n in range(2):
            home = root.add_child(instance=Page(title=f"Xã {n}", slug=f"xa-{n}"))
            publish(home, f"Thủ tục riêng của xã số {n}")
            sites.append(Site.objects.create(hostname=f"xa-{n}.example", root_page=home))
        with mock.patch.object(vocabulary, "LOCAL_MAX", 2):
            first = vocabulary.vocabulary_for(sites[0])
            vocabulary.vocabulary_for(sites[1])
            self.assertIs(vocabulary.vocabulary_for(sites[0]), first)  # used last: kept
            vocabulary.vocabulary_for(sites[2])  # sites[1] is dropped
            self.assertEqual(
                list(vocabulary._local), [vocabulary._cache_key(s) for s in (sites[0], sites[2])]
            )
            cache.clear()
            with self.assertNumQueries(0):
                vocabulary.vocabulary_for(sites[0])
            with CaptureQueriesContext(connection) as built_again:
                vocabulary.vocabulary_for(sites[1])
            self.assertGreater(len(built_again), 0)


class BoundsTests(CitizenSearchTestCase):
    def test_long_hostile_query__not_corrected_and_bounded_in_statements(self):
        """40 words none of which any page holds: no correction (a pasted text), partial
        matching reads the six heaviest words only."""
        query = " ".join(["xqz", "phpe", "kqw", "zzv"] * 10)
        self.outcome(query)  # the vocabulary and the lexicon, cached
        with CaptureQueriesContext(connection) as statements:
            outcome = self.outcome(query)
        self.assertEqual(outcome.corrected, "")
        self.assertLessEqual(len(statements.captured_queries), 25)
