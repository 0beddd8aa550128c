"""Draw the demo company's logo (src/pmo/examples/demo/logo.png): a monogram and the name.

Run once when the logo changes: `python scripts/make_demo_logo.py`. Uses Pillow and the
DejaVu fonts matplotlib ships, so the PNG is the same on every machine; it is small (a
few kB, palette colours) and committed.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "pmo" / "examples" / "demo" / "logo.png"
PRIMARY, ACCENT = "#7A1F3D", "#C8963E"


def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), size)


def main() -> None:
    image = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 20, 170, 180), radius=22, fill=PRIMARY)
    draw.rectangle((10, 150, 170, 160), fill=ACCENT)
    draw.text((90, 88), "AD", font=font(True, 76), fill="white", anchor="mm")
    draw.text((192, 92), "Atelier", font=font(True, 50), fill=PRIMARY, anchor="ls")
    draw.text((192, 152), "Durand", font=font(True, 50), fill=PRIMARY, anchor="ls")
    draw.text((196, 182), "VILLEFRANCHE  ·  DEPUIS 1921", font=font(False, 17), fill=ACCENT, anchor="ls")
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(OUT, optimize=True)
    print(f"{OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
