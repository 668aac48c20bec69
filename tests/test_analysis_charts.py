"""The report's chart geometry: scales, ticks, colours and the SVG the report draws from it."""

from __future__ import annotations

import math

import pytest

from fks_graph.analysis.charts import WIDTH, bar_chart, heat_map, log_log_panel
from fks_graph.core.templates import environment


@pytest.mark.parametrize(
    ("values", "ticks"),
    [
        ([12, 3], ["0", "5", "10", "15"]),
        ([0.0524, 0.0012], ["0", "0.02", "0.04", "0.06"]),
        ([1], ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        ([0, 0], ["0", "0.2", "0.4", "0.6", "0.8", "1"]),  # nothing to draw: still an axis
        ([7_000], ["0", "2,000", "4,000", "6,000", "8,000"]),
    ],
)
def test_linear_ticks_are_round_and_cover_the_largest_value(values, ticks) -> None:
    chart = bar_chart([str(i) for i in range(len(values))], {"s": values}, "n")
    assert [t.text for t in chart.ticks] == ticks
    assert all(bar.length <= chart.plot_width for row in chart.rows for bar in row.bars)
    assert chart.left + chart.plot_width <= WIDTH


def test_bars_are_proportional_and_series_side_by_side() -> None:
    chart = bar_chart(["a", "b"], {"x": [10, 5], "y": [2, 0]}, "n")
    (a, b) = chart.rows
    assert a.bars[0].length == pytest.approx(2 * b.bars[0].length)
    assert b.bars[1].length == 0
    assert a.bars[1].y == a.bars[0].y + chart.bar  # the series' bars of one label, stacked
    assert b.bars[0].y > a.bars[1].y
    assert chart.height > chart.top + chart.plot_height


def test_a_log_axis_places_powers_of_ten_evenly() -> None:
    chart = bar_chart(["a", "b", "c", "d"], {"s": [1, 10, 100, 0]}, "n", log=True)
    lengths = [row.bars[0].length for row in chart.rows]
    assert lengths[0] > 0  # a count of 1 is seen: the axis begins at ½
    assert lengths[3] == 0
    assert lengths[2] - lengths[1] == pytest.approx(lengths[1] - lengths[0], abs=0.1)
    assert lengths[2] == chart.plot_width
    assert [t.text for t in chart.ticks] == ["1", "10", "100"]
    assert [t.at for t in chart.ticks] == lengths[:3]


def test_heat_map_colours_run_from_light_to_dark() -> None:
    chart = heat_map(["f"], ["a", "b", "c"], [[0, 5, 10]])
    cells = chart.rows[0][1]
    brightness = [sum(int(c.background[i : i + 2], 16) for i in (1, 3, 5)) for c in cells]
    assert brightness == sorted(brightness, reverse=True)
    assert [c.color for c in cells] == ["black", "black", "white"]
    assert heat_map(["f"], ["a"], [[0]]).rows[0][1][0].color == "black"  # all zero: no division


def test_log_log_points_leave_out_zero_and_sit_in_the_plot() -> None:
    panel = log_log_panel("t", "x", "y", {0: 5, 1: 1000, 3: 20, 40: 1})
    assert [text for _, _, text in panel.points] == ["1: 1,000", "3: 20", "40: 1"]
    for x, y, _ in panel.points:
        assert 0 <= x <= panel.plot_width
        assert 0 <= y <= panel.plot_height
    (first, _, _), (_, y3, _), (x40, y40, _) = panel.points
    assert first == 0  # 1 is the origin of a log axis
    assert y40 == panel.plot_height  # a count of 1 sits on the axis
    assert x40 == pytest.approx(math.log10(40) / 2 * panel.plot_width, abs=0.1)
    assert y3 < y40


def test_the_template_escapes_every_label() -> None:
    hostile = '<script>alert("x")</script> & "IHK"'
    charts = environment("fks_graph.analysis").get_template("charts.html").module
    svg = str(charts.bars(bar_chart([hostile], {hostile: [3]}, hostile), hostile))
    svg += str(charts.heat(heat_map([hostile], [hostile], [[1]]), hostile))
    svg += str(charts.loglog(log_log_panel(hostile, hostile, hostile, {1: 2})))
    assert "<script" not in svg
    assert svg.count("&lt;script&gt;") >= 8
