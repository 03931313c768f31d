"""Word 2007+ (.docx): the body through mammoth (headings onto h2-h4), the text in reading
order."""

from __future__ import annotations

import io
import re

from congthongtin.vietnam.text import unicode_text

from .base import ReadError, ReadResult, clean

#: Word's headings onto the editor's h2-h4 (the page title is the h1); anything else a
#: style map would make is left to the sanitiser.
_DOCX_STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h4:fresh
"""


def read_docx(data: bytes) -> ReadResult:
    import mammoth

    # Images are not part of the text (the editor's features have none): not inlined as
    # data: addresses, which would copy every picture of the file into the HTML.
    no_images = mammoth.images.img_element(lambda image: {})
    try:
        body = mammoth.convert_to_html(
            io.BytesIO(data), style_map=_DOCX_STYLE_MAP, convert_image=no_images
        ).value
        # Raw text keeps table cells (the header of a document is usually a table) in order.
        text = mammoth.extract_raw_text(io.BytesIO(data)).value
    except MemoryError:
        raise  # the worker's memory limit: reported as such, not as a broken file
    except Exception as error:  # mammoth raises many kinds on broken packages
        raise ReadError(f"Không đọc được tệp Word (.docx): tệp hỏng ({error}).") from error
    text = re.sub(r"\n{2,}", "\n", text)
    if not text.strip():
        # Some producers keep text only in text boxes; python-docx sees the paragraphs.
        try:
            import docx

            document = docx.Document(io.BytesIO(data))
            text = "\n".join(p.text for p in document.paragraphs)
        except MemoryError:
            raise
        except Exception:
            text = ""
    text, runs = unicode_text(text)
    return ReadResult("docx", text, clean(body), legacy_runs=runs)
