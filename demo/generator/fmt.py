from data import KA, LC, KA_PLAN, LC_PLAN, cum

SERIES = {"Kiến An": (KA, KA_PLAN), "Lê Chân": (LC, LC_PLAN)}


def vn_int(n):
    return f"{int(n):,}".replace(",", ".")


def vn_dec(x, dec):
    s = f"{x:,.{dec}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def ty_text(million):
    """million VND -> 'x.xxx,xx tỷ đồng' with as few decimals as exact."""
    whole, rest = divmod(int(million), 1000)
    if rest == 0:
        return f"{vn_int(whole)} tỷ đồng"
    dec = f"{rest:03d}".rstrip("0")
    return f"{vn_int(whole)},{dec} tỷ đồng"


class Art:
    def __init__(self, slug, area, title, when, kind, lead, image, caption,
                 byline="", source=""):
        self.slug, self.area, self.title, self.when = slug, area, title, when
        self.kind, self.lead, self.image, self.caption = kind, lead, image, caption
        self.byline, self.source = byline, source
        self.paras = []
        self.recs = []

    @property
    def doc(self):
        return f"tin-tuc/{self.slug}.html"

    def p(self, html):
        self.paras.append(html)

    def _rec(self, ind, mf, mt, measure, value, unit, est, optional=False):
        self.recs.append({
            "doc": self.doc, "area": self.area, "indicator": ind, "year": 2023,
            "month_from": mf, "month_to": mt, "measure": measure,
            "value": float(value), "unit": unit, "estimate": bool(est),
            "optional": optional})

    def value(self, ind, mf, mt):
        series, _ = SERIES[self.area]
        return cum(series[ind], mt, mf)

    def act(self, ind, mf, mt, est, unit="trieu", value=None):
        """Amount text for months mf..mt, registering the actual record."""
        v = self.value(ind, mf, mt) if value is None else value
        self._rec(ind, mf, mt, "actual", v, "million_vnd", est)
        return ty_text(v) if unit == "ty" else f"{vn_int(v)} triệu đồng"

    def plan(self, ind, mf, mt, est, dec=1, value=None):
        """Share of the annual plan reached by months mf..mt: 'x,y%'."""
        _, plans = SERIES[self.area]
        v = self.value(ind, mf, mt) if value is None else value
        pct = round(v / plans[ind] * 100, dec)
        self._rec(ind, mf, mt, "plan_pct", pct, "percent", est)
        return vn_dec(pct, dec) + "%"

    def yoy(self, ind, mf, mt, est, kind, x, dec=1, tail="so cùng kỳ"):
        """'tăng x% so cùng kỳ' etc.; registers the yoy_pct record."""
        val = {"tăng": 100 + x, "giảm": 100 - x}.get(kind, x)
        self._rec(ind, mf, mt, "yoy_pct", round(val, 4), "percent", est)
        return f"{kind} {vn_dec(x, dec)}% {tail}"

    def mom(self, ind, m, est, kind, x, dec=1):
        val = {"tăng": 100 + x, "giảm": 100 - x}[kind]
        self._rec(ind, m, m, "mom_pct", round(val, 4), "percent", est)
        return f"{kind} {vn_dec(x, dec)}% so với tháng trước"

    def target(self, ind, unit="ty"):
        _, plans = SERIES[self.area]
        v = plans[ind]
        self._rec(ind, 1, 12, "target", v, "million_vnd", False)
        return ty_text(v) if unit == "ty" else f"{vn_int(v)} triệu đồng"

    def raw(self, ind, mf, mt, measure, value, unit, est, optional=False):
        self._rec(ind, mf, mt, measure, value, unit, est, optional)
