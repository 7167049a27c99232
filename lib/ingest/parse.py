"""Typed parsing of exported text values, as DuckDB SQL expressions.

Every value arrives as text.  The expressions built here turn a column into its type and say why a value could
not be parsed.  Column identifiers come from our format registry only (never from user input), values never
appear in SQL text.

Date formats are chosen per file and column (`choose_date_formats`): the same file never mixes day-first and
month-first, so a column is read with the format family that parses most of its values, and ambiguous files
fall back to month-first (the US convention of the platforms we read) unless a value only parses day-first.
Timestamps keep the wall-clock time written in the file (the store's local time); offsets and zone
abbreviations (`+0400`, `PST`, `UTC`) are dropped, see README "Time zones".
"""
from __future__ import annotations

# Format families, tried in order; a column uses the first family that parses the most sample values.
DATE_FAMILIES: dict[str, list[str]] = {
    "iso": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f",
            "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d"],
    "month_first": ["%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
                    "%m/%d/%Y", "%m/%d/%y %H:%M", "%m/%d/%y"],
    "day_first": ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y %H:%M", "%d/%m/%y",
                  "%d-%m-%Y %H:%M:%S", "%d-%m-%Y"],
    "dotted": ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d.%m.%y"],
    "named": ["%b %d, %Y %I:%M:%S %p", "%b %d, %Y %H:%M:%S", "%b %d, %Y", "%d %b %Y %I:%M:%S %p",
              "%d %b %Y %H:%M:%S", "%d %b %Y", "%b-%d-%y", "%b-%d-%Y", "%d-%b-%Y", "%d-%b-%y", "%B %d, %Y",
              "%d %B %Y"],
}
ALL_FORMATS = [f for fam in DATE_FAMILIES.values() for f in fam]

# strip a trailing zone: +0400, -05:00, Z, UTC, GMT, PST/PDT/CEST…
_TZ = r"(\s*(Z|[+-]\d{2}:?\d{2}|\s[A-Z]{2,5}([+-]\d{1,2})?))$"


def clean_text(col: str) -> str:
    """Trimmed text, NULL when empty; a leading apostrophe (Excel's 'keep as text') is dropped."""
    return f"NULLIF(regexp_replace(trim({col}), '^''', ''), '')"


def _stripped_ts(col: str) -> str:
    return f"regexp_replace(trim({col}), '{_TZ}', '')"


def ts_expr(col: str, formats: list[str]) -> str:
    """TIMESTAMP from text with the chosen formats; Excel serial day numbers are accepted too."""
    fmts = "[" + ", ".join("'" + f + "'" for f in formats) + "]"
    return (f"COALESCE(try_strptime({_stripped_ts(col)}, {fmts}), "
            f"CASE WHEN regexp_full_match(trim({col}), '\\d{{5}}(\\.\\d+)?') "
            f"THEN TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(TRY_CAST(trim({col}) AS DOUBLE) * 86400000000) AS BIGINT)) END)")


def money_expr(col: str) -> str:
    """DECIMAL(18,4) from text like 1400.00, $45.99, "$1,433.66", -1,052.64, 95,00, (12.50), 12 USD."""
    t = f"trim({col})"
    shape = (r"^\(?\s*[-+]?\s*(?:[^\d\s,.()+-]{1,3}\s*)?[-+]?\s*\d[\d,. ]*\s*(?:[A-Za-z]{3}|[^\d\s,.()+-])?\s*\)?-?$")
    d = f"regexp_replace({t}, '[^0-9,.]', '', 'g')"
    neg = f"({t} LIKE '(%)' OR regexp_matches({t}, '^[^0-9]*-') OR {t} LIKE '%-')"
    last_comma = f"(length({d}) - strpos(reverse({d}), ','))"
    last_dot = f"(length({d}) - strpos(reverse({d}), '.'))"
    norm = (f"CASE WHEN strpos({d}, ',') > 0 AND strpos({d}, '.') > 0 THEN "
            f"  CASE WHEN {last_comma} > {last_dot} THEN replace(replace({d}, '.', ''), ',', '.') ELSE replace({d}, ',', '') END "
            f"WHEN regexp_full_match({d}, '\\d+,\\d{{1,2}}') THEN replace({d}, ',', '.') "
            f"WHEN regexp_full_match({d}, '\\d{{1,3}}(\\.\\d{{3}})+') AND strpos({d}, ',') = 0 AND length({d}) - length(replace({d}, '.', '')) > 1 THEN replace({d}, '.', '') "
            f"ELSE replace({d}, ',', '') END")
    return (f"CASE WHEN regexp_matches({t}, '{shape}') THEN "
            f"TRY_CAST({norm} AS DECIMAL(18,4)) * CASE WHEN {neg} THEN -1 ELSE 1 END END")


