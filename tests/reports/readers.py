"""Open the files as their readers do: a PDF through poppler (pdfinfo, pdftotext, pdftoppm), a workbook printed to
PDF by LibreOffice headless; and keep pictures of the pages for the README (docs/screenshots/)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHOTS, DOCS = REPO / "tests" / "artifacts" / "screenshots", REPO / "docs" / "screenshots"


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out, re.M).groups()
    return float(w), float(h)


def text(pdf: Path) -> str:
    """The PDF's text in reading order, whitespace (line breaks of wrapped text included) collapsed to one space."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return flat(out.stdout)


def flat(s: str) -> str:
    return " ".join(s.split())


def print_workbook(xlsx: Path, out_dir: Path) -> Path:
    """The workbook printed to PDF by LibreOffice headless, as a manager would before a meeting (a private profile,
    so it neither meets nor disturbs another LibreOffice running on the machine)."""
    profile = out_dir / "lo_profile"
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(xlsx)], capture_output=True, check=True,
                   timeout=300)
    return out_dir / (xlsx.stem + ".pdf")


def save_pages(pdf: Path, name: str, first: int, last: int, dpi: int = 80) -> list[Path]:
    """Pages `first`..`last` as PNG into tests/artifacts/screenshots/ and docs/screenshots/<name>_<n>.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    DOCS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(first), "-l", str(last), str(pdf),
                    str(SHOTS / name)], check=True)
    saved = []
    for p in sorted(SHOTS.glob(f"{name}-*.png")):
        n = int(p.stem.rsplit("-", 1)[1])
        if first <= n <= last:
            target = DOCS / f"{name}_{n}.png"
            shutil.copyfile(p, target)
            saved.append(target)
    return saved
