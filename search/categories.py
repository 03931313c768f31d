"""The content types of the search page's ``?loai=`` facet (issue 9)."""

from django.utils.translation import gettext_lazy as _

CATEGORIES = {
    "van-ban": _("Legal documents"),
    "thu-tuc": _("Administrative procedures"),
    "tin-tuc": _("News"),
    "thong-bao": _("Notices"),
    "du-an": _("Projects and procurement"),
    "hoi-nghi": _("Conferences"),
    "bai-viet": _("Articles"),
    "kinh-te-xa-hoi": _("Socio-economic information"),
    "hoi-dap": _("Questions and answers"),
    "du-thao": _("Draft consultations"),
}
