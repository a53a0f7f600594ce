"""Rules of a call's notice that every stage applies alike (the numbers are the call's data,
`Call.threshold`): the recommender's own expert group for its 推荐报告 and the region's review
panels follow the same one."""


def panel_size_problem(call, n: int) -> str | None:
    """附件3 表5 说明: 专家人数不得少于5人；专家人数应为单数 (minimum from the call)."""
    minimum = call.threshold("panel_min_experts")
    if n < minimum:
        return f"专家人数不得少于{minimum}人（当前 {n} 人）。"
    if n % 2 == 0:
        return f"专家人数应为单数（当前 {n} 人）。"
    return None
