#!/usr/bin/env bash
# Prints the path of a helm binary: the machine's, or one built from the Go module proxy into .infra/bin once.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$ROOT/.infra/bin"
HELM_VERSION="v3.16.4"
if command -v helm >/dev/null 2>&1; then command -v helm; exit 0; fi
if [[ ! -x "$BIN/helm" ]]; then
  command -v go >/dev/null || { echo "helm is missing and there is no Go toolchain to build it" >&2; exit 1; }
  echo "[tools] building helm $HELM_VERSION from the Go module proxy (a few minutes, once)" >&2
  GOBIN="$BIN" go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
fi
echo "$BIN/helm"
