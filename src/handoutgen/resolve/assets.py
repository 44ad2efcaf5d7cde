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
    if not target.is_file():
        raise AssetProblem(f"file {raw!r} not found (looked in {base})")
    return target


@dataclass(frozen=True)
class LoadedImage:
    """An image ready for reportlab: RGB PNG bytes and its pixel size."""

    data: bytes
    width: int
    height: int


def load_image(path: Path) -> LoadedImage:
    """Open, check and normalise an image; raise AssetProblem with a plain reason."""
    from PIL import Image, UnidentifiedImageError

    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise AssetProblem(f"image {path.name!r} is larger than {MAX_IMAGE_BYTES // 1_000_000} MB")
    if path.stat().st_size == 0:
        raise AssetProblem(f"image {path.name!r} is an empty file")
    # Opening only parses the header, so we read the size ourselves and refuse big images with
    # their dimensions before anything is decoded (Pillow's own guard gives no size).
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as img:
                if img.format not in ("PNG", "JPEG", "GIF"):
                    raise AssetProblem(f"{path.name!r} is a {img.format} image; use PNG or JPEG")
                w, h = img.size
                if w == 0 or h == 0:
                    raise AssetProblem(f"image {path.name!r} has no pixels")
                if w * h > MAX_PIXELS:
                    raise AssetProblem(f"image {path.name!r} is {w}×{h} pixels; at most {MAX_PIXELS // 1_000_000} "
                                       "megapixels (make it smaller)")
                img.load()
                rgb = _flatten(img)
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise AssetProblem(f"{path.name!r} is not a PNG or JPEG image, or is too large to open") from None
        except (OSError, SyntaxError, ValueError) as exc:
            if isinstance(exc, AssetProblem):
                raise
            raise AssetProblem(f"image {path.name!r} is damaged or truncated ({exc})") from None
        finally:
            Image.MAX_IMAGE_PIXELS = limit
    out = io.BytesIO()
    rgb.save(out, format="PNG", optimize=False)
    return LoadedImage(out.getvalue(), w, h)


def _flatten(img):
    """CMYK, palette, greyscale and transparent images become plain RGB on white paper."""
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return img.convert("RGB")
