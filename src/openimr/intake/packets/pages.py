"""The pages of a packet: the text layer where there is one, Tesseract OCR where there is not.

A packet is a PDF, or a fax image (TIFF, one page per frame; PNG; JPEG), or a folder of them.

OCR runs page by page in a process pool (one worker per core by default) with a progress bar;
every page keeps its source file, its number and, when OCR read it, the mean word confidence.
A page that cannot be read is returned with ``error`` set, never dropped.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from openimr.errors import RecordReadError

logging.getLogger("pdfminer").setLevel(logging.ERROR)

OCR_DPI = 300
MIN_TEXT_CHARS = 20  # a text layer shorter than this is treated as no text layer
SPECK_CONFIDENCE = 30  # a word of marks only (no letter or digit) below this is a speck


@dataclass
class Page:
    file: str  # the source file as given
    number: int  # 1-based page number in that file
    text: str
    ocr: bool = False
    confidence: float | None = None  # mean OCR word confidence, 0-100
    error: str | None = None  # why the page could not be read (then text is "")
    # OCR only: the confidence of each word of each line of ``text`` ([] for a blank line)
    word_confidence: list[list[float]] | None = None

    @property
    def readable(self) -> bool:
        return self.error is None and bool(self.text.strip())


@cache
def tesseract_available() -> bool:
    """True when the tesseract binary, its English data and the pytesseract binding are there."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return "eng" in pytesseract.get_languages(config="")
    except Exception:  # ImportError, or a tesseract that does not run
        return False


IMAGE_SUFFIXES = (".tif", ".tiff", ".png", ".jpg", ".jpeg")  # faxes often come as TIFF
PACKET_SUFFIXES = (".pdf", *IMAGE_SUFFIXES)


def pdf_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The packet files named (PDF, or fax images), folders expanded in name order."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix.lower() in PACKET_SUFFIXES))
        elif not p.is_file():
            raise RecordReadError(f"{p}: file not found")
        elif p.suffix.lower() not in PACKET_SUFFIXES:
            raise RecordReadError(f"{p}: not a PDF or a fax image (intake reads .pdf, .tif, "
                                  ".png, .jpg packets or a folder)")
        else:
            out.append(p)
    if not out:
        raise RecordReadError("no packet to read (give PDF or image files, or a folder)")
    return out


def _image_frames(path: Path) -> int:
    from PIL import Image

    try:
        with Image.open(path) as img:
            return int(getattr(img, "n_frames", 1))
    except Exception as exc:  # PIL raises many kinds on a broken file
        raise RecordReadError(f"{path}: not a readable image ({exc.__class__.__name__})") from exc


