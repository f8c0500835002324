"""What the PDF documents share: the embedded Japanese font, text styles, escaped paragraphs, tables, page numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from functools import cache, partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sonpo.i18n import Lang, t
from sonpo.names import Honorific
from sonpo.printable import addressee_line, font_path

FONT = "IPAexGothic"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
BOTTOM_MARGIN = MARGIN + 2 * mm  # room for the page number
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_PADDING = 6  # reportlab's frame padding on every side (points)
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN - 2 * FRAME_PADDING  # the height a table has on a fresh page
GRID = colors.HexColor("#777777")
HEAD_BG = colors.HexColor("#eeeeee")
INK = colors.HexColor("#111111")
MUTED = colors.HexColor("#444444")  # 9.7:1 on white


@cache
def register_font() -> str:
    """Register the font once per process (parsing it takes most of a first document's time); each PDF
    embeds the subset of glyphs it uses."""
    pdfmetrics.registerFont(TTFont(FONT, str(font_path())))
    # One weight only: ask for bold or italic and get the same face rather than an error.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    return FONT


class Styles:
    """Paragraph styles for one language: Japanese wraps between any two characters, English between words."""

    def __init__(self, lang: Lang) -> None:
        font = register_font()
        wrap = "CJK" if lang == "ja" else None

        def style(name: str, size: float, leading: float | None = None, **kw: Any) -> ParagraphStyle:
            kw.setdefault("textColor", INK)
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.45,
                                  wordWrap=wrap, **kw)

        self.title = style("title", 20, 26, alignment=TA_CENTER, spaceAfter=2)
        self.to = style("to", 14, 19)
        self.body = style("body", 9.5)
        self.small = style("small", 8, 11.2)
        self.note = style("note", 7.6, 10.6, textColor=MUTED)
        self.right = style("right", 9.5, alignment=TA_RIGHT)
        self.right_small = style("right_small", 8, 11.2, alignment=TA_RIGHT)
        self.cell = style("cell", 8.6, 11.6)
        self.cell_right = style("cell_right", 8.6, 11.6, alignment=TA_RIGHT)
        self.cell_head = style("cell_head", 8.6, 11.6, alignment=TA_CENTER)
        self.h1 = style("h1", 12.5, 17, spaceBefore=8, spaceAfter=3)
        self.h2 = style("h2", 10.5, 14, spaceBefore=6, spaceAfter=2)
        self.big = style("big", 13, 18)
        self.lead = style("lead", 11, 15.5, spaceAfter=2)
        self.bullet = style("bullet", 8.6, 12, leftIndent=10, bulletIndent=0, bulletFontName=font)


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def plain(text: str) -> str:
    """Our own texts carry a little Markdown for the pages (links, **bold**): the text a printout shows."""
    return _MD_LINK.sub(r"\1 (\2)", text).replace("**", "").replace("\n", "")


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of text printed as it is: '<', '&' and '{' are characters, never markup."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def bullets(items: Sequence[str], style: ParagraphStyle) -> list[Flowable]:
    return [Paragraph(escape(item), style, bulletText="•") for item in items]


class WholeTable(Table):
    """A table kept on one page: where the rest of a page cannot hold it, it starts the next page whole rather than
    being split across two (a reader looks for a total under its header). Only a table taller than a whole page is
    split, by rows, its header repeated."""

    def split(self, aW: float, aH: float, /) -> list[Flowable]:
        _, height = self.wrap(aW, aH)
        if height <= FRAME_HEIGHT:
            return []  # cannot split here: the frame moves it to the next page, where it fits
        return super().split(aW, aH)


def table(rows: Sequence[Sequence[object]], widths: Sequence[float], cmds: Sequence[tuple[Any, ...]] = (),
          **kw: Any) -> Table:
    """A table in the embedded font (reportlab sets each cell's font, even an empty one's, and its default,
    Helvetica, not embedded, would otherwise end up in the page's resources), kept whole on one page."""
    t = WholeTable([list(r) for r in rows], colWidths=list(widths), **kw)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *cmds]))
    return t


