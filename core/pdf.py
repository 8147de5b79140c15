"""HTML to PDF with WeasyPrint, kept warm: per worker process one font configuration, one
parsed stylesheet per file and one small self-hosted font with Cyrillic, passed to every render.
"""

import atexit
import os
import subprocess
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# What a certificate or a handout prints: Latin, Cyrillic, punctuation, №, ₽ and arrows.
PRINT_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x400, 0x530),
    *range(0x2010, 0x2070),
    0x2116,
    0x20BD,
    *range(0x2190, 0x2195),
    0x25B2,
    0x25BC,
]
PRINT_FAMILY = "Academy Sans"


@lru_cache(maxsize=1)
def font_config():
    # fontconfig's setup is the slow part of a render; do it once per worker process.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _system_font(pattern: str) -> Path:
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, check=True
    ).stdout
    return Path(found)


def _subset(source: Path, target: Path) -> Path:
    """Cut the system font down to what we print; written atomically, once per machine."""
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=PRINT_UNICODES)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    subset.save_font(font, str(partial), options)
    partial.replace(target)
    return target


@lru_cache(maxsize=1)
def print_fonts() -> dict[str, Path]:
    """The regular and bold faces of the print font (DejaVu Sans, installed by the Makefile)."""
    directory = Path(settings.FONT_CACHE_DIR)
    faces = {"400": "DejaVu Sans:style=Book", "700": "DejaVu Sans:style=Bold"}
    return {
        weight: _subset(_system_font(pattern), directory / f"academy-sans-{weight}.ttf")
        for weight, pattern in faces.items()
    }


@lru_cache(maxsize=1)
def font_face_css():
    from weasyprint import CSS

    rules = "\n".join(
        f'@font-face {{ font-family: "{PRINT_FAMILY}"; font-weight: {weight}; '
        f'src: url("{path.as_uri()}") format("truetype"); }}'
        for weight, path in print_fonts().items()
    )
    return CSS(string=rules, font_config=font_config())


@lru_cache(maxsize=8)
def stylesheet(path: str):
    """A print stylesheet, parsed once per process."""
    from weasyprint import CSS

    return CSS(filename=path, font_config=font_config())


@atexit.register
def _release():
    # Let go of the warm objects before the interpreter tears WeasyPrint's modules down.
    for cached in (stylesheet, font_face_css, font_config):
        cached.cache_clear()


def render_pdf(
    template: str,
    context: dict,
    *,
    stylesheets: tuple[str, ...] = (),
    language: str = "ru",
    pdf_variant: str | None = None,
) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, context)
    return HTML(string=html, encoding="utf-8").write_pdf(
        stylesheets=[font_face_css(), *(stylesheet(path) for path in stylesheets)],
        font_config=font_config(),
        pdf_variant=pdf_variant,
    )
