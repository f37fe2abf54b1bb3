#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test suite. CI runs exactly this.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools
ensure_chromium
ensure_icu

# The status page's browser test drives Debian's Chromium; install it when we can.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing chromium (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

build_snippet

echo "==> build"
dotnet build Pipeline.sln --nologo -v quiet -clp:ErrorsOnly

if [ -f scripts/lint-bicep.sh ]; then
  echo "==> bicep build + lint"
  bash scripts/lint-bicep.sh
fi

echo "==> tests"
LOG="$(mktemp)"
set +e
dotnet test Pipeline.sln --no-build --nologo 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e

# One closing line summed over every test project.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) }
         if ($i == "Passed:")  { p += $(i+1) }
         if ($i == "Skipped:") { s += $(i+1) }
       }
     }
     END { gsub(",", "", p); printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$LOG"
rm -f "$LOG"
exit "$STATUS"
