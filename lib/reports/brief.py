"""The weekly brief: one or two pages of PDF that a manager sends round before the weekly meeting.

Page 1: the KPI table (this week, last week, change, target, status), what happened (the review's bullets), the
alerts, each with a link to the pinned review (the same numbers whenever it is opened) and to its drill-down page.
Then three or four of the review's charts, rendered offline by vl-convert from the Altair specs of
`lib.viz.review` (the KPIs that need attention over 12 weeks, and what moved the first of them).  Every page's
footer names the data snapshot, the scope and where the definitions are.

Everything comes from one `WeeklyReview` (the object the page shows and the pack writes): nothing is recomputed
here, only written with its unit (`lib.reports.words`).
"""
from __future__ import annotations

import io
from pathlib import Path

from ..metrics.registry import metric
from ..metrics.review import RAG_ORDER, WeeklyReview
from ..metrics import names
from . import words

PAPER_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGIN = 14.0
STATUS_COLORS = {"green": ((230, 244, 234), (30, 107, 46)), "amber": ((255, 244, 206), (133, 95, 0)),
                 "red": ((253, 226, 225), (176, 32, 32)), "none": ((238, 238, 238), (90, 90, 90))}
SEVERITY = {"red": (198, 40, 40), "amber": (249, 168, 37)}
INK, GREY, LINK = (33, 33, 33), (110, 110, 110), (5, 99, 193)
# (trend charts, chart height in mm) tried in turn until the brief fits on two pages
LAYOUTS = ((3, 62.0), (3, 52.0), (2, 52.0), (1, 48.0), (0, 0.0))
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def brief_pdf(review: WeeklyReview, pin_id: str | None = None, paper: str = "A4", app_url: str = "",
              orientation: str = "portrait") -> bytes:
    """The brief of `review` as PDF bytes (`paper` 'A4' or 'Letter', `orientation` 'portrait' or 'landscape', both from
    the settings).  `pin_id`: the pinned review the alerts link to; `app_url`: the app's address (links are relative
    without it)."""
    charts = _charts(review)
    for n_trends, height in LAYOUTS:
        picked = [c for c in charts if c[0] == "movers"][:1] + [c for c in charts if c[0] == "trend"][:n_trends]
        pdf = _Brief(review, pin_id, paper, app_url, orientation)
        pdf.build([(title, png) for _, title, png in picked] if n_trends or height else [], height)
        if pdf.pages_count <= 2:
            break
    return bytes(pdf.output())


# ------------------------------------------------------------------------------------------------ charts


def _attention(rv: WeeklyReview) -> list:
    """The tiles to chart: the ones the bullets talk about first (worst status, then the largest relative change)."""
    moved = [t for t in rv.tiles if t.value is not None and t.change is not None and abs(t.change) > 1e-12]
    moved.sort(key=lambda t: (RAG_ORDER[t.rag], -abs(t.change / t.previous) if t.previous else 0))
    rest = [t for t in rv.tiles if t not in moved and t.value is not None]
    return moved + rest


