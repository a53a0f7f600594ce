import io

import pytest
from openpyxl import Workbook

from core.errors import DomainError
from quotas.importer import import_quotas
from quotas.models import Quota

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["各盟市人力资源社会保障局推荐名额分配表"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_in_annex1_layout_is_imported(call, recommender_x, recommender_y):
    content = _xlsx([["盟 市", "国家级培训基地 建设项目", "国家级工作室 建设项目"],
                     ["甲市", 3, 1], ["乙市", 0, 2], ["合 计", 3, 3]])
    result = import_quotas(call=call, filename="附件1.xlsx", content=content)
    assert (result.rows, result.errors) == (2, [])
    got = {(q.recommender.short_name, q.kind): q.amount for q in Quota.objects.filter(call=call)}
    assert got == {("甲市", "base"): 3, ("甲市", "studio"): 1,
                   ("乙市", "base"): 0, ("乙市", "studio"): 2}


def test_csv_with_an_unknown_unit_changes_nothing(call):
    content = "推荐单位,培训基地,工作室\n甲市,4,4\n丙市,1,1\n".encode()
    result = import_quotas(call=call, filename="q.csv", content=content)
    assert result.errors == ["第3行（丙市）：系统中没有该推荐单位。"]
    assert Quota.objects.get(call=call, recommender__short_name="甲市", kind="base").amount == 2


def test_non_integer_amount_is_refused(call):
    result = import_quotas(call=call, filename="q.csv",
                           content="盟市,培训基地,工作室\n甲市,两个,1\n".encode())
    assert result.errors == ["第2行（甲市）：名额“两个”不是数字。"]


def test_other_file_types_are_refused():
    with pytest.raises(DomainError, match="仅支持 .xlsx 或 .csv 文件。"):
        import_quotas(call=None, filename="q.doc", content=b"x")


def test_admin_import_page_imports_a_file(client, adam, call):
    client.force_login(adam)
    f = io.BytesIO("盟市,培训基地,工作室\n乙市,1,1\n".encode())
    f.name = "q.csv"
    r = client.post("/admin/quotas/quota/import/", {"call": call.pk, "file": f}, follow=True)
    assert "已导入 1 个推荐单位的名额（新增 0，更新 2）。" in r.content.decode()
