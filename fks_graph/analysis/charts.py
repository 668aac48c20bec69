"""The report's charts as geometry (bars, a heat map, log-log points) that its template draws as SVG."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["BarChart", "HeatMap", "LogLogPanel", "bar_chart", "heat_map", "log_log_panel"]

#: Width of a chart in SVG units (the page scales it down on narrow screens).
WIDTH = 760
_LABELS = 300  # the column of bar labels, left of the bars
_BAR = 14  # height of one bar
_GAP = 8  # between the bars of two rows
_AXIS = 34  # below the bars: tick labels and the axis label
_LEGEND = 18  # above the bars, when there are several series
_PANEL = (360, 260)  # one log-log panel
_MARGIN = (60, 34)  # left of and below a panel's plot area: ticks and axis labels


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick of an axis: where (SVG units) and what it says."""

    at: float
    text: str


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its top, its length (SVG units) and its value as text."""

    y: float
    length: float
    text: str


@dataclass(frozen=True, slots=True)
class BarRow:
    """The bars of one label (one per series), and where the label sits."""

    label: str
    y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars of one or more series, on a linear or a logarithmic axis."""

    rows: tuple[BarRow, ...]
    series: tuple[str, ...]
    ticks: tuple[Tick, ...]
    axis_label: str
    left: float
    top: float
    plot_width: float
    plot_height: float
    bar: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class HeatCell:
    """A cell of the heat map: its count, background and text colour."""

    value: int
    background: str
    color: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    """Counts of rows × columns with colours on one scale (drawn as a table)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[HeatCell, ...]], ...]
    top: int


@dataclass(frozen=True, slots=True)
class LogLogPanel:
    """Points on logarithmic axes (a degree distribution), with its title and axis labels."""

    title: str
    x_label: str
    y_label: str
    points: tuple[tuple[float, float, str], ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    left: float
    plot_width: float
    plot_height: float
    width: float
    height: float


def _number(value: float) -> str:
    """A value as the chart writes it: integers with separators, others to 3 digits."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.3g}"


