"""What a browser would post from an admin change page: every field of its form as shown, so a
test changes one answer and posts the rest as the page holds them (inlines included)."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._first: str | None = None
        self._multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a["name"], a.get("value", "on"))
                return
            self._add(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select, self._first = a["name"], None
            self._multiple = "multiple" in a
            self.data.setdefault(a["name"], [])
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value") or ""
            if "selected" in a:
                self._add(self._select, a.get("value") or "")
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            if not self.data[self._select] and not self._multiple and self._first is not None:
                self.data[self._select].append(self._first)  # a browser posts the first option
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def change_form_data(client, url: str, form_id: str) -> dict:
    """The fields of the admin page's form (`form_id`: "trial_form"...), as a browser posts them."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _FormFields(form_id)
    parser.feed(response.content.decode())
    return {name: values if len(values) > 1 else (values[0] if values else "") for name, values in parser.data.items()}
