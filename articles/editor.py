"""The body editor: a toolbar offering exactly what the body rules (articles/body.py) keep.

django-prose-editor (Tiptap) is served from the site's own static files. Its import map
is an inline script, so the admin gives the form's media the page's CSP nonce
(ArticleAdmin.render_change_form). Tiptap also injects its base styles as an inline
`<style>` unless the page has one already: the page carries an empty one, nonce'd, and
the styles come from static/articles/editor.css.

The editor is a place to write: it starts tall, the browser checks spelling (the
package turns that off by default), and every toolbar glyph comes from the site's own
files (the Material Icons font it serves, a CSS arrow for the block-style menu, and a
figure icon in that menu while a figure is selected: static/articles/body-editor.js).
"""

from django.templatetags.static import static
from django.urls import reverse
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import InlineStyle, Media

from articles.body import paragraphs

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # Inline images come from the image library, through its picker window.
    "Figure": True,
    "Caption": True,
    "Image": True,
    # Writers want their spelling checked; the package's default turns it off.
    "NoSpellCheck": False,
    # From BODY_EDITOR_MODULE: spelling checked, and the block-style menu's name for a figure.
    "SpellCheck": True,
    "FigureBlockStyle": True,
}
BODY_EDITOR_MODULE = "articles/body-editor.js"


class BodyEditor(AdminProseEditorWidget):
    """The article body's editor; a plain-text body opens as its paragraphs."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": EXTENSIONS}, preset="configurable")

    @property
    def media(self):
        tiptap_styles = InlineStyle("", **{"data-tiptap-style": ""})
        return super().media + Media(css={"all": [tiptap_styles, "articles/editor.css"]})

    def get_config(self):
        config = super().get_config()
        config["extensions"]["Figure"] = {"pickerUrl": reverse("admin:images_libraryimage_pick")}
        config["js_modules"] = [*config.get("js_modules", []), static(BODY_EDITOR_MODULE)]
        return config

    def format_value(self, value):
        value = super().format_value(value)
        return paragraphs(value) if value else value
