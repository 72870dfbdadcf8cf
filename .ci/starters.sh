#!/usr/bin/env bash
# Scaffolds every bundled starter through the command line (the same core as the VS Code
# command) into a temporary folder, then runs, in that project, the starter's own test command
# (its pytest suite) and its offline smoke command with Debian's /usr/bin/python3 — the
# interpreter that sees python3-torch, -torchvision, -sklearn, -faiss and -pytest — and checks
# that the smoke run wrote outputs/metrics.json. Then it proves the exercises (issue 14):
#   - `cli check --json` on the fresh scaffold + smoke run verifies nothing but the smoke milestone
#     (the manifest's first milestone);
#   - every `tests` milestone (exercise) fails on the fresh scaffold (`check --run-tests`);
#   - after `cli solution DIR <id> --apply` for each, every exercise passes, and the starter's own
#     suite and smoke run still pass.
# and prints per starter: `exercises: N, failing on scaffold: N, passing with solution: N`.
# Fails on any failure; pytest's exit 5 ("no tests collected") is a failure. Prints a timing per
# step and, last, one line
#   starters: N passed, N failed[, N skipped]
# with the pytest counts of the starters' suites plus one per exercise proven (read by .ci/run's
# closing "tests:" line).
#
# Usage: bash .ci/starters.sh [starter-id ...]      (default: every starter)
# Env:   LP_PYTHON (default /usr/bin/python3), LP_STARTER_TIMEOUT (seconds per command, default 900),
#        LP_KEEP=1 keeps the scaffolded projects (their folder is printed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${LP_PYTHON:-/usr/bin/python3}
STEP_TIMEOUT=${LP_STARTER_TIMEOUT:-900}

if [[ ! -x "$PYTHON" ]]; then
  echo "✗ $PYTHON not found: install Debian's python3 (and python3-torch, python3-pytest, …; see .ci/run)" >&2
  exit 1
