"""A PDF page as pdfplumber sees it (characters, words, rectangles, lines, curves), read with PDFium.

pdfplumber builds a Python object for every character through pdfminer, and
that is most of the time a page takes.  PDFium (through pypdfium2) lays the
page out in C++; this module asks it, character by character, for the origin
and the text object, and, path by path, for the segments, and rebuilds from
them what pdfplumber would give:

* a character's box is pdfminer's: from its origin, as wide as its advance and
  as tall as its size, its foot at the font's descent.  Advances, descents,
  font names and the text each code stands for come from the fonts as
  pdfminer reads them (``_Fonts``: the file's font dictionaries, never a page's
  content), so they are pdfminer's own numbers;
* characters come in content-stream order (PDFium reorders the text objects of
  a line by position), the characters of a ligature or of a code mapped to
  several letters as one;
* words follow pdfplumber's rules (``chars_to_words``), and end at a vertical
  rule as the reader's pdfplumber words do (:mod:`extractors.readers.rules`);
* paths are cut into subpaths and each is a line, a rectangle or a curve by
  pdfminer's rules (``_subpath_object``).

PDFium's text page is made for reading, not for geometry, and changes what the
content says in a few ways.  Text objects that paint no ink (a run of spaces)
are left out: each comes back as one space, which is all a word break needs.
Runs of spaces become one: harmless, a space is never part of a word.  Text
drawn twice over itself (fake bold) is left out, text under an
``/ActualText`` is replaced, a hyphen ending a line becomes a control code:
these, and what this module does not rebuild (a Type 3 or vertical font, a
code its font gives no text for, right-to-left script, a rotated or offset
page), make ``PdfiumDoc.page`` return the reason instead of a page, and the
reader reads that page with pdfplumber.
"""

from __future__ import annotations

import ctypes
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFType3Font
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, dict_value, resolve1, stream_value
from pdfminer.psparser import literal_name
from pdfplumber.page import Page
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

from actionplans.extractors.readers.prescan import PageScan
from actionplans.extractors.readers.rules import Rules

Char = tuple[str, float, float, float, float, float, str, bool]
"""A character as ``(text, x0, x1, top, bottom, size, fontname, upright)``, pdfplumber's keys in that order."""

Obj = dict[str, Any]

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
"""pdfplumber's ``extract_words`` defaults, which the PDF reader uses."""

LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "ſt": "ﬅ", "st": "ﬆ"}
"""PDFium spells these ligatures out letter by letter; pdfminer keeps the ligature."""
_EXPAND = {v: k for k, v in LIGATURES.items()}
"""What pdfplumber's ``extract_words`` spells a ligature as (its ``expand_ligatures``)."""

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
"""Right-to-left scripts, whose characters PDFium reorders."""

_EPSILON = 1e-4
"""PDFium leaves out a text object narrower than this (``kSizeEpsilon``): it paints no ink."""


class Unfaithful(Exception):
    """This page (or document) cannot be read here exactly as pdfplumber would read it; the message says why."""


def _fn(name: str, restype: Any, *argtypes: Any) -> Any:
    """A PDFium function with plain pointer types: much cheaper per call than pypdfium2's typed pointers."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(_address(getattr(raw, name)))


def _address(pointer: Any) -> int:
    """A ctypes pointer (or function pointer) as the plain address the functions here take."""
    address = ctypes.cast(pointer, ctypes.c_void_p).value
    if address is None:
        raise Unfaithful("PDFium gave a null handle")
    return address


_P, _I, _D, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
_PD, _PF, _PI, _PU = ctypes.POINTER(_D), ctypes.POINTER(_F), ctypes.POINTER(_I), ctypes.POINTER(ctypes.c_uint)
_count_chars = _fn("FPDFText_CountChars", _I, _P)
_get_text = _fn("FPDFText_GetText", _I, _P, _I, _I, _P)
_unicode = _fn("FPDFText_GetUnicode", ctypes.c_uint, _P, _I)
_generated = _fn("FPDFText_IsGenerated", _I, _P, _I)
_origin = _fn("FPDFText_GetCharOrigin", _I, _P, _I, _PD, _PD)
_text_object = _fn("FPDFText_GetTextObject", _P, _P, _I)
_char_matrix = _fn("FPDFText_GetMatrix", _I, _P, _I, _P)
_loose_box = _fn("FPDFText_GetLooseCharBox", _I, _P, _I, _P)
_char_at = _fn("FPDFText_GetCharIndexAtPos", _I, _P, _D, _D, _D, _D)
_bounded_text = _fn("FPDFText_GetBoundedText", _I, _P, _D, _D, _D, _D, _P, _I)
_count_objects = _fn("FPDFPage_CountObjects", _I, _P)
_get_object = _fn("FPDFPage_GetObject", _P, _P, _I)
_form_count = _fn("FPDFFormObj_CountObjects", _I, _P)
_form_object = _fn("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_object_type = _fn("FPDFPageObj_GetType", _I, _P)
_object_matrix = _fn("FPDFPageObj_GetMatrix", _I, _P, _P)
_object_bounds = _fn("FPDFPageObj_GetBounds", _I, _P, _PF, _PF, _PF, _PF)
_count_marks = _fn("FPDFPageObj_CountMarks", _I, _P)
_get_mark = _fn("FPDFPageObj_GetMark", _P, _P, ctypes.c_ulong)
_mark_param_type = _fn("FPDFPageObjMark_GetParamValueType", _I, _P, ctypes.c_char_p)
_text_font = _fn("FPDFTextObj_GetFont", _P, _P)
_font_size = _fn("FPDFTextObj_GetFontSize", _I, _P, _PF)
_base_name = _fn("FPDFFont_GetBaseFontName", ctypes.c_ulong, _P, ctypes.c_char_p, ctypes.c_ulong)
_glyph_width_fn = _fn("FPDFFont_GetGlyphWidth", _I, _P, ctypes.c_uint, _F, _PF)
_family_name = _fn("FPDFFont_GetFamilyName", ctypes.c_ulong, _P, ctypes.c_char_p, ctypes.c_ulong)
_count_segments = _fn("FPDFPath_CountSegments", _I, _P)
_get_segment = _fn("FPDFPath_GetPathSegment", _P, _P, _I)
_segment_point = _fn("FPDFPathSegment_GetPoint", _I, _P, _PF, _PF)
_segment_type = _fn("FPDFPathSegment_GetType", _I, _P)
_segment_close = _fn("FPDFPathSegment_GetClose", _I, _P)
_draw_mode = _fn("FPDFPath_GetDrawMode", _I, _P, _PI, _PI)
_stroke_width = _fn("FPDFPageObj_GetStrokeWidth", _I, _P, _PF)
_fill_colour = _fn("FPDFPageObj_GetFillColor", _I, _P, _PU, _PU, _PU, _PU)
_stroke_colour = _fn("FPDFPageObj_GetStrokeColor", _I, _P, _PU, _PU, _PU, _PU)

_TEXT, _PATH, _IMAGE, _FORM = (
    raw.FPDF_PAGEOBJ_TEXT,
    raw.FPDF_PAGEOBJ_PATH,
    raw.FPDF_PAGEOBJ_IMAGE,
    raw.FPDF_PAGEOBJ_FORM,
)
_MOVE, _LINE, _BEZIER = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_BEZIERTO


class FS_MATRIX(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in "abcdef"]


class FS_RECTF(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in ("left", "top", "right", "bottom")]


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """``m1`` then ``m0`` (pdfminer's ``mult_matrix``: a point in ``m1``'s space, through ``m0``)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


