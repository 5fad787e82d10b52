"""The 分析 tab: one sub-page per analysis; a page computes when shown and again after a change it shows."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.analysis.activity import ActivityPage
from ui.analysis.company import CompanyPage
from ui.analysis.customers import DormantPage, PreferencePage, RfmPage
from ui.analysis.grades import GradesPage
from ui.analysis.margin import MarginPage
from ui.analysis.potential import PotentialPage
from ui.context import AppContext
from ui.paged_tab import PagedTab

REFRESH_ON = ("customer", "order", "return", "salesperson", "code", "product", "settings")


class AnalysisTab(PagedTab):
    PAGE_KEY = "analysis/page"
    REFRESH_ON = REFRESH_ON

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.activity = ActivityPage(ctx)
        self.margin = MarginPage(ctx)
        self.grades = GradesPage(ctx)
        self.potential = PotentialPage(ctx)
        self.dormant = DormantPage(ctx)
        self.rfm = RfmPage(ctx)
        self.preference = PreferencePage(ctx)
        self.company = CompanyPage(ctx)
        self.add_pages([self.activity, self.margin, self.grades, self.potential, self.dormant, self.rfm,
                        self.preference, self.company],
                       [self.tr("客户活跃率"), self.tr("毛利分析"), self.tr("客户分级"), self.tr("潜在大客户"),
                        self.tr("沉睡客户"), self.tr("RFM 分析"), self.tr("客户偏好"), self.tr("公司趋势")])
        ctx.as_of_changed.connect(lambda _d: self._shown())

    def new_item(self) -> None:
        self.current_page().show_message(self.tr("分析页面没有可新建的项目"))
