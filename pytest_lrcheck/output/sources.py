"""Source lines for excerpts, read back from the files findings name (each file once)."""

from __future__ import annotations

from pytest_lrcheck.lint.source import SourceError, decode, read_source, split_lines


class SourceLines:
    """Lines of the files findings point at: ``.py`` files decoded as Python reads them,
    notebooks per cell.  A file that cannot be read has no lines, and no excerpt is shown."""

    def __init__(self) -> None:
        self._files: dict[str, dict[int | None, list[str]]] = {}
        self._raw: dict[str, str | None] = {}
        self._positions: dict[str, dict[int, list[tuple[int, int]]]] = {}

    def line(self, path: str, cell: int | None, number: int) -> str | None:
        lines = self._lines(path).get(cell)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]

    def text(self, path: str) -> str | None:
        """The file as text (for notebooks: the JSON), or None."""
        if path not in self._raw:
            try:
                self._raw[path] = read_source(path).decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._raw[path] = None
        return self._raw[path]

    def positions(self, path: str) -> dict[int, list[tuple[int, int]]]:
        """A notebook's file position of each cell line (computed once per file)."""
        if path not in self._positions:
            from pytest_lrcheck.lint.notebook_map import source_positions

            text = self.text(path)
            self._positions[path] = source_positions(text) if text is not None else {}
        return self._positions[path]

    def _lines(self, path: str) -> dict[int | None, list[str]]:
        if path not in self._files:
            self._files[path] = self._read(path)
        return self._files[path]

    def remember(self, path: str, data: bytes) -> None:
        """Take ``data`` as the file's content (standard input, not the file on disk)."""
        try:
            self._raw[path] = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._raw[path] = None
        self._files[path] = self._parse(path, data)

    def source(self, path: str, cell: int | None) -> str | None:
        """The Python text of the file (or of one notebook cell), lines joined by ``\\n``."""
        lines = self._lines(path).get(cell)
        return None if lines is None else "\n".join(lines)

    @classmethod
    def _read(cls, path: str) -> dict[int | None, list[str]]:
        try:
            data = read_source(path)
        except OSError:
            return {}
        return cls._parse(path, data)

    @staticmethod
    def _parse(path: str, data: bytes) -> dict[int | None, list[str]]:
        if path.endswith(".ipynb"):
            from pytest_lrcheck.lint.notebook import cell_lines

            return {number: lines for number, lines in cell_lines(data).items()}
        try:
            return {None: split_lines(decode(data).text)}
        except SourceError:
            return {}
