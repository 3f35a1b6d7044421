"""`extra.ward.editor` in mkdocs.yml: where the editor is published and which backend it uses.

The production backend is configured here and only here (the build writes Decap's
config.yml from it), so there is no second configuration file to keep in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

DEFAULT_PATH = "quan-tri"
# decap-server's default port: what a plain `mkdocs build` points the editor at
DEFAULT_LOCAL_URL = "http://127.0.0.1:8081/api/v1"
BACKENDS = ("gitlab", "gitea", "forgejo", "local")
_PATH_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")
_BACKEND_KEYS = ("repo", "branch", "base_url", "api_root", "app_id", "auth_type", "auth_endpoint")


class EditorSettingsError(ValueError):
    """A setting under extra.ward.editor is unusable; the message says which and why."""


@dataclass(frozen=True)
class EditorSettings:
    enabled: bool = True
    path: str = DEFAULT_PATH
    backend: str = "local"               # gitlab | gitea | forgejo | local (decap-server)
    backend_options: Mapping = field(default_factory=dict)
    site_url: str = ""                   # the portal's address, for "view on site" links

    @property
    def editorial_workflow(self) -> bool:
        """Gitea/Forgejo have no editorial workflow in Decap: review happens in pull requests."""
        return self.backend in ("gitlab", "local")


def read_editor_settings(raw: object, site_url: str = "") -> EditorSettings:
    if raw is None:
        return EditorSettings(site_url=site_url)
    if raw is False:
        return EditorSettings(enabled=False)
    if not isinstance(raw, Mapping):
        raise EditorSettingsError("extra.ward.editor phải là một bảng (hoặc false để tắt trình biên tập).")
    path = str(raw.get("path", DEFAULT_PATH)).strip("/")
    if not _PATH_RE.match(path):
        raise EditorSettingsError(f"extra.ward.editor.path `{path}` không hợp lệ: chỉ dùng chữ thường không dấu, số, `-` và `/`.")
    backend_raw = raw.get("backend") or {"name": "local"}
    if isinstance(backend_raw, str):
        backend_raw = {"name": backend_raw}
    if not isinstance(backend_raw, Mapping):
        raise EditorSettingsError("extra.ward.editor.backend phải là một bảng có `name`.")
    name = str(backend_raw.get("name", "")).strip().lower()
    if name not in BACKENDS:
        raise EditorSettingsError(f"extra.ward.editor.backend.name `{name}` không hợp lệ: dùng một trong {', '.join(BACKENDS)}.")
    unknown = sorted(set(backend_raw) - {"name", *_BACKEND_KEYS})
    if unknown:
        raise EditorSettingsError(f"extra.ward.editor.backend: không biết khóa {', '.join(unknown)}; dùng {', '.join(_BACKEND_KEYS)}.")
    options = {key: str(backend_raw[key]) for key in _BACKEND_KEYS if backend_raw.get(key) not in (None, "")}
    if name != "local" and "repo" not in options:
        raise EditorSettingsError(f"extra.ward.editor.backend: `{name}` cần `repo` (ví dụ ban-bien-tap/cong-thong-tin).")
    if name == "gitlab" and "app_id" in options:
        options.setdefault("auth_type", "pkce")
    return EditorSettings(enabled=bool(raw.get("enabled", True)), path=path, backend=name,
                          backend_options=options, site_url=site_url)
