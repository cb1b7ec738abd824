"""The project's modules import each other one way: no circle, and no import hidden in a
function, which hides a circle without removing it. Read from the source with `ast`."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Not product code: the suite, schema history, the benchmark scripts, what is collected.
SKIP = {"tests", "migrations", "docs", "node_modules", "staticfiles", "media", "static"}

# Imports inside functions still to be moved to the top: none. The set only shrinks.
STILL_INSIDE_FUNCTIONS = set()

# Only the page cache listens for changes: apps reach it through their URLs' decorator.
# The project's replica router asks it when readers' pages last changed.
PAGE_CACHE_USERS = {
    ("articles.urls", "pagecache.decorators"),
    ("newsroom.urls", "pagecache.decorators"),
    ("syndication.urls", "pagecache.decorators"),
    ("newsroom.replicas", "pagecache.versions"),
}


def project_modules():
    """{dotted name: path} for every module of the project."""
    modules = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIP & set(relative.parts) or relative.parts[0].startswith("."):
            continue
        name = ".".join(relative.with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def imported_names(node, name):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = name.split(".")[: -node.level]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def imports(name, path, modules):
    """(imported project module, whether the import sits inside a function) for `name`."""
    tree = ast.parse(path.read_text(), filename=str(path))
    inside, in_ready = set(), set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            nodes = {id(node) for node in ast.walk(function)}
            # AppConfig.ready() importing its own app's receivers: Django's way to connect them.
            (in_ready if function.name == "ready" and name.endswith(".apps") else inside).update(
                nodes
            )
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for imported in imported_names(node, name):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                own_app = imported.split(".")[0] == name.split(".")[0]
                hidden = id(node) in inside or (id(node) in in_ready and not own_app)
                found.add((imported, hidden))
                break
    return found


def import_graph():
    modules = project_modules()
    return {name: imports(name, path, modules) for name, path in modules.items()}


def circles(edges):
    """Every group of modules that import each other in a loop (Tarjan's components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in edges.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_another_inside_a_function():
    inside = {
        (name, imported)
        for name, found in import_graph().items()
        for imported, in_function in found
        if in_function
    }

    assert inside - STILL_INSIDE_FUNCTIONS == set()
    assert STILL_INSIDE_FUNCTIONS - inside == set(), "moved to the top: strike it off the list"


def test_the_modules_import_each_other_without_a_circle():
    # Every import counts, at the top or inside a function, between apps or inside one;
    # only the entries still on the list above are left out until their work lands.
    edges = {
        name: {
            imported
            for imported, in_function in found
            if not (in_function and (name, imported) in STILL_INSIDE_FUNCTIONS)
        }
        for name, found in import_graph().items()
    }

    assert circles(edges) == []


def test_a_circle_inside_one_app_counts_as_much_as_one_between_apps():
    inside_one_app = {
        "articles.models": {"articles.querysets"},
        "articles.querysets": {"articles.search"},
        "articles.search": {"articles.models"},
    }
    package_and_module = {"articles.models": {"articles.models.article"}}
    package_and_module["articles.models.article"] = {"articles.models"}

    assert circles(inside_one_app) == [["articles.models", "articles.querysets", "articles.search"]]
    assert circles(package_and_module) == [["articles.models", "articles.models.article"]]


def test_only_the_urls_reach_the_page_cache():
    users = {
        (name, imported)
        for name, found in import_graph().items()
        for imported, _ in found
        if imported.startswith("pagecache") and not name.startswith("pagecache")
    }

    assert users == PAGE_CACHE_USERS


def test_the_page_cache_hears_of_changes_from_the_apps_signals():
    heard = {imported for imported, _ in import_graph()["pagecache.receivers"]}

    assert {"articles.signals", "comments.signals", "images.signals"} <= heard


def test_articles_reach_syndication_and_readership_only_through_template_tags():
    reached = {
        imported.split(".")[0]
        for name, found in import_graph().items()
        if name.split(".")[0] == "articles"
        for imported, _ in found
    }

    assert reached.isdisjoint({"syndication", "readership"})
