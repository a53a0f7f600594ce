"""Score arithmetic of the review, as pure functions so anyone can recompute a result.

Every value is a Decimal; totals and means are rounded ROUND_HALF_UP to 2 decimals once, at
the end of each step described in METHOD, never in between.
"""

import hashlib
import json
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TRIM_FROM = 5  # drop the highest and the lowest total when at least this many experts scored
METHOD = ("每份评分表总分 = Σ(评分项得分 × 权重)；评分专家不少于5人时去掉一个最高分和一个最低分后"
          "取算术平均（去极值平均分），少于5人时取算术平均")
ROUNDING = "四舍五入（ROUND_HALF_UP），总分及平均分各保留2位小数"
TIE_RULE = ("去极值平均分高者在前；相同时算术平均分高者在前；再相同时极差小者在前；"
            "再相同时申报编号在前者在前")


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def sheet_total(points_and_weights) -> Decimal:
    return round2(sum((Decimal(p) * Decimal(w) for p, w in points_and_weights), Decimal("0")))


@dataclass
class Summary:
    application_id: int
    reference: str
    totals: list[Decimal]
    mean: Decimal
    trimmed_mean: Decimal
    spread: Decimal
    disagreement: bool
    rank: int = 0
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"application_id": self.application_id, "reference": self.reference,
                "totals": [str(t) for t in self.totals], "mean": str(self.mean),
                "trimmed_mean": str(self.trimmed_mean), "spread": str(self.spread),
                "disagreement": self.disagreement, "rank": self.rank, **self.extra}


def summarise(application_id: int, reference: str, totals: list[Decimal],
              spread_flag: Decimal) -> Summary:
    """Mean, trimmed mean (drop one highest and one lowest when ≥ 5 scores), spread, flag."""
    ordered = sorted(Decimal(t) for t in totals)
    n = len(ordered)
    if n == 0:
        zero = Decimal("0.00")
        return Summary(application_id, reference, [], zero, zero, zero, False)
    mean = round2(sum(ordered) / n)
    kept = ordered[1:-1] if n >= TRIM_FROM else ordered
    trimmed = round2(sum(kept) / len(kept))
    spread = ordered[-1] - ordered[0]
    return Summary(application_id, reference, ordered, mean, trimmed, spread,
                   spread > spread_flag)


def tie_key(s: Summary):
    return (-s.trimmed_mean, -s.mean, s.spread, s.reference)


def rank(summaries: list[Summary]) -> list[Summary]:
    """Order by TIE_RULE; every rank is distinct because references are unique."""
    ordered = sorted(summaries, key=tie_key)
    for i, s in enumerate(ordered, start=1):
        s.rank = i
    return ordered


def raw_scores_sha256(raw: list[dict]) -> str:
    """SHA-256 of the canonical raw scores: rows {application, expert, criterion, points}
    sorted, points as 2-decimal strings, compact UTF-8 JSON with sorted keys."""
    rows = sorted(({"application": r["application"], "expert": int(r["expert"]),
                    "criterion": int(r["criterion"]), "points": str(round2(Decimal(r["points"])))}
                   for r in raw), key=lambda r: (r["application"], r["expert"], r["criterion"]))
    blob = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def leniency(matrix: dict[tuple[int, int], Decimal]) -> dict[int, float]:
    """Each expert's mean z-score against the other scores of the same applications.

    matrix maps (expert_id, application_id) to the sheet total. Positive = more lenient.
    """
    by_app: dict[int, list[float]] = {}
    for (_e, a), total in matrix.items():
        by_app.setdefault(a, []).append(float(total))
    zs: dict[int, list[float]] = {}
    for (e, a), total in matrix.items():
        values = by_app[a]
        mu = sum(values) / len(values)
        sd = math.sqrt(sum((v - mu) ** 2 for v in values) / len(values))
        zs.setdefault(e, []).append((float(total) - mu) / sd if sd else 0.0)
    return {e: round(sum(v) / len(v), 2) for e, v in sorted(zs.items())}


def _ranks(values: list[float]) -> tuple[list[float], float]:
    """Mid-ranks (1 = lowest) and the tie correction Σ(t³ − t)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    correction = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        t = j - i + 1
        correction += t ** 3 - t
        i = j + 1
    return ranks, correction


def kendalls_w(matrix: dict[tuple[int, int], Decimal]) -> float | None:
    """Kendall's coefficient of concordance (tie-corrected) over the experts who scored every
    application of the panel; None when fewer than 2 such experts or 2 applications."""
    apps = sorted({a for _e, a in matrix})
    experts = sorted({e for e, _a in matrix})
    complete = [e for e in experts if all((e, a) in matrix for a in apps)]
    m, n = len(complete), len(apps)
    if m < 2 or n < 2:
        return None
    sums = [0.0] * n
    tie_total = 0.0
    for e in complete:
        ranks, correction = _ranks([float(matrix[(e, a)]) for a in apps])
        tie_total += correction
        sums = [s + r for s, r in zip(sums, ranks, strict=True)]
    mean = sum(sums) / n
    s = sum((r - mean) ** 2 for r in sums)
    denominator = m ** 2 * (n ** 3 - n) - m * tie_total
    return round(12 * s / denominator, 3) if denominator else None


# ---------------------------------------------------------------- 网络答辩 in the ranking
def defence_rule(weight: Decimal) -> str:
    """The rule as the results and decision pages print it."""
    if not weight:
        return "本批次答辩成绩不计入排名（权重 w = 0），按去极值平均分排名。"
    return (f"最终得分 = 去极值平均分 × (1 − w) + 答辩成绩 × w，w = {weight.normalize():f}；"
            "缺席网络答辩的项目答辩成绩按0分计；最终得分四舍五入保留2位小数，"
            "相同时依次按去极值平均分、算术平均分、极差、申报编号排序。")


def defence_weight(value) -> Decimal:
    """The call's threshold `defence_weight` as a Decimal between 0 and 1."""
    weight = Decimal(str(value or "0"))
    if not Decimal("0") <= weight <= Decimal("1"):
        raise ValueError(f"答辩成绩权重应在0至1之间：{value}")
    return weight


