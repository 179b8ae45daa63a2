"""Personal information: found in every common shape, and ordinary numbers left alone."""

import pytest

from forum.moderation import check


def personal(text: str) -> list[str]:
    return [span.text for span in check(text).spans if span.reason == "personal_info"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("số em 0912 345 678 nhé", "0912 345 678"),
        ("số em 0912.345.678 nhé", "0912.345.678"),
        ("số em 0912-345-678 nhé", "0912-345-678"),
        ("số em +84 912 345 678 nhé", "+84 912 345 678"),
        ("số em 09 12 34 56 78 nhé", "09 12 34 56 78"),
        ("số em 0912345678 nhé", "0912345678"),
        ("số em 0 9 1 2 3 4 5 6 7 8 nhé", "0 9 1 2 3 4 5 6 7 8"),
        ("máy bàn 0225 3123 456", "0225 3123 456"),
    ],
)
def test_phone_numbers_in_every_format(text, number):
    assert number in " ".join(personal(text))


def test_a_phone_number_spelled_out_in_words():
    assert personal("không chín một hai ba bốn năm sáu bảy tám là số em")


@pytest.mark.parametrize(
    "text",
    [
        "Gọi 111 nếu cần giúp đỡ",
        "Tổng đài 18006605 và 1800 6605",
        "Gọi 113, 114, 115 khi khẩn cấp",
        "Em 10 tuổi",
        "Vé 50.000 đồng, trà sữa 35k",
        "Năm 2020, lúc 7 giờ",
        "Lớp 5A, lớp 7A3",
        "Điểm 9.5, 80% các bạn",
        "Điểm của em: 9, 8, 10, 7, 9",
        "Em để dành 1.500.000 đồng",
        "Em sinh ngày 12/5/2013",
        "Năm học 2023-2024",
    ],
)
def test_ordinary_numbers_are_not_personal(text):
    assert check(text).action == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "mail em là an.nguyen@gmail.com",
        "gửi về hoa_mai@yahoo.com.vn",
        "bichngoc a còng gmail chấm com",
        "face của em là Nguyen An",
        "fb: tranbaongoc2011",
        "kết bạn zalo với em nhé",
        "tiktok của mình là @an_cute2012",
        "facebook.com/an.nguyen.2012",
        "m.me/baongoc",
        "zalo.me/0912345678",
        "follow insta của em nha",
        "my insta is @coolkid_2011",
    ],
)
def test_emails_and_social_accounts(text):
    assert personal(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Nhà em ở số 12 ngõ 34 phố Lạch Tray.", "số 12 ngõ 34 phố Lạch Tray"),
        ("Em ở ngõ 45 Cầu Đất.", "ngõ 45 Cầu Đất"),
        ("Nhà mình ở hẻm 12 đường Lê Lợi.", "hẻm 12 đường Lê Lợi"),
        ("Nhà em ở kiệt 7 Hùng Vương.", "kiệt 7 Hùng Vương"),
        ("Nhà em ở 25 Lạch Tray, gần chợ.", "nhà em ở 25 Lạch Tray"),
        ("Em sống ở phố Cầu Đất.", "Cầu Đất"),
    ],
)
def test_street_addresses(text, address):
    assert address.lower() in " ".join(personal(text)).lower()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tên em là Nguyễn Văn An.", "Nguyễn Văn An"),
        ("Em tên là Trần Thị Bích Ngọc, học lớp 4B.", "Trần Thị Bích Ngọc"),
        ("tên em là nguyễn văn an ạ", "nguyễn văn an"),
        ("My name is Hoang Bao Chau.", "Hoang Bao Chau"),
        ("Họ tên em: Bùi Quang Huy.", "Bùi Quang Huy"),
    ],
)
def test_a_child_naming_themself_in_full(text, name):
    assert personal(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Em tên là An.",
        "Mình là Lan, học lớp 5A.",
        "Em là học sinh lớp 5.",
        "Nhà em có 4 người.",
        "Đường đến trường đông",
    ],
)
def test_a_given_name_or_a_place_alone_is_not_personal(text):
    assert check(text).action == "allow"


def test_social_profile_links_are_links_too():
    assert check("facebook.com/an.nguyen").reasons == ("personal_info", "link")


@pytest.mark.parametrize("text", ["https://youtube.com/watch?v=abc", "www.hocmai.vn", "thieunhi.vn", "bit.ly/abc"])
def test_links(text):
    assert check(text).reasons == ("link",)


@pytest.mark.parametrize("text", ["v.v. và TP.HCM", "điểm 9.5", "em đi học.Trường em đẹp"])
def test_dots_that_are_not_links(text):
    assert check(text).action == "allow"
