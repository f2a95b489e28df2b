#!/usr/bin/env bash
# Shared by the eng/install-*.sh scripts: runs optional commands that enable a package component, then installs the given
# Debian/Ubuntu packages, as root or through sudo. apt's output is shown only when it fails.
#   eng/apt-install.sh NAME 'ENABLE-COMMANDS or empty' PACKAGE...
set -euo pipefail
name="$1" enable="$2"
shift 2
# Another apt (a parallel job, unattended-upgrades) may hold the lock: wait for it rather than fail.
install="apt-get -o DPkg::Lock::Timeout=900 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $*"

if [ ! -r /etc/os-release ] || ! grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; then
  echo "$name: not a Debian-like OS; install these yourself: $*" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "$name: not root and sudo is unavailable. Run these as root, then retry:" >&2
  [ -n "$enable" ] && echo "  sh -c '$enable'" >&2
  echo "  sh -c '$install'" >&2
  exit 1
fi

echo "$name: installing $* ..."
log="$(mktemp)"
# debconf would otherwise ask questions; apt's progress goes to the log.
if ! { [ -z "$enable" ] || $sudo sh -c "$enable"; } >"$log" 2>&1 || ! $sudo sh -c "$install" >>"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "$name: apt-get failed." >&2
  exit 1
fi
rm -f "$log"