def final_score(review: Decimal, defence: Decimal, weight: Decimal) -> Decimal:
    return round2(Decimal(review) * (1 - weight) + Decimal(defence) * weight)


def final_ranking(rows: list[dict], defence: dict[int, Decimal | None],
                  weight: Decimal) -> list[dict]:
    """The frozen result's rows (Summary.as_json) re-ranked by final_score when weight > 0;
    `defence` maps application id to its 答辩成绩 (0 for 缺席, None when not recorded: such a
    row has no final score and ranks after every scored one). With weight 0 the frozen order
    stands and `final` is the trimmed mean."""
    out = []
    for r in rows:
        points = defence.get(r["application_id"])
        final = (Decimal(r["trimmed_mean"]) if not weight else
                 None if points is None else final_score(Decimal(r["trimmed_mean"]), points,
                                                         weight))
        out.append({**r, "defence_score": points, "final": final})
    if weight:
        out.sort(key=lambda r: (r["final"] is None, -(r["final"] or 0),
                                -Decimal(r["trimmed_mean"]), -Decimal(r["mean"]),
                                Decimal(r["spread"]), r["reference"]))
        out = [{**r, "rank": i} for i, r in enumerate(out, start=1)]
    return out
# --- Disagreement while scoring is open (the chair's progress page) -------------------------

OUTLIER_GAP = Decimal("15")
OUTLIER_RULE = ("离群：某专家总分与该项目专家总分中位数之差超过15分；"
                "分歧：该项目总分极差（最高分−最低分）超过专家组设定的分歧提示阈值（默认20分）")


def median(values: list[Decimal]) -> Decimal:
    ordered = sorted(Decimal(v) for v in values)
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else round2((ordered[mid - 1] + ordered[mid]) / 2)


@dataclass
class Disagreement:
    median: Decimal | None
    spread: Decimal | None
    divided: bool                 # spread > the panel's spread_flag
    outliers: set = field(default_factory=set)   # keys of totals off the median by > GAP


def disagreement(totals: dict, spread_flag: Decimal) -> Disagreement:
    """OUTLIER_RULE over one project's submitted totals ({key: total}); keys are whatever
    identifies a sheet (the expert's id)."""
    if not totals:
        return Disagreement(None, None, False)
    mid = median(list(totals.values()))
    spread = max(totals.values()) - min(totals.values())
    off = {k for k, t in totals.items() if abs(Decimal(t) - mid) > OUTLIER_GAP}
    return Disagreement(mid, spread, spread > spread_flag, off)


# --- Concordance when no two experts scored every project ------------------------------------

PAIRWISE_MIN = 3  # applications two experts must share for their rank correlation to count
W_COMPLETE = "全部项目均由同一批专家评分：Kendall 协调系数 W（含同分校正）"
W_PAIRWISE = ("各项目评审专家不完全相同：按每两位专家共同评审（至少3个）的项目计算 Spearman 秩相关，"
              "取平均 r̄，换算 W = ((k−1)·r̄ + 1) / k（k 为每个项目的评审专家人数）；"
              "完整评分时与 Kendall W 一致")


def _spearman(xs: list[float], ys: list[float]) -> float | None:
    rx, _ = _ranks(xs)
    ry, _ = _ranks(ys)
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else None


def concordance(matrix: dict[tuple[int, int], Decimal]) -> tuple[float | None, str]:
    """(W, the rule used): Kendall's W when at least two experts scored every application;
    otherwise W from the mean pairwise Spearman correlation over the applications each pair
    of experts shares (W_PAIRWISE), computed over what exists."""
    w = kendalls_w(matrix)
    apps = {a for _e, a in matrix}
    if w is not None or len(matrix) == len(apps) * len({e for e, _a in matrix}):
        return w, W_COMPLETE
    by_expert: dict[int, dict[int, float]] = {}
    for (e, a), total in matrix.items():
        by_expert.setdefault(e, {})[a] = float(total)
    experts = sorted(by_expert)
    rs = []
    for i, e in enumerate(experts):
        for f in experts[i + 1:]:
            common = sorted(set(by_expert[e]) & set(by_expert[f]))
            if len(common) >= PAIRWISE_MIN:
                r = _spearman([by_expert[e][a] for a in common],
                              [by_expert[f][a] for a in common])
                if r is not None:
                    rs.append(r)
    if not rs:
        return None, W_PAIRWISE
    per_app: dict[int, int] = {}
    for _e, a in matrix:
        per_app[a] = per_app.get(a, 0) + 1
    k = round(sum(per_app.values()) / len(per_app))
    if k < 2:
        return None, W_PAIRWISE
    r_bar = sum(rs) / len(rs)
    return round(max(0.0, ((k - 1) * r_bar + 1) / k), 3), W_PAIRWISE
