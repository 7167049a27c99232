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
    # two-digit-year formats come first: DuckDB's %Y also accepts "25" (year 0025), %y refuses "2025"
    "month_first": ["%m/%d/%y %H:%M", "%m/%d/%y", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p",
                    "%m/%d/%Y %I:%M %p", "%m/%d/%Y"],
    "day_first": ["%d/%m/%y %H:%M", "%d/%m/%y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
                  "%d-%m-%Y %H:%M:%S", "%d-%m-%Y"],
    "dotted": ["%d.%m.%y", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"],
    "named": ["%b %d, %Y %I:%M:%S %p", "%b %d, %Y %H:%M:%S", "%b %d, %Y", "%d %b %Y %I:%M:%S %p",
              "%d %b %Y %H:%M:%S", "%d %b %Y", "%b-%d-%y", "%b-%d-%Y", "%d-%b-%y", "%d-%b-%Y", "%B %d, %Y",
              "%d %B %Y"],
}
ALL_FORMATS = [f for fam in DATE_FAMILIES.values() for f in fam]
# A shape every value of a family has (checked before trying its formats: a failed strptime is ~20x dearer).
FAMILY_SHAPES = {
    "iso": r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}", "month_first": r"^\d{1,2}/\d{1,2}/\d{2}",
    "day_first": r"^\d{1,2}[/-]\d{1,2}[/-]\d{2}", "dotted": r"^\d{1,2}\.\d{1,2}\.\d{2}", "named": r"[A-Za-z]{3}",
}

# a trailing zone after a time (+0400, -05:00, Z, UTC, GMT, PST/PDT/CEST…); the zone must follow a time so that
# the year of "05-06-2025" and the AM/PM of "2:15:00 PM" are never taken for one
_TZ = r"(\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{3,5}(?:[+-]\d{1,2})?)$"


def clean_text(col: str) -> str:
    """Trimmed text (spaces and tabs: TikTok Shop ends its ids with a tab to keep Excel from rounding them), NULL when
    empty; a leading apostrophe (Excel's 'keep as text') is dropped."""
    return f"NULLIF(regexp_replace(trim({col}, ' \t'), '^''', ''), '')"


def _stripped_ts(col: str) -> str:
    return f"regexp_replace(trim({col}), '{_TZ}', '\\1')"


def ts_expr(col: str, formats: list[str]) -> str:
    """TIMESTAMP from text: the column's chosen format family first, then any known format (a stray value), then
    Excel serial day numbers."""
    fmts = "[" + ", ".join("'" + f + "'" for f in formats) + "]"
    rest = [f for f in ALL_FORMATS if f not in formats]
    others = "[" + ", ".join("'" + f + "'" for f in rest) + "]"
    fallback = f"try_strptime({_stripped_ts(col)}, {others}), " if rest else ""
    return (f"COALESCE(try_strptime({_stripped_ts(col)}, {fmts}), {fallback}"
            f"CASE WHEN regexp_full_match(trim({col}), '\\d{{5}}(\\.\\d+)?') "
            f"THEN TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(TRY_CAST(trim({col}) AS DOUBLE) * 86400000000) AS BIGINT)) END)")


# Cell texts that mean "no value" in a numeric column (exports write them where a figure does not apply, e.g. the
# ECB's rate history for a currency that did not exist yet): read as empty, never quarantined as a bad number.
MISSING_MARKERS = ("n/a", "na", "#n/a", "-", "--", "—", "none", "null")


def blank_expr(col: str) -> str:
    """The cell's trimmed text, NULL when it is empty or a missing-value marker."""
    markers = ", ".join("'" + m + "'" for m in MISSING_MARKERS)
    return f"CASE WHEN lower(trim({col})) IN ({markers}) THEN NULL ELSE NULLIF(trim({col}), '') END"


def money_expr(col: str) -> str:
    """DECIMAL(18,4) from text like 1400.00, $45.99, "$1,433.66", US $45.99, -1,052.64, 95,00, (12.50), 12 USD."""
    t = f"trim({col})"
    shape = (r"^\(?\s*[-+]?\s*(?:[^\d\s,.()+-]{1,3}\s*){0,2}[-+]?\s*\d[\d,. ]*\s*(?:[A-Za-z]{3}|[^\d\s,.()+-])?\s*\)?-?$")
    d = f"regexp_replace({t}, '[^0-9,.]', '', 'g')"
    neg = f"({t} LIKE '(%)' OR regexp_matches({t}, '^[^0-9]*-') OR {t} LIKE '%-')"
    last_comma = f"(length({d}) - strpos(reverse({d}), ','))"
    last_dot = f"(length({d}) - strpos(reverse({d}), '.'))"
    norm = (f"CASE WHEN strpos({d}, ',') > 0 AND strpos({d}, '.') > 0 THEN "
            f"  CASE WHEN {last_comma} > {last_dot} THEN replace(replace({d}, '.', ''), ',', '.') ELSE replace({d}, ',', '') END "
            f"WHEN regexp_full_match({d}, '\\d+,\\d{{1,2}}') THEN replace({d}, ',', '.') "
            f"WHEN regexp_full_match({d}, '\\d{{1,3}}(\\.\\d{{3}})+') AND strpos({d}, ',') = 0 AND length({d}) - length(replace({d}, '.', '')) > 1 THEN replace({d}, '.', '') "
            f"ELSE replace({d}, ',', '') END")
    # fast path for the common plain decimal (1400.00, -6.5) and empty cells; the general path gives the same values
    return (f"CASE WHEN {t} = '' THEN NULL "
            f"WHEN regexp_full_match({t}, '-?\\d{{1,14}}(\\.\\d{{1,4}})?') THEN CAST({t} AS DECIMAL(18,4)) "
            f"WHEN regexp_matches({t}, '{shape}') THEN "
            f"TRY_CAST({norm} AS DECIMAL(18,4)) * CASE WHEN {neg} THEN -1 ELSE 1 END END")


