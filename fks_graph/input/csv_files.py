"""Read the CSV files of a dataset folder: encodings, delimiters, quotes, files that are no text."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from fks_graph.core.errors import Problem
from fks_graph.input.contract import TABLES, TableSpec, table_for_name
from fks_graph.input.raw import Table, build_table, reason

__all__ = ["read_folder"]

_DELIMITERS = (";", ",", "\t")  # in order of preference on a tie
_SEP_LINE = re.compile(r'\s*"?sep=([^"\r\n])"?\s*', re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TEXT_EXPECTED = "expected CSV text in UTF-8 or Windows-1252"
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive, perhaps an XLSX workbook renamed to .csv"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
)


def _cp1252_table() -> str:
    """Windows-1252 as a decoding table; its five undefined bytes map like Latin-1."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_CP1252 = _cp1252_table()


# Characters UTF-8 text in this field holds beyond ASCII: Latin letters with their accents
# (also decomposed, as macOS writes them), punctuation, currency and letterlike signs. Bytes of
# Windows-1252 text that happen to form valid UTF-8 -- a capital letter or ß before a quote or
# dash, as in "Groß“" (DF 93) -- decode to none of these (here NKo U+07D3).
_UTF8_EVIDENCE = re.compile("[\u00a0-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u214f]")


def _decode(data: bytes) -> str:
    """Decode strictly as UTF-8 (BOM stripped), else as Windows-1252 -- the whole file.

    A file that is UTF-8 in places (a multi-byte sequence of a letter, a quote or a dash) and
    not in others mixes two encodings; read as either, some of its text would be wrong, so it
    is refused. Byte pairs of Windows-1252 text that only happen to be valid UTF-8 are no
    such evidence.

    Raises
    ------
    ValueError
        The file mixes encodings: the message names the first line that is not UTF-8 and the
        first that is.

    Examples
    --------
    >>> _decode("Bündnis".encode("utf-8")), _decode("Bündnis".encode("cp1252"))
    ('Bündnis', 'Bündnis')
    >>> _decode("Bündnis „Groß“".encode("cp1252"))
    'Bündnis „Groß“'
    >>> _decode("id,name\\nN1,Bündnis\\n".encode("utf-8") + "N2,Köln\\n".encode("cp1252"))
    Traceback (most recent call last):
    ...
    ValueError: line 3 is not UTF-8 (byte 0xF6 in 'N2,Köln'), but line 2 holds UTF-8 ('ü'): the file mixes two encodings; save it again as UTF-8 (CSV UTF-8)
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lenient = data.decode("utf-8", errors="surrogateescape")
        evidence = _UTF8_EVIDENCE.search(lenient)
        if evidence is not None:
            start = data.rfind(b"\n", 0, exc.start) + 1
            end = data.find(b"\n", exc.start)
            line = codecs.charmap_decode(data[start : end if end >= 0 else None], "strict", _CP1252)
            shown = line[0].strip()
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            number = data.count(b"\n", 0, exc.start) + 1
            utf8_line = lenient.count("\n", 0, evidence.start()) + 1
            raise ValueError(
                f"line {number} is not UTF-8 "
                f"(byte 0x{data[exc.start]:02X} in '{shown}'), but "
                f"{'it also holds' if utf8_line == number else f'line {utf8_line} holds'} "
                f"UTF-8 ('{evidence.group()}'): the file mixes two encodings; "
                "save it again as UTF-8 (CSV UTF-8)"
            ) from None
        return codecs.charmap_decode(data, "strict", _CP1252)[0]


def _not_text(data: bytes) -> str | None:
    """Why ``data`` is not CSV text, or ``None`` if it may be."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (
            f"the file is UTF-16 text ({_TEXT_EXPECTED}); "
            "in Excel, save it as 'CSV UTF-8' or 'CSV (Trennzeichen-getrennt)'"
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"not a text file ({_TEXT_EXPECTED}); it looks like {what}"
    if b"\x00" in data:
        sample = data[:4096]
        if max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4:
            return (  # every other byte NUL: ASCII text as UTF-16, without a byte order mark
                f"the file looks like UTF-16 text ({_TEXT_EXPECTED}); "
                "in Excel, save it as 'CSV UTF-8' or 'CSV (Trennzeichen-getrennt)'"
            )
        return f"not a text file ({_TEXT_EXPECTED}); it contains NUL bytes"
    return None


