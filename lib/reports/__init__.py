"""Files out, for people and for tools; each is built from frames the metrics already computed, so it carries the
page's numbers and never recomputes them.

* The weekly pack (Excel, `weekly_pack`) and the weekly brief (PDF, `brief`), both from one
  `lib.metrics.review.WeeklyReview`; `words` holds what both write the same way (names, units, status, links, file
  names).
* The carrier / 3PL QBR workbook (`carrier_qbr`) and the month-end accruals workbook (`accruals`).
* `exports`: CSV and Excel that are safe to open (no formula injection), used by every download; `bi`: every
  published mart of one snapshot for BI tools (Parquet / CSV with the data dictionary).
"""
