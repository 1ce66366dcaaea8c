#!/usr/bin/env bash
# Prints two lines: the path of a kubeconform binary, and the schema location template for its -schema-location.
# kubeconform is the machine's or built from the Go module proxy into .infra/bin once. Its schemas, which it would
# otherwise fetch from GitHub, come from PyPI's kubernetes-validate package (the same JSON schemas, one folder per
# Kubernetes version), unpacked into .infra/k8s-schemas once: no network but the package registries is needed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$ROOT/.infra/bin"
SCHEMAS="$ROOT/.infra/k8s-schemas"
KUBECONFORM_VERSION="v0.6.7"
SCHEMAS_PACKAGE="kubernetes-validate==1.37.0"
K8S_VERSION="1.33.0"
# The kinds the chart renders. A kind missing here is a schema kubeconform cannot find: add it (the schemas are
# unpacked again when this list changes).
KINDS="configmap-v1 service-v1 serviceaccount-v1 secret-v1 deployment-apps-v1 horizontalpodautoscaler-autoscaling-v2 poddisruptionbudget-policy-v1 networkpolicy-networking-v1"

if command -v kubeconform >/dev/null 2>&1; then
  kubeconform="$(command -v kubeconform)"
else
  kubeconform="$BIN/kubeconform"
  if [[ ! -x "$kubeconform" ]]; then
    command -v go >/dev/null || { echo "kubeconform is missing and there is no Go toolchain to build it" >&2; exit 1; }
    echo "[tools] building kubeconform $KUBECONFORM_VERSION from the Go module proxy (once)" >&2
    GOBIN="$BIN" go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" >&2
  fi
fi

folder="$SCHEMAS/kubernetes_validate/kubernetes-json-schema/v$K8S_VERSION-local-strict"
if [[ "$(cat "$folder/.complete" 2>/dev/null)" != "$KINDS" ]]; then
  command -v python3 >/dev/null || { echo "the Kubernetes schemas come from PyPI, and there is no python3 to fetch them" >&2; exit 1; }
  echo "[tools] fetching Kubernetes $K8S_VERSION JSON schemas ($SCHEMAS_PACKAGE from PyPI, once)" >&2
  download="$(mktemp -d)"
  python3 -m pip download --no-deps --quiet --dest "$download" "$SCHEMAS_PACKAGE" >&2
  mkdir -p "$SCHEMAS"
  python3 - "$download"/*.whl "$SCHEMAS" "kubernetes_validate/kubernetes-json-schema/v$K8S_VERSION-local-strict/" "$KINDS" <<'PY'
import sys, zipfile
wheel, target, prefix, kinds = sys.argv[1:5]
import json, os
# The package's schemas point into one shared _definitions.json by an absolute "/api/..." reference that
# kubeconform cannot follow; each kind's schema is written standalone instead, with the definitions it refers to
# inlined as its own $defs.
kinds = kinds.split()
with zipfile.ZipFile(wheel) as archive:
    definitions = json.loads(archive.read(prefix + '_definitions.json'))['$defs']
    os.makedirs(os.path.join(target, prefix), exist_ok=True)
    for kind in kinds:
        text = archive.read(prefix + kind + '.json').decode('utf-8').replace('"/api/_definitions.json#/$defs/', '"#/$defs/')
        schema = json.loads(text)
        schema['$defs'] = definitions
        with open(os.path.join(target, prefix, kind + '.json'), 'w', encoding='utf-8') as out:
            json.dump(schema, out)
PY
  rm -rf "$download"
  printf '%s' "$KINDS" > "$folder/.complete"
fi
echo "$kubeconform"
# kubeconform's template: the folder of our version, the file of each kind (e.g. deployment-apps-v1.json).
echo "$folder/{{ .ResourceKind }}{{ .KindSuffix }}.json"