def _has_many_controls(text: str) -> bool:
    sample = text[:65536]
    count = sum(1 for _ in _CONTROL.finditer(sample))
    return count > max(8, len(sample) // 100)


def _has_content(line: str) -> bool:
    """Whether a line holds more than whitespace, delimiters and quotes."""
    return bool(line.strip(' \t\n;,"'))


def _delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of ``; , TAB`` outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(_DELIMITERS, key=counts.__getitem__)


def _header_record(text: str, most_lines: int = 20) -> str:
    """The header row's text: its first line with content, and the lines a quoted cell with
    a line break (a header wrapped with Alt+Enter) carries it over, up to ``most_lines``.

    Examples
    --------
    >>> _header_record('\\n"Netzwerk\\n(ID)",Akteur\\nN1,IHK\\n')
    '"Netzwerk\\n(ID)",Akteur\\n'
    """
    lines = io.StringIO(text)
    record = next((line for line in lines if _has_content(line)), "")
    for line in itertools.islice(lines, most_lines - 1):
        if record.count('"') % 2 == 0:
            break
        record += line
    return record


def _csv_records(
    text: str, delimiter: str, skip: int, label: str, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """Parse CSV text into ``(physical line where the record starts, cells)``.

    ``text`` has ``\\n`` line ends; its first ``skip`` lines are not part of the table.
    """
    source = io.StringIO(text, newline="")
    for _ in range(skip):
        source.readline()
    reader = csv.reader(source, delimiter=delimiter)
    consumed = skip
    start = skip + 1
    header: list[str] | None = None
    spans = []  # the records that span lines: first line, last line, column of the break
    try:
        for cells in reader:
            start = consumed + 1
            consumed = skip + reader.line_num
            if header is None:
                header = cells
            if consumed > start:
                broken = next((i for i, cell in enumerate(cells) if "\n" in cell), len(header))
                column = header[broken].strip() or None if broken < len(header) else None
                spans.append((start, consumed, column))
            yield start, cells
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            why = (
                f"a cell is longer than {csv.field_size_limit():,} characters, the most a cell "
                "may hold, or a '\"' opened before it is never closed"
            )
        else:
            why = f"cannot read the CSV from here on ({exc}); perhaps a '\"' is never closed"
        problems.append(Problem(label, skip + reader.line_num, None, why))
        return
    if spans:
        _check_spans(text, delimiter, spans, label, problems)


def _check_spans(
    text: str,
    delimiter: str,
    spans: list[tuple[int, int, str | None]],
    label: str,
    problems: list[Problem],
) -> None:
    """Report the records spanning lines whose quotes are not well formed.

    A quoted cell may hold line breaks; but a quote opened by mistake runs on over the
    following rows until the next quote, which then is followed by more text (or by the end
    of the file): those rows were read as one cell. Each such record is read again strictly.
    """
    lines = io.StringIO(text, newline="").readlines()
    for first, last, column in spans:
        try:
            list(csv.reader(lines[first - 1 : last], delimiter=delimiter, strict=True))
        except csv.Error as exc:
            if "end of data" in str(exc):
                what = "is never closed (an unmatched '\"'), so the rest of the file was read as one cell"
            else:
                what = (
                    f"runs on to row {last} and ends there in a quote followed by more text, so "
                    f"rows {first}–{last} were read as one cell"
                )
            problems.append(
                Problem(
                    label,
                    first,
                    column,
                    f"a quoted cell starting in this row {what}; close the quote in its own "
                    "row or remove it",
                )
            )


def _read_csv(file: Path, spec: TableSpec, problems: list[Problem]) -> Table | None:
    label = file.name
    try:
        data = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, None, None, f"cannot read the file: {reason(exc)}"))
        return None
    why = _not_text(data)
    if why is None:
        try:
            text = _decode(data)
        except ValueError as exc:
            problems.append(Problem(label, None, None, str(exc)))
            return None
        if _has_many_controls(text):
            why = f"not a text file ({_TEXT_EXPECTED}); it contains many control characters"
    if why is not None:
        problems.append(Problem(label, None, None, why))
        return None

    if "\r" in text:  # Windows and old Mac line ends, also inside quoted cells
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    skip = 0
    first_line = text[: text.find("\n") + 1 or len(text)]
    if match := _SEP_LINE.fullmatch(first_line):
        delimiter = match.group(1)
        skip = 1
    else:
        delimiter = _delimiter(_header_record(text))
    records = _csv_records(text, delimiter, skip, label, problems)
    return build_table(spec, label, records, problems, kind="file", extra_cells_are_errors=True)


