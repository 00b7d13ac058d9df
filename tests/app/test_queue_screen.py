"""The queue screen's main path with Pilot at 80x24."""

from __future__ import annotations

from textual.filter import Monochrome, NoColor

from tests.app.conftest import SIZE, screen_text


async def test_queue_shows_open_tickets_most_urgent_first(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        lines = [line for line in text.splitlines() if line.strip().startswith(("R ", "Y ", "G "))]
        assert [line.split()[1] for line in lines] == ["T000001", "T000002", "T000003"]
        assert "open 3" in text and "red 1" in text


async def test_claim_from_the_list(app_for, queue_floor):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "T000001 is yours" in " ".join(str(n.message) for n in app._notifications)
    from core.tickets.reads import ticket_detail

    assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def test_claim_is_offered_only_on_a_row_nobody_else_owns(app_for, queue_floor):
    """docs/keys.md: a key that cannot be used is not offered (the trial saw Claim on li's row)."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        assert "Claim" in footer()  # T000001: nobody's
        await pilot.press("down")  # T000002: li's
        await pilot.pause()
        assert "Claim" not in footer()
        await pilot.press("up")
        await pilot.pause()
        assert "Claim" in footer()


async def test_the_mono_theme_draws_for_16_colour_terminals(app_for):
    from tui.app import make_app

    app = make_app(app_for("boss").session, "en", theme="mono")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "mono"
        assert "T000001" in screen_text(app)


async def test_hostile_customer_text_is_shown_literally_and_cjk_columns_line_up(queue_floor):
    from core.customers import records as customers
    from core.tickets import lifecycle as tickets
    from tui.app import make_app

    customers.add_customer(
        queue_floor,
        customers.CustomerForm(
            "X1", "[bold red]x[/] \x1b[2J 坏😀" + "长" * 50, short_name="[bold red]x[/]\x1b[2J坏😀"
        ),
    )
    tickets.intake(queue_floor, tickets.NewTicket("X1", "phone", "\x1b[2J [bold]hi[/] " + "长" * 20_000))
    app = make_app(queue_floor, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold red]x[/]␛[2J" in text and "\x1b" not in text
        from rich.cells import cell_len

        rows = [line for line in text.splitlines() if line[:1] and line[:1] in "红黄绿"]
        assert len(rows) == 4
        # every row is the same number of cells wide, Chinese names, emoji or not
        assert len({cell_len(line) for line in rows}) == 1


async def test_others_work_appears_without_moving_the_cursor_off_the_agents_row(app_for, queue_floor):
    from core.tickets import lifecycle as tickets

    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")  # on T000002
        await pilot.pause()
        assert app.screen.table.current.ref == "T000002"
        # another agent records something more urgent: it sorts above li's row
        tickets.intake(queue_floor.as_login("wang"), tickets.NewTicket("C001", "phone", "设备故障, 投诉"))
        # In this process the write shares our connection, so the change signal cannot move
        # (the tmux test covers another process); reload as the poll does when it moves.
        app.screen.refresh_queue()
        await pilot.pause()
        assert app.screen.table.current.ref == "T000002"
        assert "all open: 3/4" in screen_text(app)


async def test_no_color_picks_the_mono_theme(app_for, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    from tui.app import make_app

    app = make_app(app_for("boss").session, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "mono"
        # The terminal's own colours, not Textual's grey filter, which made the mono theme's
        # "default colour" black on black (a trial's blank screen).
        assert not any(isinstance(f, Monochrome) for f in app._filters)
        [no_color] = [f for f in app._filters if isinstance(f, NoColor)]
        for strip in app.screen._compositor.render_strips()[:4]:
            for segment in no_color.apply(list(strip), app.current_theme.background):
                colours = (segment.style.color, segment.style.bgcolor) if segment.style else ()
                assert all(c is None or c.is_default for c in colours)
        cursor = app.screen.query_one("QueueTable").get_component_styles("queue-table--cursor")
        assert cursor.text_style.reverse  # the row Enter would open, seen without colours


async def test_the_cursor_row_stays_visible_to_the_last_row(queue_floor):
    from core.tickets import lifecycle as tickets
    from tui.app import make_app

    for n in range(30):
        tickets.intake(queue_floor, tickets.NewTicket("C001", "phone", f"question {n}"))
    app = make_app(queue_floor, "en")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(25):
            await pilot.press("j")
        await pilot.pause()
        assert app.screen.table.current.ref in screen_text(app)
        await pilot.press("G")
        await pilot.pause()
        assert app.screen.table.current.ref in screen_text(app)
        assert "all open: 33/33" in screen_text(app)


async def test_a_database_error_while_paging_is_a_message_not_a_crash(queue_floor, monkeypatch):
    from core.basics.errors import StorageProblem
    from core.tickets import lifecycle as tickets
    from core.tickets import queue
    from tui.app import make_app
    from tui.widgets import queue_table

    for n in range(40):  # more rows than the screen shows: the last one needs a fresh page
        tickets.intake(queue_floor, tickets.NewTicket("C001", "phone", f"question {n}"))
    monkeypatch.setattr(queue_table, "PAGE", 10)
    app = make_app(queue_floor, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def locked(*args, **kwargs):
            raise StorageProblem("the floor database stayed locked")

        monkeypatch.setattr(queue, "queue_page", locked)
        await pilot.press("G")
        await pilot.pause()
        assert app.is_running
        assert any("locked" in str(n.message) for n in app._notifications)


async def test_a_new_view_starts_at_its_first_row(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        await pilot.press("m")
        await pilot.press("a")
        await pilot.pause()
        assert "all open: 1/3" in screen_text(app)
