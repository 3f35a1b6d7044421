"""Problems found in editors' files, reported as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file. `message` is Vietnamese: editors read it."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def located_in(self, folder: str) -> "Problem":
        """The same problem with its path shown under `folder` (e.g. `content/`)."""
        return Problem(f"{folder.rstrip('/')}/{self.path}", self.message, self.line, self.field)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised where one problem makes a whole file unusable (broken YAML, bad encoding)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
