# Shared by run.sh and test.sh: checks the toolchain, installs the project's local tools (npm and .NET), builds the browser snippet.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

require() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is not installed ($2)" >&2; exit 1; }
}

ensure_tools() {
  require dotnet "install the .NET 10 SDK"
  require node "install Node.js 20"
  require npm "install Node.js 20 (npm comes with it)"
  if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/esbuild/package.json ]; then
    echo "==> installing Azurite and esbuild into ./node_modules (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # dotnet-counters and dotnet-trace, pinned in .config/dotnet-tools.json (BENCHMARKS.md, "Profiling the collector").
  echo "==> restoring the .NET local tools (dotnet tool restore)"
  dotnet tool restore >/dev/null
}

# The browser snippet: shared/Collect/Snippet/src minified by esbuild into shared/Collect/Snippet/dist, which the
# collector embeds. Prints each script's size raw and gzipped. (A plain dotnet build runs it too when dist/ is stale.)
build_snippet() {
  echo "==> building the browser snippet"
  node scripts/build-snippet.mjs
}

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing Chromium for the browser tests (apt-get install chromium)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: /usr/bin/chromium is missing and this is not root: the browser tests will be skipped" \
      "(install it with 'sudo apt-get install chromium'; with CI=true they fail instead)" >&2
  fi
}

# Country names in many languages come from ICU; without it .NET would run with invariant globalization data and
# read only country codes (GlobalizationDataTests fails then).
ensure_icu() {
  if ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so'; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing ICU (apt-get install libicu)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    local package
    package="$(apt-cache pkgnames libicu | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${package:-libicu-dev}" >/dev/null
  else
    echo "warning: ICU (libicu) is missing and this is not root: country names will not be read" \
      "(install it with 'sudo apt-get install libicu72' or your release's libicu package)" >&2
  fi
}
