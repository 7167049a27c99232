() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const out = {cut: [], words: [], snake: [], wide: [], exc: 0};
  const vis = el => el.offsetParent !== null && el.getClientRects().length;
  for (const el of main.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *, .stMarkdownBadge, button [data-testid="stMarkdownContainer"]')) {
    if (!vis(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) out.cut.push(el.innerText.slice(0, 40));
  }
  const text = main.innerText;
  for (const w of ["None", "nan", "NaT", "NaN", "-0%", "-0 %", "−0 %", "00:00:00"]) {
    const re = new RegExp("(^|[^A-Za-z0-9_])" + w.replace(/[-%]/g, m => "\\" + m) + "($|[^A-Za-z0-9_])");
    const m = text.match(re); if (m) out.words.push(w + ": …" + text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\n/g, " | "));
  }
  for (const th of main.querySelectorAll('[role="columnheader"], th')) {
    const t = th.innerText.trim(); if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(t) || /[a-z]_[a-z]/.test(t)) out.snake.push(t);
  }
  for (const c of main.querySelectorAll('[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"], [data-testid="stPlotlyChart"]')) {
    if (!vis(c)) continue;
    const box = c.parentElement.getBoundingClientRect();
    for (const g of c.querySelectorAll('canvas, svg')) { const r = g.getBoundingClientRect();
      if (r.width > box.width + 2 || r.right > box.right + 2) out.wide.push(`${Math.round(r.width)}>${Math.round(box.width)}`); }
  }
  // grid cells (glide data grid accessibility table)
  const cells = [];
  for (const td of main.querySelectorAll('[role="gridcell"], td')) { const t = td.innerText.trim();
    if (["None","nan","NaT","NaN","<NA>"].includes(t) || /00:00:00/.test(t) || /^-0(\.0+)?\s?%$/.test(t)) cells.push(t); }
  out.cells = [...new Set(cells)].slice(0, 10);
  out.exc = main.querySelectorAll('[data-testid="stException"]').length;
  out.snake = [...new Set(out.snake)];
  return out;
}
