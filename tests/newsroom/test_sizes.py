"""Product code stays small enough to read: no module over 500 lines, no function over 50.
Read from the source with `ast`, over the same modules as the import graph."""

import ast

from tests.newsroom.test_import_graph import project_modules

MODULE_LINES = 500
FUNCTION_LINES = 50

# Functions still over the limit, while their app is being reworked: none is added, and
# the set only shrinks.
STILL_TOO_LONG = {
    "comments.notifications.queue_digest",
    "comments.querysets.CommentQuerySet.decide",
}


def functions(tree, prefix):
    """(dotted name, lines from `def` to its last line) of every function, nested ones too."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{prefix}.{node.name}"
            if not isinstance(node, ast.ClassDef):
                yield name, node.end_lineno - node.lineno + 1
            yield from functions(node, name)


def long_functions():
    found = set()
    for name, path in project_modules().items():
        tree = ast.parse(path.read_text(), filename=str(path))
        found |= {f for f, lines in functions(tree, name) if lines > FUNCTION_LINES}
    return found


def test_no_module_is_over_500_lines():
    long_modules = {
        name: lines
        for name, path in project_modules().items()
        if (lines := len(path.read_text().splitlines())) > MODULE_LINES
    }

    assert long_modules == {}


def test_no_function_is_over_50_lines():
    too_long = long_functions()

    assert too_long - STILL_TOO_LONG == set()
    assert STILL_TOO_LONG - too_long == set(), "now short enough: strike it off the list"


def test_a_function_is_measured_from_its_def_to_its_last_line_nested_or_not():
    tree = ast.parse(
        "class Desk:\n"
        "    def publish(self):\n"
        "        def inner():\n"
        "            return 1\n"
        "        return inner()\n"
    )

    assert dict(functions(tree, "m")) == {"m.Desk.publish": 4, "m.Desk.publish.inner": 2}
