"""The .xlsx container: a zip file written from pieces of deflate data.

A long sheet is compressed while its rows are made, in a thread (zlib works without Python's
lock, so the compressing costs the export almost no time on a second core); its XML head and
tail, known only at the end, are compressed then. Deflate data cut with a full flush ends on
a byte boundary without closing the stream, and starts nothing that refers back to earlier
data, so pieces made by separate compressors join into one valid stream, as pigz does it;
the entry's CRC-32 is put together from the pieces' with zlib's crc32_combine, written out
here because Python's zlib does not offer it.

Only what an .xlsx needs: deflated entries, no zip64 (a part of 4 GiB or more is refused).
"""

from __future__ import annotations

import queue
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

LEVEL = 1
"""Deflate level 1: a third of the time of level 6 on a week's Tickets sheet, for a file about
15% larger."""
_LIMIT = 0xFFFFFFFF
_DOS_1980 = (0, (1 << 5) | 1)  # 00:00:00, 1980-01-01: XlsxWriter's date for every part


def _raw() -> zlib._Compress:
    return zlib.compressobj(LEVEL, zlib.DEFLATED, -15)


# ---------------------------------------------------------------- CRC-32 of joined pieces


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, row = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A+B from crc1 = crc32(A), crc2 = crc32(B) and B's length (zlib's
    crc32_combine: the CRC register run over length2 zero bytes by repeated squaring)."""
    if length2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:
        even = _gf2_square(odd)  # the first time: one zero byte
        if length2 & 1:
            crc1 = _gf2_times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = _gf2_square(even)
        if length2 & 1:
            crc1 = _gf2_times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2


# ---------------------------------------------------------------- compressing in a thread


@dataclass(frozen=True)
class Deflated:
    """Deflate data ending in a full flush (not final), with what the entry needs of it."""

    path: Path
    crc: int
    size: int
    compressed: int


class Deflater:
    """Bytes in, compressed to path by a thread; close() gives the Deflated piece."""

    def __init__(self, path: Path):
        self.path = path
        self._queue: queue.Queue = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._crc = self._size = self._compressed = 0
        self._file = open(path, "wb")
        self._thread = threading.Thread(target=self._run, name=f"callfloor-deflate-{path.stem}", daemon=True)
        self._thread.start()
        self._result: Deflated | None = None

    def _run(self) -> None:
        compressor = _raw()
        try:
            while (chunk := self._queue.get()) is not None:
                self._crc = zlib.crc32(chunk, self._crc)
                self._size += len(chunk)
                self._put(compressor.compress(chunk))
            self._put(compressor.flush(zlib.Z_FULL_FLUSH))
        except BaseException as exc:  # noqa: BLE001  (raised again by close)
            self._error = exc
            while self._queue.get() is not None:  # let write() return
                pass

    def _put(self, data: bytes) -> None:
        if data:
            self._file.write(data)
            self._compressed += len(data)

    def write(self, chunk: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(chunk)

    def close(self) -> Deflated:
        if self._result is None:
            if self._thread.is_alive():
                self._queue.put(None)
                self._thread.join()
            self._file.close()
            if self._error is not None:
                raise self._error
            self._result = Deflated(self.path, self._crc, self._size, self._compressed)
        return self._result

    def abandon(self) -> None:
        """Stop without a result (the export failed); the file is left for the caller to remove."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._file.close()


# ---------------------------------------------------------------- the zip file


class ZipWriter:
    """Entries of deflate data written one after another, then the central directory."""

    def __init__(self, path: Path):
        self._file = open(path, "wb")
        self._entries: list[tuple[bytes, int, int, int, int]] = []  # name, crc, csize, size, offset

    def add(self, name: str, data: bytes) -> None:
        compressor = _raw()
        self.add_pieces(name, [compressor.compress(data) + compressor.flush()], zlib.crc32(data), len(data))

    def add_spliced(self, name: str, head: bytes, body: Deflated, tail: bytes) -> None:
        """An entry whose middle was compressed beforehand (a long sheet's rows)."""
        first, last = _raw(), _raw()
        head_data = first.compress(head) + first.flush(zlib.Z_FULL_FLUSH)
        tail_data = last.compress(tail) + last.flush()
        crc = crc32_combine(crc32_combine(zlib.crc32(head), body.crc, body.size), zlib.crc32(tail), len(tail))
        self.add_pieces(name, [head_data, body.path, tail_data], crc, len(head) + body.size + len(tail))

    def add_pieces(self, name: str, pieces: list, crc: int, size: int) -> None:
        """pieces: bytes, or the path of a file of them, in order."""
        compressed = sum(len(p) if isinstance(p, bytes) else p.stat().st_size for p in pieces)
        offset = self._file.tell()
        if max(size, compressed, offset) > _LIMIT:
            raise OSError(27, f"{name} would be 4 GiB or more, larger than the workbook format here allows")
        encoded = name.encode("ascii")
        self._file.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, *_DOS_1980, crc, compressed, size, len(encoded), 0
            )
            + encoded
        )
        for piece in pieces:
            if isinstance(piece, bytes):
                self._file.write(piece)
            else:
                with open(piece, "rb") as data:
                    while chunk := data.read(1 << 20):
                        self._file.write(chunk)
        self._entries.append((encoded, crc, compressed, size, offset))

    def close(self) -> None:
        start = self._file.tell()
        for name, crc, compressed, size, offset in self._entries:
            self._file.write(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    20,
                    0,
                    8,
                    *_DOS_1980,
                    crc,
                    compressed,
                    size,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + name
            )
        end = self._file.tell()
        if end > _LIMIT:
            raise OSError(27, "the workbook would be 4 GiB or more, larger than the format here allows")
        self._file.write(
            struct.pack(
                "<IHHHHIIH", 0x06054B50, 0, 0, len(self._entries), len(self._entries), end - start, start, 0
            )
        )
        self._file.close()

    def abandon(self) -> None:
        self._file.close()
