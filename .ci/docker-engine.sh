#!/usr/bin/env bash
# Provision and run a real Docker Engine for dockerfile-semantics' oracle tests (spec/oracle).
#
#   .ci/docker-engine.sh start  [28|20]  install (if needed) and start the engine, wait until it answers,
#                                        then print the env to use (DOCKER=…, DOCKER_HOST=…, DOCKER_CONFIG=…)
#   .ci/docker-engine.sh env    [28|20]  print those env lines only (no install, no start)
#   .ci/docker-engine.sh status [28|20]  exit 0 when the engine answers `docker info`, 1 otherwise
#   .ci/docker-engine.sh stop   [28|20]  stop the daemon this script started (by its pidfile) and wait for it
#
# 28: Docker Engine 28.5 (BuildKit with the current Dockerfile frontend), from Debian unstable's packages,
#     unpacked into /opt/docker-28 and run beside the Debian 12 system: its own socket, data root, exec root
#     and (daemon-managed) containerd; the CLI uses DOCKER_CONFIG=/opt/docker-28/config, which holds the
#     buildx plugin.
# 20: Docker Engine 20.10, Debian 12's own docker.io package, on the default socket.
#
# Both run with the vfs storage driver, no iptables/ip6tables, no bridge and no userland proxy, so builds
# must use --network=none. Needs root and apt access to Debian's archive (unstable for 28). No registry is
# needed or used: base images are built FROM scratch by the TS harness (spec/oracle/base-images.ts) from
# busybox-static, which this script installs.
#
# Idempotent: `start` on an engine that already answers only prints the env (it never restarts or
# reconfigures a running daemon, whoever started it); concurrent `start`s are serialised with a lock.
#
# dockerd 28.5 refuses to start without --userland-proxy=false when the docker-proxy binary is not
# configured: "invalid userland-proxy-path: userland-proxy is enabled, but userland-proxy-path is not set".
set -euo pipefail

action=${1:-start}
version=${2:-28}
PINNED=28.5.2+dfsg4-5
START_TIMEOUT=${DOCKER_ENGINE_START_TIMEOUT:-90}   # seconds to wait for `docker info` after starting dockerd
STOP_TIMEOUT=${DOCKER_ENGINE_STOP_TIMEOUT:-30}     # seconds to wait for dockerd to exit after SIGTERM

usage() { echo "usage: $0 start|env|status|stop [28|20]" >&2; exit 2; }

case $version in
  28) prefix=/opt/docker-28; sock=/var/run/docker-28.sock; root=/var/lib/docker-28; exec_root=/var/run/docker-28
      docker_cli=$prefix/usr/bin/docker; dockerd=$prefix/usr/sbin/dockerd; config=$prefix/config ;;
  20) prefix=/; sock=/var/run/docker.sock; root=/var/lib/docker; exec_root=/var/run/docker
      docker_cli=/usr/bin/docker; dockerd=/usr/sbin/dockerd; config= ;;
  *) usage ;;
esac
pidfile=/var/run/docker-engine-$version.pid
log=/var/log/docker-engine-$version.log
lockfile=/var/run/docker-engine-$version.lock

die() { echo "docker-engine: $*" >&2; exit 1; }

log_tail() {
  if [ -f "$log" ]; then
    echo "--- last lines of $log (this start only) ---" >&2
    tac "$log" | sed '/^=== .* docker-engine.sh start/q' | tac | tail -n 30 >&2
    echo "---" >&2
  fi
}

print_env() {
  echo "DOCKER=$docker_cli"
  echo "DOCKER_HOST=unix://$sock"
  if [ -n "$config" ]; then echo "DOCKER_CONFIG=$config"; fi
}

need_root() { [ "$(id -u)" = 0 ] || die "'$action' needs root (it installs packages and runs dockerd)"; }

apt_ready() {
  if [ ! -f /var/lib/apt/periodic/.engine-updated ]; then
    apt-get update -qq >/dev/null || die "apt-get update failed"
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/.engine-updated
  fi
}

apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt_ready
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# Links that make the unpacked tree runnable; safe to redo on every start (repairs a partial install).
link_28() {
  mkdir -p "$prefix/bin" "$config/cli-plugins"
  link "$prefix/usr/bin/containerd" "$prefix/bin/containerd"
  link "$prefix/usr/bin/containerd-shim-runc-v2" "$prefix/bin/containerd-shim-runc-v2"
  # this system's runc (Debian 12) instead of unstable's, which needs a newer glibc
  link /usr/sbin/runc "$prefix/bin/runc"
  link "$prefix/usr/bin/tini-static" "$prefix/bin/docker-init"
  link "$prefix/usr/libexec/docker/cli-plugins/docker-buildx" "$config/cli-plugins/docker-buildx"
}

