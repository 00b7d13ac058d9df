"""The customer view with Pilot at 80x24: masked phone, tickets newest first, Enter opens one,
Esc back, customer text shown literally, both languages. The floor is queue_floor: customer
C001 (phone 13812345678) with T000001..T000003, all received at the same minute."""

from __future__ import annotations

from core.callbacks.calls import claim_callback, finish_call
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer
from core.tickets import lifecycle as tickets
from tests.app.conftest import SIZE, screen_text
from tests.callback_calls import answer_every_question
from tests.settling import answered
from tui.screens.customer import CustomerScreen
from tui.screens.intake import IntakeScreen
from tui.screens.queue import QueueScreen


def ticket_lines(text: str) -> list[str]:
    return [line.split()[0] for line in text.splitlines() if line.strip().startswith("T0000")]


async def open_customer(app, pilot, code: str = "C001") -> CustomerScreen:
    await app.push_screen(CustomerScreen(code))
    await pilot.pause()
    return app.screen


async def test_from_the_queue_masked_phone_and_history(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")  # the customer of the queue's current row (T000001)
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen) and app.screen.code == "C001"
        text = screen_text(app)
        for shown in ("华东贸易有限公司", "华东贸易", "张伟", "138****5678", "VIP", "零售"):
            assert shown in text
        assert "13812345678" not in text
        assert ticket_lines(text) == ["T000003", "T000002", "T000001"]  # newest first
        assert "Tickets, newest first (3)" in text
        assert "Callbacks: none yet" in text and "Last callback score: -" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


def callbacks_line(app) -> str:
    return next(line for line in screen_text(app).splitlines() if "Callbacks" in line or "回访：" in line)


async def test_callbacks_made_imported_and_open_and_the_last_score(
    app_for, queue_floor, as_li, clock, tmp_path
):
    """The user trial: a customer with done, scored callbacks (made on the floor and imported)
    and an open low-score follow-up was shown "Callbacks: none yet    Last callback score: -"."""
    from core.importing.callbacks import import_callbacks

    tickets.set_status(as_li, "T000002", "resolved", "重开发票")
    [task] = schedule_callbacks(queue_floor)
    claim_callback(as_li, task.id)
    answer_every_question(as_li, task.id, overall="2")
    follow_up = finish_call(as_li, task.id).follow_up_id  # a low score: the supervisor follows up
    survey = tmp_path / "survey.csv"  # imported after the call, made before it: not the last score
    survey.write_text("customer_code,done_at,method,overall\nC001,2026-11-18 16:00,survey,5\n", "utf-8")
    import_callbacks(queue_floor, survey)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        assert callbacks_line(app).split() == "Callbacks: 3 (2 done, 1 open) Last callback score: 2".split()
        # Too narrow for both: the score goes on a line of its own rather than being cut off.
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        assert [line.strip() for line in screen_text(app).splitlines()[-3:-1]] == [
            "Callbacks: 3 (2 done, 1 open)",
            "Last callback score: 2",
        ]
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert "Last callback score: 2" in callbacks_line(app)
        # The supervisor's follow-up is made while the view is open: it reads the floor again.
        clock.advance(hours=1)
        answer_every_question(queue_floor, follow_up, overall="4")
        finish_call(queue_floor, follow_up)
        app.look_now()
        assert await answered(lambda: "Last callback score: 4" in callbacks_line(app))
        assert "Callbacks: 3 (3 done)" in callbacks_line(app)
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(app, pilot)
        assert callbacks_line(app).split() == "回访：3 次（已完成 3） 最近回访评分：4".split()


async def test_enter_opens_the_ticket(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_customer(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert getattr(app.screen, "ref", None) == "T000003"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("j", "enter")  # j moves down, like the queue
        await pilot.pause()
        assert getattr(app.screen, "ref", None) == "T000002"


async def test_newest_by_received_time(app_for, queue_floor, clock):
    clock.advance(minutes=30)
    late = tickets.intake(queue_floor, tickets.NewTicket("C001", "phone", "later call"))
    early = tickets.intake(
        queue_floor,
        tickets.NewTicket("C001", "phone", "recorded late", received_at=clock.now().replace(hour=0)),
    )
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(app, pilot)
        lines = ticket_lines(screen_text(app))
        assert lines[0] == late and lines[-1] == early


async def test_customer_text_is_shown_literally(app_for, queue_floor):
    add_customer(
        queue_floor,
        CustomerForm(
            code="X1",
            name="[bold red]x[/] 公司",
            short_name="\x1b[2J清屏",
            phone="+86 139-0000-4321",
            industry="😀 emoji",
        ),
    )
    tickets.intake(
        queue_floor, tickets.NewTicket("X1", "phone", "[bold red]x[/] \x1b[2J 很长" + "很" * 20_000)
    )
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(app, pilot, "X1")
        text = screen_text(app)
        assert "[bold red]x[/] 公司" in text
        assert "␛[2J清屏" in text and "\x1b" not in text
        assert "139****4321" in text and "0000-4321" not in text
        assert "T000004" in text and "[bold red]x[/] ␛[2J" in text
        assert max(len(line) for line in text.splitlines()) <= SIZE[0]


async def test_no_tickets_and_new_ticket_for_this_customer(app_for, queue_floor):
    add_customer(queue_floor, CustomerForm(code="C002", name="西北机械厂"))
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(app, pilot, "C002")
        assert "No tickets yet." in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.customer.code == "C002"  # intake starts with this customer picked


async def test_unknown_customer_says_so(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(app, pilot, "NOPE")
        assert "no customer with code 'NOPE'" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def test_customer_view_in_chinese(app_for):
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(app, pilot)
        text = screen_text(app)
        for word in (
            "客户 C001",
            "名称",
            "联系人",
            "电话",
            "138****5678",
            "VIP客户",
            "行业",
            "工单（最新在前，共 3 条）",
            "回访：暂无",
            "最近回访评分：-",
            "打开工单",
            "返回",
        ):
            assert word in text
        assert "待处理" in text or "处理中" in text
