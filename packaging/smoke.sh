#!/usr/bin/env bash
# Smoke test of the standalone bundle built by `./dev bundle` (packaging/retention-advisor.spec).
#   bash packaging/smoke.sh DIST_FOLDER
# DIST_FOLDER is dist/retention-advisor (Linux, Windows, macOS) or the macOS "Retention
# Advisor.app". Every run happens with no Python, venv or checkout around it: `env -i` with only
# PATH=/usr/bin:/bin, a new HOME, another working folder and the offscreen Qt platform. Stops at
# the first failure with a clear message and exit status 1; prints a summary otherwise.
# Needs only POSIX tools (od, grep, head, wc, mktemp); uses pdffonts when it is installed.
set -u

die() { printf 'smoke: %s\n' "$*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: bash packaging/smoke.sh DIST_FOLDER"
[ -d "$1" ] || die "no such folder: $1"
DIST=$(cd "$1" && pwd)

# The executables. On Windows the spec makes two: retention-advisor.exe (windowed, for the Start
# menu and file associations; it has no console, so it prints nothing) and
# retention-advisor-cli.exe (console) for the headless commands. Elsewhere there is one.
case "$DIST" in
  *.app) GUI="$DIST/Contents/MacOS/retention-advisor" ;;
  *) GUI="$DIST/retention-advisor" ;;
esac
[ -f "$GUI.exe" ] && GUI="$GUI.exe"
CLI="$DIST/retention-advisor-cli.exe"
[ -f "$CLI" ] || CLI="$GUI"
[ -x "$GUI" ] || die "no executable retention-advisor in $DIST"

# The bundled data, wherever the spec put it (_internal/advisor/data/… in a folder; in a macOS
# .app, Contents/Resources/advisor/data/…, which Contents/Frameworks links to).
RESOURCES=$(find "$DIST" -type d -path '*advisor/data/resources' | head -n 1)
[ -n "$RESOURCES" ] || die "no advisor/data/resources in $DIST"
DEMO_EN="$RESOURCES/demo/coffee-roaster.en.retention"
DEMO_FR="$RESOURCES/demo/coffee-roaster.fr.retention"
EXAMPLE="$RESOURCES/examples/bakery.fr.retention"
for file in "$DEMO_EN" "$DEMO_FR" "$EXAMPLE"; do
  [ -f "$file" ] || die "missing bundled file: $file"
done

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$SCRATCH/home" "$SCRATCH/work"
cd "$SCRATCH/work" || die "cannot enter $SCRATCH/work"

# A clean environment. Windows programs also need a few system variables to start at all.
CLEAN_ENV=(PATH=/usr/bin:/bin "HOME=$SCRATCH/home" QT_QPA_PLATFORM=offscreen)
case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*)  # Git Bash: variables a Windows program reads take Windows paths
    CLEAN_ENV+=("SYSTEMROOT=${SYSTEMROOT:-C:\\Windows}" "WINDIR=${WINDIR:-C:\\Windows}"
      "TEMP=$(cygpath -w "$SCRATCH")" "TMP=$(cygpath -w "$SCRATCH")"
      "USERPROFILE=$(cygpath -w "$SCRATCH/home")")
    ;;
esac

PASSED=0
OUT="$SCRATCH/out.txt"
ERR="$SCRATCH/err.txt"

# run NAME EXPECTED_STATUS EXECUTABLE ARGS...: run one command in the clean environment.
run() {
  local name=$1 expected=$2 status
  shift 2
  env -i "${CLEAN_ENV[@]}" "$@" >"$OUT" 2>"$ERR" </dev/null
  status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "$name" "exit status $status, expected $expected (${1##*/} ${*:2})"
  fi
}

fail() {
  printf 'smoke: FAILED: %s: %s\n' "$1" "$2" >&2
  printf -- '--- stdout (last 20 lines)\n' >&2
  tail -n 20 "$OUT" >&2 2>/dev/null
  printf -- '--- stderr (last 20 lines)\n' >&2
  tail -n 20 "$ERR" >&2 2>/dev/null
  exit 1
}

ok() {
  PASSED=$((PASSED + 1))
  printf 'ok  %s\n' "$1"
}

# expect_in NAME FILE PATTERN: FILE holds a line matching the extended regular expression.
expect_in() { grep -Eq -- "$3" "$2" || fail "$1" "no line matching '$3' in its ${2##*/}"; }
magic() { head -c "$2" "$1" | od -An -tx1 | tr -d ' \n'; }
expect_png() {
  [ "$(magic "$2" 8)" = 89504e470d0a1a0a ] || fail "$1" "$2 is not a PNG file"
  [ "$(wc -c <"$2")" -gt 10000 ] || fail "$1" "$2 is suspiciously small"
}
expect_pdf() {
  [ "$(magic "$2" 4)" = 25504446 ] || fail "$1" "$2 does not start with %PDF"
  if command -v pdffonts >/dev/null 2>&1; then
    pdffonts "$2" >"$OUT" 2>&1 || fail "$1" "pdffonts cannot read $2"
    expect_in "$1" "$OUT" 'DejaVuSans +TrueType.* yes +yes'
  else
    # The font dictionaries are plain text in reportlab's PDFs; the font file is embedded when
    # a FontFile2 stream is named.
    grep -aq 'DejaVuSans' "$2" || fail "$1" "no DejaVu Sans font in $2"
    grep -aq 'FontFile2' "$2" || fail "$1" "the font is not embedded in $2"
  fi
}