def _nice_step(top: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) for about ``count`` ticks up to ``top``."""
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _linear(values: Sequence[float], length: float) -> tuple[tuple[Tick, ...], float]:
    """Ticks from 0 and the length of one unit, for values on a linear axis of ``length``."""
    top = max(values, default=0) or 1
    step = _nice_step(top)
    count = math.ceil(top / step)
    ticks = tuple(Tick(round(i / count * length, 1), _number(i * step)) for i in range(count + 1))
    return ticks, length / (step * count)


def _decades(top: float) -> int:
    """The powers of ten a logarithmic axis from 1 needs to reach ``top`` (at least one)."""
    return max(1, math.ceil(math.log10(top))) if top > 1 else 1


#: Where the bars' logarithmic axis begins: at ½, so that a count of 1 has a bar of its own.
_BAR_LOG_START = -math.log10(2)


def _log_position(value: float, decades: int, length: float, start: float = 0.0) -> float:
    """Where ``value`` (≥ 1) sits on a logarithmic axis from 10**``start`` to 10**``decades``."""
    if value < 1:
        return 0.0
    return round((math.log10(value) - start) / (decades - start) * length, 1)


def _log_ticks(decades: int, length: float, start: float = 0.0) -> tuple[Tick, ...]:
    """Ticks at the powers of ten from 1 to 10**``decades`` (see :func:`_log_position`)."""
    return tuple(
        Tick(_log_position(10**d, decades, length, start), f"{10**d:,}") for d in range(decades + 1)
    )


def bar_chart(
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    axis_label: str,
    *,
    log: bool = False,
) -> BarChart:
    """Bars for each label, one per series, scaled to the chart's width.

    Parameters
    ----------
    labels : sequence of str
        One per row, top to bottom (text from data: the template escapes it).
    series : dict
        Series name -> one value per label (values of 0 draw no bar).
    axis_label : str
        What the values are.
    log : bool
        A logarithmic axis (for counts that span several powers of ten); it begins at ½, so
        that a count of 1 still has a bar, and a count of 0 has none.

    Examples
    --------
    >>> chart = bar_chart(["NW", "BY"], {"Netzwerke": [12, 3]}, "Netzwerke")
    >>> [(row.label, row.bars[0].text) for row in chart.rows]
    [('NW', '12'), ('BY', '3')]
    >>> [tick.text for tick in chart.ticks]
    ['0', '5', '10', '15']
    >>> chart.rows[0].bars[0].length == 12 / 15 * chart.plot_width
    True
    >>> [t.text for t in bar_chart(["a"], {"s": [1500]}, "n", log=True).ticks]
    ['1', '10', '100', '1,000', '10,000']
    """
    names = tuple(series)
    plot_width = WIDTH - _LABELS - 20
    values = [v for column in series.values() for v in column]
    if log:
        decades = _decades(max(values, default=1))
        ticks = _log_ticks(decades, plot_width, _BAR_LOG_START)

        def length(v: float) -> float:
            return _log_position(v, decades, plot_width, _BAR_LOG_START)
    else:
        ticks, unit = _linear(values, plot_width)

        def length(v: float) -> float:
            return round(v * unit, 1)

    top = _LEGEND if len(names) > 1 else 4
    row_height = _BAR * len(names) + _GAP
    rows = tuple(
        BarRow(
            label,
            round(top + i * row_height + _BAR * len(names) / 2, 1),
            tuple(
                Bar(top + i * row_height + k * _BAR, length(series[n][i]), _number(series[n][i]))
                for k, n in enumerate(names)
            ),
        )
        for i, label in enumerate(labels)
    )
    plot_height = row_height * len(labels)
    return BarChart(
        rows, names, ticks, axis_label, _LABELS, top, plot_width, plot_height, _BAR,
        WIDTH, top + plot_height + _AXIS,
    )  # fmt: skip


#: Colours of the heat map from 0 to the highest count (yellow, green, blue).
_SCALE = ((255, 255, 217), (199, 233, 180), (65, 182, 196), (34, 94, 168), (8, 29, 88))


def _colour(share: float) -> str:
    """The colour of ``share`` (0 to 1) on :data:`_SCALE`, as ``#rrggbb``."""
    position = min(max(share, 0.0), 1.0) * (len(_SCALE) - 1)
    low = min(int(position), len(_SCALE) - 2)
    t = position - low
    mixed = (round(a + (b - a) * t) for a, b in zip(_SCALE[low], _SCALE[low + 1], strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def heat_map(
    rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]]
) -> HeatMap:
    """Counts of ``rows`` × ``columns`` coloured on one scale; dark cells get white text.

    Examples
    --------
    >>> chart = heat_map(["Familie"], ["Frauen", "Ältere"], [[4, 0]])
    >>> [(c.value, c.background, c.color) for c in chart.rows[0][1]]
    [(4, '#081d58', 'white'), (0, '#ffffd9', 'black')]
    """
    top = max((v for row in values for v in row), default=0)
    cells = tuple(
        (
            label,
            tuple(
                HeatCell(
                    v, _colour(v / top if top else 0), "white" if top and v > top / 2 else "black"
                )
                for v in row
            ),
        )
        for label, row in zip(rows, values, strict=True)
    )
    return HeatMap(tuple(columns), cells, top)


def log_log_panel(title: str, x_label: str, y_label: str, counts: dict[int, int]) -> LogLogPanel:
    """Points ``(value, how often)`` on logarithmic axes, for values and counts of at least 1.

    Examples
    --------
    >>> panel = log_log_panel("Akteure", "Netzwerke je Akteur", "Anzahl", {1: 900, 2: 80, 10: 1})
    >>> [text for _, _, text in panel.points]
    ['1: 900', '2: 80', '10: 1']
    >>> [t.text for t in panel.x_ticks], [t.text for t in panel.y_ticks]
    (['1', '10'], ['1', '10', '100', '1,000'])
    """
    points = sorted((d, c) for d, c in counts.items() if d >= 1 and c >= 1)
    x_decades = _decades(max((d for d, _ in points), default=1))
    y_decades = _decades(max((c for _, c in points), default=1))
    plot_width, plot_height = _PANEL[0] - _MARGIN[0] - 22, _PANEL[1] - _MARGIN[1] - 28
    return LogLogPanel(
        title,
        x_label,
        y_label,
        tuple(
            (
                _log_position(d, x_decades, plot_width),
                round(plot_height - _log_position(c, y_decades, plot_height), 1),
                f"{d:,}: {c:,}",
            )
            for d, c in points
        ),
        _log_ticks(x_decades, plot_width),
        tuple(
            Tick(round(plot_height - t.at, 1), t.text) for t in _log_ticks(y_decades, plot_height)
        ),
        _MARGIN[0],
        plot_width,
        plot_height,
        *_PANEL,
    )
