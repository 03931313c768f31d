"""Satisfaction with a service (Decree 224/2026 Điều 10.3b): five levels and a comment on every
procedure page, one rating per visitor, service and day, and nothing about the visitor kept."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Site

from congthongtin.consultation.models import SatisfactionLevel, ServiceRating
from congthongtin.consultation.ratings import record_satisfaction
from congthongtin.core import sitecache
from congthongtin.core.bodies import body_of
from congthongtin.core.models import BodyStatus
from tests.factories import StandardPageFactory, make_portal
from tests.helpers import override_app_settings
from tests.procedures.helpers import make_index, make_procedure

from .helpers import clock, vn

URL = "/danh-gia-trang/hai-long/"
ADDRESS = "203.113.131.7"
AGENT = "Mozilla/5.0 (Linux; Android 14; SM-A155F) Chrome/126.0 Mobile"
COMMENT = "Hướng dẫn rõ ràng, nhưng cần ghi thêm số điện thoại hỗ trợ."


@pytest.fixture
def procedure(db):
    index = make_index(Site.objects.get(is_default_site=True).root_page)
    return make_procedure(index, title="Đăng ký khai sinh", online_level="khong")


def rate(client, page, level="4", comment="", origin="http://testserver", **extra):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    headers.setdefault("REMOTE_ADDR", ADDRESS)
    headers.setdefault("HTTP_USER_AGENT", AGENT)
    headers.update(extra)
    data = {"page": page.pk, "level": level, "comment": comment}
    return client.post(URL, {k: v for k, v in data.items() if v is not None}, **headers)


# The form on the page -----------------------------------------------------------------------
def test_form__on_a_procedure_page_a_fieldset_of_five_levels_no_token_no_cookie(client, procedure):
    response = client.get(procedure.url)
    html = response.content.decode()
    form = html[html.index('class="cv-feedback cv-satisfaction"') :]
    form = form[: form.index("</section>")]
    assert f'action="{URL}"' in form and 'method="post"' in form
    assert f'name="page" value="{procedure.pk}"' in form
    assert re.search(r"<fieldset[^>]*>\s*<legend", form)
    radios = re.findall(r'<input type="radio" name="level" value="(\d)"[^>]*id="([^"]+)"', form)
    assert [value for value, _id in radios] == ["1", "2", "3", "4", "5"]
    for value, radio_id in radios:
        label = str(SatisfactionLevel(int(value)).label)
        assert f'<label for="{radio_id}">{label}</label>' in form
    assert '<textarea name="comment"' in form and 'maxlength="2000"' in form
    assert 'name="extra_note"' in form  # the honeypot
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    # Beside “Was this page useful?”, after it.
    assert html.index('class="cv-feedback__form"') < html.index("cv-satisfaction")


def test_form__not_on_a_page_that_is_no_service(client, db):
    page = StandardPageFactory(parent=Page.objects.get(depth=2), title="Giới thiệu chung")
    html = client.get(page.url).content
    assert b"cv-feedback__form" in html  # the page rating is there
    assert b"cv-satisfaction" not in html


def test_form__not_on_an_archived_bodys_pages(client, db):
    site, home = make_portal("xa-cu.example.vn", "UBND xã Cũ", "UBND xã Cũ")
    page = make_procedure(make_index(home), title="Đăng ký kết hôn")
    body = body_of(site)
    body.status = BodyStatus.ARCHIVE
    body.save()
    sitecache.invalidate()
    html = client.get(page.relative_url(site), HTTP_HOST="xa-cu.example.vn").content
    assert b"cv-satisfaction" not in html
    response = rate(client, page, HTTP_HOST="xa-cu.example.vn", origin="http://xa-cu.example.vn")
    assert response.status_code == 403
    assert not ServiceRating.objects.exists()


# A rating ------------------------------------------------------------------------------------
def test_rating__stored_with_page_level_comment_and_time_only(client, procedure):
    response = rate(client, procedure, "2", f"<b>{COMMENT}</b>")
    assert response.status_code == 200
    assert b"cv-success" in response.content
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    rating = ServiceRating.objects.get()
    assert (rating.page_id, rating.level, rating.comment) == (procedure.pk, 2, COMMENT)
    # The table holds nothing else, and no value anywhere in the database names the visitor.
    columns = {
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), ServiceRating._meta.db_table
        )
    }
    assert columns == {"id", "page_id", "level", "comment", "created_at"}
    dump = StringIO()
    call_command("dumpdata", stdout=dump, exclude=["contenttypes", "auth.permission"])
    assert ADDRESS not in dump.getvalue()
    assert "SM-A155F" not in dump.getvalue()


def test_rating__a_second_the_same_day_refused_politely_the_first_kept(client, procedure):
    assert rate(client, procedure, "5", "Rất tốt").status_code == 200
    again = rate(client, procedure, "1", "Lần hai")
    assert again.status_code == 200
    assert b"cv-success" not in again.content
    assert b'role="status"' in again.content
    assert list(ServiceRating.objects.values_list("level", "comment")) == [(5, "Rất tốt")]


def test_rating__once_per_visitor_and_service__others_and_other_services_counted(client, procedure):
    other_service = make_procedure(procedure.get_parent(), title="Đăng ký kết hôn")
    rate(client, procedure, "4")
    rate(client, other_service, "3")  # the same visitor, another service
    rate(client, procedure, "5", REMOTE_ADDR="203.113.131.8")  # another address
    rate(client, procedure, "2", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) Firefox/128.0")
    assert sorted(ServiceRating.objects.values_list("page_id", "level")) == sorted(
        [(procedure.pk, 4), (other_service.pk, 3), (procedure.pk, 5), (procedure.pk, 2)]
    )


def test_rating__the_next_local_day_the_visitor_may_rate_again(client, procedure):
    with clock(vn(2026, 10, 5, 23, 50)):
        rate(client, procedure, "3")
        rate(client, procedure, "1")
    with clock(vn(2026, 10, 6, 0, 10)):
        rate(client, procedure, "4")
    assert sorted(ServiceRating.objects.values_list("level", flat=True)) == [3, 4]


@pytest.mark.parametrize(
    "level, comment, message",
    [
        (None, COMMENT, "Hãy chọn mức độ hài lòng của bạn với dịch vụ này."),
        ("9", COMMENT, "Hãy chọn một trong năm mức."),
        ("4", "Dài quá. " * 250, "Chỉ được viết tối đa 2000 ký tự (bạn đã viết 2249)."),
    ],
)
def test_rating__bad_input__errors_and_everything_typed_kept(
    client, procedure, level, comment, message
):
    response = rate(client, procedure, level, comment)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and message in html
    assert comment.strip() in html  # the textarea holds what was typed
    if level == "4":
        assert re.search(r'value="4"[^>]*checked', html)
    assert 'aria-invalid="true"' in html or "cv-field--error" in html
    assert not ServiceRating.objects.exists()
    # Corrected, it is accepted (a refused form does not use up the day's rating).
    assert b"cv-success" in rate(client, procedure, "4", "Đã sửa").content
    assert ServiceRating.objects.count() == 1


def test_rating__from_elsewhere_robots_or_wrong_pages__refused(client, procedure):
    page = StandardPageFactory(parent=Page.objects.get(depth=2), title="Giới thiệu")
    assert rate(client, procedure, origin="https://evil.example").status_code == 403
    assert rate(client, procedure, origin="").status_code == 403
    assert (
        client.post(
            URL,
            {"page": procedure.pk, "level": "4", "extra_note": "x"},
            HTTP_ORIGIN="http://testserver",
        ).status_code
        == 400
    )
    assert rate(client, page).status_code == 400  # not a service
    assert (
        client.post(URL, {"page": "abc", "level": "4"}, HTTP_ORIGIN="http://testserver").status_code
        == 400
    )
    draft = make_procedure(procedure.get_parent(), live=False, title="Chưa đăng")
    assert rate(client, draft).status_code == 400
    assert client.get(URL).status_code == 405
    assert not ServiceRating.objects.exists()


def test_rating__burst_from_one_address__limited_text_kept(client, procedure):
    limits = {"satisfaction": {"accepted": (2, 600), "attempts": (60, 600)}}
    with override_app_settings(PUBLIC_FORM_RATE_LIMITS=limits):
        for n in range(2):
            rate(client, procedure, "4", HTTP_USER_AGENT=f"Trình duyệt {n}")
        response = rate(client, procedure, "3", COMMENT, HTTP_USER_AGENT="Trình duyệt 3")
    assert response.status_code == 429
    assert COMMENT in response.content.decode()
    assert ServiceRating.objects.count() == 2


# The one way a rating is made ----------------------------------------------------------------
def test_record_satisfaction__only_services_and_the_five_levels(procedure):
    page = StandardPageFactory(parent=Page.objects.get(depth=2))
    with pytest.raises(ValueError):
        record_satisfaction(page, 4, "")
    for level in (0, 6):
        with pytest.raises(ValueError):
            record_satisfaction(procedure, level, "")
    generic = Page.objects.get(pk=procedure.pk)  # a plain Page row of a service
    rating = record_satisfaction(generic, SatisfactionLevel.SATISFIED, "x" * 2500)
    assert (rating.level, len(rating.comment)) == (4, 2000)