# Currency written with an amount: site-prefixed dollars (eBay: "US $", "C $", "AU $"), symbols, ISO codes. A bare
# "$" is returned as "$": which dollar it is depends on the source (the staging model of each format decides).
CURRENCY_PATTERNS = (
    (r"US\s?\$", "USD"), (r"(?:C|CA|CAD)\s?\$", "CAD"), (r"(?:AU|A)\s?\$", "AUD"), (r"NZ\s?\$", "NZD"),
    (r"HK\s?\$", "HKD"), (r"(?:S|SG)\s?\$", "SGD"), (r"MX\s?\$", "MXN"), (r"R\$", "BRL"), ("£", "GBP"), ("€", "EUR"),
    ("₹", "INR"), (r"\bRs\.?", "INR"), ("zł", "PLN"), ("₺", "TRY"), ("৳", "BDT"), ("₩", "KRW"), ("₱", "PHP"),
    (r"\bCHF\b", "CHF"),  # "kr" is left alone: Swedish, Danish and Norwegian crowns all write it
)


def currency_expr(col: str) -> str:
    """ISO currency code stated in a money cell ("US $45.99" → USD, "£12.00" → GBP, "12.00 EUR" → EUR, "$5" → "$"),
    NULL when the cell states none."""
    t = f"trim({col})"
    whens = " ".join(f"WHEN regexp_matches({t}, '{p}') THEN '{code}'" for p, code in CURRENCY_PATTERNS)
    iso = f"regexp_extract({t}, '(?:^|[^A-Za-z])([A-Z]{{3}})(?:[^A-Za-z]|$)', 1)"
    return (f"CASE WHEN {t} = '' OR {t} IS NULL THEN NULL {whens} "
            f"WHEN {iso} <> '' THEN {iso} WHEN strpos({t}, '$') > 0 THEN '$' END")


def number_expr(col: str) -> str:
    return f"CAST({money_expr(col)} AS DOUBLE)"


def int_expr(col: str) -> str:
    m = money_expr(col)
    t = f"trim({col})"
    return (f"CASE WHEN regexp_full_match({t}, '-?\\d{{1,18}}') THEN TRY_CAST({t} AS BIGINT) "
            f"ELSE (CASE WHEN {m} = round({m}) THEN CAST({m} AS BIGINT) END) END")


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
    if type_ == "currency":
        return currency_expr(col)
    if type_ == "ts":
        return ts_expr(col, formats or ALL_FORMATS)
    if type_ == "date":
        return f"CAST({ts_expr(col, formats or ALL_FORMATS)} AS DATE)"
    raise ValueError(type_)


SQL_TYPES = {"text": "VARCHAR", "currency": "VARCHAR", "money": "DECIMAL(18,4)", "number": "DOUBLE", "int": "BIGINT", "bool": "BOOLEAN",
             "ts": "TIMESTAMP", "date": "DATE"}

REASONS = {
    "money": "not an amount (expected like 1400.00 or $1,433.66)",
    "number": "not a number",
    "int": "not a whole number",
    "bool": "not true/false or yes/no",
    "ts": "not a date/time in a known format (e.g. 2026-04-05 21:06:21 +0400, 07/21/2025, Jul-21-25)",
    "date": "not a date in a known format (e.g. 2026-04-05, 07/21/2025, Jul-21-25)",
}


DATE_SAMPLE_ROWS = 200_000


def choose_date_formats(con, relation: str, columns: list[str], day_first: set[str] = frozenset()
                        ) -> dict[str, list[str]]:
    """Pick, per text column of `relation` (a temp table of our own), the date format family parsing most values.

    One aggregate query: counts of values each family parses, over a fixed random sample of DATE_SAMPLE_ROWS rows
    (the whole column when it is shorter; a month of dates in a million rows proves its family many times over,
    and values the chosen family cannot read are quarantined, not guessed).  Ties go to the earlier family
    (month-first before day-first), except for the `day_first` columns.
    """
    if not columns:
        return {}
    fams = list(DATE_FAMILIES)
    aggs, stripped = [], []
    for i, c in enumerate(columns):
        stripped.append(f"{_stripped_ts(c)} AS s{i}")
        aggs.append(f"count(s{i})")
        for fam in fams:
            fmts = "[" + ", ".join("'" + f + "'" for f in DATE_FAMILIES[fam]) + "]"
            # a plausible year only: %Y also reads "09/06/25" as year 9 (the iso family would win the tie)
            aggs.append(f"count(CASE WHEN regexp_matches(s{i}, '{FAMILY_SHAPES[fam]}') AND "
                        f"year(try_strptime(s{i}, {fmts})) BETWEEN 1900 AND 2200 THEN 1 END)")
    row = con.execute(f"SELECT {', '.join(aggs)} FROM (SELECT {', '.join(stripped)} FROM {relation} "
                      f"USING SAMPLE reservoir({DATE_SAMPLE_ROWS} ROWS) REPEATABLE (7))").fetchall()[0]
    out: dict[str, list[str]] = {}
    width = 1 + len(fams)
    for i, c in enumerate(columns):
        counts = row[i * width + 1:(i + 1) * width]
        best = max(range(len(fams)), key=lambda k: (counts[k], c in day_first and fams[k] == "day_first", -k))
        if counts[best] == 0:
            out[c] = ALL_FORMATS
        else:
            out[c] = DATE_FAMILIES[fams[best]]
    return out
