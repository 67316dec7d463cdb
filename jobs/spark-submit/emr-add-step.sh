#!/usr/bin/env bash
# Adds the monthly-refresh step to a running EMR cluster (EMR release with Spark 4.0.x).
#   jobs/spark-submit/emr-add-step.sh j-CLUSTERID
# The pseudonym key reaches the driver and executors as CSC_PSEUDONYM_KEY from the cluster's
# configuration (e.g. spark-env classification fed from AWS Secrets Manager), not from this script.
set -euo pipefail
cluster="${1:?usage: emr-add-step.sh CLUSTER_ID}"
aws emr add-steps --cluster-id "$cluster" --steps "file://$(dirname "$0")/emr-step.json"
