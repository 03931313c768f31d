"""Citizens' words and the administration's: a lexicon for search.

People search "làm sổ đỏ" for *cấp Giấy chứng nhận quyền sử dụng đất*, "hộ khẩu" years after
the Law on Residence replaced the household book, "huyện" for units that no longer exist
since 1 July 2025, and "UBND" for *Ủy ban nhân dân*. Each :class:`Entry` maps what citizens
type to the terms the administration writes, and says why (the law that renamed a thing,
or the everyday usage). :class:`Lexicon` finds the entries in a query and gives the terms to
add, with a weight below the words typed so that a page holding the typed words still ranks
first; it also tells the words that carry meaning from the fillers around them ("xin",
"thủ tục", "như thế nào", "ở đâu", "hết bao nhiêu tiền"), which weigh nothing.

Everything is compared on search keys (:func:`key`): folded (no diacritics, đ → d) with
i/y folded (:func:`congthongtin.vietnam.fold.fold_iy`), so "lam so do", "làm sổ đỏ" and
"Làm Sổ Đỏ" find the same entry. A body adds its own entries on top of the shipped list
(:meth:`Lexicon.extended`): a commune its villages' old names, a department its own
abbreviations. Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .fold import fold, search_words, telex

#: Kinds of entry.
EVERYDAY = "everyday"  # everyday words for an administrative term
FORMER = "former"  # a name the law has replaced or an authority that no longer exists
ABBREVIATION = "abbreviation"  # an abbreviation written in documents and by citizens
KINDS = (EVERYDAY, FORMER, ABBREVIATION)

#: Weight of a typed word; an added term weighs less, so exact matches still rank first.
TYPED_WEIGHT = 1.0
EXPANSION_WEIGHT = 0.4


_SURFACE = re.compile(r"[^\W_]+(?:[/.-][^\W_]+)*", re.UNICODE)


def accents(text: str) -> tuple[str | None, ...]:
    """Each word of ``text`` in Telex when it is written with accents (the tone's place
    does not matter: "hoà" and "hòa" are one), else None."""
    found = []
    for word in _SURFACE.findall(text):
        lower = word.lower()
        found.append(None if fold(lower) == lower else telex(lower))
    return tuple(found)


def key(text: str) -> str:
    """The search key of ``text``: folded, i/y folded, words separated by one space."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    """The words of ``text`` as search keys; a document number stays one word."""
    return search_words(text)


@dataclass(frozen=True)
class Entry:
    """What citizens type (``phrase``) → what the administration writes (``terms``)."""

    phrase: str
    terms: tuple[str, ...]
    kind: str = EVERYDAY
    reason: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if not key(self.phrase):
            raise ValueError("an entry needs a phrase with at least one word")
        if not any(key(term) for term in self.terms):
            raise ValueError(f"entry {self.phrase!r} has no term")

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(words(self.phrase))


@dataclass(frozen=True)
class Analysis:
    """What a query says, read with a lexicon."""

    #: Every word typed, as search keys, in order.
    typed: tuple[str, ...]
    #: The typed words that carry meaning (fillers and question words left out; all of
    #: ``typed`` when nothing else is left).
    content: tuple[str, ...]
    #: The entries found in the query, longest first.
    entries: tuple[Entry, ...] = ()
    #: (term, weight) to add to the query: administrative terms not already typed.
    expansions: tuple[tuple[str, float], ...] = field(default=())

    @property
    def fillers(self) -> tuple[str, ...]:
        return tuple(word for word in self.typed if word not in self.content)

    def weighted(self) -> list[tuple[str, float]]:
        """The content words at :data:`TYPED_WEIGHT`, then the expansions."""
        return [(word, TYPED_WEIGHT) for word in self.content] + list(self.expansions)


class Lexicon:
    """A set of entries, matched on whole words of a query's search key."""

    def __init__(self, entries: Iterable[Entry] = (), fillers: Iterable[str] | None = None):
        by_key: dict[tuple[str, ...], Entry] = {}
        for entry in entries:
            by_key[entry.key] = entry  # a later entry (a body's own) replaces an earlier one
        self._entries = by_key
        self._longest = max((len(k) for k in by_key), default=0)
        self._filler_texts = tuple(FILLERS if fillers is None else fillers)
        #: Filler key → its accented spellings (Telex, one per word; None: written unaccented)
        self._fillers: dict[tuple[str, ...], set[tuple[str | None, ...]]] = {}
        for phrase in self._filler_texts:
            if words(phrase):
                self._fillers.setdefault(tuple(words(phrase)), set()).add(accents(phrase))
        self._filler_longest = max((len(k) for k in self._fillers), default=0)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self):
        return iter(self._entries.values())

    def extended(self, entries: Iterable[Entry]) -> Lexicon:
        """This lexicon with ``entries`` on top (an entry with the same phrase replaces the
        shipped one)."""
        return Lexicon([*self._entries.values(), *entries], fillers=self._filler_phrases())

    def _filler_phrases(self) -> list[str]:
        return list(self._filler_texts)

    def lookup(self, text: str) -> list[Entry]:
        """The entries whose phrase occurs in ``text`` as whole words, longest first; a
        shorter phrase inside a longer one found is not reported again."""
        return [entry for entry, _start, _end in self._spans(words(text))]

    def spans(self, typed: list[str]) -> list[tuple[Entry, int, int]]:
        """(entry, start, end) of the entries found in ``typed`` (search keys), longest
        first; a word belongs to one entry at most."""
        return self._spans(typed)

    def _spans(self, typed: list[str]) -> list[tuple[Entry, int, int]]:
        found, taken = [], [False] * len(typed)
        for length in range(min(self._longest, len(typed)), 0, -1):
            for start in range(len(typed) - length + 1):
                if any(taken[start : start + length]):
                    continue
                entry = self._entries.get(tuple(typed[start : start + length]))
                if entry is not None:
                    found.append((entry, start, start + length))
                    taken[start : start + length] = [True] * length
        return sorted(found, key=lambda item: (-(item[2] - item[1]), item[1]))

    def _is_filler(self, key: tuple[str, ...], typed_accents: tuple[str | None, ...]) -> bool:
        """Whether the typed words (search keys, and their accents when typed with them)
        are a filler: the same keys, and each accented word with the filler's accents."""
        spellings = self._fillers.get(key)
        if not spellings:
            return False
        return any(
            all(
                typed is None or typed == written
                for typed, written in zip(typed_accents, spelling, strict=True)
            )
            for spelling in spellings
        )

    def _filler_mask(
        self,
        typed: list[str],
        protected: list[bool],
        typed_accents: list[str | None],
        single_accents: list[str | None],
    ) -> list[bool]:
        mask = [False] * len(typed)
        for length in range(min(self._filler_longest, len(typed)), 0, -1):
            for start in range(len(typed) - length + 1):
                span = range(start, start + length)
                if any(mask[i] or protected[i] for i in span):
                    continue
                key = tuple(typed[start : start + length])
                spelled = single_accents if length == 1 else typed_accents
                if self._is_filler(key, tuple(spelled[start : start + length])):
                    for i in span:
                        mask[i] = True
        return mask

    def analyse(self, query: str, usual: Callable[[str], str | None] | None = None) -> Analysis:
        """Split ``query`` into content words and fillers and find its entries.

        Words inside a matched phrase are never fillers on their own ("làm" in "làm sổ
        đỏ" is part of the phrase; the phrase's own content words are what the page may
        hold). An entry's terms already typed are not added again.

        ``usual(key)``: how the site usually writes a word typed without accents (None:
        not known). Such a word is a filler only if its usual spelling is the filler's:
        "toi" where the site writes "tội" is no "tôi", "co" where it writes "cơ" no "có".
        """
        typed = words(query)
        typed_accents = list(accents(query))
        if len(typed_accents) != len(typed):  # words split otherwise: compare folded only
            typed_accents = [None] * len(typed)
        # A filler of one word is checked against the site's usual spelling; a phrase of
        # fillers ("het bao nhieu tien") needs no such check.
        single_accents = list(typed_accents)
        if usual is not None:
            for i, key_ in enumerate(typed):
                if typed_accents[i] is None and (written := usual(key_)):
                    single_accents[i] = (accents(written) or (None,))[0]
        spans = self._spans(typed)
        protected = [False] * len(typed)
        for _entry, start, end in spans:
            for i in range(start, end):
                protected[i] = True
        mask = self._filler_mask(typed, protected, typed_accents, single_accents)
        # A matched phrase's own filler words ("làm" in "làm sổ đỏ") weigh nothing either.
        content = [
            word
            for i, word in enumerate(typed)
            if not mask[i] and not (protected[i] and self._is_filler((word,), (single_accents[i],)))
        ] or list(typed)
        typed_key = " " + " ".join(typed) + " "
        expansions: list[tuple[str, float]] = []
        seen: set[str] = set()
        for entry, _start, _end in spans:
            for term in entry.terms:
                term_key = key(term)
                if not term_key or term_key in seen or f" {term_key} " in typed_key:
                    continue
                seen.add(term_key)
                expansions.append((term_key, EXPANSION_WEIGHT))
        return Analysis(
            typed=tuple(typed),
            content=tuple(content),
            entries=tuple(entry for entry, _s, _e in spans),
            expansions=tuple(expansions),
        )


