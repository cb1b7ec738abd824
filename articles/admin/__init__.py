"""The editors' desk: sections, authors and articles through review to publication.

One module per screen: `people` (sections and authors), `article` (the list and the
change form), `workflow`, `history` and `previews` (the article's own pages).
"""

from articles.admin.article import ArticleAdmin
from articles.admin.people import AuthorAdmin, SectionAdmin

__all__ = ["ArticleAdmin", "AuthorAdmin", "SectionAdmin"]
