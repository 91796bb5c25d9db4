#!/usr/bin/env bash
# Provision and run real OCI distribution registries (Debian's docker-registry package, distribution 2.8)
# for dockerfile-semantics' registry client tests (spec/node/registry.spec.ts).
#
#   .ci/registry.sh start   install (if needed) and start the registries, wait until they answer, print the env
#   .ci/registry.sh env     print the env lines of running registries (no install, no start)
#   .ci/registry.sh status  exit 0 when they answer, 1 otherwise
#   .ci/registry.sh stop    stop the registries this script started (by their pidfiles) and remove their storage
#
# Three registries on 127.0.0.1 share one storage directory (a fresh temp dir), each with its own config file:
#   REGISTRY_ANON  (port $REGISTRY_PORT, default 5055): no authentication; the Docker engine pushes here
#                  (dockerd allows plain HTTP to 127.0.0.0/8 without configuration);
#   REGISTRY_BASIC (port +1): htpasswd (bcrypt) basic authentication, user REGISTRY_USER / REGISTRY_PASSWORD;
#   REGISTRY_TOKEN (port +2): token authentication (distribution docs/spec/auth/token.md); the tests run the
#                  token server themselves at http://127.0.0.1:(port +3)/token, signing with REGISTRY_TOKEN_KEY,
#                  whose self-signed certificate REGISTRY_TOKEN_CERT is the registry's root certificate bundle.
# The user and password are test values made up here, not anybody's credentials.
set -euo pipefail

action=${1:-start}
port=${REGISTRY_PORT:-5055}
state=${REGISTRY_STATE_DIR:-${TMPDIR:-/tmp}/dockerfile-semantics-registry-$port}
user=ci-user
password=ci-password-not-secret

env_lines() {
  echo "REGISTRY_ANON=127.0.0.1:$port"
  echo "REGISTRY_BASIC=127.0.0.1:$((port + 1))"
  echo "REGISTRY_TOKEN=127.0.0.1:$((port + 2))"
  echo "REGISTRY_TOKEN_REALM=http://127.0.0.1:$((port + 3))/token"
  echo "REGISTRY_TOKEN_KEY=$state/token.key"
  echo "REGISTRY_TOKEN_CERT=$state/token.crt"
  echo "REGISTRY_USER=$user"
  echo "REGISTRY_PASSWORD=$password"
}

answers() { curl -fsS -o /dev/null "http://127.0.0.1:$1/v2/" 2>/dev/null || [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v2/" 2>/dev/null)" = 401 ]; }

status() { answers "$port" && answers $((port + 1)) && answers $((port + 2)); }

write_config() { # name port auth-yaml
  cat >"$state/$1.yml" <<YML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $state/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$2
  secret: dockerfile-semantics-tests
$3
YML
}

case $action in
  env) env_lines ;;
  status) status ;;
  start)
    if status; then env_lines; exit 0; fi
    if ! command -v docker-registry >/dev/null 2>&1 || ! command -v htpasswd >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry apache2-utils openssl curl >/dev/null
    fi
    # Debian's package may start its own service on :5000 with /etc/docker/registry/config.yml; ours are separate.
    mkdir -p "$state/data"
    htpasswd -Bbc "$state/htpasswd" "$user" "$password" 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$state/token.key" -out "$state/token.crt" -days 2 -subj "/CN=dockerfile-semantics test token issuer" 2>/dev/null
    write_config anon "$port" ""
    write_config basic $((port + 1)) "auth:
  htpasswd:
    realm: dockerfile-semantics-tests
    path: $state/htpasswd"
    write_config token $((port + 2)) "auth:
  token:
    realm: http://127.0.0.1:$((port + 3))/token
    service: dockerfile-semantics-registry
    issuer: dockerfile-semantics-test-issuer
    rootcertbundle: $state/token.crt"
    for name in anon basic token; do
      nohup docker-registry serve "$state/$name.yml" >"$state/$name.log" 2>&1 &
      echo $! >"$state/$name.pid"
    done
    for _ in $(seq 1 100); do
      if status; then env_lines; exit 0; fi
      sleep 0.2
    done
    echo "registry.sh: the registries did not answer; logs:" >&2
    tail -n 20 "$state"/*.log >&2 || true
    exit 1
    ;;
  stop)
    for name in anon basic token; do
      if [ -f "$state/$name.pid" ]; then
        kill "$(cat "$state/$name.pid")" 2>/dev/null || true
        rm -f "$state/$name.pid"
      fi
    done
    rm -rf "$state"
    ;;
  *) echo "usage: $0 start|env|status|stop" >&2; exit 2 ;;
esac
