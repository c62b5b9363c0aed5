"""One indicator in one area as a PNG: monthly bars (reported / derived), the cumulative line, quarterly totals."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")   # files only, never a window; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# How each canonical unit is said on an axis.
UNIT_WORDS = {
    "million_vnd": "triệu đồng",
    "million_usd": "triệu USD",
    "persons": "người",
    "count": "số lượng",
    "percent": "%",
}
# The words of the legend, one per series.
LABELS = {
    "reported": "Tháng: số liệu báo cáo",
    "derived": "Tháng: suy ra từ số lũy kế",
    "ytd": "Lũy kế từ đầu năm",
    "quarterly": "Tổng quý",
}
COLORS = {"reported": "#1f77b4", "derived": "#9ecae1", "ytd": "#d62728", "quarterly": "#2ca02c"}


class NoChartData(LookupError):
    """Nothing to draw for that area and indicator; the message lists what there is."""


@dataclass
class ChartData:
    area: str
    indicator: str
    name: str
    unit: str
    months: list[tuple[int, int, float, str]] = field(default_factory=list)   # year, month, value, method
    ytd: list[tuple[int, int, float]] = field(default_factory=list)          # year, month, cumulative
    quarters: list[tuple[int, int, float, str]] = field(default_factory=list)  # year, quarter, value, method

    @property
    def unit_words(self) -> str:
        return UNIT_WORDS.get(self.unit, self.unit)


def chart_data(con, *, area: str, indicator: str) -> ChartData:
    """What the chart of one amount in one area shows, read from the monthly and quarterly views."""
    found = next(iter(con.execute("SELECT name, unit, additive FROM indicators WHERE code = ?",
                                  [indicator]).fetchall()), None)
    if found is None:
        codes = [r[0] for r in con.execute(
            "SELECT DISTINCT indicator FROM monthly WHERE area = ? ORDER BY 1", [area]).fetchall()]
        raise NoChartData(f"unknown indicator {indicator!r}; amounts with monthly data in {area}: "
                          f"{', '.join(codes) or 'none'}")
    name, unit, additive = found
    data = ChartData(area=area, indicator=indicator, name=name, unit=unit)
    data.months = [tuple(r) for r in con.execute("""
        SELECT year, month, value, method FROM monthly
        WHERE area = ? AND indicator = ? ORDER BY year, month""", [area, indicator]).fetchall()]
    data.ytd = [tuple(r) for r in con.execute("""
        SELECT year, month_to, value FROM period_values
        WHERE area = ? AND indicator = ? AND month_from = 1 ORDER BY year, month_to""",
                                                [area, indicator]).fetchall()]
    data.quarters = [tuple(r) for r in con.execute("""
        SELECT year, quarter, value, method FROM quarterly
        WHERE area = ? AND indicator = ? ORDER BY year, quarter""", [area, indicator]).fetchall()]
    if not (data.months or data.quarters or data.ytd):
        raise NoChartData(_what_exists(con, area, indicator, additive))
    return data


def _what_exists(con, area: str, indicator: str, additive: bool) -> str:
    if not additive:
        why = f"{indicator} is a rate or index, never summed by month: charts show amounts"
    else:
        why = f"no monthly, quarterly or cumulative data for {indicator} in {area}"
    here = [r[0] for r in con.execute(
        "SELECT DISTINCT indicator FROM period_values WHERE area = ? ORDER BY 1", [area]).fetchall()]
    where = [r[0] for r in con.execute(
        "SELECT DISTINCT area FROM period_values WHERE indicator = ? ORDER BY 1", [indicator]).fetchall()]
    areas = [r[0] for r in con.execute("SELECT DISTINCT area FROM period_values ORDER BY 1").fetchall()]
    return (f"{why}. Indicators with data in {area}: {', '.join(here) or 'none'}; "
            f"areas with data for {indicator}: {', '.join(where) or 'none'}; "
            f"all areas with amounts: {', '.join(areas) or 'none (load documents first)'}.")


def chart_figure(data: ChartData) -> Figure:
    """The figure: months and the cumulative line above, quarters below."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7.5), gridspec_kw={"height_ratios": [3, 2]})
    fig.suptitle(f"{data.name} — {data.area}", fontsize=13)

    periods = sorted({(y, m) for y, m, _, _ in data.months} | {(y, m) for y, m, _ in data.ytd})
    position = {p: i for i, p in enumerate(periods)}
    for kind, methods in (("reported", {"reported"}), ("derived", None)):
        chosen = [(y, m, v) for y, m, v, method in data.months
                  if (method in methods if methods else method != "reported")]
        if chosen:
            top.bar([position[(y, m)] for y, m, _ in chosen], [v for _, _, v in chosen],
                    color=COLORS[kind], hatch="//" if kind == "derived" else None,
                    edgecolor="#555555", linewidth=0.5, label=LABELS[kind])
    if data.ytd:
        line = top.twinx()
        # One segment per year: the cumulative figure starts again every January.
        for year in sorted({y for y, _, _ in data.ytd}):
            points = [(position[(y, m)], v) for y, m, v in data.ytd if y == year]
            line.plot([x for x, _ in points], [v for _, v in points], color=COLORS["ytd"], marker="o",
                      label=LABELS["ytd"] if year == min(y for y, _, _ in data.ytd) else None)
        line.set_ylabel(f"Lũy kế ({data.unit_words})")
        line.set_ylim(bottom=0)
        handles, labels = top.get_legend_handles_labels()
        more_handles, more_labels = line.get_legend_handles_labels()
        top.legend(handles + more_handles, labels + more_labels, loc="upper left", fontsize=9)
    elif data.months:
        top.legend(loc="upper left", fontsize=9)
    top.set_xticks(range(len(periods)), [f"{m:02d}/{y}" for y, m in periods], rotation=45, fontsize=8)
    top.set_ylabel(f"Theo tháng ({data.unit_words})")
    top.set_title("Theo tháng và lũy kế", fontsize=10)

    if data.quarters:
        labels = [f"Q{q}/{y}" for y, q, _, _ in data.quarters]
        bottom.bar(range(len(labels)), [v for _, _, v, _ in data.quarters], color=COLORS["quarterly"],
                   label=LABELS["quarterly"])
        bottom.set_xticks(range(len(labels)), labels, fontsize=8)
        bottom.legend(loc="upper left", fontsize=9)
    else:
        bottom.text(0.5, 0.5, "Chưa đủ số liệu để tính tổng quý", ha="center", va="center",
                    transform=bottom.transAxes)
    bottom.set_ylabel(f"Theo quý ({data.unit_words})")
    bottom.set_title("Theo quý", fontsize=10)
    fig.tight_layout()
    return fig


def chart_png(con, *, area: str, indicator: str, out: Path) -> Path:
    """Write the chart of one amount in one area to out (a .png); the path written."""
    out = Path(out)
    fig = chart_figure(chart_data(con, area=area, indicator=indicator))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, format="png", dpi=110)
    finally:
        plt.close(fig)
    return out
