"""Offer only what will work (issue 18): for each person and each state of what is on screen,
the keys the footer shows are exactly those core would accept now, and a key core would refuse,
pressed anyway (typed, or run from the palette as Ctrl+P runs it), opens no form and writes
nothing. Ticket, handoff stages, callbacks, directory and customer screens, at 80x24.

The tables are written out by hand, from docs/keys.md, not worked out from core's answer: they
are what an agent is promised."""

from __future__ import annotations

import pytest
from textual.screen import ModalScreen

from core.callbacks.calls import claim_callback, finish_call, get_callback, list_callbacks
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer, set_callback_preferences
from core.handoffs import lifecycle as handoffs
from core.handoffs.directory import add_department
from core.people.agents import add_agent
from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE
from tests.callback_calls import answer_every_question
from tui.app import make_app
from tui.modals.choice import ChoiceModal
from tui.screens.callbacks import CallbacksScreen
from tui.screens.customer import CustomerScreen
from tui.screens.directory import DirectoryScreen
from tui.screens.intake import IntakeScreen
from tui.screens.ticket import TicketScreen

PEOPLE = ("li", "wang", "boss")
"""li, the agent who owns the tickets; wang, her colleague; boss, a supervisor."""


def footer(screen) -> set[str]:
    """The keys the footer shows: the screen's (and its widgets') bindings shown and enabled;
    the app's own keys (1-4, Ctrl+R...) are the same on every screen and left out."""
    return {
        key
        for key, active in screen.active_bindings.items()
        if active.enabled and active.binding.show and active.node is not screen.app
    }


def offered(screen) -> set[str]:
    """Every key of the screen that works now, shown in the footer or not (g, C)."""
    return {
        key
        for key, active in screen.active_bindings.items()
        if active.enabled and active.node is not screen.app
    }


async def try_refused(app, pilot, screen, key: str) -> None:
    """Press a key the screen does not offer, then run its action as the palette would (the
    app runs it with the screen as namespace): neither may open anything."""
    [binding] = [b for b in screen._bindings.key_to_bindings.get(key, [])]
    await pilot.press(key)
    await pilot.pause()
    await app.run_action(binding.action, screen)
    await pilot.pause()


def no_form(app, screen) -> bool:
    return app.screen is screen and not any(isinstance(s, ModalScreen) for s in app.screen_stack)


# The ticket -------------------------------------------------------------------------------

EVERYONE = {"n", "o", "i"}
"""A note and a contact: anyone on the floor, whatever the ticket's status."""
WORKING = {"r", "w", "t", "h", "A"}
"""An open ticket being worked, for its owner or a supervisor."""

TICKET_KEYS = {
    # situation: {person: the footer's keys}
    "new, nobody's": {
        "li": EVERYONE | {"c", "t", "h"},
        "wang": EVERYONE | {"c", "t", "h"},
        "boss": EVERYONE | {"c", "t", "h", "A"},
    },
    "in progress, li's": {"li": EVERYONE | WORKING, "wang": EVERYONE | {"h"}, "boss": EVERYONE | WORKING},
    "waiting, li's": {
        "li": EVERYONE | {"W", "r", "t", "h", "A"},
        "wang": EVERYONE | {"h"},
        "boss": EVERYONE | {"W", "r", "t", "h", "A"},
    },
    "resolved, li's": {
        "li": EVERYONE | {"x", "R", "t"},
        "wang": EVERYONE,
        "boss": EVERYONE | {"x", "R", "t"},
    },
    "closed, li's": {"li": EVERYONE | {"R", "t"}, "wang": EVERYONE, "boss": EVERYONE | {"R", "t"}},
    # a handoff's stage keys are anyone's: the department's answer, and telling the customer
    "handoff sent": {
        "li": EVERYONE | WORKING | {"a"},
        "wang": EVERYONE | {"h", "a"},
        "boss": EVERYONE | WORKING | {"a"},
    },
    "handoff answered": {
        "li": EVERYONE | WORKING | {"s"},
        "wang": EVERYONE | {"h", "s"},
        "boss": EVERYONE | WORKING | {"s"},
    },
}
TICKET_SHOWN = {"c", "n", "o", "i", "r", "w", "W", "R", "x", "t", "h", "a", "s", "A"}
"""The ticket's keys the footer can show (g, C and Esc work without being shown)."""


