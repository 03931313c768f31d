"""The everyday-language lexicon (``vietnam.everyday``) and i/y folding."""

import pytest

from congthongtin.vietnam import everyday
from congthongtin.vietnam.everyday import (
    ABBREVIATION,
    EVERYDAY,
    EXPANSION_WEIGHT,
    FORMER,
    TYPED_WEIGHT,
    Entry,
    Lexicon,
    analyse,
    key,
    parse,
    synonym_rules,
)
from congthongtin.vietnam.fold import fold_iy


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ky thuat", "ki thuat"),
        ("ki thuat", "ki thuat"),
        ("li lich", "li lich"),
        ("ly lich", "li lich"),
        ("quy dinh", "qui dinh"),
        ("mi thuat my thuat", "mi thuat mi thuat"),
        ("y te", "i te"),
        ("huy dong", "huy dong"),  # "uy" is another vowel
        ("thuy loi", "thuy loi"),
        ("tuy nhien", "tuy nhien"),
        ("uy ban", "uy ban"),
        ("day", "day"),  # "ay" is another vowel
        ("42/2022/nd-cp", "42/2022/nd-cp"),
    ],
)
def test_fold_iy(typed, folded):
    assert fold_iy(typed) == folded
    assert fold_iy(fold_iy(typed)) == folded


def test_key_folds_accents_case_and_iy():
    assert key("Làm Sổ Đỏ") == key("lam so do") == "lam so do"
    assert key("Kỹ thuật") == key("kĩ thuật") == key("ki thuat")
    assert key("Nghị định 42/2022/NĐ-CP") == "nghi dinh 42/2022/nd-cp"


def test_every_shipped_entry_has_a_reason_and_a_known_kind():
    assert len(everyday.SHIPPED) > 250
    kinds = {entry.kind for entry in everyday.SHIPPED}
    assert kinds == {EVERYDAY, FORMER, ABBREVIATION}
    for entry in everyday.SHIPPED:
        assert entry.reason, entry
        assert entry.terms, entry
        # A phrase never maps to itself only (that would add nothing).
        assert any(key(term) != key(entry.phrase) for term in entry.terms), entry


def test_shipped_phrases_are_unique_after_folding():
    keys = [entry.key for entry in everyday.SHIPPED]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("làm sổ đỏ", "giay chung nhan quyen su dung dat"),
        ("lam so do", "giay chung nhan quyen su dung dat"),
        ("bị đuổi việc", "nguoi su dung lao dong don phuong cham dut hop dong lao dong"),
        ("làm giấy khai sinh", "dang ki khai sinh"),
        ("xin phép xây nhà", "cap giay phep xay dung"),
        ("nhập hộ khẩu", "dang ki thuong tru"),
        ("CMND", "can cuoc"),
        ("chứng minh nhân dân", "the can cuoc"),
        ("UBND huyện", "uy ban nhan dan xa"),
        ("UBND", "uy ban nhan dan"),
        ("HĐND", "hoi dong nhan dan"),
        ("GCN QSDĐ", "giay chung nhan quyen su dung dat"),
        ("TTHC", "thu tuc hanh chinh"),
        ("BHXH", "bao hiem xa hoi"),
        ("Sở Kế hoạch và Đầu tư", "so tai chinh"),
    ],
)
def test_everyday_words_expand_to_administrative_terms(query, term):
    analysis = analyse(query)
    assert (term, EXPANSION_WEIGHT) in analysis.expansions


def test_expansions_weigh_less_than_typed_words():
    analysis = analyse("làm sổ đỏ")
    weights = dict(analysis.weighted())
    assert weights["so"] == weights["do"] == TYPED_WEIGHT
    assert weights["giay chung nhan quyen su dung dat"] == EXPANSION_WEIGHT < TYPED_WEIGHT


def test_fillers_weigh_nothing():
    analysis = analyse("Xin hỏi thủ tục làm sổ đỏ ở đâu, hết bao nhiêu tiền?")
    assert analysis.content == ("so", "do")
    assert set(analysis.fillers) >= {"xin", "hoi", "thu", "tuc", "lam", "o", "dau", "het", "tien"}
    analysis = analyse("đăng ký kết hôn cho con như thế nào")
    assert analysis.content == ("dang", "ki", "ket", "hon")


