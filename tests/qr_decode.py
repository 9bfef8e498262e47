"""Decode QR images the way a phone would: with a real decoder (zxing-cpp) on pixels."""

import io
import re
import xml.etree.ElementTree as ET

import zxingcpp
from PIL import Image, ImageDraw


def decode_png(data: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)).convert("L"))
    assert len(results) == 1, f"expected one QR code, found {len(results)}"
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0].text


_RECT = re.compile(r"M(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)H(\d+(?:\.\d+)?)V(\d+(?:\.\d+)?)H\d+(?:\.\d+)?z")


def decode_svg(data: bytes, scale: int = 10) -> str:
    """Rasterise the module squares of the served SVG path, then decode the pixels."""
    root = ET.fromstring(data)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    image = Image.new("L", (int(width * scale), int(height * scale)), 255)
    draw = ImageDraw.Draw(image)
    paths = [el.get("d") for el in root.iter() if el.tag.endswith("path") and el.get("d")]
    squares = [m for d in paths for m in _RECT.finditer(d)]
    assert squares, "no QR modules found in the SVG"
    for match in squares:
        x0, y0, x1, y1 = (float(v) * scale for v in match.groups())
        draw.rectangle([x0, y0, x1 - 1, y1 - 1], fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return decode_png(out.getvalue())
