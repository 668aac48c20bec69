"""Text from data made safe for a terminal: control characters shown as escapes, never obeyed."""

from __future__ import annotations

import re

__all__ = ["printable", "printable_lines"]

# C0 and C1 controls, DEL, and the bidirectional controls that reorder what a terminal shows
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``).

    Escape sequences (colours, titles, clearing the screen, OSC 8 links), carriage returns,
    line breaks and bidirectional overrides in a name would otherwise act on the terminal
    or hide what the message says; escaped, they are shown as what they are.

    Examples
    --------
    >>> print(printable("IHK\\x1b]0;owned\\x07\\x1b[2J Köln"))
    IHK\\x1b]0;owned\\x07\\x1b[2J Köln
    >>> print(printable("a\\nb\\u202ec"))
    a\\x0ab\\u202ec
    >>> printable(":smile: [bold]x[/bold]")
    ':smile: [bold]x[/bold]'
    """
    return _UNSAFE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """``text`` made safe line by line: its line breaks kept (CRLF as LF), every other
    control character written as an escape (:func:`printable`).

    Examples
    --------
    >>> print(printable_lines("name\\r\\nIHK\\x1b[2J\\r\\nHWK"))
    name
    IHK\\x1b[2J
    HWK
    """
    return "\n".join(printable(line) for line in re.split(r"\r?\n", text))
