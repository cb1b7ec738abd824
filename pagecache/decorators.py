"""Marking a view as a public page: the same for every anonymous reader, so it may be cached."""

from functools import wraps


def public_page(view):
    """Let the page cache keep this view's responses to anonymous readers (see middleware.py)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.public_page = True
    return wrapper
