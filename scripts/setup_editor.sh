#!/usr/bin/env bash
# The newsroom's Node part: Debian's nodejs/npm when missing, then the pinned Decap CMS and
# decap-server (editor/package-lock.json) into editor/node_modules (~390 MB, never committed).
# Skipped when node_modules was installed from the same lock file (a stamp holds its hash), so
# a CI cache of editor/node_modules keyed on that hash makes this step free. WARD_NO_EDITOR=1 skips it.
set -euo pipefail
cd "$(dirname "$0")/../editor"
if [ "${WARD_NO_EDITOR:-0}" = 1 ]; then
  echo "WARD_NO_EDITOR=1: the newsroom editor is not installed (builds leave out /quan-tri/)."
  exit 0
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's nodejs and npm (the newsroom editor)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq nodejs npm >/dev/null
  else
    echo "Warning: install nodejs and npm (as root), then run scripts/setup.sh again: no editor until then." >&2
    exit 0
  fi
fi
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.ward-lock-sha256
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  exit 0
fi
echo "Installing the pinned Decap CMS and decap-server (npm ci, editor/node_modules)…"
npm ci --no-audit --no-fund --loglevel=error
echo "$lock_hash" > "$stamp"