@pytest.fixture
def ticket_floor(floor, as_li, new_ticket):
    """One ticket per situation of TICKET_KEYS (li's unless nobody's): situation -> ref."""
    add_department(floor, "warehouse", contact="老周", phone="021-5555", hours="00:00-23:59")

    def lis(then=None) -> str:
        ref = new_ticket()
        tickets.claim(as_li, ref)
        if then is not None:
            then(ref)
        return ref

    def handed(ref: str) -> int:
        return handoffs.add_handoff(as_li, ref, "warehouse", "confirm the delivery date", "+2h").id

    refs = {
        "new, nobody's": new_ticket(),
        "in progress, li's": lis(),
        "waiting, li's": lis(lambda ref: tickets.set_status(as_li, ref, "waiting", "请补拍照片")),
        "resolved, li's": lis(lambda ref: tickets.set_status(as_li, ref, "resolved", "换货")),
        "closed, li's": lis(
            lambda ref: (
                tickets.set_status(as_li, ref, "resolved", "换货"),
                tickets.set_status(as_li, ref, "closed"),
            )
        ),
        "handoff sent": lis(handed),
        "handoff answered": lis(lambda ref: handoffs.answer_handoff(as_li, handed(ref), "周五送到")),
    }
    assert set(refs) == set(TICKET_KEYS)
    return refs


def as_written(session, ref: str) -> tuple[int, int]:
    """What a refused key must not change: the ticket's version and its timeline's length."""
    detail = ticket_detail(session, ref)
    return detail.row_version, len(detail.events)


