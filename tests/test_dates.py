"""Article dates: every accepted form, conversion to Vietnam time, clear errors."""

from datetime import date, datetime, timedelta, timezone

import pytest

from wardportal.dates import (ACCEPTED_FORMS, VIETNAM, DateFormatError, PublishedAt, month_label, parse_as_of,
                              parse_published)


@pytest.mark.parametrize("value", [
    "2021-04-22 16:48",
    "2021-04-22 16:48:00",
    "2021-04-22T16:48",
    "2021-04-22T16:48:00+07:00",
    "2021-04-22 16:48+0700",
    "2021-04-22T09:48:00Z",
    "2021-04-22T11:48:00+02:00",
    "  2021-04-22 16:48  ",
])
def test_forms_with_a_time_give_vietnam_time(value):
    published = parse_published(value)
    assert published.has_time
    assert published.moment == datetime(2021, 4, 22, 16, 48, tzinfo=VIETNAM)
    assert published.moment.utcoffset() == timedelta(hours=7)
    assert (published.date_label, published.time_label) == ("22/04/2021", "16:48")
    assert published.canonical() == "2021-04-22 16:48"


def test_seconds_are_kept_but_not_shown():
    published = parse_published("2021-04-22 16:48:30")
    assert published.moment.second == 30
    assert published.time_label == "16:48"


def test_utc_late_evening_is_the_next_day_in_vietnam():
    published = parse_published("2021-04-30T20:15:00Z")
    assert (published.date_label, published.time_label) == ("01/05/2021", "03:15")
    assert published.day == date(2021, 5, 1)


def test_date_alone_shows_no_time():
    published = parse_published("2021-04-22")
    assert not published.has_time
    assert published.time_label is None
    assert published.date_label == "22/04/2021"
    assert published.canonical() == "2021-04-22"


def test_yaml_native_values_are_accepted():
    assert parse_published(date(2021, 4, 22)) == parse_published("2021-04-22")
    assert parse_published(datetime(2021, 4, 22, 16, 48)).moment == datetime(2021, 4, 22, 16, 48, tzinfo=VIETNAM)
    aware = datetime(2021, 4, 22, 9, 48, tzinfo=timezone.utc)
    assert parse_published(aware).time_label == "16:48"


@pytest.mark.parametrize("value", ["22/04/2021", "2021-4-22", "22-04-2021 16:48", "hôm qua", "2021-04-22 16h48",
                                   "2021-02-30", "2021-04-22 25:00", "20210422", 20210422, ["2021-04-22"]])
def test_invalid_dates_are_errors(value):
    with pytest.raises(DateFormatError) as raised:
        parse_published(value)
    assert str(value) in str(raised.value) or repr(value) in str(raised.value)


def test_accepted_forms_name_every_form():
    for form in ("2021-04-22 16:48", "2021-04-22 16:48:30", "+07:00", "Z`", "`2021-04-22`"):
        assert form in ACCEPTED_FORMS


def test_ordering_and_labels():
    assert parse_published("2021-04-22 16:48") < parse_published("2021-04-22T10:00:00Z")
    assert month_label(2021, 4) == "Tháng 4/2021"
    assert parse_as_of("2026-03-31") == datetime(2026, 3, 31, 23, 59, 59, tzinfo=VIETNAM)
    assert isinstance(parse_published("2021-04-22"), PublishedAt)
