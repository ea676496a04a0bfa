#!/usr/bin/env bash
# The whole suite, as CI runs it: static checks, unit tests, integration
# tests on PGlite and on PostgreSQL, then Playwright against the production
# build. Needs PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRES_URL to change it).
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1

section() { printf '\n=== %s ===\n' "$1"; }

section typecheck
npm run typecheck
section lint
npm run lint
section unit
npx vitest run --project unit
section build
npm run build
section "integration (PGlite)"
TEST_DB=pglite npx vitest run --project integration
section "integration (PostgreSQL)"
TEST_DB=postgres npx vitest run --project integration
section e2e
npm run e2e
