"""Demo of the e-mail subscriptions (issue 23 §5): the page "Đăng ký nhận tin" under the home
page, and one confirmed subscriber to a field's daily digest (its address is what the
technical administrator's screen shows). Idempotent: the page by slug, the subscriber by
(site, e-mail)."""

from __future__ import annotations

from django.utils import timezone

from congthongtin.core.models import Field
from congthongtin.nhuxuan_site.demo.builder import ensure_child
from congthongtin.subscriptions.models import (
    Frequency,
    Subscription,
    SubscriptionPage,
    SubscriptionTopic,
    TopicKind,
)

SUBSCRIBER = "nguoi.dan.nhan.tin@example.vn"


def load(context) -> None:
    ensure_child(
        context.home,
        SubscriptionPage,
        "dang-ky-nhan-tin",
        title="Đăng ký nhận tin",
        intro=(
            "Nhận qua thư điện tử các văn bản, tin tức, thông báo mới đăng trên Cổng thông tin "
            "theo chuyên mục, lĩnh vực, cơ quan ban hành hoặc loại văn bản mà ông/bà chọn: ngay "
            "khi đăng, hoặc tổng hợp mỗi ngày, mỗi tuần một thư."
        ),
    )
    now = timezone.now()
    subscription, created = Subscription.objects.get_or_create(
        site=context.site,
        email=SUBSCRIBER,
        defaults={"frequency": Frequency.DAILY, "consent_at": now, "confirmed_at": now},
    )
    field = Field.objects.order_by("name").first()
    if created and field is not None:
        SubscriptionTopic.objects.create(
            subscription=subscription, kind=TopicKind.FIELD, value=str(field.pk), label=field.name
        )
    if context.stdout:
        context.stdout.write("  subscriptions: the page “Đăng ký nhận tin” and 1 subscriber")