def number_expr(col: str) -> str:
    return f"CAST({money_expr(col)} AS DOUBLE)"


def int_expr(col: str) -> str:
    m = money_expr(col)
    return f"CASE WHEN {m} = round({m}) THEN CAST({m} AS BIGINT) END"


def bool_expr(col: str) -> str:
    v = f"lower(trim({col}))"
    return (f"CASE WHEN {v} IN ('true','yes','y','1','t') THEN TRUE "
            f"WHEN {v} IN ('false','no','n','0','f') THEN FALSE END")


def typed_expr(col: str, type_: str, formats: list[str] | None = None) -> str:
    """SQL expression turning text column `col` into `type_` (NULL when it cannot be parsed)."""
    if type_ == "text":
        return clean_text(col)
    if type_ == "money":
        return money_expr(col)
    if type_ == "number":
        return number_expr(col)
    if type_ == "int":
        return int_expr(col)
    if type_ == "bool":
        return bool_expr(col)
    if type_ == "ts":
        return ts_expr(col, formats or ALL_FORMATS)
    if type_ == "date":
        return f"CAST({ts_expr(col, formats or ALL_FORMATS)} AS DATE)"
    raise ValueError(type_)


SQL_TYPES = {"text": "VARCHAR", "money": "DECIMAL(18,4)", "number": "DOUBLE", "int": "BIGINT", "bool": "BOOLEAN",
             "ts": "TIMESTAMP", "date": "DATE"}

REASONS = {
    "money": "not an amount (expected like 1400.00 or $1,433.66)",
    "number": "not a number",
    "int": "not a whole number",
    "bool": "not true/false or yes/no",
    "ts": "not a date/time in a known format (e.g. 2026-04-05 21:06:21 +0400, 07/21/2025, Jul-21-25)",
    "date": "not a date in a known format (e.g. 2026-04-05, 07/21/2025, Jul-21-25)",
}


def choose_date_formats(con, relation: str, columns: list[str]) -> dict[str, list[str]]:
    """Pick, per text column of `relation` (a temp table of our own), the date format family parsing most values.

    One aggregate query over the whole column: counts of values each family parses.
    """
    if not columns:
        return {}
    fams = list(DATE_FAMILIES)
    aggs = []
    for c in columns:
        aggs.append(f"count({c})")
        for fam in fams:
            fmts = "[" + ", ".join("'" + f + "'" for f in DATE_FAMILIES[fam]) + "]"
            aggs.append(f"count(try_strptime({_stripped_ts(c)}, {fmts}))")
    row = con.execute(f"SELECT {', '.join(aggs)} FROM {relation}").fetchall()[0]
    out: dict[str, list[str]] = {}
    width = 1 + len(fams)
    for i, c in enumerate(columns):
        counts = row[i * width + 1:(i + 1) * width]
        best = max(range(len(fams)), key=lambda k: (counts[k], -k))
        if counts[best] == 0:
            out[c] = ALL_FORMATS
        else:
            out[c] = DATE_FAMILIES[fams[best]]
    return out
