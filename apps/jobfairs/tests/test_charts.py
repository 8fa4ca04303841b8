from apps.jobfairs.charts import BAR_AREA, bar_chart


def test_bars_scale_to_the_largest_value():
    chart = bar_chart([("a", "A", 4), ("b", "B", 2), ("c", "C", 0)])
    assert [bar.width for bar in chart.bars] == [BAR_AREA, BAR_AREA // 2, 0]
    assert chart.bars[1].y > chart.bars[0].y
    assert chart.bars[0].value_x > chart.bars[1].value_x


def test_an_all_zero_chart_has_empty_bars():
    chart = bar_chart([("a", "A", 0), ("b", "B", 0)])
    assert [bar.width for bar in chart.bars] == [0, 0]
