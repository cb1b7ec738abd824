"""Staff logins: throttled by address as before, with the address kept only as a keyed hash."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.urls import reverse

PROXY = "10.0.0.2"
CLIENT = "203.0.113.5"


@pytest.fixture
def staff_member(db):
    return User.objects.create_user("desk", "desk@example.com", "right-password", is_staff=True)


def admin_login(client, password, *, forwarded_for, user_agent="Mozilla/5.0 (X11)"):
    return client.post(
        reverse("admin:login"),
        {"username": "desk", "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
        HTTP_USER_AGENT=user_agent,
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 1


def test_a_guesser_varying_the_left_of_x_forwarded_for_is_still_locked_out(
    client, staff_member, settings, behind_one_proxy
):
    for n in range(settings.AXES_FAILURE_LIMIT + 7):
        # The client says anything it likes; our proxy appends what it saw.
        admin_login(client, "guess", forwarded_for=f"198.51.100.{n}, {CLIENT}")

    locked = admin_login(client, "right-password", forwarded_for=f"192.0.2.1, {CLIENT}")

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_guesser_varying_the_browser_is_still_locked_out(client, staff_member, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "guess", forwarded_for="", user_agent=f"Browser/{n}")

    assert admin_login(client, "right-password", forwarded_for="").status_code == 429


def test_the_throttle_keeps_neither_the_address_nor_the_browser(
    client, staff_member, behind_one_proxy
):
    admin_login(client, "guess", forwarded_for=f"192.0.2.1, {CLIENT}")

    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address not in {CLIENT, PROXY, "192.0.2.1"}
    assert attempt.ip_address.startswith("fd")
    assert attempt.user_agent == ""
    assert CLIENT not in attempt.get_data + attempt.post_data


def test_a_successful_login_is_logged_without_address_or_browser(
    client, staff_member, behind_one_proxy
):
    response = admin_login(client, "right-password", forwarded_for=f"192.0.2.1, {CLIENT}")

    assert response.status_code == 302
    entry = AccessLog.objects.get()
    assert entry.ip_address != CLIENT and entry.ip_address.startswith("fd")
    assert entry.user_agent == ""


def test_one_client_is_one_hash_and_another_client_another(client, staff_member):
    admin_login(client, "guess", forwarded_for="")
    client.post(
        reverse("admin:login"),
        {"username": "desk", "password": "guess", "next": "/admin/"},
        REMOTE_ADDR="198.51.100.7",
    )
    admin_login(client, "guess", forwarded_for="")

    attempts = {a.ip_address: a.failures_since_start for a in AccessAttempt.objects.all()}
    assert sorted(attempts.values()) == [1, 2]
