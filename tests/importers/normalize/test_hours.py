"""Opening hours written in French or English become weekly schedules, or are honestly left unparsed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importers.normalize import ParsedHours, WeeklyHours, parse_hours

WEEK = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MO_FR = "MO TU WE TH FR"
EVERY_DAY = "MO TU WE TH FR SA SU"


def hours(days: str, opens: str, closes: str) -> WeeklyHours:
    return WeeklyHours(tuple(days.split()), opens, closes)


def read(text: str) -> list[tuple[str, str, str]]:
    """The schedules as ("MO TU", "09:00", "17:00"), when the whole text was understood."""
    parsed = parse_hours(text)
    assert parsed.unparsed is None, parsed
    return [(" ".join(s.days), s.opens_at, s.closes_at) for s in parsed.schedules]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # French, days then hours
        ("lun-ven 9h-17h", [(MO_FR, "09:00", "17:00")]),
        ("Lundi au vendredi de 9 h à 17 h", [(MO_FR, "09:00", "17:00")]),
        ("lun. au ven. : 9h00 à 16h30", [(MO_FR, "09:00", "16:30")]),
        ("Lun–Ven 9h–17h", [(MO_FR, "09:00", "17:00")]),
        ("du mardi au samedi de 10h à 18h", [("TU WE TH FR SA", "10:00", "18:00")]),
        ("Lundi au vendredi, 9 h à 17 h", [(MO_FR, "09:00", "17:00")]),
        ("Lundi au vendredi 9 h 00 à 17 h 00", [(MO_FR, "09:00", "17:00")]),
        ("lun au ven 9 à 17h", [(MO_FR, "09:00", "17:00")]),
        ("Lundi: 9h-17h", [("MO", "09:00", "17:00")]),
        ("Le mardi de 13h à 16h", [("TU", "13:00", "16:00")]),
        ("Les mardis et jeudis, 13 h - 16 h", [("TU TH", "13:00", "16:00")]),
        ("samedi et dimanche 10h à 16h", [("SA SU", "10:00", "16:00")]),
        ("Lundi, mercredi et vendredi de 13 h 30 à 16 h 30", [("MO WE FR", "13:30", "16:30")]),
        ("Lundi, mardi, mercredi, jeudi, vendredi: 9h à 16h", [(MO_FR, "09:00", "16:00")]),
        ("lundi 7 h-15 h", [("MO", "07:00", "15:00")]),
        ("Tous les jours 8h-20h", [(EVERY_DAY, "08:00", "20:00")]),
        ("Ouvert 7 jours sur 7 de 8h à 22h", [(EVERY_DAY, "08:00", "22:00")]),
        ("fin de semaine 10h-16h", [("SA SU", "10:00", "16:00")]),
        ("en semaine 9h-17h", [(MO_FR, "09:00", "17:00")]),
        ("ven-lun 10h-14h", [("MO FR SA SU", "10:00", "14:00")]),  # round the week end
        ("lundi 8:30-16:30", [("MO", "08:30", "16:30")]),
        # French, hours then days
        ("9h à 17h du lundi au vendredi", [(MO_FR, "09:00", "17:00")]),
        ("de 9h à 17h, du lundi au vendredi", [(MO_FR, "09:00", "17:00")]),
        ("entre 9h et 17h en semaine", [(MO_FR, "09:00", "17:00")]),
        # English
        ("Mon-Fri 9am-5pm", [(MO_FR, "09:00", "17:00")]),
        ("Monday to Friday 9:00 AM - 5:00 PM", [(MO_FR, "09:00", "17:00")]),
        ("Mon.-Fri. 9 a.m.-5 p.m.", [(MO_FR, "09:00", "17:00")]),
        ("Mon-Fri 9 AM to 5 PM", [(MO_FR, "09:00", "17:00")]),
        ("Mon - Fri: 9:00 - 17:00", [(MO_FR, "09:00", "17:00")]),
        ("Tuesday through Thursday 10 a.m. to 3 p.m.", [("TU WE TH", "10:00", "15:00")]),
        ("Monday thru Friday 8:30am - 4:30pm", [(MO_FR, "08:30", "16:30")]),
        ("Sat 10am-2pm", [("SA", "10:00", "14:00")]),
        ("Mon, Wed, Fri 1pm-4pm", [("MO WE FR", "13:00", "16:00")]),
        ("Daily 8am-8pm", [(EVERY_DAY, "08:00", "20:00")]),
        ("Every day 8am-8pm", [(EVERY_DAY, "08:00", "20:00")]),
        ("Weekends 10am-4pm", [("SA SU", "10:00", "16:00")]),
        ("Mo-Fr 09:00-17:00", [(MO_FR, "09:00", "17:00")]),
        ("Monday 12pm-1pm", [("MO", "12:00", "13:00")]),
        ("Mon 9:00am-12:00pm", [("MO", "09:00", "12:00")]),
        # Hours written without a.m. or p.m.
        ("M-F 9-5", [(MO_FR, "09:00", "17:00")]),
        ("Weekdays 9-5", [(MO_FR, "09:00", "17:00")]),
        ("Mon-Fri 9-5pm", [(MO_FR, "09:00", "17:00")]),
        ("Tuesdays 6-9pm", [("TU", "18:00", "21:00")]),
        ("Mon-Fri 12-4", [(MO_FR, "12:00", "16:00")]),
        ("Mon-Fri 11-1", [(MO_FR, "11:00", "13:00")]),
        ("Mon 8-11:30", [("MO", "08:00", "11:30")]),
        ("M-F 9:00-12:00", [(MO_FR, "09:00", "12:00")]),
        ("Mon 9am-5", [("MO", "09:00", "17:00")]),
        # Noon and midnight
        ("lundi 9h à midi", [("MO", "09:00", "12:00")]),
        ("lundi 18h à minuit", [("MO", "18:00", "23:59")]),
        ("Monday noon to midnight", [("MO", "12:00", "23:59")]),
        ("Sun noon-5", [("SU", "12:00", "17:00")]),
        ("mardi minuit à 6h", [("TU", "00:00", "06:00")]),
        ("mardi 18h-0h", [("TU", "18:00", "23:59")]),
        ("Fri 6pm-12am", [("FR", "18:00", "23:59")]),
        ("mardi 0h-24h", [("TU", "00:00", "23:59")]),
        # Across midnight
        ("lun-dim 19h à 8h", [(EVERY_DAY, "19:00", "08:00")]),
        ("Mon-Fri 10pm-2am", [(MO_FR, "22:00", "02:00")]),
        # Around the clock
        ("24/7", [(EVERY_DAY, "00:00", "23:59")]),
        ("Open 24/7", [(EVERY_DAY, "00:00", "23:59")]),
        ("24h/24, 7j/7", [(EVERY_DAY, "00:00", "23:59")]),
        ("24 heures sur 24, 7 jours sur 7", [(EVERY_DAY, "00:00", "23:59")]),
        ("7 jours sur 7, 24 heures sur 24", [(EVERY_DAY, "00:00", "23:59")]),
        ("Open 24 hours", [(EVERY_DAY, "00:00", "23:59")]),
        ("Open 24 hours a day, 7 days a week", [(EVERY_DAY, "00:00", "23:59")]),
        ("ouvert 24 heures sur 24", [(EVERY_DAY, "00:00", "23:59")]),
        ("24h/24", [(EVERY_DAY, "00:00", "23:59")]),
        ("Lundi au vendredi 24h/24", [(MO_FR, "00:00", "23:59")]),
    ],
)
def test_one_schedule(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lun, mer 9h-12h et 13h-16h", [("MO WE", "09:00", "12:00"), ("MO WE", "13:00", "16:00")]),
        ("lundi 9h-12h, 13h-16h", [("MO", "09:00", "12:00"), ("MO", "13:00", "16:00")]),
        ("lundi 9h-12h 13h-16h", [("MO", "09:00", "12:00"), ("MO", "13:00", "16:00")]),
        ("Lun, Mar, Jeu: 9h-12h / 13h-16h", [("MO TU TH", "09:00", "12:00"), ("MO TU TH", "13:00", "16:00")]),
        ("lundi 9h à midi et 13h à 17h", [("MO", "09:00", "12:00"), ("MO", "13:00", "17:00")]),
        (
            "lundi-vendredi : 8 h 30 à 12 h et 13 h à 16 h 30",
            [(MO_FR, "08:30", "12:00"), (MO_FR, "13:00", "16:30")],
        ),
        (
            "Lundi au vendredi 8h30-12h00 et 13h00-16h30",
            [(MO_FR, "08:30", "12:00"), (MO_FR, "13:00", "16:30")],
        ),
        (
            "lundi 8h à 12h, 13h à 16h30 et 18h à 20h",
            [("MO", "08:00", "12:00"), ("MO", "13:00", "16:30"), ("MO", "18:00", "20:00")],
        ),
        ("Lun-Ven: 9h-17h; Sam: 10h-14h", [(MO_FR, "09:00", "17:00"), ("SA", "10:00", "14:00")]),
        ("Lun-Ven 9h-17h, Sam 10h-14h", [(MO_FR, "09:00", "17:00"), ("SA", "10:00", "14:00")]),
        ("Lun-Ven 9h-17h\nSam 10h-14h", [(MO_FR, "09:00", "17:00"), ("SA", "10:00", "14:00")]),
        (
            "Lundi au vendredi : 9h à 17h. Samedi : 10h à 12h.",
            [(MO_FR, "09:00", "17:00"), ("SA", "10:00", "12:00")],
        ),
        ("Mo-Fr 09:00-17:00; Sa 10:00-14:00", [(MO_FR, "09:00", "17:00"), ("SA", "10:00", "14:00")]),
        ("Mon 9-5 Tue 10-6", [("MO", "09:00", "17:00"), ("TU", "10:00", "18:00")]),
        ("Mon 9am-5pm Tue 10am-6pm", [("MO", "09:00", "17:00"), ("TU", "10:00", "18:00")]),
        ("lundi de 9h à 17h et mardi de 13h à 17h", [("MO", "09:00", "17:00"), ("TU", "13:00", "17:00")]),
        (
            "Du lundi au jeudi de 9h à 16h, le vendredi de 9h à 12h",
            [("MO TU WE TH", "09:00", "16:00"), ("FR", "09:00", "12:00")],
        ),
        # The same hours on separate days are one schedule.
        ("lundi 9h-17h; mardi 9h-17h", [("MO TU", "09:00", "17:00")]),
        # A line of days, then a line of hours (HTML <br> turned into line breaks)
        ("Lundi au vendredi\n9h à 17h", [(MO_FR, "09:00", "17:00")]),
        # Days taken out
        ("Tous les jours 9h-17h sauf le dimanche", [("MO TU WE TH FR SA", "09:00", "17:00")]),
        ("Tous les jours sauf le dimanche de 9h à 17h", [("MO TU WE TH FR SA", "09:00", "17:00")]),
        ("Daily 9-5 except Sunday", [("MO TU WE TH FR SA", "09:00", "17:00")]),
        (
            "lundi au vendredi 9h-17h sauf mercredi 13h-17h",
            [("MO TU TH FR", "09:00", "17:00"), ("WE", "13:00", "17:00")],
        ),
    ],
)
def test_several_schedules(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "schedules", "closed"),
    [
        ("fermé le dimanche", [], ("SU",)),
        ("Fermé le dimanche", [], ("SU",)),
        ("Dimanche : fermé", [], ("SU",)),
        ("Dimanche: Fermé.", [], ("SU",)),
        ("Mardi: fermé", [], ("TU",)),
        ("Closed on Sundays", [], ("SU",)),
        ("Closed Sat & Sun", [], ("SA", "SU")),
        ("fermé les fins de semaine", [], ("SA", "SU")),
        ("Lun-ven 9h-17h, sam-dim fermé", [(MO_FR, "09:00", "17:00")], ("SA", "SU")),
        ("Lun-Ven 9h-17h; fin de semaine: fermé", [(MO_FR, "09:00", "17:00")], ("SA", "SU")),
        ("Monday: 9am-5pm, Tuesday: closed", [("MO", "09:00", "17:00")], ("TU",)),
        (
            "Lundi au vendredi 9h-17h\nSamedi 10h-14h\nDimanche fermé",
            [(MO_FR, "09:00", "17:00"), ("SA", "10:00", "14:00")],
            ("SU",),
        ),
        # "Tous les jours" then a closed day: the closed day wins.
        ("Tous les jours 9h-17h. Fermé le lundi", [("TU WE TH FR SA SU", "09:00", "17:00")], ("MO",)),
    ],
)
def test_closed_days(text: str, schedules: list[tuple[str, str, str]], closed: tuple[str, ...]) -> None:
    parsed = parse_hours(text)
    assert parsed.unparsed is None
    assert [(" ".join(s.days), s.opens_at, s.closes_at) for s in parsed.schedules] == schedules
    assert parsed.closed_days == closed


@pytest.mark.parametrize(
    "text",
    [
        "sur rendez-vous",
        "Sur rendez-vous seulement",
        "call for hours",
        "Call for an appointment",
        "varies",
        "Variable",
        "Horaire variable, téléphoner avant",
        "See website",
        "fermé",
        "Closed",
        "Fermé temporairement",
        # Hours that name no day: which days, the text does not say.
        "9h-17h",
        "19h à 8h",
        "de 9h à midi",
        # Days without hours
        "du lundi au vendredi",
        "Lundi",
        "Mardi après-midi",
        "mardi 13h30",
        # Dates, not weekly days
        "Fermé lundi 25 décembre",
        "Le 24 décembre de 9h à 12h",
        # Unclear hours: 1-4 could be morning or afternoon; 9h-5h across midnight is a slip
        "M-F 1-4",
        "Wed 6-9",
        "Lun-Ven 9h-5h",
        # Words that change the meaning of the days beside them
        "pas ouvert le lundi 9h-12h",
        "We are open Mon-Fri 9-5",
        "xyz Mon, Wed 9-5",
        "jeudi soir 18h-21h",
        "Lundi au vendredi\nsur rendez-vous",
        "",
        "   ",
    ],
)
def test_unparseable_text_gives_no_schedule_and_the_text_back(text: str) -> None:
    parsed = parse_hours(text)
    assert parsed.schedules == ()
    assert parsed.closed_days == ()
    assert parsed.unparsed == (text.strip() or None)


@pytest.mark.parametrize(
    ("text", "schedules", "unparsed"),
    [
        ("Lundi au vendredi de 9h à 17h sur rendez-vous", [(MO_FR, "09:00", "17:00")], "sur rendez-vous"),
        ("Sur rendez-vous: lundi 9h-12h", [("MO", "09:00", "12:00")], "Sur rendez-vous"),
        ("Lun-Ven 9h-17h. Fermé les jours fériés", [(MO_FR, "09:00", "17:00")], "Fermé les jours fériés"),
        (
            "Lundi au vendredi, de 8 h 30 à 16 h 30, sauf les jours fériés",
            [(MO_FR, "08:30", "16:30")],
            "sauf les jours fériés",
        ),
        ("Lundi au vendredi 9h-17h (fermé de 12h à 13h)", [(MO_FR, "09:00", "17:00")], "fermé de 12h à 13h"),
        ("Jeudi 18h-21h (sauf en juillet)", [("TH", "18:00", "21:00")], "sauf en juillet"),
        ("Horaire d'été: lun-ven 9h-16h", [(MO_FR, "09:00", "16:00")], "Horaire d'été"),
        ("Tous les jours 9h-17h sauf le 25 décembre", [(EVERY_DAY, "09:00", "17:00")], "sauf le 25 décembre"),
        ("Lundi 9h-17h, Mardi", [("MO", "09:00", "17:00")], "Mardi"),
        (
            "Lundi 9h-17h; sur rendez-vous; Sam 10h-12h",
            [("MO", "09:00", "17:00"), ("SA", "10:00", "12:00")],
            "sur rendez-vous",
        ),
        (
            "Lun-Ven 9h-17h\nSur rendez-vous le samedi",
            [(MO_FR, "09:00", "17:00")],
            "Sur rendez-vous le samedi",
        ),
    ],
)
def test_understood_part_is_kept_and_the_rest_reported(
    text: str, schedules: list[tuple[str, str, str]], unparsed: str
) -> None:
    parsed = parse_hours(text)
    assert [(" ".join(s.days), s.opens_at, s.closes_at) for s in parsed.schedules] == schedules
    assert parsed.unparsed == unparsed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9h-17h", ParsedHours((hours("MO", "09:00", "17:00"),), (), None)),
        ("19h à 8h", ParsedHours((hours("MO", "19:00", "08:00"),), (), None)),
        (
            "9h-12h et 13h-16h",
            ParsedHours((hours("MO", "09:00", "12:00"), hours("MO", "13:00", "16:00")), (), None),
        ),
        ("Fermé", ParsedHours((), ("MO",), None)),
        ("9 to 5", ParsedHours((hours("MO", "09:00", "17:00"),), (), None)),
        ("sur rendez-vous", ParsedHours((), (), "sur rendez-vous")),
    ],
)
def test_a_column_for_one_day_gives_the_days(text: str, expected: ParsedHours) -> None:
    assert parse_hours(text, default_days=("MO",)) == expected


def test_days_written_in_the_text_win_over_default_days() -> None:
    parsed = parse_hours("mardi 9h-17h", default_days=("MO",))
    assert parsed.schedules == (hours("TU", "09:00", "17:00"),)


def test_results_are_the_public_dataclasses() -> None:
    parsed = parse_hours("lun-ven 9h-17h")
    assert parsed == ParsedHours((hours(MO_FR, "09:00", "17:00"),), (), None)


def test_not_a_string_is_empty() -> None:
    assert parse_hours(None) == ParsedHours((), (), None)  # type: ignore[arg-type]


_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")
# Words of opening hours, so that generated texts reach deep into the parser, not only its first check.
_DAY_WORDS = (
    "lun",
    "lundi",
    "au",
    "ven",
    "Mon",
    "Fri",
    "M-F",
    "tous les jours",
    "daily",
    "samedi",
    "dimanche",
)
_TIME_WORDS = (
    "9h",
    "17h",
    "12h30",
    "9",
    "5",
    "12",
    "9:00",
    "5:30",
    "pm",
    "am",
    "midi",
    "minuit",
    "noon",
    "0h",
)
_LINK_WORDS = (
    "-",
    "à",
    "to",
    "et",
    "and",
    ",",
    ";",
    "\n",
    ":",
    ".",
    "(",
    ")",
    "entre",
    "sauf",
    "fermé",
    "closed",
)
_OTHER_WORDS = ("24/7", "24h/24", "7j/7", "open", "24h", "sur rendez-vous", "xyz", "2024")
_WORDS = st.sampled_from(_DAY_WORDS + _TIME_WORDS + _LINK_WORDS + _OTHER_WORDS)


@given(st.one_of(st.text(), st.lists(_WORDS, max_size=16).map(" ".join)))
def test_never_raises_and_gives_valid_schedules(text: str) -> None:
    parsed = parse_hours(text)
    for schedule in parsed.schedules:
        assert _TIME.fullmatch(schedule.opens_at)
        assert _TIME.fullmatch(schedule.closes_at)
        assert schedule.opens_at != schedule.closes_at
        assert schedule.days
        assert list(schedule.days) == [day for day in WEEK if day in schedule.days]
    assert list(parsed.closed_days) == [day for day in WEEK if day in parsed.closed_days]
    for schedule in parsed.schedules:
        assert not set(schedule.days) & set(parsed.closed_days)
    if not parsed.schedules and not parsed.closed_days:
        assert parsed.unparsed == (text.strip() or None)
    elif parsed.unparsed is not None:
        assert parsed.unparsed.strip()
