"""The portal's own problems: logged as warnings, and counted by the portal itself.

`mkdocs build --strict` counts warnings that reach the `mkdocs` logger, but `-q` raises that
logger's level so they never do (MkDocs issues #4126, #3991): a cron build with `-q
--strict` would publish broken content. So the portal counts its problems itself and fails
a strict build at its end, naming them (they were not printed under `-q`).
"""

from __future__ import annotations

import logging
import os

from mkdocs.exceptions import PluginError

from wardportal.problems import Problem

SHOWN_IN_ERROR = 20  # problems repeated in the strict failure; the rest are counted


class ProblemLog:
    """Every problem reported during one build, in order."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger
        self.messages: list[str] = []

    def report(self, problems: list[Problem], docs_dir: str) -> None:
        """Log each problem as a warning under `mkdocs.`, so that `--strict` fails on it."""
        folder = os.path.relpath(docs_dir)
        for problem in problems:
            message = str(problem.located_in(folder))
            self.messages.append(message)
            self.logger.warning(message)

    def report_settings(self, problems: list[Problem]) -> None:
        """Problems of mkdocs.yml settings: their path is already the project's."""
        for problem in problems:
            self.messages.append(str(problem))
            self.logger.warning(str(problem))

    def fail_if_strict(self, strict: bool) -> None:
        """Raise at the end of a strict build that had problems, whatever the verbosity."""
        if not strict or not self.messages:
            return
        shown = "\n".join(self.messages[:SHOWN_IN_ERROR])
        more = len(self.messages) - SHOWN_IN_ERROR
        tail = f"\n… và {more} lỗi khác." if more > 0 else ""
        raise PluginError(f"{len(self.messages)} lỗi nội dung, dừng vì chạy với --strict:\n{shown}{tail}")