START=$(date +%s)

run "--version" 0 "$CLI" --version
expect_in "--version" "$OUT" '^Retention Advisor [0-9]'
ok "--version: $(head -n 1 "$OUT" | tr -d '\r')"

run "window, English" 0 "$GUI" --demo --lang en --screenshot "$SCRATCH/en.png"
expect_png "window, English" "$SCRATCH/en.png"
ok "window, English: demo on the profile step rendered to PNG"

run "window, French, KPI step" 0 "$GUI" --demo --lang fr --page kpis --screenshot "$SCRATCH/fr.png"
expect_png "window, French, KPI step" "$SCRATCH/fr.png"
ok "window, French: KPI step (QtCharts) rendered to PNG"

run "window, plan step" 0 "$GUI" "$EXAMPLE" --lang fr --page plan --screenshot "$SCRATCH/plan.png"
expect_png "window, plan step" "$SCRATCH/plan.png"
ok "window: a sample business opened on the plan step"

run "validate" 0 "$CLI" validate "$DEMO_EN"
expect_in "validate" "$OUT" 'valid project'
ok "validate: the bundled demo"

run "validate, French" 0 "$CLI" validate --lang fr "$DEMO_FR"
expect_in "validate, French" "$OUT" 'projet valide'
ok "validate, French: the French catalogue is loaded"

run "kpis --json" 0 "$CLI" kpis --json "$DEMO_EN"
expect_in "kpis --json" "$OUT" '^[[{]'
ok "kpis --json: the demo's KPIs"

run "plan --json" 0 "$CLI" plan --json "$EXAMPLE"
expect_in "plan --json" "$OUT" '^[[{]'
expect_in "plan --json" "$OUT" 'playbook'
ok "plan --json: a sample business ranked against the bundled playbooks"

run "export, English" 0 "$CLI" export "$DEMO_EN" -o "$SCRATCH/work/plan-en.pdf"
expect_pdf "export, English" "$SCRATCH/work/plan-en.pdf"
ok "export, English: PDF with DejaVu Sans embedded"

run "export, French" 0 "$CLI" export --lang fr "$DEMO_FR" -o plan-fr.pdf
expect_in "export, French" "$OUT" "plan d"
expect_pdf "export, French" "$SCRATCH/work/plan-fr.pdf"
ok "export, French: PDF with DejaVu Sans embedded"

cat >orders.csv <<'CSV'
order_id,order_date,status,order_total,customer_id,customer_email
700,2025-01-03,completed,60.00,12,ann@example.fr
701,2025-01-09,completed,20.00,13,bob@example.fr
702,2025-02-11,failed,20.00,13,bob@example.fr
703,2025-02-12,completed,35.00,13,bob@example.fr
704,2025-02-20,completed,15.00,12,ann@example.fr
705,2025-03-02,completed,42.50,14,cleo@example.fr
706,2025-04-15,completed,18.00,12,ann@example.fr
CSV
run "analyze" 0 "$CLI" analyze orders.csv --at-risk at-risk.csv
[ -s "$OUT" ] || fail "analyze" "printed nothing"
[ -f at-risk.csv ] || fail "analyze" "did not write at-risk.csv"
run "analyze --json" 0 "$CLI" analyze --json orders.csv
expect_in "analyze --json" "$OUT" '^[[{]'
ok "analyze: a small orders export (pandas), summary, JSON and at-risk CSV"

run "export --orders" 0 "$CLI" export "$DEMO_EN" --orders orders.csv -o with-orders.pdf
expect_pdf "export --orders" "$SCRATCH/work/with-orders.pdf"
ok "export --orders: PDF with the cohort heat map and RFM segments"

run "playbooks check" 0 "$CLI" playbooks check
expect_in "playbooks check" "$OUT" 'playbooks?, all valid'
ok "playbooks check: $(head -n 1 "$OUT" | tr -d '\r')"

for command in "validate" "export -o out.pdf" ""; do
  # shellcheck disable=SC2086  # the command and its options are separate words
  run "missing file (${command:-open})" 2 "$CLI" $command missing.retention
  # One line of ours, naming the file, last on stderr (Qt may warn before it, e.g. about a
  # C locale, when it starts for the window), and no traceback.
  name="missing file (${command:-open})"
  [ "$(grep -c '^retention-advisor: ' "$ERR")" -eq 1 ] || fail "$name" "not one message line"
  tail -n 1 "$ERR" | grep -q '^retention-advisor: .*missing\.retention' \
    || fail "$name" "the last line on stderr is not a message naming the file"
  grep -q Traceback "$ERR" && fail "$name" "a traceback on stderr"
done
ok "bad input: a missing file gives exit 2 and one line on stderr (validate, export, open)"

printf '\nsmoke: all %d checks passed in %ss (%s)\n' "$PASSED" "$(($(date +%s) - START))" "$GUI"
