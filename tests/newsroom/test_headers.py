"""Headers every answer carries, whoever asks and whatever the page."""

import pytest


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/no-such-page/", "/healthz"])
def test_every_answer_refuses_the_camera_microphone_and_location(client, article, url):
    response = client.get(url)

    policy = response["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
        assert feature in policy


def test_a_page_from_the_cache_carries_the_policy_too(client, article):
    client.get(article.get_absolute_url())

    kept = client.get(article.get_absolute_url())

    assert "camera=()" in kept["Permissions-Policy"]
