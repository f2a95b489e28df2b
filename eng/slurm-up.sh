#!/usr/bin/env bash
# A private single-node Slurm cluster for the tests (FastPR.Tests, Category=Slurm): installs slurm-wlm and munge with apt,
# writes its own munge key and slurm.conf, and starts munged, slurmctld and slurmd with every file (config, spool, state,
# logs, sockets) under one folder, then waits until sinfo shows the node idle. Idempotent: a running cluster is left as is.
# Must run as root (slurmd starts jobs as their users). Stop it with eng/slurm-down.sh.
#   eng/slurm-up.sh            # cluster in $FASTPR_SLURM_DIR (default /tmp/fastpr-slurm)
#   export SLURM_CONF=$FASTPR_SLURM_DIR/slurm.conf   # then sbatch, squeue, sinfo, scontrol talk to it
# Ports: $FASTPR_SLURM_PORT (slurmctld, default 16817) and the next one (slurmd), away from a system Slurm's 6817/6818.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${FASTPR_SLURM_DIR:-/tmp/fastpr-slurm}"
port="${FASTPR_SLURM_PORT:-16817}"
conf="$dir/slurm.conf"
export SLURM_CONF="$conf"

if [ "$(id -u)" -ne 0 ]; then
  echo "slurm-up: must run as root (slurmd runs jobs as their users; CI runs as root)." >&2
  exit 1
fi
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
  bash "$here/apt-install.sh" slurm-up "" slurm-wlm munge
fi

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
idle() { [ "$(sinfo -h -N -o %t 2>/dev/null | head -n1)" = "idle" ]; }

if alive "$dir/munged.pid" && alive "$dir/slurmctld.pid" && alive "$dir/slurmd.pid" && idle; then
  echo "slurm-up: cluster already running (SLURM_CONF=$conf)."
  exit 0
fi
# Something is half up (or left from a reboot): start over cleanly.
bash "$here/slurm-down.sh" >/dev/null 2>&1 || true

mkdir -p "$dir"/{munge,spool,state,log}
chmod 700 "$dir/munge"
key="$dir/munge/munge.key"
[ -s "$key" ] || mungekey --create --keyfile="$key" --bits=1024
chmod 400 "$key"

node="$(hostname -s)"
# slurmd -C prints this machine's NodeName line (CPUs, sockets, cores, threads, memory); the name is the short host name.
hardware="$(slurmd -C | head -n1 | sed -E 's/^NodeName=[^ ]+ //; s/RealMemory=([0-9]+)/RealMemory=\1/')"
memory="$(sed -nE 's/.*RealMemory=([0-9]+).*/\1/p' <<<"$hardware")"
# Report a little less memory than the machine has, so that the node is never drained for having less than configured.
hardware="$(sed -E "s/RealMemory=[0-9]+/RealMemory=$(( memory * 9 / 10 ))/" <<<"$hardware")"

cat >"$conf" <<EOF
# Written by eng/slurm-up.sh: a private single-node cluster for FastPR's tests.
ClusterName=fastpr
SlurmctldHost=$node
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=30
Waittime=0
SchedulerParameters=sched_interval=2
MaxArraySize=1001
NodeName=$node $hardware State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

munged --force --key-file="$key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munged.pid" \
  --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
slurmctld -c -f "$conf" # -c: a fresh cluster, no jobs left from an earlier one
slurmd -f "$conf"

for _ in $(seq 1 60); do
  if idle; then
    echo "slurm-up: node $node idle (SLURM_CONF=$conf; logs in $dir/log)."
    exit 0
  fi
  sleep 1
done
echo "slurm-up: the node did not become idle within 60 s:" >&2
sinfo -N -l >&2 || true
tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
exit 1
