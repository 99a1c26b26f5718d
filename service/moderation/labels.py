"""What the staff screens call statuses, verdicts, kinds, actions, the spam filter's reasons and
the audit log's entries, in the reader's language.

Stored values and the JSON API keep the contract's short English words (`pending`, `spam`,
`honeypot`, `comment.approve`); these are only the words a person reads. Each is an `N_()`
message, so a page translates it with `translate()` and an English message that quotes one stays
as it was. A reason's detail is stored as the spam rule wrote it, in English; `reason_detail()`
recognises the rules' sentences and says them again in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask_babel import ngettext

from service.submissions.health_guard import KIND_LABELS as HEALTH_DETAIL_LABELS
from service.web.i18n import N_, Message, translate

STATUS_LABELS: dict[str, Message] = {
    "pending": N_("pending"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "spam": N_("spam"),
    "deleted": N_("deleted"),
    "received": N_("received"),
    "answered": N_("answered"),
    "closed": N_("closed"),
    # The queue's default filter: what waits for a person.
    "open": N_("waiting (pending, reported, received)"),
}
VERDICT_LABELS: dict[str, Message] = {
    "ham": N_("ham"),
    "unsure": N_("unsure"),
    "spam": N_("spam"),
}
KIND_LABELS: dict[str, Message] = {
    "comment": N_("comment"),
    "inquiry": N_("inquiry"),
    # What else the audit log names.
    "moderator": N_("account"),
    "blocklist": N_("blocklist entry"),
    "canned_reply": N_("canned reply"),
}
KIND_PLURAL_LABELS: dict[str, Message] = {
    "comment": N_("comments"),
    "inquiry": N_("inquiries"),
}
# The buttons.
ACTION_LABELS: dict[str, Message] = {
    "approve": N_("Approve"),
    "reject": N_("Reject"),
    "spam": N_("Spam"),
    "ham": N_("Not spam"),
    "delete": N_("Delete"),
    "lock": N_("Lock thread"),
    "unlock": N_("Unlock thread"),
    "pin": N_("Pin to the top"),
    "unpin": N_("Unpin"),
    "close": N_("Close"),
    "answer": N_("Answer"),
    "assign": N_("Assign"),
    "restore": N_("Restore"),
}
ROLE_LABELS: dict[str, Message] = {
    "admin": N_("Administrator"),
    "moderator": N_("Moderator"),
}
BLOCK_KIND_LABELS: dict[str, Message] = {
    "word": N_("word"),
    "email": N_("email"),
    "domain": N_("domain"),
    "network": N_("network"),
}


def label(labels: dict[str, Message], value: str) -> str:
    """The label of a value, or the value itself when it has none."""
    return labels.get(value, value)


# What each spam rule means, in a moderator's words (docs/spam-filter.md, "What each reason means").
# Stored reasons and the JSON API keep the rule's identifier; pages show it beside the label.
REASON_LABELS: dict[str, Message] = {
    "honeypot": N_("Hidden field filled in (a bot)"),
    "form_token_missing": N_("No form token"),
    "form_token_too_fast": N_("Sent faster than a person types"),
    "form_token_expired": N_("Sent long after the form was shown"),
    "form_token_replayed": N_("The same form sent again"),
    "form_token_invalid": N_("Forged form token"),
    "links": N_("Links in the text"),
    "link_density": N_("Many links for few words"),
    "link_shortener": N_("Shortened link hides where it goes"),
    "link_markup": N_("Link markup typical of forum spam"),
    "spam_domain": N_("Domain typical of spam"),
    "seo_offer": N_("Sales pitch: search rankings or web design"),
    "self_promotion": N_("Sales pitch: promotes the writer's own channel or site"),
    "vendor_offer": N_("Sales pitch: a supplier's offer"),
    "clinic_vendor": N_("Sales pitch: reviews, address lists, videos or billing for the clinic"),
    "off_platform_contact": N_("Sales pitch: asks to be contacted elsewhere"),
    "support_line_advert": N_("Sales pitch: a support or booking line"),
    "pharmacy_offer": N_("Sales pitch: medicines without a prescription"),
    "account_phishing": N_("Tries to get account details (phishing)"),
    "money_offer": N_("Offers money, prizes or discounts"),
    "product_testimonial": N_("Sales pitch: a product or healer inside a patient's story"),
    "adult_bait": N_("Bait for adult chat or dating sites"),
    "engagement_bait": N_("Asks for likes, thumbs up or shares"),
    "cure_story": N_("Sales pitch: a cure story that ends in an order to buy"),
    "keyword_stuffing": N_("Keywords stuffed with a town's name"),
    "praise_from_trade_name": N_("Praise for any article under a trade name"),
    "empty_praise": N_("Praise that fits any article, carrying a website or written by a robot"),
    "scam": N_("A scam: poses as the clinic's doctor, a tax office or an insurer"),
    "phone_number": N_("Phone number in a public comment"),
    "disposable_email": N_("Throwaway email address"),
    "role_mailbox": N_("Sent from a role address such as sales@"),
    "website_on_inquiry": N_("Inquiry names a website"),
    "author_name_advert": N_("The name is an advert"),
    "website_advert": N_("The website is a business's advert"),
    "blocked_word": N_("Blocklist: word"),
    "blocked_email": N_("Blocklist: email address"),
    "blocked_domain": N_("Blocklist: domain"),
    "blocked_address": N_("Blocklist: address range"),
    "duplicate_text": N_("Same text sent several times"),
    "address_flood": N_("Many submissions from one address range"),
    "author_spam_before": N_("Sender had items marked spam before"),
    "author_approved_before": N_("Sender had items approved before"),
    "learned_model": N_("The learned model's opinion"),
    "site_busy": N_("Held while the site receives very many submissions"),
    "clinic_voice": N_("Sent with the clinic's own address"),
    # Not a spam rule: the health-information guard (service/submissions/health_guard.py).
    "personal_health_info": N_("The writer may share their own health details or contact data"),
}

# Actions that earlier versions recorded and this one no longer does; their entries stay.
AUDIT_ACTIONS_OF_EARLIER_VERSIONS = {"inquiry.receive"}

# What the audit log's actions mean. Entries keep the identifier, which pages show beside it.
AUDIT_ACTION_LABELS: dict[str, Message] = {
    "inquiry.receive": N_("Inquiry received"),
    "inquiry.view": N_("Inquiry opened"),
    "inquiry.answer": N_("Inquiry answered"),
    "inquiry.close": N_("Inquiry closed"),
    "inquiry.spam": N_("Inquiry marked as spam"),
    "inquiry.ham": N_("Inquiry rescued from spam"),
    "inquiry.delete": N_("Inquiry deleted"),
    "inquiry.restore": N_("Inquiry restored after a delete"),
    "inquiry.assign": N_("Inquiry assigned"),
    "inquiry.note": N_("Internal note added"),
    "inquiry.link_open": N_("Patient opened the answer link"),
    "inquiry.link_code": N_("Code sent to the patient"),
    "inquiry.link_verified": N_("Patient confirmed the code"),
    "inquiry.link_refused": N_("Answer link or code refused"),
    "inquiry.patient_reply": N_("Patient replied"),
    "canned_reply.save": N_("Canned reply saved"),
    "canned_reply.delete": N_("Canned reply deleted"),
    "comment.approve": N_("Comment approved"),
    "comment.reject": N_("Comment rejected"),
    "comment.spam": N_("Comment marked as spam"),
    "comment.ham": N_("Comment rescued from spam"),
    "comment.delete": N_("Comment deleted"),
    "comment.restore": N_("Comment restored after a delete"),
    "comment.lock": N_("Thread locked"),
    "comment.unlock": N_("Thread unlocked"),
    "comment.pin": N_("Comment pinned"),
    "comment.unpin": N_("Comment unpinned"),
    "comment.reply": N_("Staff reply posted"),
    "comment.edit": N_("Comment edited by staff"),
    "comment.to_inquiry": N_("Comment moved to a private inquiry"),
    "inquiry.from_comment": N_("Inquiry made from a comment"),
    "login": N_("Signed in"),
    "login.failed": N_("Sign-in failed"),
    "login.throttled": N_("Sign-in paused after failures"),
    "logout": N_("Signed out"),
    "logout.idle": N_("Signed out after inactivity"),
    "logout.all_devices": N_("Signed out on every device"),
    "logout.everywhere": N_("Signed out everywhere, API tokens revoked"),
    "logout.provider": N_("Signed out: the identity provider ended the sign-in"),
    "logout.sso_required": N_("Signed out: single sign-on is required"),
    "sso.link": N_("Account linked to the identity provider"),
    "password.change": N_("Password changed"),
    "account.notify": N_("Mail notices switched on or off"),
    "two_factor.enable": N_("Two-factor sign-in set up"),
    "two_factor.replace": N_("Two-factor app replaced"),
    "two_factor.disable": N_("Two-factor sign-in switched off"),
    "two_factor.reset": N_("Two-factor sign-in reset by an administrator"),
    "two_factor.recovery_codes": N_("New recovery codes made"),
    "two_factor.recovery_code_used": N_("Recovery code used"),
    "moderator.create": N_("Account created"),
    "moderator.reset": N_("Account reset from the command line"),
    "moderator.deactivate": N_("Account switched off"),
    "moderator.reactivate": N_("Account switched back on"),
    "moderator.role": N_("Role changed"),
    "moderator.scope": N_("Access limited to kinds and topics"),
    "moderator.on_call": N_("On-call duty changed"),
    "token.create": N_("API token created"),
    "token.revoke": N_("API token revoked"),
    "token.revoke_all": N_("Every API token of the account revoked"),
    "blocklist.add": N_("Added to the blocklist"),
    "blocklist.remove": N_("Removed from the blocklist"),
    "queue.export": N_("Queue exported"),
    "privacy.export": N_("Personal data exported"),
    "privacy.erase": N_("Personal data erased"),
    "retention.purge": N_("Old data deleted on schedule"),
    "site.import": N_("Comments imported"),
    "audit.import": N_("Imported audit log not copied"),
    "site.export": N_("Everything exported"),
    "keys.rotate": N_("Encryption keys rotated"),
    "webhook.add": N_("Webhook endpoint added"),
    "webhook.remove": N_("Webhook endpoint removed"),
    "webhook.test": N_("Webhook test event sent"),
    "inquiry.export": N_("Inquiry included in an export"),
    "audit.anchor": N_("Audit log's oldest entries purged (chain anchor)"),
}

# The access report's kinds of access (service/submissions/accessreport.py).
ACCESS_LABELS: dict[str, Message] = {
    "opened": N_("Opened"),
    "answered": N_("Answered"),
    "exported": N_("Exported"),
    "handled": N_("Handled"),
}

# The names in an audit entry's detail.
AUDIT_DETAIL_LABELS: dict[str, Message] = {
    "via": N_("via"),
    "from": N_("before"),
    "to": N_("now"),
    "thread": N_("thread"),
    "parent": N_("in reply to"),
    "verdict": N_("filter"),
    "account": N_("account"),
    "role": N_("role"),
    "password": N_("new password"),
    "two_factor": N_("two-factor reset"),
    "on": N_("mail notices"),
    "on_call": N_("on call"),
    "days": N_("valid for days"),
    "token": N_("token"),
    "label": N_("label"),
    "tokens": N_("tokens"),
    "after": N_("after"),
    "remaining": N_("codes left"),
    "kind": N_("kind"),
    "status": N_("status"),
    "value": N_("value"),
    "reason": N_("reason"),
    "address": N_("address"),
    "seconds": N_("paused for seconds"),
    "method": N_("method"),
    "minutes": N_("idle minutes"),
    "comments": N_("comments"),
    "inquiries": N_("inquiries"),
    "comments_deleted": N_("comments deleted"),
    "comments_tombstoned": N_("comments emptied, replies kept"),
    "inquiries_deleted": N_("inquiries deleted"),
    "mail_deleted": N_("mails deleted"),
    "spam_comments": N_("spam comments"),
    "spam_inquiries": N_("spam inquiries"),
    "closed_inquiries": N_("closed inquiries"),
    "deleted_inquiries": N_("deleted inquiries"),
    "sent_mail": N_("sent mails"),
    "failed_mail": N_("undeliverable mails"),
    "idempotency_keys": N_("idempotency keys"),
    "form_tokens": N_("form tokens"),
    "action_links": N_("mail links"),
    "reader_links": N_("readers' mail links"),
    "answer_links": N_("patients' answer links"),
    "source": N_("imported from"),
    "threads": N_("threads"),
    "skipped": N_("skipped"),
    "includes_inquiries": N_("inquiries included"),
    "subscribers": N_("reply-notification addresses"),
    "subscribers_deleted": N_("reply-notification addresses deleted"),
    "ended_sessions": N_("signed-out sessions"),
    "webhook_deliveries": N_("webhook deliveries"),
    "values": N_("values re-encrypted"),
    "key": N_("key"),
    "events": N_("events"),
    "kinds": N_("may see"),
    "topics": N_("inquiry topics"),
    "link": N_("answer link"),
    "note": N_("note"),
    "audit_entries": N_("audit entries"),
    "moderators": N_("staff accounts"),
    "blocklist": N_("blocklist entries"),
    "entries": N_("entries in the file"),
    "copied": N_("entries copied"),
    "through_seq": N_("last place purged"),
    "last_hash": N_("its hash"),
    "purged": N_("entries purged"),
    "older_than": N_("older than"),
    "details_left": N_("personal details still found"),
    "inquiry": N_("inquiry"),
    "comment": N_("comment"),
}
# Detail values that are one of the words above: a status, a role, a verdict, a kind.
_DETAIL_VALUE_LABELS: dict[str, tuple[dict[str, Message], ...]] = {
    "from": (STATUS_LABELS, ROLE_LABELS),
    "to": (STATUS_LABELS, ROLE_LABELS),
    "status": (STATUS_LABELS,),
    "role": (ROLE_LABELS,),
    "verdict": (VERDICT_LABELS,),
    "kind": (BLOCK_KIND_LABELS, KIND_LABELS),
    "after": (AUDIT_ACTION_LABELS,),
    "kinds": (KIND_PLURAL_LABELS, {"all": N_("all")}),
    "topics": ({"all": N_("all")},),
}
_YES_NO = {True: N_("yes"), False: N_("no")}


def audit_detail_value(key: str, value: object) -> str:
    """An audit detail's value in the reader's language when it is a yes/no or a known word
    (a status, a role, a verdict, a kind); anything else (an address, a count, a source) as
    stored."""
    if isinstance(value, bool):
        return translate(_YES_NO[value])
    for table in _DETAIL_VALUE_LABELS.get(key, ()):
        if isinstance(value, str) and value in table:
            return translate(table[value])
    return str(value)


# Where a blocked domain was found (service/spam/checks.py, `_submission_domains`).
_FOUND_IN: dict[str, Message] = {
    "link": N_("link"),
    "email in text": N_("email in text"),
    "website": N_("website"),
    "email": N_("email"),
}

# What the evidence in a sentence may be.
_NUMBER = r"\d+"
_DECIMAL = r"[\d.]+"
_ANY = ".*"
_SOME = ".+"
_QUOTED = r"'.*'|\".*\""


def _stored(sentence: Message, **evidence: str) -> tuple[str, Message]:
    """The pattern of a stored sentence, read from its English message: each `%(name)s` is the
    named group `evidence[name]`, everything else stands for itself."""
    literal = re.sub(r"([()\[\]{}.*+?^$|\\])", r"\\\1", sentence.msgid)
    pattern = re.sub(
        r"%\\\((\w+)\\\)s", lambda name: f"(?P<{name[1]}>{evidence[name[1]]})", literal
    )
    return pattern, sentence


# The sentences the spam rules store as a reason's detail (service/spam/checks.py and
# pipeline.py), with the evidence as named groups. In English each gives back the stored
# sentence exactly (tests/unit/test_staff_labels.py checks it for every rule); sentences with a
# count that English writes as a true plural go through ngettext, so other languages get theirs.
_DetailText = Message | Callable[[dict[str, str]], str]
_REASON_DETAILS: tuple[tuple[re.Pattern[str], _DetailText], ...] = tuple(
    (re.compile(pattern, re.DOTALL), text)
    for pattern, text in (
        _stored(N_("the hidden form field was filled in")),
        _stored(N_("no form token was sent")),
        _stored(N_("the form was sent too soon after it was shown")),
        _stored(
            N_("the form was sent too soon after it was shown (%(seconds)s s)"), seconds=_DECIMAL
        ),
        _stored(N_("the form token had expired")),
        _stored(N_("the form token had already been used")),
        _stored(N_("the form token was not one this site issued")),
        (
            r"(?P<num>\d+) links? \((?P<domains>.*)\)",
            lambda found: ngettext(
                "%(num)d link (%(domains)s)",
                "%(num)d links (%(domains)s)",
                int(found["num"]),
                domains=found["domains"],
            ),
        ),
        (
            r"(?P<num>\d+) links? \((?P<domains>.*)\), (?P<referral>\d+) with a referral code",
            lambda found: ngettext(
                "%(num)d link (%(domains)s), %(referral)s with a referral code",
                "%(num)d links (%(domains)s), %(referral)s with a referral code",
                int(found["num"]),
                domains=found["domains"],
                referral=found["referral"],
            ),
        ),
        _stored(N_("%(links)s link(s) in %(words)s word(s)"), links=_NUMBER, words=_NUMBER),
        _stored(N_("shortened link via %(domains)s"), domains=_SOME),
        _stored(N_("link markup: %(kinds)s"), kinds=_SOME),
        _stored(N_("known spam domain pattern: %(domains)s"), domains=_SOME),
        _stored(N_("throwaway mail provider %(domain)s"), domain=_SOME),
        _stored(N_("sent from a role address (%(mailbox)s)"), mailbox=_SOME),
        _stored(N_("an inquiry naming a website (%(domain)s)"), domain=_ANY),
        _stored(N_("the name holds a web or mail address")),
        _stored(N_("trade words in the name: %(words)s"), words=_ANY),
        _stored(N_("generic praise under a trade name: %(word)s"), word=_ANY),
        _stored(N_("praise that fits any blog, as comment robots write it")),
        _stored(N_("generic praise carrying a website (%(host)s)"), host=_ANY),
        _stored(
            N_("a recovery claim (%(claim)s) and an order to buy (%(order)s)"),
            claim=_ANY,
            order=_ANY,
        ),
        _stored(N_("short phrases all ending in %(word)s"), word=_QUOTED),
        _stored(N_("a commercial website (%(domain)s: %(words)s)"), domain=r"[^:]*", words=_ANY),
        _stored(N_("matched %(phrase)s"), phrase=_QUOTED),
        _stored(N_("%(count)s phone number(s) in a public comment"), count=_NUMBER),
        _stored(N_("blocked word %(word)s"), word=_QUOTED),
        _stored(N_("blocked email %(email)s"), email=_SOME),
        _stored(N_("blocked domain %(domain)s (%(where)s)"), domain=r"\S+", where=r"[^()]+"),
        _stored(N_("address in blocked range %(network)s"), network=_SOME),
        (
            r"the same text was sent (?P<num>\d+) times? recently",
            lambda found: ngettext(
                "the same text was sent %(num)d time recently",
                "the same text was sent %(num)d times recently",
                int(found["num"]),
            ),
        ),
        (
            r"(?P<num>\d+) recent submissions from the same address range",
            lambda found: ngettext(
                "%(num)d recent submission from the same address range",
                "%(num)d recent submissions from the same address range",
                int(found["num"]),
            ),
        ),
        _stored(N_("%(count)s earlier item(s) marked spam"), count=_NUMBER),
        _stored(N_("%(count)s earlier item(s) approved"), count=_NUMBER),
        _stored(
            N_("spam probability %(probability)s from %(features)s features"),
            probability=_DECIMAL,
            features=_NUMBER,
        ),
        _stored(N_("more submissions site-wide than the ceiling allows; held for a moderator")),
        _stored(N_("sent with the clinic's own address (%(domain)s)"), domain=r"[^()]+"),
        (r"personal details found: (?P<kinds>[a-z_, ]+)", lambda found: _detail_kinds(found)),
    )
)


def _detail_kinds(found: dict[str, str]) -> str:
    """The guard's detail ("personal details found: diagnosis, phone") in the reader's words."""
    kinds = [translate(HEALTH_DETAIL_LABELS.get(kind, kind)) for kind in found["kinds"].split(", ")]
    return translate(N_("personal details found: %(kinds)s", kinds=", ".join(kinds)))


def reason_detail(detail: str | None) -> str:
    """A reason's stored detail in the reader's language when it is one of the spam rules'
    sentences, else as stored (a detail written before a wording changed, say)."""
    if detail is None:
        return ""
    detail = str(detail)
    for pattern, text in _REASON_DETAILS:
        found = pattern.fullmatch(detail)
        if found is None:
            continue
        if not isinstance(text, Message):
            return text(found.groupdict())
        params: dict[str, Any] = found.groupdict()
        if "where" in params:
            params["where"] = _FOUND_IN.get(params["where"], params["where"])
        return translate(text.with_params(**params))
    return detail


def is_known_reason_detail(detail: str) -> bool:
    """Whether a stored detail is one of the spam rules' sentences that `reason_detail()`
    translates."""
    return any(pattern.fullmatch(detail) for pattern, _ in _REASON_DETAILS)


# What a webhook endpoint chooses to hear about, and what kind of receiver it is.
WEBHOOK_EVENT_LABELS: dict[str, Message] = {
    "inquiry.received": N_("Inquiry received"),
    "comment.held": N_("Comment held for review"),
    "comment.published": N_("Comment published"),
    "item.spam": N_("Item marked as spam"),
    "inquiry.answered": N_("Inquiry answered"),
    "webhook.test": N_("Test event"),
}
WEBHOOK_FORMAT_LABELS: dict[str, Message] = {
    "standard": N_("Signed webhook (Standard Webhooks)"),
    "slack": N_("Slack"),
    "teams": N_("Microsoft Teams"),
    "mattermost": N_("Mattermost"),
    "matrix": N_("Matrix (hookshot)"),
}
