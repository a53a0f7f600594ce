"""Template filters of the printed forms: documents.fit, applied where the template knows the
column (its width in characters per line)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from documents import fit

register = template.Library()


@register.filter
def cover_fit(value, kind: str) -> dict:
    """A place or organisation on the cover: {"lines", "size"} (documents.fit.cover_value)."""
    return fit.cover_value(str(value or ""), kind)


@register.filter
def cover_fit_list(value, kind: str) -> dict:
    """A 、-separated list on the cover (the occupations): cut only after a 、."""
    return fit.cover_value(str(value or ""), kind, breaks=fit.LIST_BREAKS)


@register.filter
def text_pieces(value) -> list[str]:
    """A long text of a label + text row cut into page-sized pieces (documents.fit.cut_text)."""
    return fit.cut_text(str(value or ""), fit.TEXT_COLUMN)


@register.filter
def item_pieces(items) -> list[list[dict]]:
    """The four items of a 表3-n-2 group cut into page-sized pieces (documents.fit.cut_items)."""
    return fit.cut_items(list(items), fit.PLAN_COLUMNS)


@register.filter
def br(label, at) -> str:
    """A label of the definition broken where the paper breaks it: `at` is the number of
    characters on each line but the last ("8" or "4,6"); a shorter label stays whole."""
    text, pieces = str(label or ""), []
    for width in (int(w) for w in str(at).split(",")):
        if len(text) <= width:
            break
        pieces.append(text[:width])
        text = text[width:]
    return _joined([*pieces, text])


@register.filter
def lines(value) -> str:
    """Wording the definition gives as lines (a tuple) joined with line breaks."""
    parts = value if isinstance(value, list | tuple) else [value]
    return _joined([str(p) for p in parts])


def _joined(parts: list[str]) -> str:
    """Each part escaped, the parts joined by line breaks (the only markup added)."""
    return mark_safe("<br>".join(conditional_escape(p) for p in parts))  # noqa: S308  # nosec B308 B703
