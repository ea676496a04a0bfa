#!/usr/bin/env bash
# The whole suite, as CI runs it: static checks and unit tests, the
# production build, the integration tests on PGlite and on PostgreSQL side
# by side, then Playwright against the build. Needs PostgreSQL on
# 127.0.0.1:5432 (TEST_POSTGRES_URL to change it).
# Steps that run side by side write to their own logs, shown whole when
# they end, so their output never interleaves; any failure fails the suite.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1

section() { printf '\n=== %s (%ds) ===\n' "$1" "$SECONDS"; }

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# together NAME COMMAND NAME COMMAND …: runs the commands at once, then
# prints each one's output under its name, the failed ones last; fails if
# any of them failed.
together() {
  local names=() pids=() failed=() i
  while (($#)); do
    names+=("$1")
    bash -c "$2" >"$logs/${#names[@]}.log" 2>&1 &
    pids+=($!)
    shift 2
  done
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
      section "${names[$i]}"
      cat "$logs/$((i + 1)).log"
    else
      failed+=("$i")
    fi
  done
  # A failed step's output comes last, where a log cut to its tail still shows it.
  for i in "${failed[@]}"; do
    section "${names[$i]} (FAILED)"
    cat "$logs/$((i + 1)).log"
  done
  if ((${#failed[@]})); then
    printf '\nFAILED:' >&2
    for i in "${failed[@]}"; do printf ' %s;' "${names[$i]}" >&2; done
    printf '\n' >&2
    return 1
  fi
}
# npm run typecheck, in two steps: the route types first, so the linter's
# type information (tsconfig includes .next/types) never sees them half-written.
npx next typegen
together \
  typecheck 'npx tsc --noEmit' \
  lint 'npm run lint' \
  unit 'npx vitest run --project unit'
section build
npm run build
# The two integration passes side by side, then Playwright alone: run next
# to the PGlite pass, its browsers starved the timing-bound tests there
# (the request gate's per-second budget, the first-start stops). The SDK's
# tests (about 105 s, their own servers on PostgreSQL) follow the PostgreSQL
# pass in its lane, and run even if it failed: the PGlite pass, with the
# first-start test (about 3 min) in it, is the longer lane (628 s against
# 516 + 106 s in a CI run on 2026-12-05).
together \
  "integration (PGlite)" 'TEST_DB=pglite npx vitest run --project integration' \
  "integration (PostgreSQL), then SDK" 'TEST_DB=postgres npx vitest run --project integration; rc=$?; npx vitest run --project sdk || rc=1; exit $rc'
section e2e
npm run e2e
section "all passed"
