"""congthongtin.vietnam.fold.telex: the accents kept in ASCII, tone placement unified."""

import pytest

from congthongtin.vietnam.fold import fold, telex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tòa", "toaf"),
        ("toà", "toaf"),
        ("toa", "toa"),
        ("thủy", "thuyr"),
        ("thuỷ", "thuyr"),
        ("Đường", "dduwowngf"),
        ("Nghị định", "nghij ddinhj"),
        ("quyết", "quyeets"),
        ("ăn", "awn"),
    ],
)
def test_telex(text, expected):
    assert telex(text) == expected


def test_telex__unaccented_text_is_its_own_fold():
    assert telex("dang ky ket hon") == fold("dang ky ket hon")
