"""The image library knows nothing of articles: any app may use it, it uses none of them."""

import ast
from pathlib import Path

import images

OTHER_APPS = {"articles", "comments", "pagecache"}


def imported_apps(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def test_the_image_library_imports_no_other_app():
    folder = Path(images.__file__).parent
    found = {
        f"{path.relative_to(folder)} imports {app}"
        for path in folder.rglob("*.py")
        for app in imported_apps(path)
        if app in OTHER_APPS
    }

    assert found == set()
