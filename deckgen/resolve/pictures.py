"""Pictures a brief names: a PNG or JPEG that decodes completely, within a pixel limit.

The whole picture is decoded here, in ``check``, so a truncated file (or one that is only a
PNG signature) is refused with a located error instead of being embedded broken, and a
decompression bomb (a small file that decodes to billions of pixels) is refused from its
header, before a pixel is decoded.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from deckgen.core.files import FileProblem, read_bytes

# 40 megapixels: an 8K frame (33 MP) and most camera photos fit; decoded, such a picture takes
# at most 160 MB (4 bytes a pixel). A picture this large is resampled by PowerPoint anyway.
MAX_PIXELS = 40_000_000
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
_AGAIN = "export the picture again as PNG (or JPEG for photographs)"


def read_picture(path: Path) -> tuple[int, int]:
    """Width and height in pixels of a PNG or JPEG that decodes completely; FileProblem if not."""
    from PIL import Image, UnidentifiedImageError  # only decks with pictures pay for the import

    data = read_bytes(path, "image")
    if not any(data.startswith(magic) for magic in IMAGE_MAGIC):
        raise FileProblem(
            "bad-image",
            "the image is not a PNG or JPEG picture",
            hint="export the picture as PNG (or JPEG for photographs)",
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=("PNG", "JPEG")) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _too_large(f"{width} x {height} pixels")
                image.load()  # decode every pixel: a truncated or damaged file fails here
        except FileProblem:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large(f"more than {MAX_PIXELS // 1_000_000} megapixels") from None
        except UnidentifiedImageError:
            raise FileProblem(
                "bad-image", "the image cannot be decoded: its header is missing or damaged", hint=_AGAIN
            ) from None
        except Exception as exc:  # a decoder may raise OSError, SyntaxError, ValueError, ...
            raise FileProblem(
                "bad-image",
                f"the image cannot be decoded: it is damaged or truncated ({_reason(exc)})",
                hint=_AGAIN,
            ) from None
    if width <= 0 or height <= 0:
        raise FileProblem("bad-image", "the image has no pixels", hint=_AGAIN)
    return width, height


def _too_large(shown: str) -> FileProblem:
    return FileProblem(
        "image-too-large",
        f"the image has {shown}; the limit is {MAX_PIXELS // 1_000_000} megapixels",
        hint="scale the picture down: a slide shows at most about 4000 pixels across",
    )


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:79] + "\u2026"


def picture_size(path: Path) -> tuple[int, int] | None:
    """Width and height in pixels; None when the file is not a picture that decodes completely."""
    try:
        return read_picture(path)
    except FileProblem:
        return None
