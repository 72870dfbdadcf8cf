#!/usr/bin/env bash
# Proves every bundled starter with the CLI's author proof, `learning-paths starters verify <id>`
# (src/core/authoring/starterProof.ts: the one implementation, also what a pack author runs), with
# Debian's /usr/bin/python3 (the interpreter that sees python3-torch, -torchvision, -sklearn,
# -faiss and -pytest). For each starter it checks, in a temporary scaffold:
#   - the starter's own suite (its testCommand) and its smoke run (outputs/metrics.json) pass on the
#     scaffold, and after a smoke run nothing but the smoke milestone (the first) verifies;
#   - every exercise (`tests` milestone) fails on the scaffold and passes with its reference
#     solution, under each OMP/MKL thread count of LP_STARTER_THREADS with a random PYTHONHASHSEED;
#   - with every solution applied, the suite and the smoke run still pass;
#   - every mutant (mutants/<milestone>/<id>/ in the starter) is caught: a mistake or a cheat
#     fails its exercise's test, an equivalent passes it.
# Prints the proof's steps and timings per starter, then per starter
#   <id>  exercises: N, failing on scaffold: N, passing with solution: N, mutants: N, caught: N, equivalents: N, passing: N
# every skipped test with its reason, every failure, and last one line (read by .ci/run)
#   starters: N passed, N failed, N skipped
# whose counts are test cases: the suites' cases on the scaffold plus each exercise's cases with its
# solution (first thread setting); every proof failure (an exercise passing on the scaffold, a
# mutant not caught, a failing smoke run, ...) adds one to "failed".
#
# Usage: bash .ci/starters.sh [starter-id ...]      (default: every starter)
# Env:   LP_PYTHON (default /usr/bin/python3), LP_STARTER_TIMEOUT (seconds per process, default 900),
#        LP_STARTER_THREADS (default 1,2,4; empty: one run with the environment as is),
#        LP_KEEP=1 keeps the scaffolded projects (their folder is printed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${LP_PYTHON:-/usr/bin/python3}
STEP_TIMEOUT=${LP_STARTER_TIMEOUT:-900}
THREADS=${LP_STARTER_THREADS-1,2,4}

if [[ ! -x "$PYTHON" ]]; then
  echo "✗ $PYTHON not found: install Debian's python3 (and python3-torch, python3-pytest, …; see .ci/run)" >&2
  exit 1
fi
if [[ ! -f dist/cli.js || ! -f dist/templates.json ]]; then
  echo "dist/cli.js is missing: building"
  node scripts/build.mjs
fi

# Offline, CPU-only, quiet.
export PYTHONDONTWRITEBYTECODE=1 CUDA_VISIBLE_DEVICES="" MPLBACKEND=Agg
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 PIP_NO_INDEX=1

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

ids=$(node -e 'for (const t of JSON.parse(require("fs").readFileSync(0, "utf8"))) console.log(t.id)' < <(node dist/cli.js templates --json))
if [[ $# -gt 0 ]]; then
  wanted=" $* "
  ids=$(awk -v w="$wanted" 'index(w, " " $1 " ") > 0' <<<"$ids")
fi
if [[ -z "$ids" ]]; then
  echo "✗ no starters to run" >&2
  exit 1
fi

args=(--python "$PYTHON" --timeout "$STEP_TIMEOUT")
[[ -n "$THREADS" ]] && args+=(--threads "$THREADS")
[[ "${LP_KEEP:-}" == 1 ]] && args+=(--keep)

passed=0 failed=0 skipped=0
summary_lines=() skipped_lines=() failures=() timings=()
t_all=$EPOCHREALTIME
log=$(mktemp "${TMPDIR:-/tmp}/lp-starters-XXXXXX")
trap 'rm -f "$log"' EXIT

for id in $ids; do
  echo
  t0=$EPOCHREALTIME
  # Streamed as it runs (indented), and kept for the counts.
  set +e
  node dist/cli.js starters verify "$id" "${args[@]}" 2>&1 | tee "$log" | sed 's/^/  /'
  rc=${PIPESTATUS[0]}
  set -e
  timings+=("$(printf '%-30s %8s s' "$id" "$(elapsed "$t0")")")
  # The proof's closing lines: "<id> exercises: …" and "<id> cases: P passed, F failed, S skipped".
  line=$(grep -E "^$id exercises: " "$log" | tail -1 || true)
  cases=$(grep -E "^$id cases: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$" "$log" | tail -1 || true)
  if [[ -z "$line" || -z "$cases" ]]; then
    failures+=("$id: starters verify ended without its counts (exit $rc)")
    failed=$((failed + 1))
    continue
  fi
  summary_lines+=("$(printf '%-30s %s' "$id" "${line#"$id "}")")
  read -r p f s < <(sed -E 's/.*cases: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped/\1 \2 \3/' <<<"$cases")
  n_fail=$(grep -c "^✗ $id: " "$log" || true)
  passed=$((passed + p)) failed=$((failed + f + n_fail)) skipped=$((skipped + s))
  while IFS= read -r l; do skipped_lines+=("$l"); done < <(grep -E '^  skipped ' "$log" | sed 's/^  skipped //' || true)
  while IFS= read -r l; do failures+=("${l#✗ }"); done < <(grep "^✗ $id: " "$log" || true)
  if [[ $rc -ne 0 && $n_fail -eq 0 ]]; then
    failures+=("$id: starters verify failed (exit $rc)")
    failed=$((failed + 1))
  fi
done

echo
echo "--- starter timings"
for line in "${timings[@]}"; do echo "  $line"; done
printf '  %-30s %8s s\n' "all starters" "$(elapsed "$t_all")"
echo
echo "--- exercises"
for line in "${summary_lines[@]}"; do echo "  $line"; done
if [[ ${#skipped_lines[@]} -gt 0 ]]; then
  echo
  echo "--- skipped tests (${#skipped_lines[@]})"
  # "skipped: <test id>: <reason>" at the start of a line: .ci/run lists these in its closing lines.
  for line in "${skipped_lines[@]}"; do echo "skipped: $line"; done
fi
if [[ ${#failures[@]} -gt 0 ]]; then
  echo
  for f in "${failures[@]}"; do echo "✗ $f"; done
fi
echo "starters: $passed passed, $failed failed, $skipped skipped"
[[ ${#failures[@]} -eq 0 ]]
