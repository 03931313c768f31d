"""Admin URLs of the royalty sheets (R-ROY-1), under /admin/ban-bien-tap/nhuan-but/."""

from django.urls import path

from .views import royalties

urlpatterns = [
    path("", royalties.months, name="royalty_months"),
    path("lap/", royalties.prepare, name="royalty_prepare"),
    path("<int:pk>/", royalties.sheet_view, name="royalty_sheet"),
    path("<int:pk>/dong/<int:line_id>/", royalties.line_view, name="royalty_line"),
    path("<int:pk>/thu-lao/", royalties.fee_view, name="royalty_fee"),
    path("<int:pk>/thu-lao/<int:fee_id>/xoa/", royalties.fee_remove, name="royalty_fee_remove"),
    path("<int:pk>/de-xuat/", royalties.propose, name="royalty_propose"),
    path("<int:pk>/tra-lai/", royalties.return_to_draft, name="royalty_return"),
    path("<int:pk>/duyet/", royalties.approve, name="royalty_approve"),
    path("<int:pk>/dinh-chinh/", royalties.correct, name="royalty_correct"),
    path("<int:pk>/tai-ve.<str:fmt>", royalties.download, name="royalty_download"),
]
