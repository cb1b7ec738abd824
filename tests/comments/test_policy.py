"""The moderation policy: each rule, the reason it gives, and the text it matched."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Ban, Comment, ModerationWord
from comments.policy import Submission, Verdict, fold, moderation_policy, words
from comments.privacy import address_hash, email_hash


def submission(body="A fair point about rates.", **fields):
    fields.setdefault("article_id", 1)
    fields.setdefault("author_name", "Ayse")
    fields.setdefault("email", "")
    fields.setdefault("email_hash", "")
    fields.setdefault("ip_hash", address_hash("203.0.113.5"))
    fields.setdefault("served_at", timezone.now() - timedelta(minutes=2))
    return Submission(body=body, **fields)


def findings(review):
    return [(f.rule, f.verdict, f.reason, f.matched) for f in review.findings]


@pytest.fixture
def word_lists(db):
    ModerationWord.objects.create(phrase="spam", kind="banned")
    ModerationWord.objects.create(phrase="ass", kind="banned")
    ModerationWord.objects.create(phrase="buy now", kind="banned")
    ModerationWord.objects.create(phrase="idiot", kind="suspect")
    ModerationWord.objects.create(phrase="café", kind="suspect")


@pytest.mark.django_db
def test_a_plain_comment_passes_every_rule():
    review = moderation_policy.review(submission())

    assert review.verdict == Verdict.ALLOW
    assert review.findings == []


@pytest.mark.parametrize(
    "body",
    [
        "This is spam.",
        "This is SPAM!",
        "Sp4m everywhere",
        "ｓｐａｍ in full width",
        "ѕрам in Cyrillic letters",
        "s\u200bpam with a zero-width space",
        "spám with an accent",
        "Please buy   now",
        "𝐬𝐩𝐚𝐦 in mathematical bold",
        "a$$ written with signs",
    ],
)
def test_banned_words_send_to_spam_through_unicode_tricks(word_lists, body):
    review = moderation_policy.review(submission(body))

    assert review.verdict == Verdict.SPAM
    assert review.findings[0].rule == "banned_word"
    assert review.findings[0].matched


@pytest.mark.parametrize(
    "body",
    [
        "A class act.",
        "Passing the assessment.",
        "The embassy said nothing.",
        "Spammers are a problem",  # a longer word is another word
        "Compass and bass",
        "Buy shares now",  # the phrase's words must be next to each other
        "Covid in 2024: 4 cases",
    ],
)
def test_listed_words_match_only_as_whole_words(word_lists, body):
    review = moderation_policy.review(submission(body))

    assert review.verdict == Verdict.ALLOW, findings(review)


def test_suspect_words_hold_with_the_word_and_what_was_written(word_lists):
    review = moderation_policy.review(submission("What an IDI0T, honestly."))

    assert review.verdict == Verdict.HOLD
    assert findings(review) == [("suspect_word", Verdict.HOLD, "suspect word “idiot”", "idi0t")]


def test_accents_are_folded_both_in_the_list_and_the_comment(word_lists):
    assert moderation_policy.review(submission("Meet at the cafe")).verdict == Verdict.HOLD
    assert moderation_policy.review(submission("Meet at the CAFÉ")).verdict == Verdict.HOLD


def test_the_name_is_read_as_well_as_the_comment(word_lists):
    review = moderation_policy.review(submission("Hello.", author_name="Spam King"))

    assert review.verdict == Verdict.SPAM


@pytest.mark.django_db
def test_more_links_than_allowed_are_held_with_the_count(settings):
    settings.COMMENTS_MAX_LINKS = 2
    body = "See https://a.example/1 and http://b.example and www.c.example today"

    review = moderation_policy.review(submission(body))

    assert review.verdict == Verdict.HOLD
    assert findings(review)[0][:3] == ("links", Verdict.HOLD, "3 links")
    two = moderation_policy.review(submission("https://a.example and https://b.example"))
    assert two.verdict == Verdict.ALLOW


@pytest.mark.django_db
def test_first_comment_from_an_email_is_held_and_later_ones_are_not(article, make_comment):
    key = email_hash("new@example.com")

    first = moderation_policy.review(submission(email="new@example.com", email_hash=key))
    make_comment(article, email="new@example.com", email_hash=key)
    second = moderation_policy.review(submission(email="new@example.com", email_hash=key))

    assert findings(first) == [("first_comment", Verdict.HOLD, "first comment from this email", "")]
    assert second.verdict == Verdict.ALLOW


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused():
    review = moderation_policy.review(submission(website="http://spam.example"))

    assert review.verdict == Verdict.REFUSE
    assert review.findings[0].rule == "honeypot"


@pytest.mark.django_db
def test_a_comment_sent_seconds_after_the_form_was_served_is_held(settings):
    settings.COMMENTS_MIN_SECONDS = 3

    review = moderation_policy.review(submission(served_at=timezone.now()))

    assert review.verdict == Verdict.HOLD
    assert findings(review) == [("timing", Verdict.HOLD, "sent 0 s after the form was served", "")]


@pytest.mark.django_db
def test_reasons_add_up_and_the_most_severe_decides(word_lists, settings):
    settings.COMMENTS_MAX_LINKS = 0
    review = moderation_policy.review(submission("idiot, see https://spam.example or spam"))

    assert review.verdict == Verdict.SPAM
    assert [f.rule for f in review.findings] == ["banned_word", "suspect_word", "links"]
    assert review.summary() == "banned word “spam”; suspect word “idiot”; 1 links"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["email", "address"])
def test_a_banned_commenter_goes_to_spam_with_the_bans_reason(
    article, make_comment, moderator, kind
):
    comment = make_comment(
        article, email_hash=email_hash("troll@example.com"), ip_hash=address_hash("203.0.113.5")
    )
    Ban.impose(comment=comment, kind=kind, days=7, reason="Abuse of other readers", by=moderator)

    review = moderation_policy.review(
        submission(email="troll@example.com", email_hash=email_hash("troll@example.com"))
    )

    assert review.verdict == Verdict.SPAM
    assert review.findings[0].rule == "banned_commenter"
    assert review.findings[0].reason.startswith(f"banned {kind} (until ")
    assert review.findings[0].reason.endswith("): Abuse of other readers")


@pytest.mark.django_db
def test_an_expired_ban_no_longer_applies(article, make_comment, moderator):
    comment = make_comment(article, ip_hash=address_hash("203.0.113.5"))
    ban = Ban.impose(comment=comment, kind="address", days=1, reason="Flooding", by=moderator)
    Ban.objects.filter(pk=ban.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    review = moderation_policy.review(submission())

    assert review.verdict == Verdict.ALLOW


def test_folding_handles_case_ligatures_and_invisible_characters():
    assert fold("STRASSE ﬁne\u200d") == "strasse fine"
    assert fold("Straße") == "strasse"
    assert [plain for plain, _ in words("H3ll0, W0rld! 2024")] == ["hello", "world", "2024"]


@pytest.fixture
def trusted_email(article, make_comment, settings):
    """A commenter with three approved comments, when three make a commenter trusted."""
    settings.COMMENTS_AUTO_APPROVE_AFTER = 3
    key = email_hash("regular@example.com")
    for _ in range(3):
        make_comment(article, email_hash=key, status=Comment.Status.APPROVED)
    return key


def test_a_trusted_commenter_goes_live_when_no_rule_holds_the_comment(trusted_email):
    review = moderation_policy.review(submission(email_hash=trusted_email))

    assert review.verdict == Verdict.APPROVE
    assert findings(review) == [
        ("trusted_commenter", Verdict.APPROVE, "trusted commenter: no rule held it", "")
    ]
    assert review.summary() == "trusted commenter: no rule held it"
    assert review.reasons() == []


def test_a_trusted_commenters_comment_a_rule_holds_still_waits(trusted_email, settings):
    settings.COMMENTS_MAX_LINKS = 0

    review = moderation_policy.review(submission("See https://a.example", email_hash=trusted_email))

    assert review.verdict == Verdict.HOLD
    assert [f.rule for f in review.findings] == ["links"]


def test_every_comment_waits_while_the_trust_setting_is_off(trusted_email, settings):
    settings.COMMENTS_AUTO_APPROVE_AFTER = 0

    assert moderation_policy.review(submission(email_hash=trusted_email)).verdict == Verdict.ALLOW


def test_one_rejected_comment_loses_a_commenters_trust(trusted_email, article, make_comment):
    make_comment(article, email_hash=trusted_email, status=Comment.Status.REJECTED)

    assert moderation_policy.review(submission(email_hash=trusted_email)).verdict == Verdict.ALLOW


def test_a_reply_readers_cannot_see_does_not_count_towards_trust(
    trusted_email, article, make_comment
):
    removed = make_comment(article, status=Comment.Status.SPAM)
    Comment.objects.filter(email_hash=trusted_email).update(parent=removed)

    assert moderation_policy.review(submission(email_hash=trusted_email)).verdict == Verdict.ALLOW


@pytest.mark.django_db
def test_reports_hold_a_shown_comment_once_they_reach_the_threshold(
    article, make_comment, settings
):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    shown = make_comment(article, status=Comment.Status.APPROVED, report_count=2)
    waiting = make_comment(article, report_count=5)

    below = moderation_policy.reports(shown)
    shown.report_count = 3
    at = moderation_policy.reports(shown)

    assert below is None
    assert (at.rule, at.verdict, at.reason) == ("reports", Verdict.HOLD, "3 reader reports")
    assert moderation_policy.reports(waiting) is None
