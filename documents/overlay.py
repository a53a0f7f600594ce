"""Drawing over the pages of a pypdf writer without parsing them: pypdf's merge_page parses
the whole content stream of both pages (every operator of a scan or a 附件3) to combine them.
Here the page's own content streams are kept by reference, wrapped in q … Q so none of their
graphics state reaches the overlay, and the overlay follows as one more stream. Used by the
合订本's page numbers (documents.bundle) and the verification stamp (verify.stamp)."""

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
)


def stream(data: bytes) -> DecodedStreamObject:
    out = DecodedStreamObject()
    out.set_data(data)
    return out


def content_refs(writer: PdfWriter, page: PageObject) -> list:
    """The page's content streams as they are, by reference (a direct stream is added)."""
    contents = page.get("/Contents")
    if contents is None:
        return []
    resolved = contents.get_object()
    if isinstance(resolved, NullObject):
        return []
    items = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
    return [item if isinstance(item, IndirectObject) else writer._add_object(item)
            for item in items]


def add_resource(page: PageObject, category: str, stem: str, ref) -> str:
    """`ref` in the page's own /Resources `category` (/Font, /XObject) under `stem`, or
    `stem` with a number when the page already uses that name (a page of an earlier bundle);
    the dictionaries are copied, not shared with other pages through an inherited or indirect
    one. Returns the name."""
    resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
    entries = DictionaryObject(resources.get(category, DictionaryObject()).get_object())
    name, n = stem, 1
    while name in entries:
        name, n = f"{stem}{n}", n + 1
    entries[NameObject(name)] = ref
    resources[NameObject(category)] = entries
    page[NameObject("/Resources")] = resources
    return name


def draw_over(writer: PdfWriter, page: PageObject, drawing: str) -> None:
    """`drawing` (content stream operators, in the media box's coordinates with its origin at
    the box's lower left corner) painted over `page`'s own content."""
    box = page.mediabox
    text = (f"Q\nq 1 0 0 1 {float(box.left):.4f} {float(box.bottom):.4f} cm\n"
            f"{drawing}\nQ\n")
    page[NameObject("/Contents")] = ArrayObject([
        writer._add_object(stream(b"q\n")), *content_refs(writer, page),
        writer._add_object(stream(text.encode("ascii")))])


def form_of(writer: PdfWriter, source: PageObject) -> IndirectObject:
    """`source` (a page of another document) as a form XObject of `writer`: its content and
    resources copied once, to be drawn on any page with `Do` (its own resources: no name of
    the page it is drawn on can clash with one of its)."""
    box, contents = source.mediabox, source.get_contents()
    form = stream(b"" if contents is None else contents.get_data())
    form.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (
            box.left, box.bottom, box.right, box.top)),
        NameObject("/Resources"): source.get("/Resources", DictionaryObject()).get_object()
        .clone(writer)})
    return writer._add_object(form)
