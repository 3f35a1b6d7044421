"""Results kept from one build to the next in the same process (what `mkdocs serve` does).

An editor saves one article and the whole portal is rebuilt: everything computed from
unchanged inputs can be taken from the previous build. Keys must cover every input of the
value; entries a build did not use are dropped after it, so memory stays bounded.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class RebuildMemo:
    def __init__(self) -> None:
        self._previous: dict[Hashable, object] = {}
        self._current: dict[Hashable, object] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key`: from this build, the previous one, or computed now."""
        if key in self._current:
            return self._current[key]  # type: ignore[return-value]
        value = self._previous[key] if key in self._previous else compute()
        self._current[key] = value
        return value  # type: ignore[return-value]

    def recall(self, key: Hashable) -> object | None:
        """The value kept for `key` in this build or the previous one, else None."""
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            self._current[key] = self._previous[key]
            return self._current[key]
        return None

    def keep(self, key: Hashable, value: object) -> None:
        self._current[key] = value

    def first_time(self, key: Hashable) -> bool:
        """True unless the previous build asked too: what a process does once (the first build
        of `mkdocs serve`), then leaves to the memo."""
        seen = self.recall(key) is not None
        self.keep(key, True)
        return not seen

    def start_build(self) -> None:
        """Forget what the last build did not use."""
        self._previous, self._current = self._current, {}


# The process's memo. It lives here, not in hooks/portal.py: MkDocs executes the hook file
# anew for every rebuild of `mkdocs serve`, while this package stays imported.
PROCESS_MEMO = RebuildMemo()
