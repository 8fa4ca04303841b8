"""A horizontal bar chart drawn on the server as SVG geometry (no JavaScript library, no inline style):
the template draws `<rect>`/`<text>` from these numbers; colours come from classes in sipmi.css."""

from dataclasses import dataclass

ROW_HEIGHT = 28
LABEL_WIDTH = 190
BAR_AREA = 260
VALUE_GAP = 6


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    bars: list
    width: int
    height: int
    label_width: int


def bar_chart(rows) -> Chart:
    """`rows` are (key, label, value); bar widths are scaled to the largest value (an all-zero chart stays
    readable: bars of width 0 and their zero values)."""
    rows = list(rows)
    top = max((value for _k, _l, value in rows), default=0) or 1
    bars = []
    for index, (key, label, value) in enumerate(rows):
        width = round(BAR_AREA * value / top)
        y = index * ROW_HEIGHT + 4
        bars.append(
            Bar(
                key=key,
                label=str(label),
                value=value,
                y=y,
                width=width,
                text_y=y + 15,
                value_x=LABEL_WIDTH + width + VALUE_GAP,
            )
        )
    return Chart(
        bars=bars, width=LABEL_WIDTH + BAR_AREA + 60, height=len(rows) * ROW_HEIGHT + 8, label_width=LABEL_WIDTH
    )
