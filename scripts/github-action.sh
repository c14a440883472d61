#!/usr/bin/env bash
# The Coffer GitHub Action's entry point (see action.yml): find or build the coffer binary, then let it
# do the work (`coffer action` reads the INPUT_* and GITHUB_* variables).
#   github-action.sh --find   only says whether a binary is at hand: found=true|false to GITHUB_OUTPUT
#                             (action.yml installs .NET 10 when it is not, so the build below can run)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

coffer="${COFFER_BIN:-}"
if [ -z "$coffer" ] && command -v coffer >/dev/null; then coffer="$(command -v coffer)"; fi
if [ -z "$coffer" ] && [ -x "$here/artifacts/bin/coffer" ]; then coffer="$here/artifacts/bin/coffer"; fi

if [ "${1:-}" = "--find" ]; then
  if [ -n "$coffer" ]; then found=true; else found=false; fi
  echo "found=$found" >> "${GITHUB_OUTPUT:-/dev/stdout}"
  exit 0
fi

if [ -z "$coffer" ]; then
  out="${RUNNER_TEMP:-/tmp}/coffer-action-bin"
  echo "Building coffer (NativeAOT, about a minute) into $out" >&2
  dotnet publish "$here/src/Coffer.Cli" -c Release -o "$out" --nologo -v quiet >&2
  coffer="$out/coffer"
fi
exec "$coffer" action
