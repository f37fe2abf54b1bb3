# Shared by run.sh and test.sh: checks the toolchain and installs the project's local tools.
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
  if [ ! -x node_modules/.bin/azurite ]; then
    echo "==> installing Azurite into ./node_modules (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
