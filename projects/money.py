"""Amounts in đồng as Vietnamese readers write them (pure Python, no Django).

``exact(12_500_000_000)`` → "12.500.000.000 đồng"; ``short(12_500_000_000)`` → "12,5 tỷ
đồng", ``short(850_000_000)`` → "850 triệu đồng". Vietnamese groups thousands with dots and
writes decimals with a comma.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

BILLION = 1_000_000_000
MILLION = 1_000_000


def group_thousands(amount: int) -> str:
    """12500000 → "12.500.000"."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def exact(amount: int | None, unit: str = "đồng") -> str:
    if amount is None:
        return ""
    return f"{group_thousands(amount)} {unit}"


def _decimal(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    whole = group_thousands(int(whole)) if whole.lstrip("-").isdigit() else whole
    return f"{whole},{fraction}" if fraction else whole


def short(amount: int | None, unit: str = "đồng") -> str:
    """Rounded to tỷ (10⁹) or triệu (10⁶) with up to two decimals; smaller amounts exact."""
    if amount is None:
        return ""
    size = abs(int(amount))
    if size >= BILLION:
        return f"{_decimal(Decimal(int(amount)) / BILLION, 2)} tỷ {unit}"
    if size >= MILLION:
        return f"{_decimal(Decimal(int(amount)) / MILLION, 2)} triệu {unit}"
    return exact(amount, unit)
