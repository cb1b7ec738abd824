"""Reading a served HTML form into what a browser would post back, untouched."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.depth = 0
        self.data = []
        self.fields = set()
        self._select = None
        self._textarea = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self.fields.add(name)
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.fields.add(name)
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
            self._select["options"].append(self._option)
        elif tag == "textarea" and name:
            self.fields.add(name)
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "form":
            self.in_form = False
        elif tag == "option":
            self._option = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the one newline that follows <textarea>, and send line ends
            # as CRLF.
            text = text[1:] if text.startswith("\n") else text
            self.data.append((name, text.replace("\r\n", "\n").replace("\n", "\r\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [o for o in options if o[1]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for value, _, label in chosen:
                self.data.append((self._select["name"], label.strip() if value is None else value))
            self._select = None


def form_data(response, form_id=None):
    """The fields of the form (the first one, or the one with this id) as served.

    Returns a dict of lists, as the test client posts repeated fields: what a person
    pressing Save without touching anything sends back.
    """
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data


def with_changes(data, **fields):
    """The served form data with some fields changed, as a person types them."""
    changed = dict(data)
    for name, value in fields.items():
        changed[name] = value if isinstance(value, list) else [value]
    return changed