# ---------------------------------------------------------------------------------------------------------------
# Fonts, as pdfminer reads them


@dataclass
class _Font:
    """What pdfminer knows of one font that a character's box and text depend on."""

    fontname: str
    descent: float
    """Below the baseline, per unit of font size (negative)."""
    widths: dict[str, tuple[float, ...]]
    """The advances (per unit of font size) of the codes that stand for each text: one, unless two codes with one
    text differ in width (PDFium's text alone cannot tell them apart, its character box can)."""
    ranks: dict[str, int]
    """How sure it is that the font draws a text: 0 for a code its /ToUnicode names and its /Widths lists."""
    cid: bool = False
    """A composite (Type 0) font."""


def _font_of(pdffont: PDFFont) -> _Font | str:
    """``pdffont`` as a :class:`_Font`, or why it cannot be used."""
    if isinstance(pdffont, PDFType3Font):
        return "a Type 3 font"
    if pdffont.is_vertical():
        return "a vertical font"
    umap = getattr(pdffont, "unicode_map", None)
    mapped = getattr(umap, "cid2unichr", {}) if umap is not None else {}
    codes: Iterator[tuple[int, str]]
    codes = iter(mapped.items()) if isinstance(pdffont, PDFCIDFont) else _simple_codes(pdffont)
    # Where codes share a text, the ones the font's /ToUnicode names and its /Widths lists are the ones in use
    # (the encoding maps all 256 codes of a subset font, most of them to glyphs it does not have)
    best: dict[str, tuple[int, set[float]]] = {}
    for cid, text in codes:
        if not isinstance(text, str) or not text:
            continue
        rank = (cid not in mapped) * 2 + (cid not in pdffont.widths and text not in pdffont.widths)
        width = pdffont.char_width(cid)
        held = best.get(text)
        if held is None or rank < held[0]:
            best[text] = (rank, {width})
        elif rank == held[0]:
            held[1].add(width)
    name = pdffont.fontname
    return _Font(
        fontname=name if isinstance(name, str) else str(name),
        descent=pdffont.get_descent(),
        widths={text: tuple(sorted(ws)) for text, (_, ws) in best.items()},
        ranks={text: rank for text, (rank, _) in best.items()},
        cid=isinstance(pdffont, PDFCIDFont),
    )


def _simple_codes(pdffont: PDFFont) -> Iterator[tuple[int, str]]:
    for cid in range(256):
        try:
            yield cid, pdffont.to_unichr(cid)
        except Exception:  # PDFUnicodeNotDefined, and whatever a broken encoding raises
            continue


@dataclass
class _PageBox:
    width: float
    height: float
    problem: str | None
    """Why the page's coordinates are not PDFium's as they stand (rotated, or the media box not at the origin)."""