def _charts(rv: WeeklyReview) -> list[tuple[str, str, bytes]]:
    """(kind, title, PNG) of the movers chart of the first KPI that moved and the trend charts of the KPIs that need
    attention, from the page's own Altair specs."""
    import vl_convert as vlc

    from ..viz import review as viz
    from .weekly_pack import movers_that_matter
    out = []
    tiles = _attention(rv)
    picked = movers_that_matter(rv)
    if tiles and picked:
        first = next((t for t in tiles if any(r["kpi"] == t.key for r in picked)), None)
        if first is not None:
            dim = next(r["dimension"] for r in picked if r["kpi"] == first.key)
            part = rv.movers_of(first.key, dim).copy()
            part["slice"] = [words.other_label(dim, s) if o else names.display(dim, s)
                             for s, o in zip(part["slice"], part["is_other"])]
            m = metric(first.key)
            spec = viz.movers(part, m.unit).properties(width=250).to_dict()
            if m.unit == "%":  # a rate's contributions are percentage points
                axis = spec["encoding"]["x"].setdefault("axis", {})
                axis["labelExpr"] = "format(datum.value * 100, '.1f') + ' pts'"
                axis.pop("format", None)
            spec["encoding"]["x"]["title"] = "Contribution to the change" + (" (pts)" if m.unit == "%" else "")
            title = f"What moved {m.name.lower() if m.name[1:].islower() else m.name}: by {names.NOUNS[dim]}"
            out.append(("movers", title, _png(vlc, spec)))
    for t in tiles[:3]:
        m = metric(t.key)
        chart = viz.trend(rv.sparkline(t.key), t.name, t.unit, t.target, rv.week_start)
        title = f"{t.name} by week" + (f" (target {words.value_text(m, t.target, rv.currency)}, dashed)" if t.target is not None
                                       else "")
        out.append(("trend", title, _png(vlc, chart.properties(width=250, height=150).to_dict())))
    return out


def _png(vlc, spec: dict) -> bytes:
    import json
    spec = {**spec, "config": {**spec.get("config", {}), "font": "DejaVu Sans",
                               "axis": {"labelFontSize": 10, "titleFontSize": 10},
                               "legend": {"labelFontSize": 10}}}
    return vlc.vegalite_to_png(json.dumps(spec), scale=3)


# ------------------------------------------------------------------------------------------------ the page


def _fonts() -> tuple[Path, Path] | None:
    for d in FONT_DIRS:
        if (d / "DejaVuSans.ttf").exists() and (d / "DejaVuSans-Bold.ttf").exists():
            return d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
    try:  # matplotlib (a dependency of prophet) ships the same fonts
        import matplotlib
        d = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        if (d / "DejaVuSans.ttf").exists():
            return d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
    except ImportError:
        pass
    return None


_LATIN1 = str.maketrans({"–": "-", "—": "-", "−": "-", "…": "...", "×": "x", "≥": ">=", "≤": "<=",
                         "•": "-",
                         "’": "'", "‘": "'", "“": '"', "”": '"', "↗": ">"})


def _fpdf():
    from fpdf import FPDF
    return FPDF


