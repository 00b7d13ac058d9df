"""An action's expected effect as a figure the weekly report can measure (issue 23):
"delivery-delay share below 20%", "占比低于20%", "count below 30 a week", "每周数量少于30".

The measure is the action's problem (its category and sub-tag, else its phrase) in the tickets
received each week: its share of them, or their count. Typed text names the measure (share,
占比, a % sign; count, 数量, 件), the direction (below, under, <, 低于, 少于, 不超过; above,
over, >, 高于, 超过, 多于) and one number; other words ("delivery-delay") are the reader's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.basics import InvalidInput

MEASURES = ("share", "count")
OPS = ("below", "above")
_BELOW = (
    "below",
    "under",
    "less than",
    "fewer than",
    "at most",
    "<=",
    "<",
    "≤",
    "低于",
    "少于",
    "小于",
    "不超过",
    "不高于",
    "不多于",
    "以下",
    "以内",
    "降到",
    "降至",
    "控制在",
)
_ABOVE = (
    "above",
    "over",
    "more than",
    "at least",
    ">=",
    ">",
    "≥",
    "高于",
    "超过",
    "多于",
    "大于",
    "不低于",
    "不少于",
    "以上",
    "提高到",
    "提升到",
    "达到",
)
_SHARE = ("share", "rate", "percent", "ratio", "占比", "比例", "比率", "%", "％")
_COUNT = ("count", "number", "数量", "件数", "单数")
_COUNT_UNIT = re.compile(r"\d\s*(件|单|张|个|tickets?\b|cases?\b)")
"""A number with a unit of things ("30件", "30 tickets") is a count, whatever else is said."""
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([%％])?")


@dataclass(frozen=True)
class Expected:
    measure: str  # share | count
    op: str  # below | above
    value: float  # a share as a fraction (0.2), a count as tickets a week

    def met_by(self, measured: float) -> bool:
        return measured < self.value if self.op == "below" else measured > self.value

    def say(self, language: str = "en") -> str:
        """ "share below 20%" / "占比低于20%"."""
        figure = f"{self.value * 100:g}%" if self.measure == "share" else f"{self.value:g}"
        if language == "zh":
            measure = "占比" if self.measure == "share" else "每周数量"
            return f"{measure}{'低于' if self.op == 'below' else '高于'}{figure}"
        measure = "share" if self.measure == "share" else "count a week"
        return f"{measure} {self.op} {figure}"


def _first(text: str, words: tuple[str, ...]) -> int:
    """Where the first of words appears in text (-1 when none does)."""
    places = []
    for word in words:
        # an English word whole ("over", not the one in "recover"); symbols and Chinese anywhere
        found = re.search(rf"\b{re.escape(word)}\b", text) if word.isascii() and word.isalpha() else None
        at = found.start() if found else (-1 if word.isascii() and word.isalpha() else text.find(word))
        if at >= 0:
            places.append(at)
    return min(places) if places else -1


def parse_expected(text, field: str = "expect") -> Expected:
    """The figure text names, or InvalidInput saying what is missing and giving an example."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(field, "action.expect.empty")
    typed = " ".join(text.strip().lower().split())
    numbers = _NUMBER.findall(typed)
    if len(numbers) != 1:
        raise InvalidInput(field, "action.expect.one_number", value=text.strip())
    number, percent = numbers[0]
    value = float(number)
    below, above = _first(typed, _BELOW), _first(typed, _ABOVE)
    if below < 0 and above < 0:
        raise InvalidInput(field, "action.expect.no_direction", value=text.strip())
    # "不低于" holds "低于": the direction named first, longest words first at one place
    op = "below" if above < 0 or (0 <= below < above) else "above"
    if below == above:
        op = "above" if any(w in typed for w in ("不低于", "不少于", "at least")) else "below"
    share = bool(percent) or _first(typed, _SHARE) >= 0
    count = _first(typed, _COUNT) >= 0 or _COUNT_UNIT.search(typed) is not None
    if share and count:  # "count below 30%": which one is meant is for the person to say
        raise InvalidInput(field, "action.expect.both", value=text.strip())
    if share:
        if not 0 <= value <= 100:
            raise InvalidInput(field, "action.expect.percent_range", value=text.strip())
        return Expected("share", op, round(value / 100, 6))
    if not count and _first(typed, ("tickets", "cases", "工单")) < 0:  # "tickets over 5": a count
        raise InvalidInput(field, "action.expect.which", value=text.strip())
    if value != int(value) or value > 1_000_000:
        raise InvalidInput(field, "action.expect.count_whole", value=text.strip())
    return Expected("count", op, value)


__all__ = ["Expected", "MEASURES", "OPS", "parse_expected"]