#: Words and phrases that wrap a question without saying what it is about. They weigh
#: nothing when ranking; a query made only of them keeps them all. Written with their
#: accents: a word typed with accents is a filler only with the same accents ("tội" is not
#: "tôi", "thẻ" not "thế", "hội" not "hỏi"); a word typed without accents is compared folded.
FILLERS = """
xin; cho; cho con; cho em; cho tôi; tôi; em; mình; chúng tôi; gia đình tôi; con tôi; muốn;
cần; phải; có; được; không; có được không; được không; thế nào; như thế nào; như nào;
làm thế nào; làm sao; ra sao; bao giờ; khi nào; ở đâu; tại đâu; chỗ nào; nơi nào; nộp ở đâu;
bao nhiêu; hết bao nhiêu; hết bao nhiêu tiền; bao nhiêu tiền; mất bao lâu; bao lâu;
mất bao nhiêu ngày; là gì; gì; những gì; giấy tờ gì; hồ sơ gồm những gì; cần những gì;
những; thủ tục; thủ tục làm; cách; cách làm; hướng dẫn; quy trình; làm; đi làm; việc; về;
của; và; với; ở; tại; để; thì; mà; à; nhé; vậy; thế; hả; nhỉ; ơi; giúp; giúp em; giúp tôi;
hỏi; cho hỏi; xin hỏi; ai; người; làm giấy; online; trực tuyến; giờ; bây giờ; hiện nay; ạ; đã;
mấy
"""
FILLERS = tuple(p.strip() for p in FILLERS.replace("\n", " ").split(";") if p.strip())

