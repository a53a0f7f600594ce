"""Every level speaks its own name: the one home of all wording derived from a call's level and
issuer (自治区 / 市, 报送自治区 / 报送市人社局, whom to contact, the 文号 and paragraph of each
rule, the funding sources). Templates read `call.wording`; services call `wording(call)`.

The regional and national calls are issued by the 自治区人社厅 under 内人社办发〔2025〕105号;
the city call by 鄂尔多斯市人社局 under 鄂人社发〔2022〕100号. The 文号 comes from the call
(`call.doc_number`), the paragraphs from the notice's structure of that level.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from .choices import CallLevel

# Paragraph of each rule in the notice of the level (105号 for regional/national calls,
# 100号 for city calls). Keys are the rules' names used by the services and templates.
PARAGRAPHS = {
    "above_city": {
        "contact": "五(三)",        # 7月5日前将联系人名单和联系电话报自治区人社厅
        "quota": "三",              # 超出推荐名额的不予受理
        "report": "四(一)1(1)",     # 推荐报告
        "deadline": "四(二)",       # 按时报送
        "statement": "二(二)",      # 推荐单位对领办人业绩贡献的说明
        "review": "四(三)",         # 项目复审
        "filing": "四(四)",         # 备案
        "defence": "五(一)",        # 网络答辩
        "fraud": "五(二)",          # 弄虚作假
        "conditions": "二",         # 申报条件
    },
    "city": {
        "contact": "四(一)",        # 旗区推荐 … 报市人力资源社会保障局和财政局
        "quota": "四(三)",          # 按年度下达推荐名额
        "report": "四(一)",         # 推荐报告（评审程序、评审方法、专家组成）
        "deadline": "四(一)",
        "statement": "三(一)",      # 实施细则 相关规定
        "review": "五",             # 全市评审
        "filing": "五",
        "defence": "五",
        "fraud": "七(二)",
        "conditions": "三(一)",     # 申报条件: 实施细则 相关规定
    },
}

# 表4-2 资金来源 (columns, in order) and the subsidy's own source per level. The keys are stored
# (declare 表4-2 values, projects.Spending.source) and are the same at every level; "central" is
# always the subsidy column, the project's own funds (projects/services/spending.py).
BUDGET_SOURCES_ABOVE_CITY = (
    ("central", "中央财政补助（就业补助资金）"),
    ("local", "地方财政配套投入"),
    ("industry", "行业企业投入"),
    ("other", "其他投入"),
)
BUDGET_SOURCES_CITY = (
    ("central", "市级补助资金（就业补助资金、市人才专项资金）"),
    ("local", "单位自筹投入"),
    ("industry", "行业企业投入"),
    ("other", "其他投入"),
)
# Where the subsidy itself comes from (projects.Project.source): 100号 二(二) 补助资金优先从
# 就业补助资金中列支，不足从市人才专项资金中列支; a national/regional subsidy is the
# 中央财政补助资金（就业补助资金）of 附件3 表4-2.
SUBSIDY_SOURCES = {
    "above_city": (("employment", "中央财政补助资金（就业补助资金）"),),
    "city": (("employment", "就业补助资金"), ("talent", "市人才专项资金")),
}
# Each stored subsidy source key and its label, for the model's choices (every level).
ALL_SUBSIDY_SOURCES = (("employment", "就业补助资金"), ("talent", "市人才专项资金"))

# The rules of construction, spending, changes and revocation after the award.
POST_AWARD_DOC = {CallLevel.NATIONAL: "人社部发〔2022〕62号",
                  CallLevel.REGIONAL: "内人社发〔2021〕31号"}


FILING = {
    "above_city": "自治区人力资源社会保障厅、财政厅向人力资源社会保障部和财政部申请对评审结果予以备案",
    "city": "市人力资源社会保障局会同财政局确定建设项目单位，向社会公示无异议后下达年度建设项目"
            "补助资金，评审结果归档备查",
}


def _tier(level: str) -> str:
    return "city" if level == CallLevel.CITY else "above_city"


def budget_sources(level: str) -> tuple[tuple[str, str], ...]:
    """表4-2 资金来源 columns (key, label) for a call of `level`."""
    return BUDGET_SOURCES_CITY if level == CallLevel.CITY else BUDGET_SOURCES_ABOVE_CITY


def subsidy_sources(level: str) -> tuple[tuple[str, str], ...]:
    """Where the subsidy of a project of a call of `level` may come from (key, label)."""
    return SUBSIDY_SOURCES[_tier(level)]


def funding_sources(level: str) -> dict:
    """The funding sources of a call's level, in one place: the subsidy's own sources and the
    表4-2 columns (national: 中央财政补助资金/地方配套/行业企业/其他; city: 市人才专项资金…)."""
    return {"subsidy": subsidy_sources(level), "budget": budget_sources(level)}


@dataclass(frozen=True)
class Wording:
    level: str
    level_label: str
    area: str            # 自治区 / 市: who receives the recommenders' packages
    office: str          # 自治区 / 市人社局: short name in "报送…", "…已受理"
    authority: str       # whom a recommender contacts (延期, 退回重报)
    review: str          # the review's heading: 自治区复审 / 市级复审
    doc: str             # the call's 文号
    paragraphs: dict = field(repr=False)
    post_award_doc: str = ""
    filing: str = ""     # what 备案 means at this level (105号 四(四) / 100号 五)
    call: object = field(default=None, repr=False, compare=False)

    @property
    def issuer(self) -> str:
        """The issuing organisation's full name (read only when a page asks for it)."""
        return self.call.issuer.name

    @property
    def submit_to(self) -> str:
        return f"报送{self.office}"

    @property
    def submitted(self) -> str:
        return f"已报送{self.office}"

    @property
    def doc_short(self) -> str:
        """内人社办发〔2025〕105号 → 105号 (how the pages cite the notice)."""
        found = re.search(r"(\d+号)(?:（[^（）]*）)?$", self.doc)   # 12号（演示） → 12号
        return found.group(1) if found else self.doc

    @property
    def contact_us(self) -> str:
        return f"如确需延期，请联系{self.authority}。"

    def cite(self, rule: str, *, short: bool = False) -> str:
        """The 文号 and paragraph of `rule` in this call's notice: 内人社办发〔2025〕105号 三."""
        doc = self.doc_short if short else self.doc
        return f"{doc} {self.paragraphs[rule]}"

    def post_award(self, paragraph: str = "") -> str:
        """The rules after the award: the city notice with its paragraph, else the national
        or regional 实施方案 (cited as a whole)."""
        if self.level == CallLevel.CITY:
            return f"{self.doc} {paragraph}".strip()
        return self.post_award_doc

    def own_citation(self, citation: str) -> str:
        """A rule's citation as this call's notice gives it: of "105号 二(三)；100号 三(三)" the
        parts of this call's own notice; a rule of another level's notice only, at the city,
        is the city notice's 申报条件 paragraph (the conditions of the 实施细则)."""
        parts = citation.split("；")
        own = [p for p in parts if self.doc_short in p]
        if own:
            return "；".join(own)
        # A rule cites the national/regional notice first, the city's after it (the order of
        # every RULES citation): a later year's national call keeps the first part only.
        return self.cite("conditions", short=True) if self.level == CallLevel.CITY else parts[0]

    @cached_property
    def cites(self) -> dict:
        """Every rule's short citation, for templates: {{ call.wording.cites.contact }}."""
        return {rule: self.cite(rule, short=True) for rule in self.paragraphs}

    @cached_property
    def full_cites(self) -> dict:
        """Every rule's citation with the full 文号: {{ call.wording.full_cites.quota }}."""
        return {rule: self.cite(rule) for rule in self.paragraphs}

    @property
    def funding(self) -> dict:
        return funding_sources(self.level)


def wording(call) -> Wording:
    """The names a page about `call` uses, from the call's level and issuer."""
    city = call.level == CallLevel.CITY
    return Wording(
        level=call.level, level_label=CallLevel(call.level).label,
        area="市" if city else "自治区",
        office="市人社局" if city else "自治区",
        authority=("市人力资源社会保障局" if city else "自治区人力资源社会保障厅"),
        review="市级复审" if city else "自治区复审",
        doc=call.doc_number,
        paragraphs=PARAGRAPHS[_tier(call.level)],
        post_award_doc=POST_AWARD_DOC.get(call.level, ""),
        filing=FILING[_tier(call.level)],
        call=call,
    )
