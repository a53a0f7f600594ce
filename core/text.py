"""Chinese sentences put together from typed text: a reason the user ended with 。 (or ！？；)
is not given a second one (issue 18 §12: "…请重新报送" with two full stops)."""

END_MARKS = "。！？；…!?;."


def sentence(text: str) -> str:
    """`text` stripped, ending in exactly one full stop: "材料不全" → "材料不全。",
    "请重新报送。" stays as it is; an empty text stays empty."""
    text = (text or "").strip()
    if not text or text[-1] in END_MARKS:
        return text
    return text + "。"
