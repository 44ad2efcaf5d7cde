"""Files a spec points at (images, logos, clinic files), confined to allowed folders.

reportlab opens any local path it is given (STANDARDS.md), so every path is resolved here,
symlinks included, and must land inside the spec's folder or the project's assets folder.
Images are opened with Pillow under a pixel budget and normalised to RGB for reportlab.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from handoutgen.files import FileError, read_input
from handoutgen.paths import assets_dir

MAX_PIXELS = 40_000_000  # 40 MP: far beyond any print need, well below decompression-bomb sizes
MAX_IMAGE_BYTES = 20_000_000


class AssetProblem(ValueError):
    """The user-facing reason a path or image cannot be used."""


def confine(raw: str, base: Path) -> Path:
    """Resolve `raw` against `base`; it must stay inside `base` or assets/ and be a file."""
    if "\x00" in raw:
        raise AssetProblem("path contains a NUL character")
    if raw.lower().startswith(("data:", "file:", "http:", "https:", "ftp:")):
        raise AssetProblem(f"{raw[:40]!r} is a URL; give a file path relative to the spec's folder")
    candidate = Path(raw)
    if candidate.is_absolute():
        raise AssetProblem(f"{raw!r} is an absolute path; give a path relative to the spec's folder")
    target = (base / candidate).resolve()
    allowed = [base.resolve(), assets_dir().resolve()]
    if not any(target == root or root in target.parents for root in allowed):
        raise AssetProblem(f"{raw!r} points outside the spec's folder and assets/ (through '..' or a symlink)")
    if target.is_dir():
        raise AssetProblem(f"{raw!r} is a folder, expected a file")
    if target.exists() and not target.is_file():
        raise AssetProblem(f"{raw!r} is not a regular file (a pipe or device?); expected a file")
    if not target.is_file():
        raise AssetProblem(f"file {raw!r} not found (looked in {base})")
    return target


@dataclass(frozen=True)
class LoadedImage:
    """An image ready for reportlab: RGB PNG bytes and its pixel size."""

    data: bytes
    width: int
    height: int


MAX_DECODED_PIXELS = 16_000_000  # PNG/GIF decode in full: 16 MP keeps memory near 100 MB
PRINT_SIDE = 3000  # pixels on the long side: 300 dpi across 10 inches, the most a page can show


def load_image(path: Path) -> LoadedImage:
    """Open, check and normalise an image; raise AssetProblem with a plain reason.

    Photos from phones and scanners: EXIF rotation is applied, 16-bit images are scaled (not
    clipped) to 8 bits, multi-picture JPEGs (MPO) give their first picture, and big JPEGs are
    decoded at a reduced scale, so a small file cannot cost seconds or hundreds of MB."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        raw = read_input(path, MAX_IMAGE_BYTES, path.name)
    except FileError as exc:
        raise AssetProblem(f"image {path.name!r}: {exc.problems[0].message}") from None
    if not raw:
        raise AssetProblem(f"image {path.name!r} is an empty file")
    # Opening only parses the header, so we read the size ourselves and refuse big images with
    # their dimensions before anything is decoded (Pillow's own guard gives no size).
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(raw)) as img:
                if img.format not in ("PNG", "JPEG", "MPO", "GIF"):
                    raise AssetProblem(f"{path.name!r} is a {img.format} image; use PNG or JPEG")
                w, h = img.size
                if w == 0 or h == 0:
                    raise AssetProblem(f"image {path.name!r} has no pixels")
                if w * h > MAX_PIXELS:
                    raise AssetProblem(f"image {path.name!r} is {w}×{h} pixels; at most {MAX_PIXELS // 1_000_000} "
                                       "megapixels (make it smaller)")
                if img.format in ("JPEG", "MPO"):
                    img.draft("RGB", (PRINT_SIDE, PRINT_SIDE))  # DCT scaling: decode at 1/2..1/8 size
                elif w * h > MAX_DECODED_PIXELS:
                    raise AssetProblem(f"image {path.name!r} is {w}×{h} pixels; a {img.format} image can have "
                                       f"at most {MAX_DECODED_PIXELS // 1_000_000} megapixels (make it smaller, "
                                       "or save it as JPEG)")
                img.load()
                rgb = _flatten(_to_8_bit(ImageOps.exif_transpose(img)))
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise AssetProblem(f"{path.name!r} is not a PNG or JPEG image, or is too large to open") from None
        except (OSError, SyntaxError, ValueError, MemoryError) as exc:
            if isinstance(exc, AssetProblem):
                raise
            raise AssetProblem(f"image {path.name!r} is damaged or truncated ({exc})") from None
        finally:
            Image.MAX_IMAGE_PIXELS = limit
    if max(rgb.size) > PRINT_SIDE:
        rgb.thumbnail((PRINT_SIDE, PRINT_SIDE), Image.LANCZOS)
    out = io.BytesIO()
    rgb.save(out, format="PNG", optimize=False)
    return LoadedImage(out.getvalue(), *rgb.size)


def _to_8_bit(img):
    """16- and 32-bit greyscale ('I;16', 'I') scaled to 0-255; Pillow's own convert clips them."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        top = 65535 if img.mode.startswith("I;16") else max(img.getextrema()[1], 1)
        img = img.convert("I") if img.mode != "I" else img
        if "transparency" in img.info:
            img.info.pop("transparency")
        return img.point(lambda v: v * (255 / top)).convert("L")
    return img


def _flatten(img):
    """CMYK, palette, greyscale and transparent images become plain RGB on white paper."""
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return img.convert("RGB")
