"""What the articles app announces. Other apps (the page cache) listen; articles never call them.

`articles_changed` is sent with `ids` (article primary keys) by every verb and save that
changes what readers may see of those articles: their copy, state, tags, byline or
corrections. It is sent once the rows are written, inside the writer's transaction;
a listener that must act on committed data defers itself with `transaction.on_commit`.

`site_changed` is sent when something every page may show changed (a section, an
author's name, a tag), with no particular article to name.
"""

from django.dispatch import Signal

articles_changed = Signal()
site_changed = Signal()