fi
if [[ ! -f dist/cli.js || ! -f dist/templates.json ]]; then
  echo "dist/cli.js is missing: building"
  node scripts/build.mjs
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lp-starters-XXXXXX")
cleanup() {
  if [[ "${LP_KEEP:-}" == 1 ]]; then echo "kept the scaffolded projects in $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# Offline, CPU-only, quiet, reproducible.
export PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 CUDA_VISIBLE_DEVICES="" MPLBACKEND=Agg
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 PIP_NO_INDEX=1

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# id <TAB> default name <TAB> test command <TAB> smoke command, one starter a line
list=$(node -e '
  const list = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const t of list) {
    if (/[\t\n]/.test(t.testCommand + t.smokeCommand)) throw new Error(`starter ${t.id}: commands must be one line`);
    console.log([t.id, t.defaultName, t.testCommand, t.smokeCommand].join("\t"));
  }
' < <(node dist/cli.js templates --json))

if [[ $# -gt 0 ]]; then
  wanted=" $* "
  list=$(awk -F '\t' -v w="$wanted" 'index(w, " " $1 " ") > 0' <<<"$list")
fi
if [[ -z "$list" ]]; then
  echo "✗ no starters to run" >&2
  exit 1
fi

# "python ..." → "$PYTHON ..."; placeholders filled in with the project's package name.
command_for() {
  local cmd=$1 pkg=$2
  cmd=${cmd//'{{package}}'/$pkg}
  cmd=${cmd//'{{ package }}'/$pkg}
  cmd=${cmd//'{{name}}'/$pkg}
  case "$cmd" in
    "python "*) cmd="$PYTHON ${cmd#python }" ;;
    "python3 "*) cmd="$PYTHON ${cmd#python3 }" ;;
  esac
  printf '%s' "$cmd"
}

# Runs one command in a project, indented, with a time limit; returns its exit code.
run_in() {
  local dir=$1 cmd=$2 log=$3
  set +e
  (cd "$dir" && timeout --kill-after=10 "$STEP_TIMEOUT" bash -c "$cmd") >"$log" 2>&1
  local rc=$?
  set -e
  sed 's/^/      /' "$log"
  return $rc
}

passed=0 failed=0 skipped=0
failures=()
timings=()
summary_lines=()
t_all=$EPOCHREALTIME

while IFS=$'\t' read -r id pkg test_cmd smoke_cmd; do
  [[ -n "$id" ]] || continue
  echo
  echo "--- starter $id"
  dir="$tmp/$id"

  t0=$EPOCHREALTIME
  if ! node dist/cli.js scaffold "$id" "$dir" --name "$pkg"; then
    failures+=("$id: scaffold failed")
    continue
  fi
  t_scaffold=$(elapsed "$t0")

  cmd=$(command_for "$test_cmd" "$pkg")
  echo "    \$ $cmd"
  t0=$EPOCHREALTIME
  log="$tmp/$id.test.log"
  rc=0
  run_in "$dir" "$cmd" "$log" || rc=$?
  t_test=$(elapsed "$t0")
  # pytest's summary ("12 passed, 1 skipped in 3.21s", with or without === borders)
  summary=$(grep -E '[0-9]+ (passed|failed|error|errors|skipped)' "$log" | grep -E ' in [0-9.]+s' | tail -1 || true)
  count() { { grep -oE "[0-9]+ $1" <<<"$summary" || true; } | awk '{ s += $1 } END { print s + 0 }'; }
  p=$(count passed) f=$(( $(count failed) + $(count error) )) s=$(count skipped)
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  if [[ $rc -eq 5 ]]; then
    failures+=("$id: '$cmd' collected no tests (pytest exit 5)")
  elif [[ $rc -eq 124 || $rc -eq 137 ]]; then
    failures+=("$id: '$cmd' timed out after ${STEP_TIMEOUT}s")
  elif [[ $rc -ne 0 ]]; then
    failures+=("$id: '$cmd' failed (exit $rc)")
  elif [[ $p -eq 0 ]]; then
    failures+=("$id: '$cmd' passed no test")
  fi

  cmd=$(command_for "$smoke_cmd" "$pkg")
  echo "    \$ $cmd"
  t0=$EPOCHREALTIME
  log="$tmp/$id.smoke.log"
  rc=0
  rm -f "$dir/outputs/metrics.json"
  run_in "$dir" "$cmd" "$log" || rc=$?
  t_smoke=$(elapsed "$t0")
  if [[ $rc -ne 0 ]]; then
    failures+=("$id: smoke '$cmd' failed (exit $rc)")
  elif [[ ! -s "$dir/outputs/metrics.json" ]]; then
    failures+=("$id: smoke run wrote no outputs/metrics.json")
  elif ! "$PYTHON" -c 'import json, sys; json.load(open(sys.argv[1]))' "$dir/outputs/metrics.json" 2>/dev/null; then
    failures+=("$id: outputs/metrics.json is not valid JSON")
  else
    echo "    outputs/metrics.json: $(head -c 300 "$dir/outputs/metrics.json" | tr -d '\n')$([[ $(wc -c <"$dir/outputs/metrics.json") -gt 300 ]] && echo ' …')"
  fi
  # --- exercises: nothing but the smoke milestone verifies on a fresh scaffold + smoke run;
  # each exercise fails on the scaffold and passes with its reference solution.
  t0=$EPOCHREALTIME
  free=$(node dist/cli.js check "$dir" --json | node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const smoke = j.milestones[0] && j.milestones[0].id;
    console.log(j.milestones.filter((m) => m.verified === true && m.id !== smoke).map((m) => m.id).join(" "));
  ') || free="(check failed)"
  if [[ -n "$free" ]]; then
    failures+=("$id: verified without any work on a fresh scaffold + smoke run: $free")
  fi
  exercises=$(node dist/cli.js check "$dir" --json | node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(j.milestones.filter((m) => m.kind === "tests").map((m) => m.id).join(" "));
  ')
  n_ex=0 n_fail_scaffold=0 n_pass_solution=0
  if [[ -n "$exercises" ]]; then
    read -r -a ex_ids <<<"$exercises"
    n_ex=${#ex_ids[@]}
    # verdicts "<id> <true|false> <reason>" one a line
    verdicts() {
      node dist/cli.js check "$dir" --run-tests --python "$PYTHON" --json 2>"$tmp/$id.check.log" | node -e '
        const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
        for (const m of j.milestones) if (m.kind === "tests") console.log(`${m.id}\t${m.verified}\t${m.reason}`);
      '
    }
    while IFS=$'\t' read -r ex ok reason; do
      if [[ "$ok" == false ]]; then
        n_fail_scaffold=$((n_fail_scaffold + 1))
        echo "    exercise $ex on the scaffold: fails as it should ($reason)"
      else
        failures+=("$id: exercise $ex passes on the fresh scaffold: $reason")
      fi
    done < <(verdicts)
    if [[ $n_fail_scaffold -ne $n_ex ]]; then
      failures+=("$id: only $n_fail_scaffold of $n_ex exercises fail on the fresh scaffold")
    fi
    for ex in "${ex_ids[@]}"; do
      if ! node dist/cli.js solution "$dir" "$ex" --apply >"$tmp/$id.solution.log" 2>&1; then
        failures+=("$id: solution $ex did not apply: $(tr '\n' ' ' <"$tmp/$id.solution.log")")
      fi
    done
    while IFS=$'\t' read -r ex ok reason; do
      if [[ "$ok" == true ]]; then
        n_pass_solution=$((n_pass_solution + 1))
        echo "    exercise $ex with its solution: passes ($reason)"
      else
        failures+=("$id: exercise $ex fails with its reference solution: $reason")
        sed 's/^/      /' "$tmp/$id.check.log" | tail -40
      fi
    done < <(verdicts)
    passed=$((passed + n_pass_solution)) failed=$((failed + n_ex - n_pass_solution))
    # the starter's own suite and smoke run still pass with every solution in place
    rc=0
    run_in "$dir" "$(command_for "$test_cmd" "$pkg")" "$tmp/$id.test2.log" >/dev/null || rc=$?
    [[ $rc -eq 0 ]] || { failures+=("$id: the suite fails with the solutions applied (exit $rc)"); sed 's/^/      /' "$tmp/$id.test2.log" | tail -40; }
    rc=0
    run_in "$dir" "$(command_for "$smoke_cmd" "$pkg")" "$tmp/$id.smoke2.log" >/dev/null || rc=$?
    [[ $rc -eq 0 ]] || { failures+=("$id: the smoke run fails with the solutions applied (exit $rc)"); sed 's/^/      /' "$tmp/$id.smoke2.log" | tail -40; }
  fi
  if [[ $n_ex -lt 4 ]]; then
    failures+=("$id: $n_ex exercises (tests milestones); at least 4 are needed")
  fi
  echo "    $id exercises: $n_ex, failing on scaffold: $n_fail_scaffold, passing with solution: $n_pass_solution"
  t_ex=$(elapsed "$t0")
  timings+=("$(printf '%-30s scaffold %6s s   tests %7s s (%s passed, %s failed, %s skipped)   smoke %7s s   exercises %7s s' "$id" "$t_scaffold" "$t_test" "$p" "$f" "$s" "$t_smoke" "$t_ex")")
  summary_lines+=("$(printf '%-30s exercises: %s, failing on scaffold: %s, passing with solution: %s' "$id" "$n_ex" "$n_fail_scaffold" "$n_pass_solution")")
done <<<"$list"

echo
echo "--- starter timings"
for line in "${timings[@]}"; do echo "  $line"; done
printf '  %-30s %s s\n' "all starters" "$(elapsed "$t_all")"
echo
echo "--- exercises"
for line in "${summary_lines[@]}"; do echo "  $line"; done
if [[ ${#failures[@]} -gt 0 ]]; then
  echo
  for f in "${failures[@]}"; do echo "✗ $f"; done
fi
echo "starters: $passed passed, $failed failed$([[ $skipped -gt 0 ]] && echo ", $skipped skipped")"
[[ ${#failures[@]} -eq 0 ]]
