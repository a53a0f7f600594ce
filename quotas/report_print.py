"""The printable 推荐报告 (105号 四(一)1(1); 100号 四(一)): the plain context of the PDF that the
recommender prints, has signed and sealed, scans and uploads. documents renders it
(documents.services.request_report); nothing here touches the renderer."""

from .selectors import report_of


def _day(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "____年__月__日"


def _text(value) -> str:
    return (value or "").strip() or "（未填写）"


def report_context(package) -> dict:
    """Title, recipient, the six parts of the report (the expert list as a table, the 公示 and
    党组 records), signature and seal lines; plain values only (the job stores them)."""
    call, rec = package.call, package.recommender
    w = call.wording
    report = report_of(package)
    experts = list(report.experts.all()) if report else []

    def get(name):
        return getattr(report, name) if report else None

    issuer = w.issuer + (f"、{call.co_issuer}" if call.co_issuer else "")
    notice = (f"公示时间：{_day(get('notice_start'))}至{_day(get('notice_end'))}\n"
              f"公示地点/方式：{_text(get('notice_place'))}\n"
              f"公示结果：{_text(get('notice_result'))}\n"
              f"异议及处理情况：{_text(get('objections'))}")
    meeting = (f"会议日期：{_day(get('meeting_date'))}\n"
               f"研究结论：{_text(get('meeting_conclusion'))}")
    return {
        "title": f"{rec.name}关于推荐{call.year}年度{w.level_label}高技能人才培训基地和"
                 "技能大师工作室建设项目的报告",
        "recipient": issuer,
        "sections": [
            {"heading": "一、评审程序", "text": _text(get("procedure"))},
            {"heading": "二、评审方法", "text": _text(get("method"))},
            {"heading": "三、专家组成情况", "text": f"评审专家共 {len(experts)} 人：",
             "table": {"columns": ["序号", "姓名", "单位", "职务/职称"],
                       "rows": [[i, e.name, e.unit, e.title]
                                for i, e in enumerate(experts, start=1)]}},
            {"heading": "四、公示情况", "text": notice},
            {"heading": "五、党组会议研究情况", "text": meeting},
            {"heading": "六、纪检监察部门意见", "text": _text(get("discipline_opinion"))},
        ],
        "signatures": ["单位负责人（签字）", "经办人（签字）", "纪检监察部门负责人（签字）"],
        "signer": f"{rec.name}（盖章）",
        "date": "____年__月__日",
        "doc_label": f"{call.doc_number} · {rec.label}",
    }
