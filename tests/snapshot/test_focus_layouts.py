"""Focus you can see (issue 18): wherever the focus is in a form, the agent sees it.

The pictures: a form at the agent's 80x24 with the focus on a middle field, in each of the floor's
themes (floor, wallboard, mono). The focused field wears a bar (tui/styles/focus.tcss) and its
label is lit; the fields around it look as they do unfocused.

* the handoff form over the ticket: a department picked, what is needed typed, the focus on
  "By when" (a one-line field);
* intake: a description typed, the focus on the tier list: where the issue's description went
  when the agent could not see the focus.

The tests after them walk the focus round a form by Tab: the bar is a glyph (so it shows in
mono, under NO_COLOR and in 16 colours) beside the focused field only, one label is lit, and no
field or label moves.

Update the pictures on purpose only (pytest tests/snapshot/test_focus_layouts.py
--snapshot-update), then look at the SVGs under __snapshots__/.
"""

from __future__ import annotations

import pytest
from textual.widget import Widget
from textual.widgets import Label

from tests.app.conftest import screen_text
from tests.snapshot.test_layouts import still
from tui import i18n
from tui.app import make_app
from tui.modals.action import ActionModal
from tui.screens.intake import IntakeScreen

THEMES = ("floor", "wallboard", "mono")
SIZE = (80, 24)
BAR = "▌"
"""The focus bar beside a borderless field (border-left: outer)."""


@pytest.fixture(autouse=True)
def keep_language():
    """make_app sets the process-wide language; put it back for the tests that follow."""
    before = i18n.language()
    yield
    i18n.set_language(before)


async def open_handoff(pilot) -> ActionModal:
    """The handoff form of the ticket at the top of the queue, the second department picked and
    what is needed typed; the focus on "By when"."""
    await pilot.pause()
    await pilot.press("enter", "h")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ActionModal)
    await pilot.press("down", "tab", *"Two replacement units", "tab")
    await pilot.pause()
    assert form.focused is form.query_one("#field-due")
    return form


async def open_intake(pilot) -> IntakeScreen:
    """Intake with a description typed and the focus on the tier list."""
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, IntakeScreen)
    await pilot.press("tab", "tab", *"Parcel arrived with a broken screen", "tab")
    await pilot.pause()
    assert form.focused is form.query_one("#tier")
    return form


@pytest.mark.parametrize("theme", THEMES)
def test_handoff_form_focus(snap_compare, board_snapshot_floor, theme):
    app = make_app(board_snapshot_floor.as_login("li"), "en", theme)

    async def reach(pilot) -> None:
        await open_handoff(pilot)
        still(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=reach)


@pytest.mark.parametrize("theme", THEMES)
def test_intake_form_focus(snap_compare, snapshot_floor, theme):
    app = make_app(snapshot_floor.as_login("li"), "en", theme)

    async def reach(pilot) -> None:
        await open_intake(pilot)
        still(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=reach)


def bars(app) -> list[tuple[int, int]]:
    """(x, y) of every focus bar on the screen, read as plain text: no colour needed."""
    lines = screen_text(app).splitlines()
    return [(x, y) for y, line in enumerate(lines) for x, char in enumerate(line) if char == BAR]


def layout(form: Widget, fields: list[Widget]) -> dict[str, object]:
    """Where every field and label of the form is drawn."""
    placed: dict[str, object] = {f"field {w.id}": w.region for w in fields}
    labels = form.query(".form-label, .modal-label")
    placed.update((f"label {i}", label.region) for i, label in enumerate(labels))
    return placed


def lit_labels(form: Widget) -> list[str]:
    """The labels drawn lit (bold: every theme's $focus-label-style has it; a resting label has not)."""
    labels = form.query(".form-label, .modal-label").results(Label)
    return [str(label.content) for label in labels if label.styles.text_style.bold]


async def tab_round(pilot, form: Widget, fields: list[Widget]) -> list[tuple[str | None, list[str]]]:
    """Tab once round fields, from the focused one. At each stop the bar stands beside the
    focused field (all its lines) and nowhere else, and no field or label has moved. Returns,
    for each stop, the focused field's id and the labels lit."""
    stops = []
    first = layout(form, fields)
    for _ in fields:
        focused = pilot.app.screen.focused
        assert focused in fields, f"Tab reached {focused!r}"
        beside = focused.region
        assert bars(pilot.app) == [(beside.x, y) for y in range(beside.y, beside.bottom)], focused.id
        assert layout(form, fields) == first, f"focus on {focused.id} moved the form"
        stops.append((focused.id, lit_labels(form)))
        await pilot.press("tab")
        await pilot.pause()
    return stops


async def test_intake_tab_moves_the_bar_and_the_lit_label_and_nothing_else(snapshot_floor):
    """mono: the theme of 16-colour terminals and NO_COLOR, where only glyphs and styles tell."""
    app = make_app(snapshot_floor.as_login("li"), "en", "mono")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_intake(pilot)
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back to the customer search
        await pilot.pause()
        names = ("customer-search", "channel", "description", "tier", "category", "mood")  # no sub-tag yet
        stops = await tab_round(pilot, form, [form.query_one(f"#{name}") for name in names])

    assert stops == [
        ("customer-search", ["Customer"]),
        ("channel", ["Channel"]),
        ("description", ["Description"]),
        ("tier", ["Tier"]),
        ("category", ["Category"]),
        ("mood", ["Mood"]),
    ]


async def test_handoff_tab_moves_the_bar_and_nothing_else(board_snapshot_floor):
    app = make_app(board_snapshot_floor.as_login("li"), "en", "mono")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_handoff(pilot)
        await pilot.press("tab", "tab", "tab")  # "Problem", the department list, "What is needed"
        await pilot.pause()
        fields = [form.query_one(f"#field-{key}") for key in ("need", "due", "problem")]
        stops = await tab_round(pilot, form, fields)

    assert [field for field, _ in stops] == ["field-need", "field-due", "field-problem"]


async def test_a_theme_from_the_palette_shows_the_focus_too(snapshot_floor):
    """Textual's own themes (Ctrl+P, change theme) lack the floor's focus variables: looks.py
    gives them theirs, so the stylesheet still parses and the bar still shows."""
    app = make_app(snapshot_floor.as_login("li"), "en", "floor")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_intake(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        tier = form.query_one("#tier")
        assert tier.styles.border_left[0] == "outer"
        assert bars(app) == [(tier.region.x, tier.region.y)]
