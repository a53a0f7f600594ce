"""Accessible names of inputs that stand in table cells (GB/T 37668-2019; WCAG 2.1 1.3.1, 4.1.2).

A cell of a repeating row or of a grid has no <label> of its own: its name is said from the row
and the column heads, as a sighted reader reads them ("第2行 姓名", "师资队伍建设 中央财政补助")."""

from django import forms

NEW_ROW = "新增行"


def name_cell(field: forms.Field, row: str, column: str) -> forms.Field:
    field.widget.attrs["aria-label"] = f"{row} {column}"
    return field


def row_of(prefix: str | None, noun: str = "行") -> str:
    """The row a formset form stands in, from its prefix ("experts-1" → "第2行"); the blank
    form that scripts copy into a new row ("experts-__prefix__") is the 新增行."""
    index = (prefix or "").rpartition("-")[2]
    return f"第{int(index) + 1}{noun}" if index.isdigit() else NEW_ROW


class TableRowForm(forms.Form):
    """A formset form shown as one table row: every field named by its row and its label."""

    row_noun = "行"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = row_of(self.prefix, self.row_noun)
        for field in self.fields.values():
            name_cell(field, row, str(field.label))
