"""Text in a 3x5 pixel block font drawn with half blocks: three terminal lines a character,
for what a wall screen must show across a room (ticket refs, countdowns).

Solid half blocks read from further away than box-drawing digits; the glyphs sit in the lower
five of the six half-lines, so stacked rows keep a half-line gap between them."""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len

HEIGHT = 3
"""Terminal lines a block character takes."""

_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#.#", "###", "###", "#.#", "#.#"),
    "N": ("##.", "#.#", "#.#", "#.#", "#.#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#.#", "#.#", "###", "###", "#.#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    ":": (".", "#", ".", "#", "."),
    ".": (".", ".", ".", ".", "#"),
    " ": ("..", "..", "..", "..", ".."),
}

_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


@lru_cache(maxsize=64)
def _glyph(char: str) -> tuple[str, str, str]:
    """One character's three lines; one the font lacks is itself on the middle line."""
    pixels = _GLYPHS.get(char.upper())
    if pixels is None:
        pad = " " * max(0, 3 - cell_len(char))
        return (" " * (cell_len(char) + len(pad)), char + pad, " " * (cell_len(char) + len(pad)))
    rows = ("." * len(pixels[0]), *pixels)  # a blank half-line on top: the gap between rows
    top, middle, bottom = (
        "".join(_HALVES[rows[2 * line][x] == "#", rows[2 * line + 1][x] == "#"] for x in range(len(rows[0])))
        for line in range(HEIGHT)
    )
    return top, middle, bottom


@lru_cache(maxsize=512)
def block_lines(text: str) -> tuple[str, str, str]:
    """text as three lines of equal width, a one-cell gap between characters."""
    glyphs = [_glyph(char) for char in text]
    top, middle, bottom = (" ".join(glyph[line] for glyph in glyphs) for line in range(HEIGHT))
    return top, middle, bottom


def block_width(text: str) -> int:
    """The cells text takes in the block font."""
    return cell_len(block_lines(text)[0])
