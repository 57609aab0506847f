#!/usr/bin/env bash
# Checks an Arbiter eval HTML report in a real headless Chromium (Debian's `chromium` package).
#
#   scripts/check-report-html.sh REPORT.html [SCREENSHOT.png]
#
# 1. Static: the file is self-contained (no http(s) URL in src/href, no url(...) or @import, no <link>).
# 2. It renders the report with
#      chromium --headless --no-sandbox --disable-gpu --disable-background-networking --dump-dom
#    (every host name resolves to nothing, so any network access would fail) and checks the rendered DOM:
#    the report's script ran to its end (data-ready="true" on <html>), the charts and tables are there
#    (#metric-bars, #case-table with at least one row; for a comparison also #regressions and #comparison-bars).
# 3. It fails on any message the page wrote to the console, an uncaught JavaScript error included.
# 4. With a second argument, it also writes a screenshot of the page (1280 px wide) there.
#
# Exit code 0 when every check passes; 1 with the failed checks listed otherwise; 2 on a usage error.
# CHROMIUM=/path/to/chromium overrides the browser (default: chromium on the PATH).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 REPORT.html [SCREENSHOT.png]" >&2
  exit 2
fi
report=$(realpath "$1")
screenshot=${2:-}
browser=${CHROMIUM:-chromium}
if [[ ! -f "$report" ]]; then
  echo "no such report: $report" >&2
  exit 2
fi
if ! command -v "$browser" >/dev/null; then
  echo "chromium not found (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=()

# 1. self-contained
if grep -Eiq '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(https?:)?//|url\(|@import|<link[[:space:]]' "$report"; then
  failures+=("the report refers to an external resource: $(grep -Eio '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?[^"'"'"' >]*|url\([^)]*\)|@import[^;]*|<link[^>]*' "$report" | head -3 | tr '\n' ' ')")
fi

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run
       --user-data-dir="$work/profile" --host-resolver-rules="MAP * ~NOTFOUND"
       --enable-logging=stderr --v=0)

# 2. render and dump the DOM
if ! timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$report" >"$work/dom.html" 2>"$work/console.log"; then
  failures+=("chromium failed to render the report: $(grep -v dbus "$work/console.log" | tail -3 | tr '\n' ' ')")
fi
dom="$work/dom.html"
grep -q '<html[^>]*data-ready="true"' "$dom" || failures+=("the report's script did not run to its end (no data-ready=\"true\")")
for id in metric-bars case-table; do
  grep -q "id=\"$id\"" "$dom" || failures+=("element #$id is missing")
done
if grep -q 'id="comparison-bars"' "$report"; then
  grep -q 'id="regressions"' "$dom" || failures+=("comparison report without #regressions")
fi
rows=$(grep -c '<tr class="case' "$dom" || true)
[[ "$rows" -gt 0 ]] || failures+=("the case table has no rows")

# 3. console messages (an uncaught error is logged as INFO:CONSOLE "Uncaught ...")
if grep -q ':CONSOLE' "$work/console.log"; then
  failures+=("the page wrote to the console: $(grep ':CONSOLE' "$work/console.log" | head -3 | sed 's/^.*CONSOLE[^]]*\] //' | tr '\n' ' ')")
fi

# 4. screenshot
if [[ -n "$screenshot" ]]; then
  mkdir -p "$(dirname "$screenshot")"
  timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1280,2600 \
      --screenshot="$(realpath -m "$screenshot")" "file://$report" >/dev/null 2>&1 \
    || failures+=("chromium failed to take the screenshot")
  [[ -s "$screenshot" ]] || failures+=("no screenshot was written to $screenshot")
fi

if [[ ${#failures[@]} -gt 0 ]]; then
  echo "report check FAILED: $report"
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
echo "report check passed: $report ($rows case rows, script ran, no console messages, self-contained)"
