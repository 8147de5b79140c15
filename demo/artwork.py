"""The demo certificate template's pictures, drawn here so none is copied from anywhere: the
competence centre's mark, two signatures and a seal. Each is a demo value and says so (the
seal reads «ОБРАЗЕЦ», the images' titles name them as demo)."""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.pdf import print_fonts

INK = (22, 48, 110, 255)
ACCENT = (31, 78, 121, 255)


def _font(size: int, weight: str = "700"):
    return ImageFont.truetype(str(print_fonts()[weight]), size)


def _bytes(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    buffer.seek(0)
    return buffer


def _png(image: Image.Image, title: str, name: str):
    # Wagtail's migrations make the root collection; a flushed database (a test's) has none.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    model = get_image_model()
    return model.objects.create(
        title=title, file=ImageFile(_bytes(image), name=name), collection=root
    )


def redraw_missing(organisation: str) -> int:
    """Draw again the demo's pictures whose files are gone while their rows stay (a test
    database kept with --reuse-db outlives its media folder); their renditions go too."""
    drawings = {
        "demo-logo.png": _logo,
        "demo-seal.png": lambda: _seal(organisation),
        **{f"sign-{n}.png": (lambda n=n: _signature(n + 7)) for n in range(3)},
    }
    redrawn = 0
    for image in get_image_model().objects.filter(
        file__in=[f"original_images/{name}" for name in drawings]
    ):
        storage = image.file.storage
        if storage.exists(image.file.name):
            continue
        storage.save(image.file.name, _bytes(drawings[image.file.name.split("/")[-1]]()))
        image.renditions.all().delete()
        redrawn += 1
    return redrawn


def logo():
    return _png(_logo(), "Знак центра компетенций (демо)", "demo-logo.png")


def _logo() -> Image.Image:
    """A gear's outline around «ПТ»: industry and tourism, in the frame's colour."""
    size = 360
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre, outer, inner = size / 2, size * 0.46, size * 0.38
    points = []
    for tooth in range(12):
        for step, radius in ((0, inner), (0.15, outer), (0.35, outer), (0.5, inner)):
            angle = 2 * math.pi * (tooth + step) / 12
            points.append((centre + radius * math.cos(angle), centre + radius * math.sin(angle)))
    draw.polygon(points, fill=ACCENT)
    draw.ellipse(
        [
            centre - inner * 0.85,
            centre - inner * 0.85,
            centre + inner * 0.85,
            centre + inner * 0.85,
        ],
        fill=(255, 255, 255, 255),
    )
    draw.text((centre, centre), "ПТ", font=_font(120), fill=ACCENT, anchor="mm")
    return image


def signature(seed: int, title: str, name: str):
    return _png(_signature(seed), title, name)


def _signature(seed: int) -> Image.Image:
    """A flowing line like a hand's: a few loops with some jitter, in ink blue."""
    rng = random.Random(seed)
    width, height = 520, 160
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points, x = [], 20.0
    loops = rng.randint(4, 6)
    for n in range(loops * 24):
        t = n / 24
        x += 3.2 + rng.random() * 0.8
        y = height / 2 + 34 * math.sin(t * 2 * math.pi) * (1 - t / loops / 1.6) - 14 * t
        points.append((x, y + 18))
    draw.line(points, fill=INK, width=4, joint="curve")
    draw.line([(points[-1][0] - 60, points[-1][1] + 30), (width - 20, height - 30)], INK, 3)
    return image


def seal(organisation: str):
    return _png(_seal(organisation), "Печать-образец (демо)", "demo-seal.png")


def _seal(organisation: str) -> Image.Image:
    """Two rings with the organisation's name around them and «ОБРАЗЕЦ» in the middle."""
    size = 420
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    blue = (40, 70, 170, 200)
    centre = size / 2
    for radius, width in ((200, 6), (150, 3)):
        draw.ellipse(
            [centre - radius, centre - radius, centre + radius, centre + radius], None, blue, width
        )
    font = _font(24)
    text = f"{organisation.upper()} • "
    for n, letter in enumerate(text):
        angle = -math.pi / 2 + 2 * math.pi * n / len(text)
        glyph = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((20, 20), letter, font=font, fill=blue, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        x = centre + 175 * math.cos(angle) - 20
        y = centre + 175 * math.sin(angle) - 20
        image.alpha_composite(glyph, (int(x), int(y)))
    draw.text((centre, centre), "ОБРАЗЕЦ", font=_font(40), fill=blue, anchor="mm")
    return image
