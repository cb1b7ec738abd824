"""Browser fixtures: one headless Chromium per run, a fresh context per test, the live server."""

import os
import threading

import pytest
from django.db import connections
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser.pages import DESKTOP, record_console_errors

# Playwright's sync API keeps an asyncio event loop running in this thread, so Django's
# async-safety check would refuse every ORM call a fixture or test makes. Nothing here
# shares a connection with a coroutine: the loop only drives the browser.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _keep_migrated_rows(django_db_serialized_rollback):
    """Reload the rows the migrations made (roles, permissions) before each test.

    Tests against the live server run outside a transaction, and the database is emptied
    after each one; the staff fixtures need the roles' groups back.
    """


@pytest.fixture(scope="session")
def browser(django_db_setup, live_server):
    """Headless Chromium for the whole run.

    It asks for the test database and the live server so that those are set up before it
    and stopped after it: the server must not stop under the browser's open connections.
    """
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"No Chromium at {CHROMIUM}: run `make browser` (or set CHROMIUM).",
            pytrace=False,
        )
    # Once Playwright's loop runs in this thread, asgiref gives Django a second set of
    # connections (its storage for async code). Hand it the ones the tests already use:
    # the in-memory test database and its serialized rows live on those.
    existing = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in existing.items():
            connections[alias] = connection
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
        except PlaywrightError as error:
            pytest.fail(
                f"Chromium at {CHROMIUM} did not start ({error}); run `make browser`.",
                pytrace=False,
            )
        yield browser
        browser.close()
    # The server's request threads end once Chromium's connections close; let them finish
    # while the server still shares the test database with them.
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=5)


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh context (no cookies shared), at a given viewport."""
    contexts = []

    def new(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        # Room for a second worker's Chromium on the same two cores; a wait that fails
        # still fails, only later.
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def console_errors(page):
    """What `page` logs as errors; public pages log none."""
    return record_console_errors(page)


@pytest.fixture
def login(live_server):
    """Sign a member of staff in through the admin's own login form."""

    def log_in(page, user, password="pw"):
        page.goto(f"{live_server.url}/admin/login/?next=/admin/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/admin/")

    return log_in
