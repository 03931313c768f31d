"""Amounts of money in đồng: in figures ("1.800.000 đ") and in words, as accounting
documents write them (R-ROY-1: the monthly royalty sheet's "Bằng chữ: …").

The rule ``amount_in_words`` follows
====================================

Vietnamese invoices and accounting vouchers (hóa đơn, phiếu chi, bảng kê) write the amount
in words so that no figure can be added or read two ways. Their convention, which this
function follows, reads every group of three digits after the first non-zero one in full:

1. **Groups.** The number is cut into groups of three digits from the right: đơn vị,
   nghìn, triệu, then tỷ, and above a billion the same names again before "tỷ"
   (1.000.000.000.000 = "một nghìn tỷ").
2. **Zero groups.** A group that is all zeros is not read at all ("hai triệu đồng", not
   "hai triệu không nghìn đồng"); a group after it is read as usual.
3. **Zero hundreds.** Inside the number (every group but the first one read) the hundreds
   are always read, "không trăm" included: 1.005.000 = "một triệu không trăm linh năm
   nghìn", 1.050.000 = "một triệu không trăm năm mươi nghìn". The first group is read as
   spoken: 5.000 = "năm nghìn", 50.000 = "năm mươi nghìn".
4. **Zero tens.** A zero between a non-zero (or read) hundreds digit and a non-zero unit is
   "linh" (the form of the North and of most accounting software; the South says "lẻ"):
   105 = "một trăm linh năm".
5. **Units after tens.** 1 after tens of twenty and more is "mốt" (21 = "hai mươi mốt"; 11
   stays "mười một", 101 "một trăm linh một"); 5 after any tens is "lăm" (15 = "mười lăm",
   25 = "hai mươi lăm"; 105 stays "một trăm linh năm"); 4 after tens of twenty and more is
   "tư" (24 = "hai mươi tư"; 14 stays "mười bốn", 104 "một trăm linh bốn"). Tens are
   "mười" for 1 and "<digit> mươi" from 2.
6. **Form.** The first letter is a capital and the words end with "đồng"; 0 is "Không
   đồng". Negative amounts are refused: a sheet never pays a negative sum.

Why not ``num2words``: its Vietnamese reader speaks numbers, it drops the zero hundreds
inside a number ("một triệu năm nghìn" for 1.005.000), which accounting documents do not
accept, because "một triệu năm nghìn" could be 1.005.000 or, misheard, 1.500.000. The test
module cross-checks this function with ``num2words(lang="vi")`` on the numbers where both
conventions agree (every group after the first has a non-zero hundreds digit, "tư" read
as "bốn", "lẻ" as "linh").
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
#: Names of the groups below a billion (units, thousands, millions).
GROUP_NAMES = ("", "nghìn", "triệu")
BILLION = 10**9


def _group_words(n: int, full: bool) -> list[str]:
    """Words of one group ``0 < n < 1000``; ``full``: the group is inside the number, so
    its hundreds are read even when zero (rule 3)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    words += ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    """Words of ``0 < n < 10**9``; ``full``: something was read before it (rule 3)."""
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue  # rule 2
        words += _group_words(group, full or bool(words))
        if GROUP_NAMES[index]:
            words.append(GROUP_NAMES[index])
    return words


def _words(n: int, full: bool = False) -> list[str]:
    if n < BILLION:
        return _below_billion(n, full)
    billions, rest = divmod(n, BILLION)
    words = [*_words(billions, full), "tỷ"]
    if rest:
        words += _below_billion(rest, True)
    return words


def number_in_words(n: int) -> str:
    """``n`` (a whole number ≥ 0) in words, lower case, by the rules above: 1005000 →
    "một triệu không trăm linh năm nghìn"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("A whole number of đồng is expected.")
    if n < 0:
        raise ValueError("An amount in words cannot be negative.")
    return "không" if n == 0 else " ".join(_words(n))


def amount_in_words(n: int) -> str:
    """The amount ``n`` đồng in words as accounting documents write it, capitalised and
    ending with "đồng": 1800000 → "Một triệu tám trăm nghìn đồng"; 1005000 → "Một triệu
    không trăm linh năm nghìn đồng" (``num2words`` would say "một triệu năm nghìn", which
    accounting documents do not use: see the module's docstring)."""
    words = number_in_words(n)
    return f"{words[0].upper()}{words[1:]} đồng"


def format_dong(n: int, unit: str = " đ") -> str:
    """``n`` đồng in figures with "." between thousands: 1800000 → "1.800.000 đ"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("A whole number of đồng is expected.")
    sign = "-" if n < 0 else ""
    return f"{sign}{abs(n):,}".replace(",", ".") + unit
