#!/usr/bin/env bash
# Installs and starts what the integration tests need beyond Python: Debian's Chromium
# (browser tests) and a PostgreSQL server on loopback (store tests run on it as well as
# on SQLite). Prints the environment for the tests: eval "$(scripts/test-services.sh)".
set -euo pipefail
# runuser, pg_ctlcluster and apt live in sbin, which a non-login shell's PATH may lack
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
log() { echo "test-services: $*" >&2; }
SUDO=""
AS_POSTGRES="runuser -u postgres --"
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; AS_POSTGRES="sudo -n -u postgres"; fi
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} from Debian's packages"
  $SUDO apt-get update -qq >/tmp/driftaudit-apt.log 2>&1 \
    && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >>/tmp/driftaudit-apt.log 2>&1 \
    || { tail -20 /tmp/driftaudit-apt.log >&2; exit 1; }
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_lsclusters -h | grep -q "^$version main" || $SUDO pg_createcluster "$version" main >&2
  $SUDO pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk '$2=="main"{print $3; exit}')
$AS_POSTGRES psql -qtA -p "$port" -c "SELECT 1 FROM pg_roles WHERE rolname='driftaudit'" | grep -q 1 \
  || $AS_POSTGRES psql -q -p "$port" -c "CREATE ROLE driftaudit LOGIN PASSWORD 'driftaudit'" >&2
$AS_POSTGRES psql -qtA -p "$port" -c "SELECT 1 FROM pg_database WHERE datname='driftaudit_test'" | grep -q 1 \
  || $AS_POSTGRES psql -q -p "$port" -c "CREATE DATABASE driftaudit_test OWNER driftaudit" >&2
echo "export DRIFTAUDIT_TEST_POSTGRES_URL=postgresql+psycopg://driftaudit:driftaudit@127.0.0.1:$port/driftaudit_test"
echo "export DRIFTAUDIT_TEST_CHROMIUM=$(command -v chromium)"
