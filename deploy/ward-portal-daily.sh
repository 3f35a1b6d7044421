#!/usr/bin/env bash
# The daily job: count yesterday's views from nginx's access logs, then build and switch a
# new release (scheduled articles appear, the quota tracker's "today" moves). Run by
# deploy/systemd/ward-portal-daily.timer or by cron (deploy/cron.example). Every line it
# prints is also appended to $WARD_LOG with a time stamp. Exit status: 0 when both steps
# succeeded; otherwise the first failing step's status (the release is still attempted when
# only the counting failed, so a broken log never holds back the day's articles).
#
# Settings (environment; the systemd unit sets them):
#   WARD_PORTAL   the project checkout (mkdocs.yml, content/, scripts/)  default: this repo
#   WARD_DEPLOY   the deploy folder nginx serves DIR/current from        default: /srv/ward-portal
#   WARD_LOGS     access logs to count (a shell pattern)                 default: /var/log/nginx/access.log*
#   WARD_LOG      the job's own log file                                 default: /var/log/ward-portal/daily.log
#   WARD_KEEP     releases kept                                          default: 5
#   PYTHON        the interpreter                                        default: python3
set -uo pipefail
PORTAL="${WARD_PORTAL:-$(cd "$(dirname "$0")/.." && pwd)}"
DEPLOY="${WARD_DEPLOY:-/srv/ward-portal}"
LOGS="${WARD_LOGS:-/var/log/nginx/access.log*}"
LOG="${WARD_LOG:-/var/log/ward-portal/daily.log}"
KEEP="${WARD_KEEP:-5}"
PYTHON="${PYTHON:-python3}"
CONFIG="${WARD_CONFIG:-$PORTAL/mkdocs.yml}"
CONTENT="${WARD_CONTENT:-$PORTAL/content}"
export NO_MKDOCS_2_WARNING=1

mkdir -p "$(dirname "$LOG")"
log() { while IFS= read -r line; do printf '%s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$line"; done | tee -a "$LOG"; }

status=0
{
  echo "== Bắt đầu: đếm lượt xem, rồi phát hành bản mới vào $DEPLOY"
  # shellcheck disable=SC2086  # the pattern is meant to expand
  logs=( $LOGS )
  if [ -e "${logs[0]:-}" ]; then
    "$PYTHON" "$PORTAL/scripts/views.py" "${logs[@]}" --content "$CONTENT" --config "$CONFIG" 2>&1
    views_status=$?
  else
    echo "Cảnh báo: không có tệp nhật ký nào khớp $LOGS; bỏ qua bước đếm lượt xem."
    views_status=0
  fi
  "$PYTHON" "$PORTAL/scripts/deploy.py" release --to "$DEPLOY" --keep "$KEEP" --config "$CONFIG" 2>&1
  release_status=$?
  echo "== Kết thúc: đếm lượt xem mã $views_status, phát hành mã $release_status"
  exit $(( views_status != 0 ? views_status : release_status ))
} 2>&1 | log
status=${PIPESTATUS[0]}
exit "$status"