def heading(text: str, style: ParagraphStyle) -> Flowable:
    """A section heading with a rule to its left, like the brochure's."""
    t = table([["", para(text, style)]], [1.6 * mm, FRAME_WIDTH - 1.6 * mm], [
        ("BACKGROUND", (0, 0), (0, 0), INK),
        ("LEFTPADDING", (1, 0), (1, 0), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ])
    t.spaceBefore = style.spaceBefore
    t.spaceAfter = style.spaceAfter
    t.keepWithNext = True  # never a heading alone at the foot of a page
    return t


def grid_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    s: Styles,
    *,
    head_rows: int = 1,
    head_cols: int = 0,
    right_cols: Sequence[int] = (),
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A ruled table; cells that are text become escaped paragraphs (wrapped), a header row is shaded."""
    cells: list[list[object]] = []
    for r, row in enumerate(rows):
        out: list[object] = []
        for c, value in enumerate(row):
            if isinstance(value, Flowable):
                out.append(value)
            elif r < head_rows:
                out.append(para(value, s.cell_head))
            else:
                out.append(para(value, s.cell_right if c in right_cols else s.cell))
        cells.append(out)
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if head_rows:
        style.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_BG))
    if head_cols:
        style.append(("BACKGROUND", (0, 0), (head_cols - 1, -1), HEAD_BG))
    return table(cells, widths, style + list(extra), repeatRows=head_rows)


def title_block(text: str, s: Styles) -> Flowable:
    """The document's name, centred over a double rule."""
    t = table([[para(text, s.title)]], [FRAME_WIDTH * 0.5],
              [("LINEBELOW", (0, 0), (-1, -1), 2.4, INK), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
    inner = table([[t]], [FRAME_WIDTH * 0.5], [
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, INK), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ])
    inner.hAlign = "CENTER"
    return inner


def document_head(addressee: str, honorific: Honorific, lang: Lang, s: Styles, left: Sequence[Flowable],
                  right: Sequence[Flowable]) -> Table:
    """宛名 with its honorific over a rule with `left` below it, and `right` (number, dates, issuer) beside them."""
    # A blank addressee leaves room to write one in by hand (spaces a paragraph would not collapse).
    blank = t("doc.addressee_blank", lang).replace("\u3000", "\u00a0" * 5)
    to_line = t("doc.addressee", lang, name=addressee_line(addressee, honorific, lang, blank))
    to_box = table([[para(to_line, s.to)]], [FRAME_WIDTH * 0.6], [
        ("LINEBELOW", (0, 0), (-1, -1), 1, INK), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])
    return table([[[to_box, gap(2.5), *left], list(right)]], [FRAME_WIDTH * 0.64, FRAME_WIDTH * 0.36], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
    ])


def boxed(flowable: Flowable, width: float = FRAME_WIDTH) -> Table:
    return table([[flowable]], [width], [("BOX", (0, 0), (-1, -1), 0.8, INK), ("TOPPADDING", (0, 0), (-1, -1), 4),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])


def gap(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


PDF_LANG: dict[Lang, str] = {"ja": "ja-JP", "en": "en"}  # the document's /Lang (BCP 47), for screen readers


class _NumberedCanvas(Canvas):
    """Writes 'page / pages' at the foot of each page once the count is known, only when there is more than one;
    dates the file on its issue date."""

    def __init__(self, *args: Any, issued: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        # CreationDate and ModDate: the issue date at midnight in Japan, not the clock (the same input, the same bytes)
        stamp = f"D:{issued:%Y%m%d}000000+09'00'"
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own way to begin the next page

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if total > 1:
                self.setFont(FONT, 8)
                self.setFillColor(MUTED)
                self.drawCentredString(PAGE_WIDTH / 2, 8 * mm, f"{self.getPageNumber()} / {total}")
            super().showPage()
        super().save()


def build(story: list[Flowable], *, title: str, subject: str, author: str, lang: Lang, issued: dt.date) -> bytes:
    """The story as A4 PDF bytes with its metadata: title, subject, author (the issuer's company), language, and the
    issue date as creation date. The same input gives the same bytes (no clock, no random id)."""
    register_font()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=title, subject=subject, author=author, creator="sonpo plan selector", lang=PDF_LANG[lang], invariant=1,
        initialFontName=FONT,  # no unembedded Helvetica in the resources either
    )
    doc.build(story, canvasmaker=partial(_NumberedCanvas, issued=issued))
    return buf.getvalue()
