"""The chart: a real PNG with the series the data says, and clear errors when there is nothing to draw."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.container import BarContainer

from tasks.chart import LABELS, NoChartData, chart_data, chart_figure, chart_png
from tasks.db import connect
from tasks.load import load_documents
from tests.load.builders import document, fresh_database, record

IO = "industrial_output"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def con(tmp_path):
    c = connect(fresh_database(tmp_path), wait_seconds=1)
    # Months 1, 2, 5 reported; the rest of 1..8 derived from cumulative figures.
    cumulative = {m: 1000.0 * m * (m + 1) / 2 for m in range(1, 9)}      # month m is worth 1000·m
    load_documents(c, [(document("a"), [record(IO, 1, m, v) for m, v in cumulative.items()]
                        + [record(IO, 2, 2, 2000.0), record(IO, 5, 5, 5000.0)])])
    yield c
    c.close()


def test_chart_png_writes_a_png(con, tmp_path):
    out = chart_png(con, area="Kiến An", indicator=IO, out=tmp_path / "charts" / "io.png")
    data = out.read_bytes()
    assert out == tmp_path / "charts" / "io.png"
    assert data[:8] == PNG_MAGIC
    assert len(data) > 10_000
    assert plt.get_fignums() == []          # the figure was closed


def test_chart_series_match_the_views(con):
    data = chart_data(con, area="Kiến An", indicator=IO)
    assert [(m, v, method) for _, m, v, method in data.months] == [
        (1, 1000.0, "reported"), (2, 2000.0, "reported"), (3, 3000.0, "derived_ytd"), (4, 4000.0, "derived_ytd"),
        (5, 5000.0, "reported"), (6, 6000.0, "derived_ytd"), (7, 7000.0, "derived_ytd"), (8, 8000.0, "derived_ytd")]
    assert [v for _, _, v in data.ytd] == [1000.0 * m * (m + 1) / 2 for m in range(1, 9)]
    assert [(q, v, method) for _, q, v, method in data.quarters] == [(1, 6000.0, "reported"),
                                                                     (2, 15000.0, "derived_ytd")]

    fig = chart_figure(data)
    try:
        assert fig._suptitle.get_text() == "Giá trị sản xuất công nghiệp — Kiến An"
        top, bottom = fig.axes[0], fig.axes[1]
        bars = {c.get_label(): [p.get_height() for p in c.patches]
                for c in top.containers if isinstance(c, BarContainer)}
        assert bars == {LABELS["reported"]: [1000.0, 2000.0, 5000.0],
                        LABELS["derived"]: [3000.0, 4000.0, 6000.0, 7000.0, 8000.0]}
        assert "triệu đồng" in top.get_ylabel()
        cumulative_axis = fig.axes[2]
        [line] = cumulative_axis.get_lines()
        assert line.get_label() == LABELS["ytd"]
        assert list(line.get_ydata()) == [1000.0 * m * (m + 1) / 2 for m in range(1, 9)]
        legend = [t.get_text() for t in top.get_legend().get_texts()]
        assert legend == [LABELS["reported"], LABELS["derived"], LABELS["ytd"]]
        quarter_bars = [p.get_height() for c in bottom.containers for p in c.patches]
        assert quarter_bars == [6000.0, 15000.0]
        assert [t.get_text() for t in bottom.get_xticklabels()] == ["Q1/2023", "Q2/2023"]
    finally:
        plt.close(fig)


def test_no_data_names_what_exists(con, tmp_path):
    with pytest.raises(NoChartData, match=r"no monthly, quarterly or cumulative data for retail_sales in Kiến An.*"
                                          r"Indicators with data in Kiến An: industrial_output"):
        chart_png(con, area="Kiến An", indicator="retail_sales", out=tmp_path / "x.png")
    with pytest.raises(NoChartData, match=r"areas with data for industrial_output: Kiến An"):
        chart_png(con, area="Lê Chân", indicator=IO, out=tmp_path / "x.png")
    with pytest.raises(NoChartData, match=r"cpi is a rate or index"):
        chart_png(con, area="Kiến An", indicator="cpi", out=tmp_path / "x.png")
    with pytest.raises(NoChartData, match=r"unknown indicator 'nope'.*industrial_output"):
        chart_png(con, area="Kiến An", indicator="nope", out=tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
