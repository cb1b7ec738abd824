"""The articles app's models, one module per concern; every model is importable from here.

`people` (sections and authors), `article` (the article and its verbs), `revisions`,
`corrections`, `previews` (preview links and their visits), `events` (the record)
and `news_ids` (the counter behind the News IDs).
"""

from articles.models.article import Article
from articles.models.corrections import Correction
from articles.models.events import ArticleEvent
from articles.models.news_ids import NewsIdCounter
from articles.models.people import Author, Section
from articles.models.previews import PreviewLink, PreviewVisit
from articles.models.revisions import ArticleRevision

# Raised by the verbs when the row changed under the person; callers catch it from here.
from articles.workflow import ArticleChanged

__all__ = [
    "Article",
    "ArticleChanged",
    "ArticleEvent",
    "ArticleRevision",
    "Author",
    "Correction",
    "NewsIdCounter",
    "PreviewLink",
    "PreviewVisit",
    "Section",
]
