"""News, expert articles, notices and schedules, conferences, socio-economic information
and useful links (docs/architecture.md §2; R-NEWS-1, R-NEWS-2, R-ANN-1, R-CONF-1, R-POL-1,
R-SITE-3)."""

from .articles import ArticleIndexPage, ArticlePage
from .categories import NewsCategory
from .conferences import ConferenceIndexPage, ConferenceKind, ConferencePage
from .links import LinksPage
from .news import NewsIndexPage, NewsPage
from .notices import NoticeIndexPage, NoticeKind, NoticePage
from .schedules import ScheduleEntry, ScheduleKind, WeeklySchedulePage
from .socioeconomic import PeriodType, SocioEconomicIndexPage, SocioEconomicKind, SocioEconomicPage

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ConferenceIndexPage",
    "ConferenceKind",
    "ConferencePage",
    "LinksPage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NoticeIndexPage",
    "NoticeKind",
    "NoticePage",
    "PeriodType",
    "ScheduleEntry",
    "ScheduleKind",
    "SocioEconomicIndexPage",
    "SocioEconomicKind",
    "SocioEconomicPage",
    "WeeklySchedulePage",
]
