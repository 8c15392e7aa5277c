#!/usr/bin/env bash
# Runs a command against a throwaway Postgres (Debian's postgresql package) on loopback:
# a cluster in a temp dir, DATABASE_URL exported for the command, removed afterwards.
#   scripts/with-postgres.sh npm run test:db
set -euo pipefail

initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
[ -n "$initdb" ] || { echo "with-postgres: no Postgres server binaries (apt-get install postgresql)" >&2; exit 1; }
bin=$(dirname "$initdb")
port=${PGPORT_TEST:-55432}
dir=$(mktemp -d /tmp/mergeline-pg.XXXXXX)

# Postgres refuses to run as root: the cluster belongs to the postgres user when we are root.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"

cleanup() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
echo "with-postgres: $("$bin/postgres" --version) on 127.0.0.1:$port" >&2

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