# kind | what citizens type (variants separated by ",") | administrative terms (";") | why
_DATA = """
everyday | làm sổ đỏ, sổ đỏ, bìa đỏ, sổ hồng, làm bìa đỏ, cấp sổ đỏ | giấy chứng nhận quyền sử dụng đất; quyền sở hữu tài sản gắn liền với đất; cấp giấy chứng nhận | Land Law 2024 (31/2024/QH15), Art. 3.21: the certificate people call "sổ đỏ" (land) and "sổ hồng" (house)
everyday | sang tên sổ đỏ, sang tên đất, sang tên nhà, mua bán đất | đăng ký biến động; chuyển nhượng quyền sử dụng đất | Land Law 2024, Art. 133: a transfer is registered as a change (đăng ký biến động)
everyday | tách sổ, tách thửa, chia đất | tách thửa đất; hợp thửa | Land Law 2024, Art. 220 (tách thửa, hợp thửa)
everyday | lên thổ cư, chuyển lên thổ cư, chuyển đất vườn, chuyển đổi đất | chuyển mục đích sử dụng đất; đất ở | Land Law 2024, Art. 121 (chuyển mục đích sử dụng đất)
everyday | thổ cư, đất thổ cư | đất ở | Land Law 2024, Art. 9: "thổ cư" is residential land (đất ở)
everyday | đền bù, đền bù đất, tiền đền bù | bồi thường; hỗ trợ; tái định cư | Land Law 2024, Chapter VII (bồi thường, hỗ trợ, tái định cư)
everyday | giải tỏa, bị thu đất, lấy đất | thu hồi đất | Land Law 2024, Chapter VI (thu hồi đất)
everyday | làm giấy khai sinh, làm khai sinh, giấy khai sinh, khai sinh cho con | đăng ký khai sinh | Law on Civil Status 2014 (60/2014/QH13), Art. 13–17
everyday | làm lại giấy khai sinh, mất giấy khai sinh, xin lại giấy khai sinh | đăng ký lại khai sinh; cấp bản sao trích lục hộ tịch | Decree 123/2015/NĐ-CP, Art. 24–26 (re-registration); Law on Civil Status, Art. 63 (copies)
everyday | giấy đăng ký kết hôn, làm giấy kết hôn, đăng ký cưới, lấy vợ, lấy chồng | đăng ký kết hôn | Law on Civil Status 2014, Art. 17–18
everyday | giấy xác nhận độc thân, xác nhận độc thân, giấy độc thân | xác nhận tình trạng hôn nhân | Decree 123/2015/NĐ-CP, Art. 21–23
everyday | giấy chứng tử, báo tử, khai tử cho bố, khai tử cho mẹ, người nhà mất | đăng ký khai tử | Law on Civil Status 2014, Art. 32–34
everyday | nhận con nuôi, xin con nuôi | đăng ký nuôi con nuôi | Law on Adoption 2010 (52/2010/QH12)
everyday | nhận cha cho con, nhận con, nhận bố cho con | đăng ký nhận cha, mẹ, con | Law on Civil Status 2014, Art. 24–25
everyday | ly dị, bỏ vợ, bỏ chồng | ly hôn | Law on Marriage and Family 2014 (52/2014/QH13), Art. 51–55
everyday | sao y, sao y bản chính, công chứng giấy tờ, photo công chứng | chứng thực bản sao từ bản chính | Decree 23/2015/NĐ-CP, Art. 2: a certified copy is "chứng thực bản sao"
everyday | công chứng chữ ký, xác nhận chữ ký | chứng thực chữ ký | Decree 23/2015/NĐ-CP, Art. 23–26
everyday | lý lịch tư pháp, xin lý lịch tư pháp, giấy không tiền án | cấp phiếu lý lịch tư pháp | Law on Judicial Records 2009 (28/2009/QH12), Art. 41
everyday | xin phép xây nhà, xây nhà, giấy phép xây nhà, phép xây dựng, xin giấy phép xây dựng | cấp giấy phép xây dựng | Construction Law 2014 (50/2014/QH13, amended 2020), Art. 89
everyday | sửa nhà, sửa chữa nhà, cơi nới nhà | giấy phép sửa chữa, cải tạo; cấp giấy phép xây dựng | Construction Law 2014, Art. 89.2
everyday | bị đuổi việc, đuổi việc, công ty đuổi việc, bị cho nghỉ việc, công ty cho nghỉ, mất việc | người sử dụng lao động đơn phương chấm dứt hợp đồng lao động; sa thải; trợ cấp thôi việc | Labour Code 2019 (45/2019/QH14), Art. 36 (unilateral termination), Art. 125 (sa thải)
everyday | nghỉ việc, xin nghỉ việc, bỏ việc | người lao động đơn phương chấm dứt hợp đồng lao động; chấm dứt hợp đồng lao động; trợ cấp thôi việc | Labour Code 2019, Art. 34–35, 46
everyday | tiền thôi việc, tiền nghỉ việc | trợ cấp thôi việc | Labour Code 2019, Art. 46
everyday | nghỉ đẻ, nghỉ sinh, tiền sinh con, sinh con | nghỉ thai sản; chế độ thai sản | Law on Social Insurance 2024 (41/2024/QH15), Chapter IV (thai sản)
everyday | lương hưu | chế độ hưu trí; hưởng lương hưu | Law on Social Insurance 2024, Chapter V (hưu trí)
everyday | về hưu, nghỉ hưu | tuổi nghỉ hưu; chế độ hưu trí | Labour Code 2019, Art. 169; Law on Social Insurance 2024, Chapter V
everyday | nghỉ phép, nghỉ phép năm, phép năm | nghỉ hằng năm | Labour Code 2019, Art. 113 (annual leave is "nghỉ hằng năm" in the law)
everyday | viết di chúc, lập di chúc, làm di chúc | di chúc | Civil Code 2015 (91/2015/QH13), Art. 624–630
everyday | chia thừa kế không có di chúc, không có di chúc, chia tài sản bố mẹ để lại | thừa kế theo pháp luật | Civil Code 2015, Art. 649–650
everyday | cây đổ, cây đổ đè, cây đổ vào nhà | thiệt hại do cây cối gây ra | Civil Code 2015, Art. 604
everyday | chó cắn, bị chó cắn, trâu húc, bò húc | thiệt hại do súc vật gây ra | Civil Code 2015, Art. 603
everyday | vay tiền không trả, vay tiền, cho vay tiền, đòi nợ, vay nợ | hợp đồng vay tài sản; nghĩa vụ trả nợ của bên vay | Civil Code 2015, Art. 463–466
everyday | hộ cá thể, kinh doanh cá thể, cá thể | hộ kinh doanh | Decree 168/2025/NĐ-CP on business registration (household businesses)
everyday | rút bảo hiểm, rút bảo hiểm một lần, rút sổ bảo hiểm | bảo hiểm xã hội một lần | Law on Social Insurance 2024, Art. 70
everyday | tiền thất nghiệp, trợ cấp thất nghiệp, hưởng thất nghiệp | trợ cấp thất nghiệp; bảo hiểm thất nghiệp | Law on Employment 2013 (38/2013/QH13), Art. 49–50
everyday | thẻ bảo hiểm cho con, bảo hiểm y tế cho con, thẻ bảo hiểm trẻ em | cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi | Law on Health Insurance 2008 (amended 2014), Art. 12; joint procedure of Decree 63/2024/NĐ-CP
everyday | làm giấy tờ cho con mới sinh, giấy tờ cho trẻ mới sinh | đăng ký khai sinh; đăng ký thường trú; cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi | Decree 63/2024/NĐ-CP: the linked procedure for a newborn
everyday | làm hộ chiếu, làm passport, passport | cấp hộ chiếu phổ thông | Law on Exit and Entry of Citizens 2019 (49/2019/QH14), Art. 15
everyday | bằng lái, bằng lái xe, làm bằng lái, thi bằng lái | giấy phép lái xe | Law on Road Traffic Order and Safety 2024 (36/2024/QH15), Art. 57
everyday | đổi bằng lái, đổi bằng lái xe | đổi giấy phép lái xe | Law on Road Traffic Order and Safety 2024, Art. 57
everyday | biển số xe, đăng ký xe máy, đăng ký xe ô tô, giấy tờ xe, cà vẹt | đăng ký xe | Law on Road Traffic Order and Safety 2024, Art. 39; "cà vẹt" is the everyday name of the registration paper
everyday | mở quán, mở cửa hàng, mở tiệm, bán hàng, kinh doanh nhỏ, giấy phép kinh doanh, giấy phép buôn bán | đăng ký hộ kinh doanh; đăng ký kinh doanh | Decree 168/2025/NĐ-CP on business registration (household businesses)
everyday | mở công ty, lập công ty, thành lập công ty | đăng ký thành lập doanh nghiệp | Law on Enterprises 2020 (59/2020/QH14), Art. 26
everyday | bán rượu, giấy phép bán rượu | giấy phép bán lẻ rượu | Decree 105/2017/NĐ-CP on the trade in alcohol
everyday | giấy an toàn thực phẩm, giấy vệ sinh an toàn thực phẩm | giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm | Law on Food Safety 2010 (55/2010/QH12), Art. 34
everyday | sổ hộ nghèo, xin hộ nghèo, làm hộ nghèo, sổ nghèo | công nhận hộ nghèo; hộ cận nghèo | Decree 07/2021/NĐ-CP (multidimensional poverty line)
everyday | tiền người già, trợ cấp người già, tiền tuổi già, người già | trợ cấp xã hội hằng tháng; người cao tuổi; bảo trợ xã hội | Decree 20/2021/NĐ-CP, Art. 5 (monthly social allowance)
everyday | tiền khuyết tật, giấy khuyết tật, người tàn tật, tàn tật | xác định mức độ khuyết tật; trợ cấp xã hội | Law on Persons with Disabilities 2010 (51/2010/QH12), Art. 15–17
everyday | tiền mai táng, tiền đám ma, tiền ma chay | trợ cấp mai táng; hỗ trợ chi phí mai táng | Decree 20/2021/NĐ-CP, Art. 11; Law on Social Insurance 2024 (trợ cấp mai táng)
everyday | đơn kiện, khiếu kiện, đơn thưa, kiện cán bộ | khiếu nại; tố cáo | Law on Complaints 2011 (02/2011/QH13); Law on Denunciations 2018 (25/2018/QH14)
everyday | đơn thư, gửi đơn, ý kiến người dân | phản ánh, kiến nghị; khiếu nại; tố cáo | Decree 20/2008/NĐ-CP (phản ánh, kiến nghị); the Laws on Complaints and Denunciations
everyday | góp ý, góp ý dự thảo | lấy ý kiến; dự thảo văn bản | Law on Promulgation of Legal Documents 2025 (64/2025/QH15): public consultation on drafts
everyday | tiếp dân, gặp lãnh đạo | tiếp công dân | Law on Citizen Reception 2013 (42/2013/QH13)
everyday | một cửa, bộ phận một cửa, nộp hồ sơ ở đâu | bộ phận tiếp nhận và trả kết quả; trung tâm phục vụ hành chính công | Decree 61/2018/NĐ-CP (one-stop shop), amended by Decree 107/2021/NĐ-CP
everyday | nộp online, nộp hồ sơ online, làm online, nộp qua mạng | dịch vụ công trực tuyến; nộp hồ sơ trực tuyến | Decree 42/2022/NĐ-CP as replaced by Decree 224/2026/NĐ-CP (online public services)
everyday | xem hồ sơ đến đâu, hồ sơ đến đâu rồi, tra hồ sơ | tra cứu hồ sơ; tình trạng hồ sơ | Decree 61/2018/NĐ-CP, Art. 25 (tracking a file)
everyday | giấy xác nhận cư trú, xác nhận cư trú, xác nhận nơi ở | xác nhận thông tin về cư trú | Law on Residence 2020 (68/2020/QH14), Art. 17; Decree 154/2024/NĐ-CP
everyday | thuế đất, thuế nhà đất | thuế sử dụng đất phi nông nghiệp; thuế sử dụng đất nông nghiệp | Law on Non-agricultural Land Use Tax 2010 (48/2010/QH12)
everyday | trước bạ, tiền trước bạ | lệ phí trước bạ | Decree 10/2022/NĐ-CP on registration fees
everyday | phạt nguội, bị phạt, nộp phạt | xử phạt vi phạm hành chính; nộp tiền phạt | Law on Handling Administrative Violations 2012 (15/2012/QH13)
everyday | rác, đổ rác, tiền rác, thu gom rác | chất thải rắn sinh hoạt; thu gom, vận chuyển | Law on Environmental Protection 2020 (72/2020/QH14), Art. 75–79
everyday | chuyển trường, xin chuyển trường | chuyển trường; tiếp nhận học sinh | Circular 50/2021/TT-BGDĐT on school transfers
everyday | bằng tốt nghiệp, sao bằng, mất bằng | cấp bản sao văn bằng, chứng chỉ; văn bằng | Circular 21/2019/TT-BGDĐT on diplomas
everyday | chứng minh thư, làm chứng minh, làm căn cước, làm thẻ căn cước, cccd gắn chip | cấp thẻ căn cước; căn cước | Law on Identification 2023 (26/2023/QH15), Art. 18–24
former | hộ khẩu, sổ hộ khẩu, nhập hộ khẩu, chuyển hộ khẩu, cắt hộ khẩu, tách hộ khẩu | đăng ký thường trú; cư trú; xóa đăng ký thường trú; tách hộ | Law on Residence 2020 (68/2020/QH14), Art. 38.3: household books ceased to be valid after 31 December 2022
former | sổ tạm trú, tạm trú, khai báo tạm trú, đăng ký kt3, kt3, kt2 | đăng ký tạm trú; cư trú | Law on Residence 2020, Art. 27–28 and 38.3 (the temporary residence book is gone)
former | tạm vắng, khai báo tạm vắng | khai báo tạm vắng; cư trú | Law on Residence 2020, Art. 31
former | cmnd, chứng minh nhân dân, giấy chứng minh | căn cước; thẻ căn cước; căn cước công dân | Law on Identification 2023 (26/2023/QH15), Art. 46: the identity card (CMND) was valid until 31 December 2024; cards are "thẻ căn cước" since 1 July 2024
former | cccd, căn cước công dân, thẻ căn cước công dân | thẻ căn cước; căn cước | Law on Identification 2023, Art. 46: "thẻ căn cước công dân" stays valid and is renamed "thẻ căn cước"
former | huyện, ubnd huyện, ủy ban huyện, cấp huyện | xã; phường; ủy ban nhân dân xã; cấp xã | Law on Local Government Organisation 2025 (72/2025/QH15), Art. 51.3: the district level was abolished on 1 July 2025; communes took over its tasks
former | quận, ubnd quận | phường; ủy ban nhân dân phường | Law on Local Government Organisation 2025, Art. 51.3
former | thị trấn, ubnd thị trấn | xã; phường | Law on Local Government Organisation 2025: towns were rearranged into communes and wards in 2025
former | thị xã | phường; xã | Law on Local Government Organisation 2025: district-level towns were abolished in 2025
former | phòng tư pháp, phòng tư pháp huyện | ủy ban nhân dân xã; sở tư pháp | Law on Local Government Organisation 2025: district offices were abolished with the district level
former | phòng tài nguyên, phòng tài nguyên và môi trường, phòng địa chính | văn phòng đăng ký đất đai; ủy ban nhân dân xã | 2025 reorganisation: land registration moved to the communes and the land registration office
former | sở kế hoạch và đầu tư, sở kế hoạch đầu tư, sở khđt, sở kh&đt | sở tài chính | Decree 45/2025/NĐ-CP on provincial departments: planning and investment merged into finance (2025)
former | sở lao động thương binh và xã hội, sở lao động, sở lđtbxh | sở nội vụ; sở y tế | Decree 45/2025/NĐ-CP: labour and war invalids went to home affairs, social protection to health (2025)
former | sở thông tin và truyền thông, sở tttt, sở thông tin truyền thông | sở khoa học và công nghệ; sở văn hóa, thể thao và du lịch | Decree 45/2025/NĐ-CP: information and communications merged into science and technology (press to culture) (2025)
former | sở tài nguyên và môi trường, sở tài nguyên, sở tnmt | sở nông nghiệp và môi trường | Decree 45/2025/NĐ-CP: natural resources merged with agriculture (2025)
former | sở nông nghiệp và phát triển nông thôn, sở nn&ptnt, sở nnptnt | sở nông nghiệp và môi trường | Decree 45/2025/NĐ-CP (2025)
former | sở giao thông vận tải, sở giao thông, sở gtvt | sở xây dựng | Decree 45/2025/NĐ-CP: transport merged into construction (2025)
former | ban dân tộc | sở dân tộc và tôn giáo | Decree 45/2025/NĐ-CP (2025)
former | bộ lao động thương binh và xã hội, bộ lđtbxh | bộ nội vụ; bộ y tế | Resolution 176/2025/QH15 on the Government's structure (2025)
former | bộ kế hoạch và đầu tư, bộ khđt | bộ tài chính | Resolution 176/2025/QH15 (2025)
former | bộ thông tin và truyền thông, bộ tttt | bộ khoa học và công nghệ | Resolution 176/2025/QH15 (2025)
former | bộ tài nguyên và môi trường, bộ nông nghiệp và phát triển nông thôn | bộ nông nghiệp và môi trường | Resolution 176/2025/QH15 (2025)
former | bộ giao thông vận tải, bộ gtvt | bộ xây dựng | Resolution 176/2025/QH15 (2025)
former | nghị định 42/2022, nghị định 42 | nghị định 224/2026/nđ-cp | Decree 224/2026/NĐ-CP replaced Decree 42/2022/NĐ-CP on online information and public services
abbreviation | ubnd | ủy ban nhân dân | written in every document heading
abbreviation | hđnd | hội đồng nhân dân | written in every resolution heading
abbreviation | gcn | giấy chứng nhận | land and business certificates
abbreviation | qsdđ, qsd đất | quyền sử dụng đất | land certificates
abbreviation | gcnqsdđ, gcn qsdđ | giấy chứng nhận quyền sử dụng đất | land certificates
abbreviation | tthc | thủ tục hành chính | procedure lists
abbreviation | dvc, dvctt | dịch vụ công; dịch vụ công trực tuyến | online public services
abbreviation | bhxh | bảo hiểm xã hội | social insurance
abbreviation | bhyt | bảo hiểm y tế | health insurance
abbreviation | bhtn | bảo hiểm thất nghiệp | unemployment insurance
abbreviation | gpxd | giấy phép xây dựng | construction permits
abbreviation | gplx | giấy phép lái xe | driving licences
abbreviation | đkkd, gpkd | đăng ký kinh doanh | business registration
abbreviation | dntn | doanh nghiệp tư nhân | Law on Enterprises 2020 (59/2020/QH14), Art. 188
abbreviation | tyt | trạm y tế | the commune health station, as notices and job postings abbreviate it
abbreviation | hkd | hộ kinh doanh | household businesses
abbreviation | dn | doanh nghiệp | enterprises
abbreviation | mst | mã số thuế | tax codes
abbreviation | tncn | thu nhập cá nhân | personal income tax
abbreviation | gtgt, vat | giá trị gia tăng | value added tax
abbreviation | vbqppl | văn bản quy phạm pháp luật | legal documents
abbreviation | nđ-cp, nđcp | nghị định | decrees of the Government
abbreviation | qđ | quyết định | decisions
abbreviation | nq | nghị quyết | resolutions
abbreviation | tt, tt-btc | thông tư | circulars
abbreviation | ct | chỉ thị | directives
abbreviation | cv | công văn | official letters
abbreviation | pccc | phòng cháy, chữa cháy | fire safety
abbreviation | attp | an toàn thực phẩm | food safety
abbreviation | csgt | cảnh sát giao thông | traffic police
abbreviation | gd&đt, gdđt | giáo dục và đào tạo | education
abbreviation | nn&mt | nông nghiệp và môi trường | agriculture and environment (since 2025)
abbreviation | kh&cn, khcn | khoa học và công nghệ | science and technology
abbreviation | vh-tt-dl, vhttdl | văn hóa, thể thao và du lịch | culture, sports and tourism
abbreviation | mttq | mặt trận tổ quốc | the Fatherland Front
abbreviation | ttpvhcc | trung tâm phục vụ hành chính công | the public administration service centre
"""


