"""A route drawn as a static picture for print (the handout PDF): its stops numbered on a
Web-Mercator projection, each day's leg a line of its own colour, the overnight moves dashed.
Pure: points in, SVG coordinates out; no tiles, so it prints anywhere without a network."""

import math
from dataclasses import dataclass

DAY_COLOURS = ("#1f5fa8", "#b4462b", "#2f7d3b", "#7a3fa0", "#a86d00")


@dataclass(frozen=True)
class Marker:
    number: int
    name: str
    day: int
    x: float
    y: float

    # SVG wants a dot in its numbers whatever the page's locale; templates print these.
    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"


@dataclass(frozen=True)
class Line:
    points: str  # "x,y x,y …" for an SVG polyline
    colour: str
    dashed: bool


@dataclass(frozen=True)
class Sketch:
    width: int
    height: int
    markers: list[Marker]
    lines: list[Line]
    scale_km: int  # the scale bar's length in kilometres
    scale_px: float

    @property
    def scale_end(self) -> str:
        return f"{12 + self.scale_px:.1f}"


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    lat = max(min(lat, 85.0), -85.0)
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def sketch(points: list[dict], *, width: int = 600, height: int = 320, margin: int = 28):
    """The sketch of `points` (dicts with name, lat, lon, day, in route order), or None."""
    if not points:
        return None
    projected = [_mercator(p["lat"], p["lon"]) for p in points]
    xs, ys = [x for x, _ in projected], [y for _, y in projected]
    # A single point or a tight cluster still gets about 2 km of view around it.
    span = max(max(xs) - min(xs), max(ys) - min(ys), 0.0003)
    scale = min((width - 2 * margin) / span, (height - 2 * margin) / span)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return (
            round(width / 2 + (x - mid_x) * scale, 1),
            round(height / 2 - (y - mid_y) * scale, 1),
        )

    markers = [
        Marker(i, p["name"], p.get("day") or 1, *at(x, y))
        for i, (p, (x, y)) in enumerate(zip(points, projected, strict=True), start=1)
    ]
    lines: list[Line] = []
    leg: list[Marker] = []
    for marker in markers:
        if leg and leg[-1].day != marker.day:
            lines.append(_line(leg))
            lines.append(_line([leg[-1], marker], dashed=True))
            leg = []
        leg.append(marker)
    lines.append(_line(leg))
    lines = [line for line in lines if " " in line.points]
    # The scale bar: a round number of kilometres near a fifth of the width, at the route's
    # mean latitude (Mercator stretches by 1/cos(latitude)).
    mean_lat = math.radians(sum(p["lat"] for p in points) / len(points))
    km_per_px = 6371.0088 * math.cos(mean_lat) / scale
    target = km_per_px * width / 5
    nice = next((n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000) if n >= target), 5000)
    return Sketch(width, height, markers, lines, nice, round(nice / km_per_px, 1))


def _line(markers: list[Marker], dashed: bool = False) -> Line:
    colour = "#5b6b7a" if dashed else DAY_COLOURS[(markers[0].day - 1) % len(DAY_COLOURS)]
    return Line(" ".join(f"{m.x},{m.y}" for m in markers), colour, dashed)
