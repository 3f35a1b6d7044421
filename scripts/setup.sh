#!/usr/bin/env bash
# One-time set-up on a fresh machine: the pinned Python packages, and the Debian font
# (DejaVu, covers Vietnamese) that share cards are drawn with, and the newsroom editor's Node
# packages (scripts/setup_editor.sh). Safe to run again.
#   bash scripts/setup.sh                        # runtime (build, serve, scripts)
#   bash scripts/setup.sh requirements-dev.txt   # plus tests and benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m pip install --quiet -r "${1:-requirements.txt}"
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's fonts-dejavu-core (share cards)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
  else
    echo "Warning: install the package fonts-dejavu-core (as root) so that share cards can be drawn." >&2
  fi
fi
bash scripts/setup_editor.sh  # the newsroom: Node from Debian, the pinned Decap CMS (editor/)
