"""The wording of a printed 附件3/附件4 taken from the application's form definition
(declare.formdefs), never typed in a template: `L` {section key: {item key: label,
item key_hint: placeholder, item key_row: row heading, group key: {label, column keys},
heading_no, heading, chapter}}, `P` the printed-only wording of the kind (cover rows, 填写要求,
表5), `edition` the year printed under 人力资源社会保障部 财政部 制, and `extra` the fields of a
section the paper layout has no cell for (a field a later version added), printed as rows.
Plain dicts and strings, so a context stays hashable (documents.services.content_hash)."""

from declare.schema import Group, form_for

from .sources import printed_snapshot

# the items each hand-laid table of the paper places; any other field of the section is extra
LAID_OUT = {
    "t1_1": ("unit_name", "nature", "nature_other", "authority", "credit_code", "address",
             "website", "legal_name", "legal_post", "legal_phone", "legal_mobile",
             "contact_name", "contact_post", "contact_phone", "contact_mobile", "account",
             "bank", "features"),
    "unit": ("unit_name", "nature", "head", "head_phone", "contact", "contact_phone",
             "contact_mobile", "email", "fax", "address", "postcode", "bank_account"),
    "master": ("name", "gender", "ethnicity", "birth", "work_start", "political", "id_number",
               "employer_post", "occupation", "skill_level", "honour_years", "mobile",
               "location", "area", "facilities", "members"),
}


def section_labels(spec) -> dict:
    entry = {"heading_no": spec.number, "heading": spec.title, "chapter": spec.chapter}
    for item in spec.items:
        if isinstance(item, Group):
            entry[item.key] = {"label": item.label, "min_rows": item.min_rows,
                               **{f.key: f.label for f in item.fields}}
            continue
        entry[item.key] = item.label
        if item.placeholder:
            entry[f"{item.key}_hint"] = item.placeholder
        if item.row:
            entry[f"{item.key}_row"] = item.row
    return entry


def labels_context(application, sec: dict, specialities: int) -> dict:
    """L, P, edition and extra of `application`'s form (see the module docstring)."""
    definition = form_for(printed_snapshot(application) or application)
    specs = definition.sections(application.kind, max(1, specialities))
    extra = {key: [(item.label, sec.get(key, {}).get(item.key, ""))
                   for item in spec.items if item.key not in keys]
             for spec in specs for key, keys in LAID_OUT.items() if spec.key == key}
    return {"L": {spec.key: section_labels(spec) for spec in specs},
            "P": definition.printed[application.kind], "edition": definition.edition,
            "form": definition.key, "extra": extra}