class _Fonts:
    """Every font of a document (in page and form resources) by its base font name, and each page's box.

    A font is read (its widths, its /ToUnicode) when a page first needs it;
    the file stays open for that until :meth:`close`.
    """

    def __init__(self, path: Path, password: str | None = None) -> None:
        self.by_name: dict[str, list[tuple[int | None, dict[str, Any]]]] = {}
        self.boxes: list[_PageBox] = []
        self.contents: list[list[Any]] = []
        """Each page's content streams, and (``forms``) every form's, to be measured before PDFium inflates them."""
        self.forms: list[Any] = []
        self._forms_checked: str | bool | None = False
        self._built: dict[int, _Font | str] = {}
        self._manager = PDFResourceManager(caching=True)
        self._fp = path.open("rb")
        try:
            document = PDFDocument(PDFParser(self._fp), password=password or "")
            done: set[int] = set()
            for page in PDFPage.create_pages(document):
                x0, y0, x1, y1 = (float(v) for v in page.mediabox)
                problem = None
                if (page.rotate or 0) % 360:
                    problem = f"the page is rotated {page.rotate}°"
                elif min(x0, x1) != 0 or min(y0, y1) != 0:
                    problem = "the page's media box is not at the origin"
                self.boxes.append(_PageBox(abs(x1 - x0), abs(y1 - y0), problem))
                contents = page.contents if isinstance(page.contents, list) else [page.contents]
                self.contents.append([c for c in contents if c is not None])
                if page.resources:
                    self._walk(page.resources, done)
        except Exception:
            self._fp.close()
            raise

    def close(self) -> None:
        self._fp.close()

    def _walk(self, resources: Any, done: set[int]) -> None:
        resources = dict_value(resources)
        for ref in dict_value(resources.get("Font", {})).values():
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            if objid is not None and objid in done:
                continue
            if objid is not None:
                done.add(objid)
            spec = dict_value(ref)
            base = spec.get("BaseFont")
            name = literal_name(resolve1(base)) if base is not None else "unknown"
            self.by_name.setdefault(str(name), []).append((objid, spec))
        for ref in dict_value(resources.get("XObject", {})).values():
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            if objid is not None and -objid in done:
                continue
            if objid is not None:
                done.add(-objid)
            try:
                xobject = stream_value(ref)
            except Exception:
                continue
            if literal_name(xobject.get("Subtype")) == "Form":
                self.forms.append(xobject)
                if "Resources" in xobject:
                    self._walk(xobject["Resources"], done)

    def inflation(self, index: int) -> str | None:
        """Why page ``index``'s content (or a form's) is not for PDFium: a stream that inflates past
        :data:`MAX_INFLATED`.  PDFium would inflate it whole and, under a memory limit, die where Python code
        would raise ``MemoryError``; pdfplumber, which reads the page instead, raises it."""
        if self._forms_checked is False:
            self._forms_checked = next(filter(None, map(_inflates_past, self.forms)), None)
        if isinstance(self._forms_checked, str):
            return self._forms_checked
        return next(filter(None, map(_inflates_past, self.contents[index])), None)

    def _build(self, objid: int | None, spec: dict[str, Any]) -> _Font | str:
        key = objid if objid is not None else -id(spec)
        font = self._built.get(key)
        if font is None:
            try:
                font = _font_of(self._manager.get_font(objid, spec))
            except Exception as exc:  # a broken font: pdfplumber would make do with it, but not as we do
                font = f"a font pdfminer cannot read ({type(exc).__name__})"
            self._built[key] = font
        return font

    def candidates(self, full: str, base: str) -> list[_Font]:
        """The fonts PDFium may mean by ``base`` (its base font name) and ``full`` (its family name).

        PDFium keeps a composite font's subset prefix ("BCDGEE+") and drops a
        simple font's, so where a name has lost its prefix, the simple fonts of
        that name come first.
        """
        specs = self.by_name.get(base) or self.by_name.get(full)
        if not specs:
            stem = base.split("+", 1)[-1]
            specs = [s for name, ss in self.by_name.items() if name.split("+", 1)[-1] == stem for s in ss]
        found = [self._build(objid, spec) for objid, spec in specs]
        good = [f for f in found if isinstance(f, _Font)]
        if not good:
            raise Unfaithful(f"font {base!r} is {found[0]}" if found else f"font {base!r} is in no font dictionary")
        if "+" not in base:
            good.sort(key=lambda f: f.cid)
        return good


MAX_INFLATED = 32 * 2**20
"""Bytes a content stream may inflate to before PDFium is not trusted with it (a page's content is a few
hundred kilobytes; a "flate bomb" of a few megabytes inflates to gigabytes)."""


def _inflates_past(ref: Any) -> str | None:
    """Why a (Flate-compressed) stream is too big to inflate, measured a chunk at a time in constant memory."""
    try:
        stream = stream_value(ref)
        filters = stream.get_filters()
        raw_data = stream.rawdata
    except Exception:
        return None  # PDFium meets what pdfminer cannot make out; it says so itself
    if raw_data is None or [literal_name(f) for f, _ in filters] != ["FlateDecode"]:
        return None
    inflater = zlib.decompressobj()
    total, data = 0, raw_data
    try:
        while data:
            total += len(inflater.decompress(data, 1 << 20))
            if total > MAX_INFLATED:
                return f"a content stream inflates past {MAX_INFLATED // 2**20} MB"
            data = inflater.unconsumed_tail
    except zlib.error:
        return None
    return None


def _resolve(candidates: list[_Font], texts: set[str], measure: Callable[[str], float | None]) -> _Font:
    """The one of ``candidates`` (fonts of one name) that draws ``texts``, where that can be told.

    Word writes a font twice under one name, as a simple font for the
    characters its encoding has and as a CID font for the others; the one a
    page uses draws all its texts, with the advances PDFium measures
    (``measure``: a one-letter text's advance per unit of font size, in the
    font PDFium has).
    """
    if len(candidates) == 1:
        return candidates[0]

    def draws(font: _Font, text: str) -> bool:
        if text.isspace():
            return True
        if text == "\x02":
            return "-" in font.widths or "\xad" in font.widths
        widths = font.widths.get(text) or font.widths.get(LIGATURES.get(text, text))
        if not widths:
            return False
        got = measure(text) if len(text) == 1 else None
        return got is None or any(abs(w - got) < 0.002 for w in widths)

    fits = [f for f in candidates if all(draws(f, t) for t in texts)]
    if len(fits) > 1 and fits[0].cid != fits[-1].cid:
        fits = [f for f in fits if f.cid == fits[0].cid]  # ordered by ``candidates``: the kind PDFium's name says
    if fits and all(
        (f.fontname, f.descent) == (fits[0].fontname, fits[0].descent)
        and all(f.widths.get(t) == fits[0].widths.get(t) for t in texts)
        for f in fits[1:]
    ):
        return fits[0]
    raise Unfaithful(f"the page's font {candidates[0].fontname!r} may be any of {len(fits)} fonts of that name")


# ---------------------------------------------------------------------------------------------------------------
# The document and its pages


@dataclass
class _TextObject:
    """A text object's font and transformation, shared by its characters."""

    font: int
    """PDFium's handle of the object's font (which of pdfminer's fonts it is, is resolved per page)."""
    size: float
    matrix: tuple[float, float, float, float]
    """The object's text matrix times the transformation of the page or forms it sits in, less translation."""
    upright: bool