@pytest.mark.parametrize("login", PEOPLE)
async def test_the_ticket_offers_exactly_what_core_accepts(floor, ticket_floor, login):
    app = make_app(floor.as_login(login), "en")
    shown: dict[str, set[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        for situation, ref in ticket_floor.items():
            screen = TicketScreen(ref)
            app.push_screen(screen)
            await pilot.pause()
            assert app.screen is screen and screen.detail is not None
            shown[situation] = footer(screen) & TICKET_SHOWN
            hidden = offered(screen) - footer(screen)
            # g (category) goes with t (tier), C (the customer) is always there
            assert ("g" in hidden) == ("t" in shown[situation]) and "C" in hidden, situation
            before = as_written(floor, ref)
            for key in sorted(TICKET_SHOWN - shown[situation]):
                await try_refused(app, pilot, screen, key)
                assert no_form(app, screen), (situation, key, app.screen_stack)
            assert as_written(floor, ref) == before, situation
            await pilot.press("escape")
            await pilot.pause()
    assert shown == {situation: people[login] for situation, people in TICKET_KEYS.items()}


async def test_the_reported_case_resolve_on_a_colleagues_ticket(floor, ticket_floor):
    """Issue 18: r on a colleague's ticket let the whole form be typed, then refused it."""
    ref = ticket_floor["in progress, li's"]
    app = make_app(floor.as_login("wang"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = TicketScreen(ref)
        app.push_screen(screen)
        await pilot.pause()
        assert "r" not in footer(screen)
        await pilot.press("r")
        await pilot.pause()
        assert no_form(app, screen)
    assert ticket_detail(floor, ref).status == "in_progress"


# The callbacks ----------------------------------------------------------------------------

CALLBACK_KEYS = {
    # situation: {person: the keys core decides, of c (claim) and p (pass a follow-up on)}
    "due, nobody's": {"li": {"c"}, "wang": {"c"}, "boss": {"c"}},
    "due, li's": {"li": set(), "wang": set(), "boss": set()},  # li's already: nothing to claim
    "not yet due": {"li": {"c"}, "wang": {"c"}, "boss": {"c"}},  # claimed now, called from 14:00
    # boss's own, and boss the only supervisor: nobody to pass it to (the next test: someone)
    "low-score follow-up": {"li": set(), "wang": set(), "boss": set()},
    "held by a follow-up": {"li": {"c"}, "wang": {"c"}, "boss": {"c"}},
}
CALLS = {
    # situation: who may begin the call now (Enter)
    "due, nobody's": set(PEOPLE),
    "due, li's": {"li"},
    "not yet due": set(),
    "low-score follow-up": {"boss"},
    "held by a follow-up": set(),
}
CALLBACKS_ALWAYS = {"g", "m", "r", "escape"}
"""One group, mine, book again and back: the list's own keys, for everyone."""


def resolved_for(floor, new_ticket, code: str) -> int:
    """code's ticket resolved by li on Friday 10:00; its callback, booked."""
    as_li = floor.as_login("li")
    ref = new_ticket(customer_code=code)
    tickets.claim(as_li, ref)
    tickets.set_status(as_li, ref, "resolved", "已处理")
    schedule_callbacks(floor)
    [view] = [v for v in list_callbacks(floor) if v.ticket_ref == ref]
    return view.id


@pytest.fixture
def callback_floor(floor, new_ticket):
    """One callback per situation of CALLBACK_KEYS, each for a customer of its own (a
    customer has one routine callback open): situation -> callback number."""
    for code in ("C002", "C003", "C004"):
        add_customer(floor, CustomerForm(code=code, name=f"客户{code}", phone=f"1390000{code[1:]}"))
    set_callback_preferences(floor, "C001", call_time="14:00-17:00")  # 10:00 now: not yet due
    scored = resolved_for(floor, new_ticket, "C002")
    as_li = floor.as_login("li")
    answer_every_question(as_li, scored, overall="2", score="3", yes_no="no")
    follow_up = finish_call(as_li, scored).follow_up_id  # booked to boss, the only supervisor
    numbers = {
        "due, nobody's": resolved_for(floor, new_ticket, "C003"),
        "due, li's": resolved_for(floor, new_ticket, "C004"),
        "not yet due": resolved_for(floor, new_ticket, "C001"),
        "low-score follow-up": follow_up,
        "held by a follow-up": resolved_for(floor, new_ticket, "C002"),
    }
    claim_callback(as_li, numbers["due, li's"])
    assert set(numbers) == set(CALLBACK_KEYS)
    return numbers


async def select(pilot, screen: CallbacksScreen, number: int) -> None:
    screen.table.cursor = next(i for i, v in enumerate(screen.table.rows) if v.id == number)
    await pilot.pause()
    assert screen.table.current is not None and screen.table.current.id == number


@pytest.mark.parametrize("login", PEOPLE)
async def test_the_callbacks_offer_exactly_what_core_accepts(floor, callback_floor, login):
    app = make_app(floor.as_login(login), "en")
    shown: dict[str, set[str]] = {}
    calls: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallbacksScreen)
        for situation, number in callback_floor.items():
            await select(pilot, screen, number)
            keys = footer(screen) - {"enter"}  # Enter: the next test
            assert CALLBACKS_ALWAYS <= keys, situation
            shown[situation] = keys - CALLBACKS_ALWAYS
            if screen.may_open(screen.table.current):
                calls.add(situation)
            owner = get_callback(floor, number).owner
            for key in sorted({"c", "p"} - shown[situation]):
                await try_refused(app, pilot, screen, key)
                assert no_form(app, screen), (situation, key)
            assert get_callback(floor, number).owner == owner, situation
            if situation not in calls:  # Enter anyway: not offered, so no call screen
                await pilot.press("enter")
                await pilot.pause()
                assert no_form(app, screen), situation
                assert get_callback(floor, number).owner == owner, situation
    assert shown == {situation: people[login] for situation, people in CALLBACK_KEYS.items()}
    assert calls == {situation for situation, people in CALLS.items() if login in people}


async def test_p_passes_a_follow_up_while_another_supervisor_can_take_it(floor, callback_floor):
    follow_up = callback_floor["low-score follow-up"]
    add_agent(floor, "zhao", "赵敏", role="supervisor")
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        await select(pilot, screen, follow_up)
        assert "p" in footer(screen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)  # the picker: zhao


@pytest.mark.parametrize("login", PEOPLE)
async def test_enter_is_offered_only_on_a_call_core_would_begin(floor, callback_floor, login):
    app = make_app(floor.as_login(login), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        for situation, number in callback_floor.items():
            await select(pilot, screen, number)
            assert ("enter" in footer(screen)) == (login in CALLS[situation]), situation


# The directory ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("login", "departments", "keys"),
    [
        ("li", True, {"escape"}),  # agents read the directory
        ("boss", True, {"e", "n", "escape"}),
        ("boss", False, {"n", "escape"}),  # nothing to edit yet
    ],
)
async def test_the_directory_is_kept_by_supervisors_only(floor, login, departments, keys):
    if departments:
        add_department(floor, "warehouse", contact="老周", phone="021-5555", hours="08:00-18:00")
    app = make_app(floor.as_login(login), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DirectoryScreen)
        assert footer(screen) == keys
        for key in sorted({"e", "n"} - keys):
            await try_refused(app, pilot, screen, key)
            assert no_form(app, screen), key
        await pilot.press("enter")  # Enter edits, for the people who may
        await pilot.pause()
        assert no_form(app, screen) == ("e" not in keys)


# The customer -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "keys"),
    [
        ("C001", {"enter", "n", "escape"}),  # one ticket listed
        ("C002", {"n", "escape"}),  # no tickets yet: nothing to open
        ("NOPE", {"escape"}),  # no such customer: no ticket can be taken for it
    ],
)
async def test_the_customer_offers_a_new_ticket_only_for_a_customer_read(floor, new_ticket, code, keys):
    add_customer(floor, CustomerForm(code="C002", name="西北机械厂"))
    new_ticket()
    app = make_app(floor.as_login("li"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = CustomerScreen(code)
        await app.push_screen(screen)
        await pilot.pause()
        assert footer(screen) == keys
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen) == ("n" in keys)