def parse(text: str) -> list[Entry]:
    """Entries from lines ``kind | phrase, variant | term; term | reason`` (blank lines and
    lines starting with ``#`` are skipped); one entry per variant."""
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 4:
            raise ValueError(f"line {number}: expected 4 fields separated by '|'")
        kind, phrases, terms, reason = parts
        term_list = tuple(term.strip() for term in terms.split(";") if term.strip())
        for phrase in phrases.split(","):
            if phrase.strip():
                entries.append(Entry(phrase.strip(), term_list, kind, reason))
    return entries


def synonym_rules(entries: Iterable[Entry]) -> list[str]:
    """The entries as synonym rules in the Solr format that Elasticsearch's and OpenSearch's
    ``synonym_graph`` filters read, on search keys: ``"lam so do => lam so do, giay chung
    nhan quyen su dung dat"`` keeps the typed words and adds the terms (the query-time
    weighting of :class:`Lexicon` has no equivalent in a filter; the search app boosts the
    typed words' clause instead). One rule per phrase, sorted, so the settings are stable."""
    rules = {}
    for entry in entries:
        phrase = " ".join(entry.key)
        terms = [phrase] + [key(term) for term in entry.terms if key(term) and key(term) != phrase]
        rules[phrase] = f"{phrase} => {', '.join(dict.fromkeys(terms))}"
    return [rules[phrase] for phrase in sorted(rules)]


SHIPPED: tuple[Entry, ...] = tuple(parse(_DATA))
DEFAULT = Lexicon(SHIPPED)


def analyse(query: str) -> Analysis:
    """:meth:`Lexicon.analyse` with the shipped lexicon."""
    return DEFAULT.analyse(query)
