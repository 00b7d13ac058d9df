"""The wall board's rules: countdown text, masking, counts and page rotation (frozen clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.admin import setup as admin
from core.basics.masking import mask_name
from core.customers.records import CustomerForm, add_customer
from core.handoffs.board import board_counts, board_picture, clocks_at, countdown, page_at, page_count
from core.handoffs.lifecycle import add_handoff, answer_handoff, sync_handoff
from core.tickets import lifecycle as tickets
from tests.conftest import sh


@pytest.mark.parametrize(
    "left, shown",
    [
        (timedelta(minutes=59, seconds=59), "59:59"),
        (timedelta(minutes=5, seconds=9, microseconds=900_000), "05:09"),  # never rounded up
        (timedelta(0), "00:00"),
        (timedelta(hours=1), "1:00"),
        (timedelta(hours=26, minutes=5, seconds=59), "26:05"),
        (timedelta(seconds=-0.5), "+0:00"),
        (timedelta(minutes=-61), "+1:01"),
        (timedelta(hours=-3, minutes=-7), "+3:07"),
    ],
)
def test_countdown_is_mm_ss_under_an_hour_h_mm_above_and_plus_h_mm_overdue(left, shown):
    assert countdown(left) == shown


@pytest.mark.parametrize(
    "name, masked",
    [
        ("华东贸易", "华***"),
        ("Northwind", "Nor******"),
        ("王", "王"),
        ("", ""),
        (None, ""),
        ("深圳市南山区精密电子科技有限公司", "深圳市南山*******"[:5] + "******"),
    ],
)
def test_names_on_the_wall_are_masked(name, masked):
    assert mask_name(name) == masked


def test_the_picture_masks_customers_and_numbers_and_counts_what_matters(floor, new_ticket, clock):
    admin.init_floor(floor)
    add_customer(
        floor,
        CustomerForm(
            code="C002", name="Northwind Traders", short_name="Northwind", phone="13900001111", type="old"
        ),
    )
    late = new_ticket(description="订单1023 漏发")  # yellow, received 10:00: response due 10:30
    other = tickets.intake(floor, tickets.NewTicket("C002", "email", "call 13900001111 back"))
    first = add_handoff(floor, late, "warehouse", "call 13900001111 about order 1023", "10:30")
    second = add_handoff(floor, other, "tech", "check firmware", "+4h")
    synced = add_handoff(floor, other, "logistics", "where is it", "+1h")
    answer_handoff(floor, synced.id, "tomorrow")
    sync_handoff(floor, synced.id)

    clock.advance(minutes=45)  # the warehouse deadline passed 15 minutes ago
    picture = board_picture(floor)
    assert [h.id for h in picture.handoffs] == [first.id, second.id]  # by deadline; synced ones gone
    assert [h.customer_name for h in picture.handoffs] == ["华***", "Nor******"]
    assert picture.handoffs[0].need == "call 139****1111 about order ****"  # order numbers too (DOMAIN)
    assert all(h.customer_code == "" for h in picture.handoffs)
    counts = board_counts(picture, clocks_at(picture, clock.now(), floor.policy))
    assert (counts.open, counts.overdue, counts.stuck, counts.sync_late) == (2, 1, 0, 0)
    # the first ticket had no first response within 30 minutes; telling the second's customer
    # the logistics answer was its first response
    assert counts.breaching == 1

    clock.advance(hours=2)  # no stage change for 2 h 45 min: both stuck
    counts = board_counts(picture, clocks_at(picture, clock.now(), floor.policy))
    assert (counts.overdue, counts.stuck) == (1, 2)


def test_pages_rotate_every_eight_seconds_and_every_screen_shows_the_same_page(clock):
    assert page_count(0, 20) == 1 and page_count(20, 20) == 1 and page_count(21, 20) == 2
    start = sh(2026, 11, 20, 10, 0)  # a whole minute: a multiple of 8 s since the epoch
    shown = [page_at(start + timedelta(seconds=s), pages=3) for s in range(0, 32, 4)]
    assert shown == [0, 0, 1, 1, 2, 2, 0, 0]
    assert page_at(start + timedelta(seconds=13), pages=1) == 0
