#!/usr/bin/env bash
# Stops the private cluster of eng/slurm-up.sh (slurmd, slurmctld, munged, by their pid files) and leaves its folder for the
# logs. Idempotent: nothing running is fine.
set -euo pipefail
dir="${FASTPR_SLURM_DIR:-/tmp/fastpr-slurm}"

stop() {
  local pidfile="$dir/$1.pid"
  [ -s "$pidfile" ] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

stop slurmd
stop slurmctld
stop munged
echo "slurm-down: stopped (logs in $dir/log)."
