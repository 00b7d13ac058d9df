"""Links to the wall board served to browsers (callfloor serve-board): a supervisor makes one
per wall screen, the URL carries its token, and a link can be revoked. Every connection is
logged, let in or not.

Only the token's SHA-256 is stored: the URL is shown once, when it is made (a backup or a copy
of the floor gives nobody a working link). Links are made and revoked on the floor's clock, as
every supervisor's action is; visits are logged in real time, as presence is: they record live
connections, not floor work.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from peewee import fn

from core.basics import InvalidInput, require_text
from core.basics.errors import Refused
from core.floor import Session, audit
from core.floor.presence import presence_now
from core.floor.storage import reading, storage_problems
from core.tickets.queue import change_token
from db.connection import write_transaction
from db.models import BoardLink, BoardVisit
from db.rows import as_tuples

LABEL_MOST = 80
TOKEN_BYTES = 32
"""43 URL-safe characters: guessing one is out of reach."""
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,128}")
PEER_MOST, BROWSER_MOST = 64, 200

SHOWN, UNKNOWN, REVOKED, FULL = "shown", "unknown", "revoked", "full"
"""A visit's outcome: let in; a token the floor does not know; a revoked link; turned away
because the server already serves as many browsers as it may."""


@dataclass(frozen=True)
class NewLink:
    id: int
    label: str
    token: str
    """The secret for the URL: shown this once, never stored."""


@dataclass(frozen=True)
class LinkView:
    id: int
    label: str
    created_by: str
    created_at: datetime
    revoked_by: str | None
    revoked_at: datetime | None
    visits: int
    last_visit: datetime | None


@dataclass(frozen=True)
class Admission:
    """What the server does with a token: show the board (link_id), or turn it away (outcome)."""

    outcome: str
    link_id: int | None
    label: str | None
    visit_id: int | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def plausible_token(token: str | None) -> bool:
    """The shape of a token this floor makes (garbage is refused before any lookup)."""
    return isinstance(token, str) and _TOKEN_SHAPE.fullmatch(token) is not None


def _require_supervisor(session: Session, action: str, target: str) -> None:
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "boardlink.supervisors_only",
            action=action,
            target=target,
            login=session.login,
        )


def new_link(session: Session, label: str) -> NewLink:
    """A new link for a wall screen, named by label ("TV by the door"). Supervisors only."""
    label = require_text(label, "--label", LABEL_MOST, hint="boardlink.label.hint")
    if any(not c.isprintable() for c in label):
        raise InvalidInput("--label", "boardlink.label.control")
    label = label.strip()
    _require_supervisor(session, "make a board link", label)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with session.writing():
        taken = BoardLink.get_or_none((BoardLink.label == label) & BoardLink.revoked_at.is_null())
        if taken is not None:
            raise Refused("boardlink.label_taken", label=label, id=taken.id)
        link = BoardLink.create(
            token_sha256=token_hash(token),
            label=label,
            created_by=session.login,
            created_at=session.now(),
        )
    return NewLink(id=link.id, label=label, token=token)


@reading
def board_links(session: Session) -> list[LinkView]:
    """Every link, the newest first, with how often and when it was last used. Supervisors only."""
    _require_supervisor(session, "list the board links", "board links")
    visits = (
        BoardVisit.select(
            BoardVisit.link_id,
            fn.COUNT(BoardVisit.id).alias("visits"),
            fn.MAX(BoardVisit.at).alias("last_visit"),
        )
        .where(BoardVisit.outcome == SHOWN)
        .group_by(BoardVisit.link_id)
    )
    counted = {link_id: (count, last) for link_id, count, last in as_tuples(visits)}
    views = []
    for link in BoardLink.select().order_by(BoardLink.id.desc()):
        count, last = counted.get(link.id, (0, None))  # MAX(at) comes back through the field
        views.append(
            LinkView(
                id=link.id,
                label=link.label,
                created_by=link.created_by,
                created_at=link.created_at,
                revoked_by=link.revoked_by,
                revoked_at=link.revoked_at,
                visits=count,
                last_visit=last,
            )
        )
    return views


def revoke_link(session: Session, link_id: int) -> LinkView:
    """Revoke a link: the server turns it away from now on and closes the boards it shows."""
    _require_supervisor(session, "revoke a board link", f"link {link_id}")
    with session.writing():
        link = BoardLink.get_or_none(BoardLink.id == link_id)
        if link is None:
            raise Refused("boardlink.not_found", id=link_id)
        if link.revoked_at is not None:
            raise Refused(
                "boardlink.already_revoked",
                id=link_id,
                label=link.label,
                login=link.revoked_by,
                when=link.revoked_at.astimezone(session.policy.calendar.tz).strftime("%Y-%m-%d %H:%M"),
            )
        link.revoked_by, link.revoked_at = session.login, session.now()
        link.save()
    [view] = [v for v in board_links(session) if v.id == link_id]
    return view


@reading
def look_up(session: Session, token: str | None) -> Admission:
    """What the server does with a token: shown, or turned away (unknown, revoked). Not logged:
    log_visit() logs the connections. The floor is asked as the screens ask it (its change
    signal), so a floor file deleted under the server, or a server gone, is StorageProblem
    here too, not an answer read through a connection that outlived its file."""
    change_token(session)
    link = None
    if plausible_token(token):
        assert token is not None
        link = BoardLink.get_or_none(BoardLink.token_sha256 == token_hash(token))
    if link is None:
        return Admission(outcome=UNKNOWN, link_id=None, label=None, visit_id=None)
    outcome = REVOKED if link.revoked_at is not None else SHOWN
    return Admission(outcome=outcome, link_id=link.id, label=link.label, visit_id=None)


def turned_away_full(admission: Admission) -> Admission:
    """A good link the server turns away: it already shows as many boards as it may."""
    return replace(admission, outcome=FULL)


def log_visit(session: Session, admission: Admission, peer: str, browser: str) -> Admission:
    """Log a connection, let in or turned away: the admission with its visit's id."""
    with storage_problems(), write_transaction(session.db):
        visit = BoardVisit.create(
            link=admission.link_id,
            at=presence_now(),
            peer=_short(peer, PEER_MOST),
            browser=_short(browser, BROWSER_MOST),
            outcome=admission.outcome,
        )
    return replace(admission, visit_id=visit.id)


def visit_ended(session: Session, visit_id: int, bytes_sent: int) -> None:
    with storage_problems(), write_transaction(session.db):
        BoardVisit.update(closed_at=presence_now(), bytes_sent=bytes_sent).where(
            BoardVisit.id == visit_id
        ).execute()


@reading
def revoked_among(session: Session, link_ids: set[int]) -> set[int]:
    """Which of these links were revoked (or deleted) since their boards were let in."""
    if not link_ids:
        return set()
    live = {
        link.id
        for link in BoardLink.select(BoardLink.id).where(
            BoardLink.id.in_(sorted(link_ids)), BoardLink.revoked_at.is_null()
        )
    }
    return link_ids - live


def _short(text: str | None, most: int) -> str:
    """What a browser says about itself, kept inert and short (it is the browser's to choose)."""
    cleaned = "".join(c if c.isprintable() else "?" for c in (text or "-"))
    return cleaned[:most] or "-"
