"""Latency against data scale, one panel per operation, as a PNG written in pure Python.

matplotlib is not a dependency of the project, and the picture needs only lines, dots and
short labels: an RGB canvas, a 5x7 bitmap font, and zlib for the PNG encoding.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import font

Color = tuple[int, int, int]
WHITE: Color = (255, 255, 255)
BLACK: Color = (30, 30, 30)
GREY: Color = (200, 200, 200)
# (p50, p95) per concurrency level; the darker pair is concurrency 1.
SERIES_COLORS: list[tuple[Color, Color]] = [
    ((31, 119, 180), (214, 39, 40)),
    ((120, 170, 210), (240, 140, 130)),
    ((180, 205, 230), (250, 200, 190)),
]


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(WHITE * (width * height))

    def dot(self, x: int, y: int, color: Color) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i : i + 3] = bytes(color)

    def line(
        self, x0: int, y0: int, x1: int, y1: int, color: Color, width: int = 1, dash: int = 0
    ) -> None:
        """Bresenham; `dash` > 0 draws dashes of that many steps."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err, step = dx + dy, 0
        while True:
            if not dash or (step // dash) % 2 == 0:
                for ox in range(width):
                    for oy in range(width):
                        self.dot(x0 + ox - width // 2, y0 + oy - width // 2, color)
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy
            step += 1

    def square(self, x: int, y: int, half: int, color: Color) -> None:
        for ox in range(-half, half + 1):
            for oy in range(-half, half + 1):
                self.dot(x + ox, y + oy, color)

    def text(self, x: int, y: int, s: str, color: Color = BLACK, scale: int = 1) -> None:
        for n, char in enumerate(s):
            rows = font.glyph(char)
            left = x + n * (font.WIDTH + 1) * scale
            for r, bits in enumerate(rows):
                for c in range(font.WIDTH):
                    if bits & (1 << (font.WIDTH - 1 - c)):
                        for ox in range(scale):
                            for oy in range(scale):
                                self.dot(left + c * scale + ox, y + r * scale + oy, color)

    @staticmethod
    def text_width(s: str, scale: int = 1) -> int:
        return len(s) * (font.WIDTH + 1) * scale

    def png(self) -> bytes:
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3])
            for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


@dataclass
class Series:
    """One operation: scale -> concurrency -> (p50 ms, p95 ms)."""

    name: str
    points: dict[int, dict[int, tuple[float, float]]]


PANEL_W, PANEL_H = 330, 230
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 52, 14, 24, 30
COLUMNS = 3
LEGEND_H = 40


def _nice_top(value: float) -> float:
    if value <= 0 or math.isnan(value):
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _label(ms: float) -> str:
    return f"{ms:.0f}" if ms >= 10 or ms == 0 else f"{ms:.1f}"


def draw(series: Sequence[Series], scales: Sequence[int], concurrencies: Sequence[int]) -> Canvas:
    rows = max(1, math.ceil(len(series) / COLUMNS))
    canvas = Canvas(PANEL_W * COLUMNS, LEGEND_H + PANEL_H * rows)
    _legend(canvas, concurrencies)
    for k, s in enumerate(series):
        left = (k % COLUMNS) * PANEL_W
        top = LEGEND_H + (k // COLUMNS) * PANEL_H
        _panel(canvas, left, top, s, scales, concurrencies)
    return canvas


def _legend(canvas: Canvas, concurrencies: Sequence[int]) -> None:
    canvas.text(8, 6, "LATENCY (MS) AGAINST DATA SCALE", scale=2)
    x = 8
    for n, c in enumerate(concurrencies[: len(SERIES_COLORS)]):
        for which, color in zip(("P50", "P95"), SERIES_COLORS[n], strict=True):
            canvas.line(x, 30, x + 18, 30, color, width=2, dash=0 if which == "P50" else 4)
            label = f"{which} C={c}"
            canvas.text(x + 22, 27, label)
            x += 22 + canvas.text_width(label) + 16


def _panel(
    canvas: Canvas,
    left: int,
    top: int,
    s: Series,
    scales: Sequence[int],
    concurrencies: Sequence[int],
) -> None:
    x0, x1 = left + MARGIN_L, left + PANEL_W - MARGIN_R
    y0, y1 = top + MARGIN_T, top + PANEL_H - MARGIN_B
    canvas.text(left + MARGIN_L, top + 8, s.name[:40])
    values = [v for per_c in s.points.values() for pair in per_c.values() for v in pair]
    finite = [v for v in values if v is not None and not math.isnan(v)]
    y_top = _nice_top(max(finite) if finite else 1.0)
    # Axes and grid: 0, half and top.
    canvas.line(x0, y0, x0, y1, BLACK)
    canvas.line(x0, y1, x1, y1, BLACK)
    for frac in (0.5, 1.0):
        y = y1 - int((y1 - y0) * frac)
        canvas.line(x0 + 1, y, x1, y, GREY, dash=3)
    for frac in (0.0, 0.5, 1.0):
        label = _label(y_top * frac)
        y = y1 - int((y1 - y0) * frac)
        canvas.text(x0 - 4 - canvas.text_width(label), y - 3, label)

    def x_of(i: int) -> int:
        if len(scales) == 1:
            return (x0 + x1) // 2
        return x0 + 16 + int((x1 - x0 - 32) * i / (len(scales) - 1))

    def y_of(ms: float) -> int:
        return y1 - int((y1 - y0) * min(ms, y_top) / y_top)

    for i, scale in enumerate(scales):
        label = f"X{scale}"
        canvas.text(x_of(i) - canvas.text_width(label) // 2, y1 + 8, label)
    for n, c in reversed(list(enumerate(concurrencies[: len(SERIES_COLORS)]))):
        for which in (0, 1):
            color = SERIES_COLORS[n][which]
            pts = [
                (x_of(i), y_of(s.points[sc][c][which]))
                for i, sc in enumerate(scales)
                if c in s.points.get(sc, {}) and not math.isnan(s.points[sc][c][which])
            ]
            for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
                canvas.line(ax, ay, bx, by, color, width=2, dash=0 if which == 0 else 4)
            for px, py in pts:
                canvas.square(px, py, 2, color)


def write(path: Path, series: Sequence[Series], scales: Sequence[int], conc: Sequence[int]) -> None:
    path.write_bytes(draw(series, scales, conc).png())
