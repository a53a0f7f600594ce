"""The plaque certificate (颁发牌匾, 鄂人社发〔2022〕100号 七(二)): the plain context of
documents/plaque.html; the PDF is rendered by the documents app's render job (cached by this
context, rate-limited), never in the request."""

from calls.choices import CallLevel, ProjectKind

TITLES = {ProjectKind.BASE: "高技能人才培训基地", ProjectKind.STUDIO: "技能大师工作室"}


def _level_prefix(call) -> str:
    if call.level == CallLevel.NATIONAL:
        return "国家级"
    if call.level == CallLevel.REGIONAL:
        return "内蒙古自治区"
    return call.issuer.short_name or call.issuer.name.removesuffix("人力资源和社会保障局")


def plaque_context(project) -> dict:
    """Plain data only: no personal information beyond the studio's master, whose name a
    技能大师工作室 carries. Dated the day of the acceptance (验收) it is issued for, never the
    day of the download, so every download of it is the same document."""
    call = project.call
    issuers = [call.issuer.name] + ([call.co_issuer] if call.co_issuer else [])
    occupation = project.occupation.name if project.occupation else ""
    issued_on = project.accepted_on
    return {
        "unit": project.unit.name,
        "title": f"{_level_prefix(call)}{TITLES[project.kind]}",
        "name": f"{occupation}{TITLES[project.kind]}",
        "issuer": "　".join(issuers),
        "date": f"{issued_on.year}年{issued_on.month}月{issued_on.day}日",
        "number": project.plaque_number,
        "master": project.leader_name if project.kind == ProjectKind.STUDIO else "",
    }
