"""The moderation policy: one object that reads every incoming comment and says why.

Each named rule answers allow, hold, spam or refuse, with a reason a moderator can read
and the text it matched. The posting path calls `moderation_policy.review()` directly;
the verdict is the most severe of the rules' answers, and every reason is kept on the
comment for the queue to show.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from django.conf import settings
from django.utils import timezone

from comments.models import Ban, Comment, ModerationWord


class Verdict(IntEnum):
    """Ordered by severity: the review's verdict is the most severe rule's."""

    # Live at once: only when no rule found anything, for a commenter with a clean record.
    APPROVE = -1
    ALLOW = 0
    HOLD = 1
    SPAM = 2
    REFUSE = 3


@dataclass(frozen=True)
class Finding:
    """One rule's answer: what it decided, why, and the text that made it decide."""

    rule: str
    verdict: Verdict
    reason: str
    matched: str = ""

    def as_record(self):
        return {
            "rule": self.rule,
            "verdict": self.verdict.name.lower(),
            "reason": self.reason,
            "matched": self.matched,
        }


@dataclass(frozen=True)
class Submission:
    """What the policy reads of an incoming comment."""

    article_id: int
    author_name: str
    email: str
    email_hash: str
    ip_hash: str
    body: str
    website: str = ""
    served_at: datetime | None = None


@dataclass
class Review:
    findings: list = field(default_factory=list)

    @property
    def verdict(self):
        return max((f.verdict for f in self.findings), default=Verdict.ALLOW)

    def reasons(self):
        """The findings worth a moderator's eye (not the all-clear), as stored records."""
        return [f.as_record() for f in self.findings if f.verdict > Verdict.ALLOW]

    def summary(self):
        """Why, in one line: the reasons worth a moderator's eye, or why it went live."""
        return "; ".join(f.reason for f in self.findings if f.verdict != Verdict.ALLOW)


# Letters written with digits and signs, and the Cyrillic and Greek letters that look
# like Latin ones: "Sp4m" and "ѕрам" are both "spam" to the word lists.
LOOKALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "а": "a",
        "в": "b",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "α": "a",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
    }
)
# A word, as readers and spammers write one: letters and digits, with the signs that
# stand in for letters inside it ("$ex", "a$$", "sh!t").
WORD = re.compile(r"[\w@$!|]*\w[\w@$!|]*|[@$][\w@$!|]+")


def fold(text):
    """Text as the word lists compare it: NFKC, case-folded, accents and invisibles removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if unicodedata.category(char) not in {"Mn", "Cf"})


def words(text):
    """The comment's words, each as (folded form, as written)."""
    folded = fold(text)
    found = []
    for match in WORD.finditer(folded):
        # "!" and "|" end sentences as often as they stand for letters: only inside a word
        # are they letters. "$" and "@" are letters wherever they are ("a$$").
        written = match.group().strip("!|")
        # Digits inside a word are letters in disguise; a number alone stays a number.
        plain = written.translate(LOOKALIKES) if not written.isdigit() else written
        plain = plain.strip("_")
        if plain:
            found.append((plain, written))
    return found


def phrase_words(phrase):
    return tuple(plain for plain, _ in words(phrase))


def find_phrases(comment_words, phrases):
    """The first listed phrase found as whole words in `comment_words`, as (phrase, written)."""
    plain = [p for p, _ in comment_words]
    for phrase in phrases:
        target = phrase_words(phrase)
        if not target:
            continue
        size = len(target)
        for start in range(len(plain) - size + 1):
            if tuple(plain[start : start + size]) == target:
                written = " ".join(w for _, w in comment_words[start : start + size])
                return phrase, written
    return None


LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|biz|ru|xyz|top)\b", re.I)


