"""Weekly hours said in words, in both languages: "Du lundi au vendredi, de 9 h à 17 h" and "Monday to
Friday, 9 a.m. to 5 p.m."; an overnight slot closes "the next morning"."""

from __future__ import annotations

from app.core.hours import DAYS
from bench.synthetic.models import Slot, T

ALL_DAYS = ",".join(DAYS)
WEEKDAYS = ",".join(DAYS[:5])
DAY_NAMES: dict[str, T] = {
    "MO": ("lundi", "Monday"),
    "TU": ("mardi", "Tuesday"),
    "WE": ("mercredi", "Wednesday"),
    "TH": ("jeudi", "Thursday"),
    "FR": ("vendredi", "Friday"),
    "SA": ("samedi", "Saturday"),
    "SU": ("dimanche", "Sunday"),
}
DAY_ORDER = list(DAY_NAMES)


def fr_time(hhmm: str) -> str:
    hours, minutes = int(hhmm[:2]), hhmm[3:]
    return f"{hours} h" if minutes == "00" else f"{hours} h {minutes}"


def en_time(hhmm: str) -> str:
    hours, minutes = int(hhmm[:2]), int(hhmm[3:])
    if (hours, minutes) == (12, 0):
        return "noon"
    if (hours, minutes) == (0, 0):
        return "midnight"
    suffix = "a.m." if hours < 12 else "p.m."
    twelve = hours % 12 or 12
    return f"{twelve} {suffix}" if minutes == 0 else f"{twelve}:{minutes:02d} {suffix}"


def days_text(byday: str) -> T:
    days = byday.split(",")
    if len(days) == 7:
        return "Tous les jours", "Every day"
    index = [DAY_ORDER.index(d) for d in days]
    if len(days) >= 3 and index == list(range(index[0], index[0] + len(days))):
        first, last = DAY_NAMES[days[0]], DAY_NAMES[days[-1]]
        return f"Du {first[0]} au {last[0]}", f"{first[1]} to {last[1]}"
    fr = [DAY_NAMES[d][0] for d in days]
    en = [DAY_NAMES[d][1] for d in days]
    if len(days) == 1:
        return f"Le {fr[0]}", f"{en[0]}s"
    fr_text = ", ".join(fr[:-1]) + " et " + fr[-1]
    en_text = ", ".join(en[:-1]) + " and " + en[-1]
    return fr_text[0].upper() + fr_text[1:], en_text


def slot_text(slot: Slot) -> T:
    byday, opens, closes = slot
    days = days_text(byday)
    if (opens, closes) == ("00:00", "23:59"):
        return f"{days[0]}, 24 heures sur 24", f"{days[1]}, 24 hours a day"
    overnight = closes < opens
    fr = f"{days[0]}, de {fr_time(opens)} à {fr_time(closes)}" + (" le lendemain" if overnight else "")
    en = f"{days[1]}, {en_time(opens)} to {en_time(closes)}" + (" the next morning" if overnight else "")
    return fr, en