def test_a_query_of_fillers_only_keeps_its_words():
    assert analyse("như thế nào").content == ("nhu", "the", "nao")


def test_words_inside_longer_words_do_not_match():
    # "kiện" alone is not an entry: "điều kiện" must not turn into a complaint.
    assert analyse("điều kiện kinh doanh").expansions == ()
    # "cuối năm" is not "cưới".
    assert analyse("báo cáo cuối năm").expansions == ()


def test_longest_phrase_wins_and_is_reported_once():
    entries = analyse("sang tên sổ đỏ").entries
    assert [entry.phrase for entry in entries] == ["sang tên sổ đỏ"]


def test_terms_already_typed_are_not_added_again():
    analysis = analyse("giấy chứng nhận quyền sử dụng đất sổ đỏ")
    assert "giay chung nhan quyen su dung dat" not in dict(analysis.expansions)


def test_a_body_adds_its_own_entries_on_top():
    own = Entry("thôn Đồng Cao", ("xóm Đồng Cao", "khu dân cư số 3"), FORMER, "merged in 2019")
    lexicon = everyday.DEFAULT.extended([own])
    assert len(lexicon) == len(everyday.DEFAULT) + 1
    assert ("khu dan cu so 3", EXPANSION_WEIGHT) in lexicon.analyse("thon dong cao").expansions
    # The shipped lexicon is unchanged.
    assert everyday.DEFAULT.analyse("thon dong cao").expansions == ()


def test_a_body_entry_replaces_a_shipped_one_with_the_same_phrase():
    own = Entry("huyện", ("xã Xuân Bình",), FORMER, "our former district")
    lexicon = everyday.DEFAULT.extended([own])
    assert dict(lexicon.analyse("huyện").expansions) == {"xa xuan binh": EXPANSION_WEIGHT}


def test_parse_reads_variants_and_rejects_bad_lines():
    entries = parse("everyday | sổ đỏ, bìa đỏ | giấy chứng nhận; GCN | the usual name\n# note\n")
    assert [(e.phrase, e.terms) for e in entries] == [
        ("sổ đỏ", ("giấy chứng nhận", "GCN")),
        ("bìa đỏ", ("giấy chứng nhận", "GCN")),
    ]
    with pytest.raises(ValueError, match="line 1"):
        parse("everyday | sổ đỏ | giấy chứng nhận")
    with pytest.raises(ValueError):
        Entry("sổ đỏ", ("x",), "slang", "")
    with pytest.raises(ValueError):
        Entry("   ", ("giấy chứng nhận",))
    with pytest.raises(ValueError):
        Entry("sổ đỏ", ("  ",))


def test_an_empty_lexicon_still_separates_fillers():
    analysis = Lexicon().analyse("xin giấy phép xây dựng ở đâu")
    assert analysis.content == ("giay", "phep", "xay", "dung")
    assert analysis.expansions == ()


def test_synonym_rules_keep_the_typed_words_and_add_the_terms():
    rules = synonym_rules(everyday.SHIPPED)
    assert len(rules) == len({entry.key for entry in everyday.SHIPPED})
    assert rules == sorted(rules)
    rule = next(r for r in rules if r.startswith("lam so do =>"))
    assert rule == (
        "lam so do => lam so do, giay chung nhan quyen su dung dat, "
        "quyen so huu tai san gan lien voi dat, cap giay chung nhan"
    )
    for rule in rules:
        left, right = rule.split(" => ")
        assert right.split(", ")[0] == left
        assert "," not in left and "=>" not in right


def test_unaccented_word__a_filler_only_when_the_site_writes_it_so():
    """A "toi" typed without accents is the filler "tôi" unless the site writes it "tội";
    "co" is "có" unless the site writes "cơ"."""
    site_spelling = {"toi": "tội", "co": "cơ", "xin": "xin"}.get
    assert "toi" not in everyday.analyse("toi muon dang ky").content
    read = everyday.DEFAULT.analyse("toi pham co quan xin", usual=site_spelling)
    assert read.content == ("toi", "pham", "co", "quan")
    assert "xin" in read.fillers
    # A word typed with accents keeps its own accents whatever the site writes.
    assert "toi" not in everyday.DEFAULT.analyse("tôi phạm", usual=site_spelling).content
