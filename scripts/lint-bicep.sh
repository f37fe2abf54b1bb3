#!/usr/bin/env bash
# Builds and lints infra/ with the Bicep CLI restored from NuGet (tools/Bicep), offline once restored.
# Fails on any error and on any linter warning: `bicep lint` exits 0 when it only warns.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

find_bicep() {
  if [[ -n "${BICEP_PATH:-}" ]]; then
    echo "$BICEP_PATH"
    return
  fi
  dotnet restore tools/Bicep/Bicep.csproj --verbosity quiet >&2
  local package_dir
  package_dir="$(dotnet msbuild tools/Bicep/Bicep.csproj -nologo \
    -getProperty:PkgAzure_Bicep_CommandLine_linux-x64 2>/dev/null | tr -d '[:space:]')"
  if [[ -z "$package_dir" ]]; then
    # Older SDKs without -getProperty: the package cache layout is <cache>/<id>/<version>/.
    local cache version
    cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
    version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)"
    package_dir="${cache%/}/azure.bicep.commandline.linux-x64/$version"
  fi
  echo "$package_dir/tools/bicep"
}

bicep="$(find_bicep)"
if [[ ! -f "$bicep" ]]; then
  echo "lint-bicep: Bicep CLI not found at $bicep" >&2
  exit 2
fi
chmod +x "$bicep"
echo "Using $("$bicep" --version)"

status=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Build the whole template (modules included), then lint every file on its own so a module's warnings
# show with its own path even where main.bicep does not reach it.
if ! "$bicep" build infra/main.bicep --stdout --diagnostics-format default >/dev/null 2>>"$log"; then
  status=1
fi
while IFS= read -r file; do
  if ! "$bicep" lint "$file" --diagnostics-format default >>"$log" 2>&1; then
    status=1
  fi
  # One canonical layout keeps diffs small; fix with: bicep format <file>
  if ! "$bicep" format "$file" --stdout 2>>"$log" | diff -q - "$file" >/dev/null; then
    echo "$file : Warning format: not in \`bicep format\` layout" >>"$log"
  fi
done < <(find infra -name '*.bicep' | sort)

if [[ -s "$log" ]]; then
  sort -u "$log"
fi
if grep -Eq ': (Warning|Error) ' "$log"; then
  status=1
fi

if [[ $status -ne 0 ]]; then
  echo "lint-bicep: FAILED (errors or warnings above)" >&2
  exit 1
fi
echo "lint-bicep: OK, no errors or warnings"