def _page_text(page: object) -> str:
    """The text layer with a blank line where the page leaves a gap (paragraphs, fields)."""
    lines = page.extract_text_lines()  # type: ignore[attr-defined]
    if not lines:
        return ""
    steps = sorted(b["top"] - a["top"] for a, b in zip(lines, lines[1:], strict=False)
                   if b["top"] > a["top"])
    step = steps[len(steps) // 4] if steps else 0.0  # a typical line step (lower quartile)
    out: list[str] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None and step and line["top"] - prev["top"] > 1.6 * step:
            out.append("")
        out.append(line["text"])
    return "\n".join(out)


def _text_layer(path: Path) -> list[str]:
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return [_page_text(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise RecordReadError(f"{path}: not a readable PDF ({exc.__class__.__name__})") from exc


def _lines_from_data(
    data: dict[str, list[object]],
) -> tuple[str, float | None, list[list[float]]]:
    """Text (one line per Tesseract line), mean word confidence, word confidences per line.

    A blank line goes where Tesseract starts a new block or the page leaves a vertical gap
    (a paragraph or a group of fields), as in a text-layer page, so a field's value does not
    run on into the next paragraph. A speck read as a lone mark with almost no confidence
    ("-" at 6) is left out.
    """
    lines: list[tuple[int, int, list[str], list[float]]] = []  # (block, top, words, confs)
    confs: list[float] = []
    current: tuple[int, int, int] | None = None
    for i, word in enumerate(data["text"]):
        w = str(word).strip()
        conf = float(str(data["conf"][i]))
        if not w or conf < 0:
            continue
        if conf < SPECK_CONFIDENCE and not any(ch.isalnum() for ch in w):
            continue
        key = (int(str(data["block_num"][i])), int(str(data["par_num"][i])),
               int(str(data["line_num"][i])))
        top = int(str(data["top"][i]))
        if key != current:
            lines.append((key[0], top, [], []))
            current = key
        block, line_top, words, line_confs = lines[-1]
        lines[-1] = (block, min(line_top, top), words, line_confs)
        words.append(w)
        line_confs.append(conf)
        confs.append(conf)
    steps = sorted(b[1] - a[1] for a, b in zip(lines, lines[1:], strict=False) if b[1] > a[1])
    step = steps[len(steps) // 4] if steps else 0
    out: list[str] = []
    out_conf: list[list[float]] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None and (line[0] != prev[0] or (step and line[1] - prev[1] > 1.6 * step)):
            out.append("")
            out_conf.append([])
        out.append(" ".join(line[2]))
        out_conf.append(line[3])
    return "\n".join(out), (sum(confs) / len(confs) if confs else None), out_conf


OcrResult = tuple[str, float | None, list[list[float]], str | None]


def ocr_page(path: str, index: int, dpi: int = OCR_DPI) -> OcrResult:
    """OCR one page (0-based ``index``): (text, mean confidence, line confidences, error)."""
    try:
        import pypdfium2 as pdfium
        import pytesseract

        if Path(path).suffix.lower() in IMAGE_SUFFIXES:
            from PIL import Image

            with Image.open(path) as img:
                img.seek(index)
                image = img.convert("L")
        else:
            doc = pdfium.PdfDocument(path)
            try:
                image = doc[index].render(scale=dpi / 72, grayscale=True).to_pil()
            finally:
                doc.close()
        data = pytesseract.image_to_data(
            image, lang="eng", config="--psm 3", output_type=pytesseract.Output.DICT
        )
    except Exception as exc:  # a page that breaks the renderer or Tesseract is reported
        return "", None, [], f"OCR failed ({exc.__class__.__name__}: {str(exc)[:80]})"
    text, conf, line_conf = _lines_from_data(data)
    return text, conf, line_conf, None


def _ocr_job(args: tuple[str, int, int]) -> OcrResult:
    return ocr_page(*args)


def read_pages(
    inputs: Iterable[str | Path],
    *,
    ocr: bool = True,
    workers: int | None = None,
    progress: bool = False,
    dpi: int = OCR_DPI,
) -> list[Page]:
    """Every page of every PDF, in order; pages without a text layer go through OCR."""
    pages: list[Page] = []
    todo: list[Page] = []
    for path in pdf_files(inputs):
        if path.suffix.lower() in IMAGE_SUFFIXES:  # an image has no text layer: OCR it all
            texts = [""] * _image_frames(path)
        else:
            texts = _text_layer(path)
        for n, text in enumerate(texts, start=1):
            page = Page(str(path), n, text)
            if len(text.strip()) < MIN_TEXT_CHARS:
                page.text = ""
                todo.append(page)
            pages.append(page)
    if not todo:
        return pages
    if not ocr:
        for page in todo:
            page.error = "no text layer (OCR switched off)"
        return pages
    if not tesseract_available():
        for page in todo:
            page.error = "no text layer and Tesseract OCR is not installed"
        return pages
    jobs = [(p.file, p.number - 1, dpi) for p in todo]
    n_workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    results: list[OcrResult]
    from tqdm import tqdm

    bar = tqdm(total=len(jobs), desc="OCR", unit="page", disable=not progress, leave=False)
    if n_workers == 1:
        results = []
        for job in jobs:
            results.append(_ocr_job(job))
            bar.update()
    else:
        with ProcessPoolExecutor(max_workers=n_workers) as pool:
            results = []
            for res in pool.map(_ocr_job, jobs):
                results.append(res)
                bar.update()
    bar.close()
    for page, (text, conf, line_conf, err) in zip(todo, results, strict=True):
        page.ocr = True
        page.text, page.confidence, page.error = text, conf, err
        page.word_confidence = line_conf
        if err is None and not text.strip():
            page.error = "OCR found no text (blank or unreadable page)"
    return pages