class ModerationPolicy:
    """The rules every incoming comment goes through, in the order moderators read them,
    and the rule that holds a shown comment on readers' reports."""

    def review(self, submission: Submission) -> Review:
        """Run every rule on `submission`; the findings say what to do and why.

        Only a comment no rule found anything in may go live at once, if its commenter is
        trusted (`trusted_commenter`); every other comment waits for a moderator.
        """

        word_list = list(ModerationWord.objects.values_list("phrase", "kind"))
        comment_words = words(f"{submission.author_name}\n{submission.body}")
        review = Review()
        for rule in (
            self.honeypot,
            self.timing,
            self.banned_commenter,
            self.banned_words,
            self.suspect_words,
            self.links,
            self.first_comment,
        ):
            finding = rule(submission, comment_words=comment_words, word_list=word_list)
            if finding is not None:
                review.findings.append(finding)
        if review.verdict == Verdict.ALLOW:
            finding = self.trusted_commenter(submission)
            if finding is not None:
                review.findings.append(finding)
        return review

    def honeypot(self, submission, **context):
        """A field people never see, filled in: a bot. Refused outright."""
        if submission.website:
            return Finding(
                "honeypot", Verdict.REFUSE, "filled in the hidden field", submission.website[:100]
            )
        return None

    def timing(self, submission, **context):
        """Sent faster than a person can read the form and write."""
        if submission.served_at is None:
            return None
        seconds = (timezone.now() - submission.served_at).total_seconds()
        if seconds < settings.COMMENTS_MIN_SECONDS:
            return Finding(
                "timing",
                Verdict.HOLD,
                f"sent {max(seconds, 0):.0f} s after the form was served",
            )
        return None

    def banned_commenter(self, submission, **context):
        """A banned email or address: straight to spam, with the ban's own reason."""

        keys = [key for key in (submission.email_hash, submission.ip_hash) if key]
        if not keys:
            return None
        ban = Ban.objects.active().filter(key__in=keys).order_by("-created_at").first()
        if ban is None:
            return None
        return Finding("banned_commenter", Verdict.SPAM, ban.describe())

    def banned_words(self, submission, *, comment_words, word_list, **context):
        found = find_phrases(comment_words, [p for p, kind in word_list if kind == "banned"])
        if found:
            phrase, written = found
            return Finding("banned_word", Verdict.SPAM, f"banned word “{phrase}”", written)
        return None

    def suspect_words(self, submission, *, comment_words, word_list, **context):
        found = find_phrases(comment_words, [p for p, kind in word_list if kind == "suspect"])
        if found:
            phrase, written = found
            return Finding("suspect_word", Verdict.HOLD, f"suspect word “{phrase}”", written)
        return None

    def links(self, submission, **context):
        found = LINK.findall(submission.body)
        if len(found) > settings.COMMENTS_MAX_LINKS:
            return Finding("links", Verdict.HOLD, f"{len(found)} links", " ".join(found)[:200])
        return None

    def first_comment(self, submission, **context):

        if not submission.email_hash:
            return None
        if Comment.objects.filter(email_hash=submission.email_hash).exists():
            return None
        return Finding("first_comment", Verdict.HOLD, "first comment from this email")

    def trusted_commenter(self, submission):
        """COMMENTS_AUTO_APPROVE_AFTER approved comments from this email and none rejected
        or spam: live at once (off while the setting is 0: every comment is pre-moderated)."""
        needed = settings.COMMENTS_AUTO_APPROVE_AFTER
        if not needed or not submission.email_hash:
            return None
        record = Comment.objects.filter(email_hash=submission.email_hash)
        if record.filter(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM]).exists():
            return None
        if record.approved().count() < needed:
            return None
        return Finding("trusted_commenter", Verdict.APPROVE, "trusted commenter: no rule held it")

    def reports(self, comment):
        """Readers' reports reaching COMMENTS_REPORT_THRESHOLD on a comment readers see:
        held until a moderator decides. Below it, the comment stays on the site."""
        if comment.is_approved() and comment.report_count >= settings.COMMENTS_REPORT_THRESHOLD:
            return Finding("reports", Verdict.HOLD, f"{comment.report_count} reader reports")
        return None


moderation_policy = ModerationPolicy()
