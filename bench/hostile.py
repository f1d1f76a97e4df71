"""Time and peak memory of the hostile inputs of issue #22, each in a fresh process.

    python bench/hostile.py [--only FAMILY]     (make bench-hostile)

For each family (pictures, charts, templates, the build record) the largest input the
limits allow is built in full, and inputs past them (the issue's reproductions) are
refused. Each runs as its own ``briefing`` process; its wall time and peak resident
memory (``wait4``, the process and the PDF worker it waited for) are printed, with the
slowest of each family last. The goal: at most 10 s and 1 GB each on the project's
machine. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from briefing.content import bounds, images  # noqa: E402

BASE = (ROOT / "tests" / "fixtures" / "valid_minimal.yaml").read_text()
SVG = '<svg xmlns="http://www.w3.org/2000/svg" {}>{}</svg>'


def with_figure(folder: Path, name: str, data: bytes) -> Path:
    """The minimal briefing with one picture ``name`` (``data``) in its first section."""
    (folder / name).write_bytes(data)
    text = BASE
    at = text.index("\n", text.index("    headline:")) + 1
    figure = f"    figures:\n      - image: {name}\n        alt: A drawing.\n"
    source = folder / "pic.yaml"
    source.write_text(text[:at] + figure + text[at:])
    return source


def use_bomb(levels: int, fan: int) -> bytes:
    parts = ['<defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}"/>' for _ in range(fan))
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use href="#l{levels}"/>')
    return SVG.format('width="400" height="300"', "".join(parts)).encode()


def rects(count: int) -> bytes:
    body = "".join(
        f"<rect x='{i % 400}' y='{i // 400 % 300}' width='2' height='2'/>" for i in range(count)
    )
    return SVG.format('width="400" height="300"', body).encode()


def text_svg(chars: int) -> bytes:
    body = "<text x='1' y='10'>" + ("word " * (chars // 5)) + "</text>"
    return SVG.format('width="400" height="300"', body).encode()


def png_bomb() -> bytes:
    """A 30000 x 30000 black-and-white PNG, compressed row by row: this process never holds
    the pixels (a forked child would count them in its peak memory)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    side = 30_000
    squeeze = zlib.compressobj(9)
    row = b"\0" * (1 + side // 8)
    data = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def short_jpeg() -> bytes:
    """The first 631 bytes of a 4990 x 5000 JPEG, made in a process of its own (see above)."""
    code = (
        "import io, sys\nfrom PIL import Image\nout = io.BytesIO()\n"
        "Image.new('RGB', (4990, 5000), 'white').save(out, 'JPEG')\n"
        "sys.stdout.buffer.write(out.getvalue()[:631])\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout


def charts(folder: Path, count: int, categories: int, series: int) -> Path:
    lines = [BASE[: BASE.index("sections:")], "sections:\n"]
    for n in range(count):
        if n % 6 == 0:
            lines.append(
                f"  - id: s{n}\n    title: S{n}\n    headline: H.\n    body: B.\n"
                "    points: [P.]\n    figures:\n"
            )
        cats = ", ".join(f"c{i}" for i in range(categories))
        lines.append(
            f"      - chart: column\n        caption: C{n}.\n        categories: [{cats}]\n"
        )
        lines.append("        series:\n")
        for k in range(series):
            values = ", ".join(str(i + k) for i in range(categories))
            lines.append(f"          - name: S{k}\n            values: [{values}]\n")
    rest = BASE[BASE.index("sources:") :] if "\nsources:" in BASE else ""
    source = folder / "charts.yaml"
    source.write_text("".join(lines) + rest)
    return source


def template_pack(folder: Path, body: str) -> Path:
    pack = folder / "templates"
    pack.mkdir(exist_ok=True)
    (pack / "briefing.html.j2").write_text(body)
    return pack


def record(folder: Path, kind: str) -> Path:
    out = folder / "out"
    out.mkdir(exist_ok=True)
    target = out / ".briefing-cache.json"
    if target.exists() or target.is_symlink():
        target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "3 GB":
        with open(target, "wb") as handle:
            handle.truncate(3_000_000_000)
    else:
        target.write_text("[" * 200_000)
    return out


Case = tuple[str, str, Callable[[Path], list[str]]]
VALID = str(ROOT / "tests" / "fixtures" / "valid_minimal.yaml")


def picture(name: str, data: Callable[[], bytes], *, built: bool = False) -> Callable:
    def args(folder: Path) -> list[str]:
        source = str(with_figure(folder, name, data()))
        return ["build", source, "-o", str(folder / "out")] if built else ["check", source]

    return args


def chart_args(count: int, categories: int, series: int, *, built: bool = False) -> Callable:
    def args(folder: Path) -> list[str]:
        source = str(charts(folder, count, categories, series))
        return ["build", source, "-o", str(folder / "out")] if built else ["check", source]

    return args


def template_args(body: str) -> Callable:
    def args(folder: Path) -> list[str]:
        pack = str(template_pack(folder, body))
        return ["build", VALID, "--only", "html", "-o", str(folder / "out"), "--templates", pack]

    return args


def record_args(kind: str) -> Callable:
    def args(folder: Path) -> list[str]:
        return ["build", VALID, "--only", "html", "-o", str(record(folder, kind))]

    return args


def cases() -> list[Case]:
    per_chart = bounds.MAX_CHART_VALUES // bounds.MAX_CHARTS
    most = images.MAX_SVG_ELEMENTS - 2
    big_svg = SVG.format('width="16000" height="16000"', "").encode()
    repeat = '{{ ("x" * 1500000000) | length }}'
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    return [
        ("pictures", "<use> bomb 10^9", picture("a.svg", lambda: use_bomb(9, 10))),
        ("pictures", "150,000 <rect>", picture("b.svg", lambda: rects(150_000))),
        ("pictures", "2 M characters of text", picture("c.svg", lambda: text_svg(2_000_000))),
        ("pictures", "16000 x 16000 SVG", picture("d.svg", lambda: big_svg)),
        ("pictures", "30000 x 30000 PNG", picture("e.png", png_bomb)),
        ("pictures", "631-byte JPEG 4990 x 5000", picture("f.jpg", short_jpeg)),
        ("pictures", f"{most:,} <rect> built", picture("g.svg", lambda: rects(most), built=True)),
        ("charts", "60 charts of 40 x 6", chart_args(60, 40, 6)),
        (
            "charts",
            f"{bounds.MAX_CHARTS} charts, {bounds.MAX_CHART_VALUES:,} values built",
            chart_args(bounds.MAX_CHARTS, per_chart // 2, 2, built=True),
        ),
        ("templates", '("x" * 1500000000) | length', template_args(repeat)),
        ("templates", "nested range(100000) loops", template_args(loops)),
        ("record", "a FIFO", record_args("fifo")),
        ("record", "3 GB", record_args("3 GB")),
        ("record", "200,000 nested [", record_args("nested")),
    ]


def run(args: list[str]) -> tuple[int, float, float]:
    """Exit status, wall seconds, peak MB of ``briefing ARGS`` in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="one family: pictures, charts, templates or record")
    args = parser.parse_args()
    print(f"{'family':<11}{'input':<34}{'exit':>5}{'seconds':>9}{'peak MB':>9}")
    slowest: dict[str, tuple[float, float, str]] = {}
    for family, name, make in cases():
        if args.only and family != args.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            status, seconds, peak = run(make(Path(tmp)))
        print(f"{family:<11}{name:<34}{status:>5}{seconds:>9.1f}{peak:>9.0f}", flush=True)
        if seconds > slowest.get(family, (0.0, 0.0, ""))[0]:
            slowest[family] = (seconds, peak, name)
    print("\nslowest of each family (goal: at most 10 s and 1,024 MB):")
    for family, (seconds, peak, name) in slowest.items():
        print(f"  {family:<11}{name:<34}{seconds:>6.1f} s{peak:>7.0f} MB")


if __name__ == "__main__":
    main()
