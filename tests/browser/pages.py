"""Looking at a page as a reader's browser shows it: screen sizes and what the console says."""

from pathlib import Path

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# Screenshots for people to look at; no test compares them.
SHOTS = Path("/tmp/newsroom-shots")


def record_console_errors(page):
    """A list that fills with the errors `page` logs: failed loads, CSP refusals, script errors."""
    errors = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def fits_the_screen(page):
    """Whether the page is no wider than the window: no sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
