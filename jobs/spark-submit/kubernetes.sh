#!/usr/bin/env bash
# spark-submit to Kubernetes (cluster mode). Needs SPARK_HOME (Spark 4.0.1) and a kube context.
#   K8S_API=https://k8s.example.org:6443 jobs/spark-submit/kubernetes.sh 2026-02-28
set -euo pipefail
as_at="${1:?usage: kubernetes.sh AS_AT_DATE}"
here="$(cd "$(dirname "$0")" && pwd)"
"${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" \
  --master "k8s://${K8S_API:?set K8S_API}" \
  --deploy-mode cluster \
  --name csc-lakehouse-run \
  --class csc.lakehouse.cli.Csc \
  --properties-file "$here/spark-defaults-k8s.conf" \
  local:///opt/csc/csc-lakehouse.jar \
  run \
  --input s3a://csc-drops/latest \
  --lakehouse s3a://csc-lake/csc \
  --out s3a://csc-published/latest \
  --as-at "$as_at"
