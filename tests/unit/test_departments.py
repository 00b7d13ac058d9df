"""The contact directory (紧急联络表): supervisors correct a department's entry; a refused or
invalid change leaves it exactly as it was."""

from __future__ import annotations

import pytest

from core.admin import setup as admin
from core.basics.errors import InvalidInput, NotAllowed, NotFound
from core.handoffs.directory import add_department, find_department, list_departments, update_department, view


@pytest.fixture
def directory(floor):
    admin.init_floor(floor)  # the policy's departments
    add_department(
        floor,
        "qa_lab",
        contact="周敏",
        phone="13700000000",
        hours="09:00-17:00",
        backup_contact="Ann",
        backup_phone="13900002222",
    )
    return floor


def entry(session, name: str):
    return next(d for d in list_departments(session) if d.name == name)


def test_a_supervisor_changes_contact_phone_and_hours(directory):
    changed = update_department(directory, "qa_lab", contact="王芳", phone="13711112222", hours="10:00-19:00")
    assert changed == entry(directory, "qa_lab")
    assert (changed.contact_person, changed.phone, changed.online_hours) == (
        "王芳",
        "13711112222",
        "10:00-19:00",
    )
    assert (changed.backup_contact, changed.backup_phone) == ("Ann", "13900002222")  # None: left as it was


def test_the_backup_contact_is_edited_too_and_text_is_trimmed(directory):
    changed = update_department(directory, "warehouse", backup_contact="  刘洋 ", backup_phone="13600000000")
    assert (changed.backup_contact, changed.backup_phone) == ("刘洋", "13600000000")
    assert changed.online_hours == "08:00-18:00"  # from the policy, untouched


def test_an_empty_value_clears_a_field_and_no_hours_means_any_time(directory):
    changed = update_department(directory, "qa_lab", backup_contact="", backup_phone="  ", hours="")
    assert (changed.backup_contact, changed.backup_phone, changed.online_hours) == (None, None, None)
    assert changed.contact_person == "周敏"


def test_hours_are_stored_the_one_way_the_directory_shows_them(directory):
    assert update_department(directory, "qa_lab", hours=" 8:30 - 17:00 ").online_hours == "08:30-17:00"


def test_the_policy_names_find_the_department(directory):
    assert update_department(directory, "仓库", phone="021-5555").name == "warehouse"
    assert update_department(directory, "Warehouse", contact="张伟").phone == "021-5555"


def test_an_agent_is_refused_and_nothing_changes(directory, as_li):
    before = entry(directory, "qa_lab")
    with pytest.raises(NotAllowed, match="only a supervisor edits the directory; li is an agent"):
        update_department(as_li, "qa_lab", phone="110")
    assert entry(directory, "qa_lab") == before


@pytest.mark.parametrize("hours", ["18:00-09:00", "9-17", "08:00", "25:00-26:00", "08:00-18:00-20:00"])
def test_bad_hours_are_refused_and_nothing_changes(directory, hours):
    before = entry(directory, "qa_lab")
    with pytest.raises(InvalidInput, match="is not a span like 08:00-18:00") as refused:
        update_department(directory, "qa_lab", phone="13799999999", hours=hours)
    assert refused.value.field == "hours"
    assert entry(directory, "qa_lab") == before  # the valid phone was not written either


def test_too_long_text_is_refused_and_nothing_changes(directory):
    before = entry(directory, "qa_lab")
    with pytest.raises(InvalidInput, match="phone: is 33 characters long; the most is 32"):
        update_department(directory, "qa_lab", contact="王芳", phone="1" * 33)
    with pytest.raises(InvalidInput, match="backup contact"):
        update_department(directory, "qa_lab", backup_contact="x" * 101)
    assert entry(directory, "qa_lab") == before


def test_an_unknown_department_says_how_to_list_them(directory):
    with pytest.raises(NotFound, match=r"no department 'marketing'.*callfloor dept list"):
        update_department(directory, "marketing", phone="1")
    assert "marketing" not in [d.name for d in list_departments(directory)]


def test_no_change_given_changes_nothing(directory):
    before = entry(directory, "qa_lab")
    assert update_department(directory, "qa_lab") == before


def test_adding_still_tells_how_to_add_when_a_name_is_unknown(directory):
    with pytest.raises(NotFound, match="callfloor dept add NAME"):
        find_department(directory, "marketing")
    assert view(find_department(directory, "qa_lab")) == entry(directory, "qa_lab")
