"""Files a manager sends round: the weekly pack (Excel, `weekly_pack`) and the weekly brief (PDF, `brief`), both
built from one `lib.metrics.review.WeeklyReview`, so they carry the page's numbers and never recompute them.
`words` holds what both write the same way (names, units, status, links, file names)."""
