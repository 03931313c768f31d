#!/usr/bin/env bash
# The apps in a stock Wagtail site (issue 17's "done when"): build the wheel and the sdist,
# check them, install the wheel (no extras) in a fresh virtualenv, `wagtail start mysite`,
# add the legal library, the procedure catalogue and the search page as the README says,
# migrate, publish a document and a procedure under the host's home page and read the
# public pages; no migration left to make; then add the questions and answers and send a
# question through the real public form. Prints each step and its time; on a failure, the
# step's output and exit 1. Everything happens in a temporary folder, removed at the end.
#
#   .ci/plugin_site.sh            PLUGIN_SITE_PYTHON=python3.12 .ci/plugin_site.sh
#   PLUGIN_SITE_KEEP=1 .ci/plugin_site.sh   # keep the folder to look at the site
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
HERE=$REPO/.ci/plugin_site
PYTHON=${PLUGIN_SITE_PYTHON:-python3.11}
BUILD_PYTHON=${BUILD_PYTHON:-$REPO/.venv/bin/python}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/plugin_site.XXXXXX")
cleanup() {
  if [[ -n "${PLUGIN_SITE_KEEP:-}" ]]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
    echo "== plugin site: removed $WORK; $((SECONDS - START))s in all"
  fi
}
trap cleanup EXIT
START=$SECONDS

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# step NAME COMMAND...: runs COMMAND in the site folder (once it exists), its output in a
# log; prints the step's time, and the log followed by exit 1 when it fails.
step() {
  local name=$1 log started
  shift
  log="$WORK/log.$((++STEP_NO))"
  started=$EPOCHREALTIME
  printf '== plugin site %-44s' "$name"
  if (cd "${SITE:-$WORK}" && "$@") >"$log" 2>&1; then
    printf ' ok   %6.1fs\n' "$(elapsed "$started")"
    if [[ -n "${SHOW:-}" ]]; then sed 's/^/   | /' "$log"; fi
  else
    local rc=$?
    printf ' FAILED (exit %s) after %.1fs\n' "$rc" "$(elapsed "$started")"
    echo "---- output of \"$name\" ----"
    cat "$log"
    echo "---- plugin site FAILED at \"$name\" ($((SECONDS - START))s) ----"
    exit 1
  fi
}
STEP_NO=0
SITE=""

step "build the wheel and the sdist" "$BUILD_PYTHON" -m build --outdir "$WORK/dist" "$REPO"
WHEEL=$(ls "$WORK"/dist/*.whl)
SDIST=$(ls "$WORK"/dist/*.tar.gz)
step "twine check" "$BUILD_PYTHON" -m twine check --strict "$WHEEL" "$SDIST"
SHOW=1 step "wheel and sdist contents" "$BUILD_PYTHON" "$REPO/scripts/check_dist.py" "$WHEEL" "$SDIST"
step "fresh virtualenv ($PYTHON)" "$PYTHON" -m venv "$WORK/venv"
VENV=$WORK/venv/bin
# --no-compile: byte code is written on import for what runs; compiling all of Wagtail and
# Django here and deleting it again at the end would double the step's time.
step "pip install the wheel (no extras)" "$VENV/python" -m pip install --quiet --no-compile "$WHEEL"
mkdir "$WORK/site"
step "wagtail start mysite" "$VENV/wagtail" start mysite "$WORK/site"
SITE=$WORK/site
MANAGE=("$VENV/python" manage.py)
export DJANGO_SETTINGS_MODULE=mysite.settings.dev

SHOW=1 step "add the library, procedures, search" "$VENV/python" "$HERE/configure.py" "$SITE" library
# migrate runs the system checks first (portal.E010-E012 name what the site lacks) and stops
# on an error, whose output is then shown.
step "migrate (system checks first)" "${MANAGE[@]}" migrate --noinput
SHOW=1 step "library: pages and requests" sh -c '"$0" manage.py shell --no-imports <"$1"' "$VENV/python" "$HERE/library.py"
step "makemigrations --check --dry-run" "${MANAGE[@]}" makemigrations --check --dry-run

SHOW=1 step "add the questions and answers" "$VENV/python" "$HERE/configure.py" "$SITE" qa
step "migrate the Q&A (system checks first)" "${MANAGE[@]}" migrate --noinput
# No setup_portal: the README asks for it only with the editorial board (roles, workflow) or
# the portal's home page, neither of which this site installs.
SHOW=1 step "Q&A: a question through the public form" sh -c '"$0" manage.py shell --no-imports <"$1"' "$VENV/python" "$HERE/ask.py"
step "makemigrations --check --dry-run (Q&A)" "${MANAGE[@]}" makemigrations --check --dry-run

echo "== plugin site passed in $((SECONDS - START))s"