def _not_a_file(path: Path, table: str) -> str:
    """Why a path named like a table's CSV file cannot be read as one."""
    if path.is_dir():
        what = "a folder"
    elif path.is_symlink():
        what = "a link to nothing, or a loop of links"
    else:
        what = "not a regular file (a pipe, a socket or a device)"
    return f"this name stands for table '{table}', but it is {what}; put the CSV file here"


def read_folder(folder: Path, problems: list[Problem]) -> dict[str, Table]:
    """Read the CSV files of a folder whose names stand for tables of the input contract.

    Parameters
    ----------
    folder
        The dataset folder.
    problems
        Where problems are added: unreadable files, two files for one table, missing
        required files, and every problem of a file's content.

    Returns
    -------
    dict[str, Table]
        The tables read, by canonical name.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Netzwerke.csv").write_text("ID;Name\\nN1;Allianz A\\n", encoding="cp1252")
    >>> problems = []
    >>> sorted(read_folder(folder, problems)), len(problems)
    (['networks'], 1)
    >>> print(problems[0])  # doctest: +ELLIPSIS
    /...: missing required file 'memberships.csv' (German name: mitgliedschaften.csv; CSV files found: 'Netzwerke.csv')
    """
    try:
        entries = sorted(
            (p for p in folder.iterdir() if not p.name.startswith((".", "~"))),
            key=lambda p: (p.name.casefold(), p.name),
        )
        files = [p for p in entries if p.suffix.lower() == ".csv"]
    except OSError as exc:
        problems.append(Problem(str(folder), None, None, f"cannot list the folder: {reason(exc)}"))
        return {}
    sources: dict[str, str] = {}
    tables: dict[str, Table] = {}
    for file in files:
        name = table_for_name(file.stem)
        if name is None:
            continue
        if name in sources:
            problems.append(
                Problem(
                    file.name,
                    None,
                    None,
                    f"this file and '{sources[name]}' both stand for table '{name}'; "
                    "keep only one of them",
                )
            )
            continue
        sources[name] = file.name
        if not file.is_file():  # never opened: a pipe would wait for a writer for ever
            problems.append(Problem(file.name, None, None, _not_a_file(file, name)))
            continue
        table = _read_csv(file, TABLES[name], problems)
        if table is not None:
            tables[name] = table
    found = ", ".join(f"'{p.name}'" for p in files) or "none"
    workbooks = [p.name for p in entries if p.suffix.lower() == ".xlsx"]
    if not files and len(workbooks) > 1:  # one would have been read instead
        found += f"; workbooks: {', '.join(map(repr, workbooks))}: pass the one to read"
    for spec in TABLES.values():
        if spec.required and spec.name not in sources:
            problems.append(
                Problem(
                    str(folder),
                    None,
                    None,
                    f"missing required file '{spec.name}.csv' (German name: "
                    f"{spec.file_aliases[0]}.csv; CSV files found: {found})",
                )
            )
    return tables