# ln -sf, but leaves a correct link alone (a running daemon may be resolving it right now).
link() { [ "$(readlink "$2" 2>/dev/null)" = "$1" ] || ln -sfn "$1" "$2"; }

install_28() {
  apt_install runc busybox-static
  if [ ! -x "$dockerd" ] || [ ! -x "$docker_cli" ] || [ ! -x "$prefix/usr/libexec/docker/cli-plugins/docker-buildx" ] \
     || [ ! -x "$prefix/usr/bin/containerd" ]; then
    local tmp; tmp=$(mktemp -d)
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" EXIT
    mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" >"$tmp/sources.list"
    local o=(-o "Dir::Etc::SourceList=$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" -o APT::Sandbox::User=root)
    apt-get "${o[@]}" update -qq >/dev/null || die "apt-get update of Debian unstable's index failed"
    ( cd "$tmp" && { apt-get "${o[@]}" download -qq "docker.io=$PINNED" "docker-cli=$PINNED" docker-buildx containerd tini-static 2>/dev/null \
        || { echo "docker-engine: $PINNED is gone from Debian unstable; taking its current docker.io" >&2
             apt-get "${o[@]}" download -qq docker.io docker-cli docker-buildx containerd tini-static; }; } ) \
      || die "downloading the Docker packages from Debian unstable failed"
    mkdir -p "$prefix"
    local deb
    for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$prefix" || die "unpacking $deb failed"; done
    rm -rf "$tmp"; trap - EXIT
    [ -x "$dockerd" ] && [ -x "$docker_cli" ] || die "the unpacked packages have no $dockerd or $docker_cli"
  fi
  link_28
}

install_20() {
  apt_install docker.io busybox-static
  [ -x "$dockerd" ] && [ -x "$docker_cli" ] || die "docker.io is installed but $dockerd or $docker_cli is missing"
}

running() {
  [ -x "$docker_cli" ] || return 1
  DOCKER_HOST=unix://$sock DOCKER_CONFIG=${config:-${DOCKER_CONFIG:-$HOME/.docker}} timeout 20 "$docker_cli" info >/dev/null 2>&1
}

# The pid in our pidfile, if that process is alive and is a dockerd; empty otherwise.
our_pid() {
  local pid
  [ -f "$pidfile" ] || return 0
  pid=$(tr -dc 0-9 <"$pidfile")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q dockerd || return 0
  echo "$pid"
}

wait_ready() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    running && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "docker-engine: dockerd $version (pid $pid) exited during start-up" >&2; log_tail; return 1
    fi
    sleep 0.3
  done
  echo "docker-engine: dockerd $version did not answer 'docker info' within ${START_TIMEOUT}s" >&2; log_tail; return 1
}

start() {
  need_root
  mkdir -p "$(dirname "$lockfile")"
  exec 9>"$lockfile"
  flock -w "$((START_TIMEOUT + 60))" 9 || die "timed out waiting for another '$0 start $version' (lock $lockfile)"
  "install_$version"
  if running; then print_env; return 0; fi
  local pid; pid=$(our_pid)
  if [ -n "$pid" ]; then
    # a dockerd we started earlier is alive but not answering yet (still starting?): give it the timeout
    echo "docker-engine: dockerd $version (pid $pid) is running but not answering yet; waiting" >&2
    wait_ready "$pid" || die "dockerd $version (pid $pid) does not answer; run '$0 stop $version' and retry"
    print_env; return 0
  fi
  [ -S "$sock" ] && rm -f "$sock"   # stale socket of a dead daemon
  rm -f "$pidfile"
  mkdir -p "$(dirname "$log")" "$root" "$exec_root"
  local path=$PATH
  [ "$version" = 28 ] && path=$prefix/bin:$PATH
  echo "=== $(date -u +%FT%TZ) docker-engine.sh start $version" >>"$log"
  PATH=$path setsid "$dockerd" --host "unix://$sock" --data-root "$root" --exec-root "$exec_root" \
    --pidfile "$pidfile" --storage-driver=vfs --bridge=none \
    --iptables=false --ip6tables=false --userland-proxy=false >>"$log" 2>&1 </dev/null 9>&- &
  pid=$!
  if ! wait_ready "$pid"; then
    kill "$pid" 2>/dev/null || true
    die "could not start dockerd $version (command: $dockerd, log: $log)"
  fi
  print_env
}

stop() {
  need_root
  local pid; pid=$(our_pid)
  if [ -z "$pid" ]; then
    if running; then
      die "an engine answers on $sock but it was not started by this script (no live pid in $pidfile); not stopping it"
    fi
    rm -f "$pidfile"; echo "docker-engine: dockerd $version is not running" >&2; return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "docker-engine: dockerd $version (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT}s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$pidfile"
  echo "docker-engine: dockerd $version (pid $pid) stopped" >&2
}

case $action in
  env) print_env ;;
  status) running ;;
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
