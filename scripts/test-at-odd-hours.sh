#!/usr/bin/env bash
# Runs the whole test suite at odd local times in far-apart time zones, to show that no test depends
# on the wall clock or the machine's time zone: Saturday 03:00 at UTC+14 (Pacific/Kiritimati) and
# Saturday 23:59 at UTC-8 (America/Los_Angeles) — night, weekend, and a different calendar day than
# UTC. The clock is faked with libfaketime (Debian package `faketime`) and keeps running from the
# faked start; spawned processes (the CLI tests) share it instead of starting it again.
#
#   scripts/test-at-odd-hours.sh                 # the whole suite, twice (a few minutes each)
#   scripts/test-at-odd-hours.sh test/cli        # extra arguments go to vitest
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  echo "faketime is not installed: apt-get update && apt-get install -y faketime" >&2
  exit 2
fi

# Build dist/ on the real clock first: a build stamped in the faked future or past would look stale.
npm run build --silent

runs=(
  "Pacific/Kiritimati|2026-11-28 03:00:00"
  "America/Los_Angeles|2026-11-28 23:59:00"
)
status=0
for run in "${runs[@]}"; do
  zone="${run%%|*}"
  start="${run#*|}"
  echo "== tests at ${start} local time in ${zone}"
  # NO_FAKE_STAT: file times stay real, so the bin's "is dist/ fresh?" check compares like with like.
  if ! TZ="$zone" FAKETIME_DONT_RESET=1 NO_FAKE_STAT=1 faketime -m --exclude-monotonic "$start" npx vitest run "$@"; then
    echo "== FAILED at ${start} in ${zone}" >&2
    status=1
  fi
done
exit "$status"
