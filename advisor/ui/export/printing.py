"""Printing the plan: the same pages as the PDF, drawn on the system's printer through Qt's
print dialog and its preview.

Qt can draw on a printer but cannot read a PDF (this PySide6 has no QtPdf), so each page of the
plan's PDF is rendered by PDFium (``pypdfium2``) at the printer's resolution, capped so that a
page never takes more than a few tens of megabytes, and drawn to fill the printable area.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

#: Pages are rendered at most at this resolution (dots per inch): 300 is print quality.
MAX_DPI = 300


def page_images(pdf: bytes, dpi: int) -> Iterator[QImage]:
    """Each page of ``pdf`` as an image at ``dpi`` (at most :data:`MAX_DPI`), one at a time:
    an A4 page at 300 dpi is 26 MB, a plan of 40 pages would not fit in memory at once."""
    import pypdfium2 as pdfium  # loads on the first print

    document = pdfium.PdfDocument(pdf)
    scale = min(dpi, MAX_DPI) / 72
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=scale, rev_byteorder=True)  # RGB bytes
            data = bytes(bitmap.buffer)
            image = QImage(
                data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
            )
            yield image.copy()  # a copy owns its pixels: the bytes can go
            bitmap.close()
    finally:
        document.close()


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Draw every page of ``pdf`` on ``printer`` (a printer, a PDF file or a preview), each
    page fitted to the printable area; returns how many pages were drawn."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    count = 0
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for image in page_images(pdf, printer.resolution()):
            if count:
                printer.newPage()
            scale = min(area.width() / image.width(), area.height() / image.height())
            painter.save()
            painter.scale(scale, scale)  # the image goes to the printer at its own size,
            painter.drawImage(0, 0, image)  # scaled there, never resampled to 1,200 dpi here
            painter.restore()
            count += 1
    finally:
        painter.end()
    return count