class _Brief(_fpdf()):
    def __init__(self, rv: WeeklyReview, pin_id, paper, app_url, orientation="portrait"):
        super().__init__(orientation="landscape" if orientation == "landscape" else "portrait", unit="mm",
                         format=PAPER_MM.get(paper, PAPER_MM["A4"]))
        self.rv, self.pin_id, self.app_url = rv, pin_id, app_url
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 11)
        fonts = _fonts()
        if fonts:
            self.add_font("Sans", "", str(fonts[0]))
            self.add_font("Sans", "B", str(fonts[1]))
            self.family, self.unicode = "Sans", True
        else:
            self.family, self.unicode = "Helvetica", False
        self.set_title(f"Weekly review {rv.week}")
        self.set_author("Opsdesk")
        self.set_creator("Opsdesk (lib.reports.brief)")

    # text that a core font cannot write is spelled in ASCII (only without DejaVu)
    def t(self, text: str) -> str:
        return text if self.unicode else text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def font(self, size, bold=False, color=INK):
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*color)

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def footer(self):
        rv = self.rv
        self.set_y(-MARGIN - 8)
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, self.get_y() - 1, self.w - self.r_margin, self.get_y() - 1)
        self.font(7, color=GREY)
        gen = rv.generated_at.replace("T", " ")[:16]
        self.cell(self.width - 20, 3.3, self.t(f"Data snapshot v{rv.data_version}, generated {gen}"
                                               + (f" · pinned review {self.pin_id}" if self.pin_id else "")))
        self.cell(20, 3.3, f"Page {self.page_no()} of {{nb}}", align="R", new_x="LMARGIN", new_y="NEXT")
        self.cell(self.width, 3.3, self.t(f"Scope: {names.scope_text(rv.filters)}"), new_x="LMARGIN", new_y="NEXT")
        glossary = f"{self.app_url.rstrip('/')}/glossary" if self.app_url else ""
        self.cell(self.width, 3.3, self.t("Definitions of every KPI: " + words.DEFINITIONS
                                          + (f", {glossary}" if glossary else "")), link=glossary or None)

    # ---------------------------------------------------------------------------------------------- sections

    def build(self, charts: list[tuple[str, bytes]], chart_h: float):
        self.alias_nb_pages()
        self.add_page()
        self.heading()
        self.kpi_table()
        self.bullets()
        self.alerts()
        if charts:
            self.charts(charts, chart_h)

    def heading(self):
        rv = self.rv
        self.font(17, bold=True)
        self.cell(0, 8, self.t(f"Weekly review {rv.week}"), new_x="LMARGIN", new_y="NEXT")
        self.font(10, color=GREY)
        orders = (f"{rv.orders:,} orders placed and not cancelled before shipment (previous week {rv.previous_orders:,})")
        self.multi_cell(0, 4.6, self.t(f"{words.week_span(rv)}, compared with {rv.previous_week} · {orders} · "
                                       f"Scope: {names.scope_text(rv.filters)}"), new_x="LMARGIN", new_y="NEXT")
        if self.pin_id:
            url = words.pin_url(self.app_url, self.pin_id)
            self.font(9, color=GREY)
            self.write(4.6, self.t("These numbers, pinned in the app (they stay as they are): "))
            self.font(9, color=LINK)
            self.write(4.6, url, link=url)
            self.ln(4.6)
        self.ln(2.5)

    def section(self, title: str):
        self.font(12, bold=True)
        self.cell(0, 7, self.t(title), new_x="LMARGIN", new_y="NEXT")

    def kpi_table(self):
        rv = self.rv
        self.section("KPIs")
        cols = [("KPI", 0.30, "L"), ("This week", 0.13, "R"), ("Last week", 0.13, "R"), ("Change", 0.13, "R"),
                ("Target", 0.12, "R"), ("Status", 0.19, "C")]
        widths = [self.width * w for _, w, _ in cols]
        self.font(8.5, bold=True, color=GREY)
        for (name, _, align), w in zip(cols, widths):
            self.cell(w, 5, self.t(name), align=align)
        self.ln(5)
        self.set_draw_color(170, 170, 170)
        self.line(self.l_margin, self.get_y(), self.l_margin + self.width, self.get_y())
        for t in rv.tiles:
            m = metric(t.key)
            cells = [t.name, words.value_text(m, t.value, rv.currency), words.value_text(m, t.previous, rv.currency),
                     words.change_text(m, t.change, rv.currency), "–" if t.target is None else words.value_text(m, t.target, rv.currency)]
            self.font(9.5)
            for (_, _, align), w, text in zip(cols, widths, cells):
                self.cell(w, 5.6, self.t(text), align=align)
            fill, ink = STATUS_COLORS[t.rag]
            self.set_fill_color(*fill)
            self.font(8.5, bold=True, color=ink)
            x, y = self.get_x(), self.get_y()
            self.rect(x + 1.5, y + 0.7, widths[-1] - 1.5, 4.2, style="F")
            self.cell(widths[-1], 5.6, self.t(words.status_text(t)), align="C")
            self.ln(5.6)
        self.font(7.5, color=GREY)
        self.multi_cell(0, 3.6, self.t("Met: the target is reached. Missed narrowly: short of it by at most 10 % of "
                                       "the target. Changes of rates are in percentage points (pts)."),
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def bullets(self):
        rv = self.rv
        self.section("What happened")
        for b in rv.bullets:
            text = b
            self.font(9.5)
            lines = self.multi_cell(self.width - 5, 4.5, self.t(text), dry_run=True, output="LINES")
            if self.will_page_break(4.5 * len(lines)):  # a bullet stays whole on one page
                self.add_page()
            y = self.get_y()
            self.set_fill_color(*GREY)
            self.ellipse(self.l_margin + 0.8, y + 1.6, 1.3, 1.3, style="F")
            self.set_x(self.l_margin + 5)
            self.multi_cell(self.width - 5, 4.5, self.t(text), align="L", new_x="LMARGIN", new_y="NEXT")
            self.ln(0.8)
        for n in rv.notes:
            self.font(7.5, color=GREY)
            self.multi_cell(0, 3.6, self.t("Note: " + n), align="L", new_x="LMARGIN",
                            new_y="NEXT")
        self.ln(2)

    def alerts(self):
        rv = self.rv
        self.section(f"Alerts ({len(rv.alerts)})")
        if not rv.alerts:
            self.font(9.5)
            self.multi_cell(0, 4.5, self.t("No alerts: every KPI with a target is within its amber band, nothing is "
                                           "unusual against the last 8 weeks, and every marketplace threshold is "
                                           "met."), align="L", new_x="LMARGIN", new_y="NEXT")
            return
        from ..metrics.review import _metrics
        metrics = _metrics()
        for a in sorted(rv.alerts, key=lambda a: a.severity != "red"):  # red first, else in the page's order
            head = f"{words.ALERT_KINDS.get(a.kind, a.kind)} · {words.kpi_name(a.kpi, metrics)}"
            text = a.message
            self.font(9.5)
            lines = self.multi_cell(self.width - 5, 4.4, self.t(text), dry_run=True, output="LINES")
            if self.will_page_break(4.6 + 4.4 * len(lines) + 4.4):
                self.add_page()
            y = self.get_y()
            self.set_fill_color(*SEVERITY.get(a.severity, GREY))
            self.rect(self.l_margin, y + 0.5, 1.6, 4.6 + 4.4 * len(lines) + 3.6, style="F")
            self.set_x(self.l_margin + 5)
            self.font(9.5, bold=True)
            self.cell(0, 4.6, self.t(head), new_x="LMARGIN", new_y="NEXT")
            self.set_x(self.l_margin + 5)
            self.font(9.5)
            self.multi_cell(self.width - 5, 4.4, self.t(text), align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_x(self.l_margin + 5)
            self.font(8.5, color=LINK)
            if self.pin_id:
                url = words.pin_url(self.app_url, self.pin_id)
                self.write(4.4, self.t("Open the pinned review"), link=url)
                self.font(8.5, color=GREY)
                self.write(4.4, "  ·  ")
                self.font(8.5, color=LINK)
            self.write(4.4, self.t(f"Drill down: {words.drill_text(a)}"), link=words.drill_url(self.app_url, a))
            self.ln(6)

    def charts(self, charts: list[tuple[str, bytes]], chart_h: float):
        from PIL import Image
        gap = 6.0
        w = (self.width - gap) / 2
        title_h = 5.0
        rows = [charts[i:i + 2] for i in range(0, len(charts), 2)]
        need = len(rows) * (chart_h + title_h + 3) + 8
        if self.will_page_break(need):
            self.add_page()
        self.section("Charts")
        for row in rows:
            y = self.get_y()
            heights = []
            for k, (title, png) in enumerate(row):
                x = self.l_margin + k * (w + gap)
                self.set_xy(x, y)
                self.font(8.5, bold=True)
                self.multi_cell(w, 4, self.t(title), align="L", new_x="LEFT", new_y="NEXT")
                img = Image.open(io.BytesIO(png))
                iw, ih = img.size
                scale = min(w / iw, chart_h / ih)
                self.image(io.BytesIO(png), x=x, y=y + title_h + 4 * (len(self.multi_cell(
                    w, 4, self.t(title), dry_run=True, output="LINES")) - 1), w=iw * scale, h=ih * scale)
                heights.append(ih * scale + title_h)
            self.set_xy(self.l_margin, y + max(heights) + 4)
