#!/bin/sh
# The image's entry point: the first argument picks the Mergeline process (see the Dockerfile).
set -eu
cd /app
tsx="node --import tsx"
command="${1:-app}"
[ $# -gt 0 ] && shift
case "$command" in
  app)
    # Every replica migrates as it starts: an advisory lock on Postgres lets one at a time
    # apply what is pending, and the others then find nothing to do.
    $tsx scripts/migrate.ts
    exec $tsx scripts/serve-app.ts "$@"
    ;;
  realtime) exec $tsx realtime/main.ts "$@" ;;
  engine) exec $tsx inngest/local-engine/main.ts "$@" ;;
  migrate) exec $tsx scripts/migrate.ts "$@" ;;
  all) exec $tsx scripts/start.ts "$@" ;;
  *) exec "$command" "$@" ;;
esac
