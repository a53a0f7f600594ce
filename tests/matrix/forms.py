"""Find the forms on a page (action, method, field names) for the hostile-input tests."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class FoundForm:
    action: str
    method: str
    fields: dict = field(default_factory=dict)     # name → type ("text", "select", …)
    choices: dict = field(default_factory=dict)    # select name → option values


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[FoundForm] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(FoundForm(a.get("action") or "", (a.get("method") or "get").lower()))
        elif not self.forms:
            return
        elif tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            if kind not in ("submit", "button", "image", "reset"):
                self.forms[-1].fields.setdefault(a["name"], kind)
            if tag == "select":
                self._select = a["name"]
                self.forms[-1].choices[a["name"]] = []
        elif tag == "option" and self._select:
            self.forms[-1].choices[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_on(html: str) -> list[FoundForm]:
    p = _Parser()
    p.feed(html)
    return [f for f in p.forms if f.method == "post"]
