"""Draw the expansion example's site plan (a PNG) with Pillow: the picture is ours, made here.

    python scripts/example_pictures.py

Writes examples/expansion/content/images/site-plan.png. Run again only to change the drawing;
the committed file is what the example uses.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "expansion" / "content" / "images" / "site-plan.png"


def main() -> None:
    width, height = 960, 540
    image = Image.new("RGB", (width, height), "#EEF2EA")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 22)
        small = ImageFont.truetype("DejaVuSans.ttf", 17)
    except OSError:
        font = small = ImageFont.load_default()
    # -- roads, the river, the rail spur --
    draw.rectangle((0, 430, width, 470), fill="#C9CDD2")
    draw.rectangle((80, 0, 112, 430), fill="#C9CDD2")
    draw.polygon([(0, 500), (width, 485), (width, height), (0, height)], fill="#A9C8E8")
    draw.line([(112, 410), (900, 410)], fill="#6B6F75", width=4)
    # -- the plant today --
    draw.rectangle((150, 80, 470, 360), fill="#5B6676", outline="#17202B", width=3)
    draw.text((175, 100), "Plant today", fill="#FFFFFF", font=font)
    draw.text((175, 132), "Lines 1-4", fill="#E6E9ED", font=small)
    # -- the expansion plot, hatched --
    plot = Image.new("RGB", (370, 280), "#DCE8F6")
    hatch = ImageDraw.Draw(plot)
    for x in range(0, 370 + 280, 28):
        hatch.line([(x, 0), (x - 280, 280)], fill="#B7CCE6", width=2)
    image.paste(plot, (510, 80))
    draw.rectangle((510, 80, 880, 360), outline="#0B5CAD", width=4)
    draw.rectangle((530, 100, 770, 168), fill="#0B5CAD")
    draw.text((545, 108), "Option B: hall 5", fill="#FFFFFF", font=font)
    draw.text((545, 138), "18,000 m2, lines 5-6", fill="#EAF1FA", font=small)
    draw.text((150, 378), "Rail spur", fill="#17202B", font=small)
    draw.text((770, 505), "River", fill="#17202B", font=small)
    # -- a north arrow --
    draw.polygon([(915, 20), (905, 60), (925, 60)], fill="#17202B")
    draw.text((908, 62), "N", fill="#17202B", font=small)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUT, optimize=True)
    print(OUT.relative_to(ROOT))


if __name__ == "__main__":
    main()