class PdfiumDoc:
    """A PDF opened with PDFium, its fonts read by pdfminer; ``page(i)`` reads one page.

    Raises whatever pypdfium2 or pdfminer raise for a file they cannot open (the
    caller then reads it with pdfplumber, which classifies the error).
    """

    def __init__(self, path: Path, password: str | None = None) -> None:
        self.pdf = pdfium.PdfDocument(str(path), password=password or None)
        try:
            self.fonts = _Fonts(path, password)
        except Exception:
            self.pdf.close()
            raise
        if len(self.fonts.boxes) != len(self.pdf):
            self.close()
            raise Unfaithful("pdfminer and PDFium count different pages")
        self._name = ctypes.create_string_buffer(512)
        self._font_cache: dict[int, list[_Font]] = {}

    def __len__(self) -> int:
        return len(self.pdf)

    def close(self) -> None:
        self.pdf.close()
        self.fonts.close()

    def __enter__(self) -> PdfiumDoc:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def page(self, index: int, initial_doctop: float = 0.0) -> PdfiumPage:
        """Page ``index`` (0-based) with its characters; raises :class:`Unfaithful` where it cannot be read exactly.

        Its graphics are read when first asked for (the page is opened again then).
        """
        box = self.fonts.boxes[index]
        if box.problem:
            raise Unfaithful(box.problem)
        too_big = self.fonts.inflation(index)
        if too_big:
            raise Unfaithful(too_big)
        page = self.pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                return self._read(page, textpage, index, box, initial_doctop)
            finally:
                textpage.close()
        finally:
            page.close()

    def graphics(self, index: int, initial_doctop: float = 0.0) -> dict[str, list[Obj]]:
        """Page ``index``'s lines, rectangles and curves as pdfplumber gives them (``line``, ``rect``, ``curve``)."""
        page = self.pdf[index]
        try:
            return _graphics_of(_page_objects(_address(page.raw)), self.fonts.boxes[index].height, initial_doctop)
        finally:
            page.close()

    def skim(self, index: int, margin: float) -> Skim:
        """Page ``index`` read cheaply: its plain text between the margins, the characters of the text in its
        top and bottom ``margin`` (a share of its height: where running headers are), its text objects' boxes
        and its path counts.  Raises :class:`Unfaithful` as :meth:`page` does."""
        return self.look(index, margin, lambda _: False)[0]

    def look(
        self, index: int, margin: float, in_full: Callable[[Skim], bool], doctop: float = 0.0
    ) -> tuple[Skim, PdfiumPage | Unfaithful | None]:
        """Page ``index`` skimmed and, where ``in_full`` says of the skim that it is to be read in full, read
        in full while it is open (its graphics too): the page as :meth:`page` gives it, or the
        :class:`Unfaithful` that says why it cannot be, or ``None`` where it was only skimmed.  A page read
        in full has no margin characters in its skim (they are among its characters).  Raises
        :class:`Unfaithful` where the page cannot be skimmed."""
        box = self.fonts.boxes[index]
        if box.problem:
            raise Unfaithful(box.problem)
        too_big = self.fonts.inflation(index)
        if too_big:
            raise Unfaithful(too_big)
        self._font_cache.clear()
        page = self.pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                objects = list(_page_objects(_address(page.raw)))
                skim = self._skim(textpage, objects, index, box, margin)
                if not in_full(skim):
                    skim.margin_chars = self._margin_chars(textpage, objects, box, margin)
                    return skim, None
                try:
                    return skim, self._read(page, textpage, index, box, doctop, objects, graphics=True)
                except Unfaithful as exc:
                    return skim, exc
            finally:
                textpage.close()
        finally:
            page.close()

    def _skim(
        self, textpage: Any, objects: list[tuple[int, int, Matrix]], index: int, box: _PageBox, margin: float
    ) -> Skim:
        tp = _address(textpage.raw)
        texts = [o for o, kind, _ in objects if kind == _TEXT]
        paths = [o for o, kind, _ in objects if kind == _PATH]
        height = box.height
        left, low, right, high = _F(), _F(), _F(), _F()
        boxes: list[tuple[float, float, float, float]] = []
        for obj in texts:
            if _object_bounds(obj, ctypes.byref(left), ctypes.byref(low), ctypes.byref(right), ctypes.byref(high)):
                boxes.append((left.value, height - high.value, right.value, height - low.value))
        body = _text_between(tp, box.width, height * margin, height * (1 - margin))
        return Skim(index + 1, box.width, height, body, [], boxes, len(paths), sum(_count_segments(o) for o in paths))

    def _margin_chars(
        self, textpage: Any, objects: list[tuple[int, int, Matrix]], box: _PageBox, margin: float
    ) -> list[Char]:
        """The characters of the text objects in the page's top and bottom ``margin`` (a share of its height)."""
        tp = _address(textpage.raw)
        height, top, bottom = box.height, box.height * (1 - margin), box.height * margin
        left, low, right, high = _F(), _F(), _F(), _F()
        edge: list[tuple[int, Matrix]] = []
        for obj, kind, matrix in objects:
            if kind != _TEXT or not _object_bounds(
                obj, ctypes.byref(left), ctypes.byref(low), ctypes.byref(right), ctypes.byref(high)
            ):
                continue
            # a line is in the margin by its top; the ink of its letters may start a size or so lower
            if high.value > top - (high.value - low.value) - 2 or high.value < bottom + 2:
                edge.append((obj, matrix))
        indices = _object_indices(tp, [o for o, _ in edge], boxes_of=_bounds_of)
        return self._chars(tp, edge, height, indices) if edge else []

    def _read(
        self,
        page: Any,
        textpage: Any,
        index: int,
        box: _PageBox,
        doctop: float,
        objects: list[tuple[int, int, Matrix]] | None = None,
        graphics: bool = False,
    ) -> PdfiumPage:
        """The page in full from its open ``page`` and ``textpage``; its graphics read now if ``graphics``, else
        when first asked for (the page is opened again then)."""
        self._font_cache.clear()  # PDFium may free a font with the page that used it, and reuse its address
        tp = _address(textpage.raw)
        if objects is None:
            objects = list(_page_objects(_address(page.raw)))
        texts = [(o, m) for o, kind, m in objects if kind == _TEXT]
        out = PdfiumPage(index + 1, box.width, box.height, doctop)
        out.chars = self._chars(tp, texts, box.height)
        out.n_images = sum(1 for _, kind, _ in objects if kind == _IMAGE)
        paths = [o for o, kind, _ in objects if kind == _PATH]
        out.n_paths = len(paths)
        out.n_segments = sum(_count_segments(o) for o in paths)
        if graphics:
            out._graphics = _graphics_of(objects, box.height, doctop)
        else:
            out.load_graphics = lambda: self.graphics(index, doctop)
        return out

    def _candidates(self, handle: int) -> list[_Font]:
        found = self._font_cache.get(handle)
        if found is None:
            n = _base_name(handle, self._name, 512)
            base = self._name.raw[: max(n - 1, 0)].decode("latin-1")
            n = _family_name(handle, self._name, 512)
            full = self._name.raw[: max(n - 1, 0)].decode("latin-1")
            found = self._font_cache[handle] = self.fonts.candidates(full, base)
        return found

    def _text_object(self, obj: int, tp: int, index: int, cache: dict[int, _TextObject]) -> None:
        if obj not in cache:
            size = _F()
            _font_size(obj, ctypes.byref(size))
            m = FS_MATRIX()
            _char_matrix(tp, index, ctypes.byref(m))
            upright = m.a * m.d > 0 and m.b * m.c <= 0
            cache[obj] = _TextObject(_text_font(obj), float(size.value), (m.a, m.b, m.c, m.d), upright)

    def _chars(
        self, tp: int, texts: list[tuple[int, Matrix]], height: float, indices: Sequence[int] | None = None
    ) -> list[Char]:
        """The characters of ``texts`` (the page's text objects, in content order), from PDFium's characters
        ``indices`` (all of them by default)."""
        n = _count_chars(tp)
        if n < 0:
            raise Unfaithful("PDFium could not lay out the page's text")
        unicodes, text = _all_unicodes(tp, n)
        order = {obj: k for k, (obj, _) in enumerate(texts)}
        x, y = _D(), _D()
        px, py = ctypes.byref(x), ctypes.byref(y)
        cache: dict[int, _TextObject] = {}
        # a glyph: [text, text object, origin x, origin y, PDFium's index, place of its object in the content];
        # PDFium spells some glyphs as several characters (a ligature; a code mapped to "ff"), all at one origin
        glyphs: list[list[Any]] = []
        last: list[Any] | None = None
        obj_at, text_object, origin, generated = 0, _text_object, _origin, _generated
        place = 0
        disordered = False  # glyphs come in PDFium's order (indices ascending), out of content order if so
        for i in range(n) if indices is None else indices:
            u = unicodes[i]
            if (u == 32 or u == 13 or u == 10) and generated(tp, i):
                last = None
                continue
            obj = text_object(tp, i)
            origin(tp, i, px, py)
            ox, oy = x.value, y.value
            if obj != obj_at:
                if not obj or obj not in order:
                    raise Unfaithful("a character that belongs to none of the page's text objects")
                obj_at, before, place = obj, place, order[obj]
                disordered = disordered or (place < before and bool(glyphs))
                if obj not in cache:
                    self._text_object(obj, tp, i, cache)
            elif last is not None and last[2] == ox and last[3] == oy:
                last[0] += chr(u)
                continue
            last = [chr(u), obj, ox, oy, i, place]
            glyphs.append(last)
        if _RTL.search(text):
            raise Unfaithful("right-to-left text, which PDFium reorders")
        seen = {g[1] for g in glyphs}
        n_glyphs = len(glyphs)
        for k, (obj, matrix) in enumerate(texts):
            if obj not in seen:
                why = _left_out(obj)
                if why:
                    raise Unfaithful(why)
                glyphs.append([*self._space(obj, matrix, cache), k])
        if disordered or len(glyphs) > n_glyphs:
            glyphs.sort(key=itemgetter(5, 4))
        handles = {info.font for info in cache.values()}
        fonts = {h: found[0] for h in handles if len(found := self._candidates(h)) == 1}
        if len(fonts) < len(handles):  # fonts of one name: which one is told by the texts each draws
            used: dict[int, set[str]] = {}
            for g in glyphs:
                used.setdefault(cache[g[1]].font, set()).add(g[0])
            for h in handles - set(fonts):
                fonts[h] = _resolve(self._candidates(h), used[h], lambda t, h=h: _glyph_width(h, t))  # type: ignore[misc]
        return _boxes(glyphs, cache, fonts, tp, height)

    def _space(self, obj: int, matrix: Matrix, cache: dict[int, _TextObject]) -> list[Any]:
        """A text object PDFium left out for painting no ink, as the one space that stands for it."""
        size = _F()
        _font_size(obj, ctypes.byref(size))
        m = FS_MATRIX()
        _object_matrix(obj, ctypes.byref(m))
        full = _mult((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
        upright = full[0] * full[3] > 0 and full[1] * full[2] <= 0
        cache[obj] = _TextObject(_text_font(obj), float(size.value), full[:4], upright)
        return [" ", obj, full[4], full[5], -1]


def _graphics_of(objects: Iterable[tuple[int, int, Matrix]], height: float, doctop: float) -> dict[str, list[Obj]]:
    """The lines, rectangles and curves of a page's ``objects`` (its paths), as pdfplumber gives them."""
    out: dict[str, list[Obj]] = {"line": [], "rect": [], "curve": []}
    for obj, kind, matrix in objects:
        if kind == _PATH:
            for item in path_objects(obj, matrix, height, doctop):
                out[item["object_type"]].append(item)
    return out


def _bounds_of(obj: int) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = _F(), _F(), _F(), _F()
    if not _object_bounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
        return None
    return left.value, bottom.value, right.value, top.value


def _object_indices(
    tp: int, objects: list[int], boxes_of: Callable[[int], tuple[float, float, float, float] | None]
) -> list[int]:
    """PDFium's indices of the characters of ``objects``: found by a hit test inside each object's box, then
    followed along the characters while they are the object's.  Where a hit test misses, every character of
    the page is looked at."""
    wanted = set(objects)
    found: set[int] = set()
    n = _count_chars(tp)
    for obj in objects:
        bounds = boxes_of(obj)
        hit = -1
        if bounds is not None:
            x0, y0, x1, y1 = bounds
            for share in (0.02, 0.25, 0.5, 0.75, 0.98):
                k = _char_at(tp, x0 + (x1 - x0) * share, (y0 + y1) / 2, 1.0, 1.0)
                if k >= 0 and _text_object(tp, k) == obj:
                    hit = k
                    break
        if hit < 0:
            return [i for i in range(n) if _text_object(tp, i) in wanted]
        lo = hi = hit
        while lo > 0 and _text_object(tp, lo - 1) in (obj, None):
            lo -= 1
        while hi + 1 < n and _text_object(tp, hi + 1) in (obj, None):
            hi += 1
        found.update(range(lo, hi + 1))
    return sorted(found)


def _text_between(tp: int, width: float, bottom: float, top: float) -> str:
    """PDFium's plain text of the band of the page between heights ``bottom`` and ``top`` (PDF space)."""
    n = _bounded_text(tp, -1.0, top, width + 1.0, bottom, None, 0)
    if n <= 0:
        return ""
    buf = (ctypes.c_ushort * (n + 1))()
    got = _bounded_text(tp, -1.0, top, width + 1.0, bottom, ctypes.addressof(buf), n)
    return bytes(buf)[: 2 * max(got, 0)].decode("utf-16-le", "replace")


def _all_unicodes(tp: int, n: int) -> tuple[list[int], str]:
    """Every character's code point, and the page's text: in one call, asked again character by character where
    that text holds something else (U+FFFE where PDFium marks a hyphen or a code with no text; a surrogate pair)."""
    if n == 0:
        return [], ""
    buf = (ctypes.c_ushort * (n + 1))()
    got = _get_text(tp, 0, n, ctypes.addressof(buf))
    units = list(buf[: max(got - 1, 0)])
    try:  # a surrogate fails a strict decoding (alone) or makes one character of two units (in a pair)
        text = bytes(buf)[: 2 * n].decode("utf-16-le")
        surrogates = len(text) != n
    except UnicodeDecodeError:
        surrogates = True
    if len(units) != n or surrogates:
        units = [_unicode(tp, i) for i in range(n)]
        return units, "".join(chr(u) for u in units)
    if 0xFFFE in units:
        units = [_unicode(tp, i) if u == 0xFFFE else u for i, u in enumerate(units)]
    return units, text


def _left_out(obj: int) -> str | None:
    """Why PDFium left a text object out of its text page, if not for painting no ink; ``None`` if for that."""
    if _actual_text(obj):
        return "text under an /ActualText, which PDFium replaces"
    left, bottom, right, top = _F(), _F(), _F(), _F()
    if not _object_bounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
        return None
    if abs(right.value - left.value) >= _EPSILON:
        return "text drawn over itself (fake bold), which PDFium reads once"
    return None


def _actual_text(obj: int) -> bool:
    for k in range(_count_marks(obj)):
        mark = _get_mark(obj, k)
        if mark and _mark_param_type(mark, b"ActualText") != raw.FPDF_OBJECT_UNKNOWN:
            return True
    return False


def _page_objects(holder: int, matrix: Matrix = _IDENTITY, form: bool = False) -> Iterator[tuple[int, int, Matrix]]:
    """The page's objects in content order, forms opened, each with the transformation of the forms around it."""
    count = _form_count(holder) if form else _count_objects(holder)
    get = _form_object if form else _get_object
    m = FS_MATRIX()
    for k in range(count):
        obj = get(holder, k)
        if not obj:
            continue
        kind = _object_type(obj)
        if kind == _FORM:
            _object_matrix(obj, ctypes.byref(m))
            yield from _page_objects(obj, _mult((m.a, m.b, m.c, m.d, m.e, m.f), matrix), form=True)
        else:
            yield obj, kind, matrix


def _boxes(
    glyphs: list[list[Any]], cache: dict[int, _TextObject], fonts: dict[int, _Font], tp: int, height: float
) -> list[Char]:
    """The glyphs as pdfminer's characters; upright text (nearly all of it) the quick way, the rest by ``_char``."""
    out: list[Char] = []
    append = out.append
    at = None
    for glyph in glyphs:
        text, obj, ox, oy = glyph[0], glyph[1], glyph[2], glyph[3]
        if obj != at:
            at, info = obj, cache[obj]
            font = fonts[info.font]
            a, b, c, d = info.matrix
            quick = b == 0 and c == 0 and a > 0 and d > 0
            fs, widths, name = info.size, font.widths, font.fontname
            low, high = d * font.descent * fs, d * (font.descent * fs + fs)
            size = round(high - low, 4)
        w = widths.get(text) if quick else None
        if w is not None and len(w) == 1:
            append((text, ox, ox + a * w[0] * fs, height - oy - high, height - oy - low, size, name, True))
        else:
            append(_char(glyph, info, font, tp, height))
    return out


def _char(glyph: list[Any], info: _TextObject, font: _Font, tp: int, height: float) -> Char:
    """A glyph as pdfminer's character: its box from the origin, the advance, the size and the descent."""
    text, _, ox, oy, index = glyph[:5]
    a, b, c, d = info.matrix
    fs = info.size
    if text == "\x02":  # PDFium's mark for a hyphen ending a line: the font's hyphen or soft hyphen
        text = _hyphen(font)
    elif text not in font.widths and LIGATURES.get(text) in font.widths:
        text = LIGATURES[text]
    widths = font.widths.get(text)
    if widths is None and text.isspace():
        widths = (0.0,)  # a space stood for by a text object PDFium left out (its width is never used)
    if not widths:
        raise Unfaithful(f"{text!r} is not what any code of font {font.fontname!r} stands for")
    width = widths[0] if len(widths) == 1 or text.isspace() else _measured(widths, tp, index, a * fs)
    adv = width * fs
    foot = font.descent * fs
    x0, y0 = ox + c * foot, oy + d * foot
    x1, y1 = ox + a * adv + c * (foot + fs), oy + b * adv + d * (foot + fs)
    if x1 < x0:
        x0, x1 = x1, x0
    if y1 < y0:
        y0, y1 = y1, y0
    # rounded: pdfminer's sizes carry float noise that differs between text objects, cutting words in two
    return (text, x0, x1, height - y1, height - y0, round(y1 - y0, 4), font.fontname, info.upright)


def _glyph_width(font: int, text: str) -> float | None:
    """The advance per unit of font size PDFium gives the code its font ``font`` maps ``text`` to."""
    width = _F()
    if not _glyph_width_fn(font, ord(text), _F(1.0), ctypes.byref(width)):
        return None
    return float(width.value) or None


def _hyphen(font: _Font) -> str:
    """Which hyphen PDFium took for the end of a line, the hyphen-minus or the soft hyphen: the one the font draws."""
    ranks = [(font.ranks[h], h) for h in ("-", "\xad") if h in font.ranks]
    if not ranks or (len(ranks) == 2 and ranks[0][0] == ranks[1][0]):
        raise Unfaithful(f"a hyphen ending a line in font {font.fontname!r}, which PDFium does not spell out")
    return min(ranks)[1]


def _measured(widths: tuple[float, ...], tp: int, index: int, scale: float) -> float:
    """Which of ``widths`` a character has, by the box PDFium gives it (its origin to its advance, where the font
    says how tall it is)."""
    if index >= 0 and scale:
        box = FS_RECTF()
        if _loose_box(tp, index, ctypes.byref(box)):
            got = (box.right - box.left) / abs(scale)
            near = [w for w in widths if abs(w - got) < 0.002]
            if len(near) == 1:
                return near[0]
    raise Unfaithful(f"a character whose width may be any of {widths}")


# ---------------------------------------------------------------------------------------------------------------
# Words, by pdfplumber's rules


def chars_to_words(chars: Sequence[Char], rules: Rules | None = None) -> list[Obj]:
    """pdfplumber's ``extract_words(extra_attrs=["size", "fontname"])`` over ``chars``, with its defaults.

    Runs of characters that share uprightness, size and font (in content
    order), cut into lines by their tops (rotated text: by their left edges),
    each line read along its direction; a space ends a word, and so does a
    character that starts before the last one or more than ``X_TOLERANCE``
    past its end, or whose line position differs by more than ``Y_TOLERANCE``.
    With ``rules``, so does an upright character with one of them between it
    and the one before (:mod:`extractors.readers.rules`, as
    :class:`~extractors.readers.rules.RuledWordExtractor` does for pdfplumber).
    """
    words: list[Obj] = []
    for (upright, _, _), run in groupby(chars, key=itemgetter(7, 5, 6)):
        group = list(run)
        line_key, tol = (3, Y_TOLERANCE) if upright else (1, X_TOLERANCE)
        for line in _cluster(group, line_key, tol):
            if upright:
                line.sort(key=itemgetter(1))
            else:
                line.sort(key=itemgetter(3, 4))
            words.extend(_line_words(line, upright, rules if upright else None))
    return words


def _cluster(chars: list[Any], key: int, tolerance: float) -> list[list[Any]]:
    """pdfplumber's ``cluster_objects``: values chained while each is within ``tolerance`` of the one before."""
    values = sorted({c[key] for c in chars})
    where: dict[float, int] = {}
    group, prev = -1, None
    for v in values:
        if prev is None or v > prev + tolerance:
            group += 1
        where[v] = group
        prev = v
    out: list[list[Any]] = [[] for _ in range(group + 1)]
    for c in chars:
        out[where[c[key]]].append(c)
    return out


def _line_words(line: list[Any], upright: bool, rules: Rules | None = None) -> Iterator[Obj]:
    # (start, end, cross) of a character along its line: x0, x1, top for upright text; top, bottom, x0 rotated
    s, e, cross = (1, 2, 3) if upright else (3, 4, 1)
    rules = rules or None  # asked once: a character's test below is then ``is not None``, not ``Rules.__bool__``
    word: list[Any] = []
    prev: Any = None
    was = past = 0  # the rules the character before, and this one, are past (``Rules.past``)
    for ch in line:
        if ch[0].isspace():
            if word:
                yield _merge(word)
            word, prev = [], None
            continue
        if rules is not None:
            was, past = past, rules.past(ch[1])
        if prev is not None and (
            ch[s] < prev[s]
            or ch[s] > prev[e] + X_TOLERANCE
            or abs(ch[cross] - prev[cross]) > Y_TOLERANCE
            or (rules is not None and rules.parts(was, past, ch[3], ch[4]))
        ):
            yield _merge(word)
            word = []
        word.append(ch)
        prev = ch
    if word:
        yield _merge(word)


def _merge(word: list[Char]) -> Obj:
    first = word[0]
    if len(word) == 1:
        x0, x1, top, bottom = first[1], first[2], first[3], first[4]
        text = _EXPAND.get(first[0], first[0])
    else:
        x0, x1, top, bottom = first[1], first[2], first[3], first[4]
        for c in word:
            if c[1] < x0:
                x0 = c[1]
            if c[2] > x1:
                x1 = c[2]
            if c[3] < top:
                top = c[3]
            if c[4] > bottom:
                bottom = c[4]
        text = "".join([_EXPAND.get(c[0], c[0]) for c in word])
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "upright": first[7],
        "size": first[5],
        "fontname": first[6],
    }


# ---------------------------------------------------------------------------------------------------------------
# Graphics, as pdfminer classifies them


def _subpath_object(pts: list[tuple[float, float]], ops: str) -> str:
    """``line``, ``rect`` or ``curve``, as pdfminer's ``paint_path`` decides for one subpath."""
    if ops in ("ml", "mlh"):
        return "line"
    if ops in ("mllll", "mlllh") and len(pts) == 5:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect"
    return "curve"


def _subpaths(path: int, matrix: Matrix) -> Iterator[tuple[list[tuple[float, float]], str]]:
    """A path object's subpaths as pdfminer sees them: end points in page space and operators (``m``, ``l``, ``c``,
    ``h``)."""
    x, y = _F(), _F()
    px, py = ctypes.byref(x), ctypes.byref(y)
    pts: list[tuple[float, float]] = []
    ops: list[str] = []
    bezier = 0
    for k in range(_count_segments(path)):
        seg = _get_segment(path, k)
        kind = _segment_type(seg)
        _segment_point(seg, px, py)
        point = _apply(matrix, x.value, y.value)
        if kind == _MOVE:
            if pts:
                yield pts, "".join(ops)
            pts, ops, bezier = [point], ["m"], 0
            continue
        if not pts:
            pts, ops = [point], ["m"]
        if kind == _BEZIER:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps a curve segment's end point only
            ops.append("c")
        else:
            ops.append("l")
        pts.append(point)
        # PDFium closes a subpath with a line back to its start, or (already there) by marking the last point
        if _segment_close(seg) and len(pts) == 3 and ops == ["m", "l", "l"] and pts[2] == pts[0]:
            ops[-1] = "h"
    if pts:
        yield pts, "".join(ops)


def _colour(get: Any, obj: int) -> tuple[float, ...] | None:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not get(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def path_objects(path: int, matrix: Matrix, height: float, doctop: float) -> Iterator[Obj]:
    """A path object as pdfplumber's ``line``, ``rect`` and ``curve`` objects (one per subpath)."""
    m = FS_MATRIX()
    _object_matrix(path, ctypes.byref(m))
    full = _mult((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
    fillmode, stroke = _I(), _I()
    _draw_mode(path, ctypes.byref(fillmode), ctypes.byref(stroke))
    width = _F()
    _stroke_width(path, ctypes.byref(width))
    base = {
        "linewidth": float(width.value),
        "stroke": bool(stroke.value),
        "fill": bool(fillmode.value),
        "evenodd": fillmode.value == raw.FPDF_FILLMODE_ALTERNATE,
        "stroking_color": _colour(_stroke_colour, path),
        "non_stroking_color": _colour(_fill_colour, path),
    }
    for pts, ops in _subpaths(path, full):
        kind = _subpath_object(pts, ops)
        if kind == "line":
            pts = pts[:2]
        elif kind == "rect":
            pts = [pts[0], pts[2]]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        obj = dict(base)
        obj.update(
            object_type=kind,
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            top=height - y1,
            bottom=height - y0,
            doctop=doctop + height - y1,
            width=x1 - x0,
            height=y1 - y0,
        )
        if kind == "curve":
            obj["pts"] = [(px, height - py) for px, py in pts]
        yield obj


@dataclass
class Skim:
    """A page read cheaply (:meth:`PdfiumDoc.skim`): enough to tell whether it may hold a plan, and to read it
    as plain text if not."""

    page_number: int
    width: float
    height: float
    text: str
    """PDFium's plain text of the page between its margins, lines ending in CR LF."""
    margin_chars: list[Char]
    """The characters of the text objects in the page's margins, as :class:`PdfiumPage` would give them."""
    boxes: list[tuple[float, float, float, float]]
    """The text objects' boxes (``x0, top, x1, bottom``)."""
    n_paths: int
    n_segments: int


@dataclass
class PdfiumPage:
    """One page, with the attributes of a pdfplumber ``Page`` that the PDF reader and its table finders use."""

    page_number: int
    width: float
    height: float
    initial_doctop: float = 0.0
    chars: list[Char] = field(default_factory=list)
    n_images: int = 0
    n_paths: int = 0
    """Path objects on the page (forms opened)."""
    n_segments: int = 0
    """Their segments, all told: a grid needs a few."""
    load_graphics: Callable[[], dict[str, list[Obj]]] | None = None
    _graphics: dict[str, list[Obj]] | None = None
    _edges: list[Obj] | None = None

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    @property
    def scan(self) -> PageScan:
        return PageScan(self.page_number, self.n_paths, self.n_segments)

    def words(self, rules: Rules | None = None) -> list[Obj]:
        """pdfplumber's words of the page; with ``rules``, none across them (``chars_to_words``)."""
        return chars_to_words(self.chars, rules)

    def _objects(self) -> dict[str, list[Obj]]:
        if self._graphics is None:
            self._graphics = self.load_graphics() if self.load_graphics else {"line": [], "rect": [], "curve": []}
        return self._graphics

    @property
    def rects(self) -> list[Obj]:
        return self._objects()["rect"]

    @property
    def lines(self) -> list[Obj]:
        return self._objects()["line"]

    @property
    def curves(self) -> list[Obj]:
        return self._objects()["curve"]

    @property
    def edges(self) -> list[Obj]:
        """pdfplumber's ``Page.edges``: lines, then the sides of rectangles, then the segments of curves."""
        if self._edges is None:
            edges = [line_to_edge(obj) for obj in self.lines]
            for obj in self.rects:
                edges.extend(rect_to_edges(obj))
            for obj in self.curves:
                edges.extend(curve_to_edges(obj))
            self._edges = edges
        return self._edges


PageLike = Page | PdfiumPage
"""A page as pdfplumber gives it, or as this module rebuilds it from PDFium."""
