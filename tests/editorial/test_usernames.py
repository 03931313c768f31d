"""R-ACC-1 user names from full names (vietnam.names)."""

import pytest

from congthongtin.vietnam.names import split_full_name, unique_username, username_base


@pytest.mark.parametrize(
    ("full_name", "username"),
    [
        ("Nguyễn Văn An", "nvan"),
        ("Trần Thị Bình", "ttbinh"),
        ("Lê Văn Cường", "lvcuong"),
        ("Đỗ Văn Hải", "dvhai"),
        ("  Hoàng   Văn  Em ", "hvem"),
        ("Tôn Nữ Thị Ngọc Ánh", "tntnanh"),
        ("Lê Cường", "lcuong"),
        ("Ánh", "anh"),
    ],
)
def test_username_base(full_name, username):
    assert username_base(full_name) == username


def test_unique_username__clash__numbered():
    taken = {"nvan", "nvan2"}
    assert unique_username("Nguyễn Văn An", taken.__contains__) == "nvan3"
    assert unique_username("Ngô Văn An", set().__contains__) == "nvan"


def test_username_base__no_letters__refused():
    with pytest.raises(ValueError):
        username_base("123 !!")


def test_split_full_name():
    assert split_full_name("Nguyễn Văn An") == ("Nguyễn Văn", "An")
