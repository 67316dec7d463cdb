#!/usr/bin/env bash
# Cluster-mode check (architecture.md section 1): the same jar on a Spark standalone cluster gives the same
# trends.csv as a local-mode run. Starts a master and two workers on 127.0.0.1 from the Maven-resolved jars
# (target/classpath.txt; no Spark download), submits `csc run` through org.apache.spark.deploy.SparkSubmit,
# runs the same drop in local mode, compares the two trends.csv (sorted), and stops the cluster on exit.
#
#   jobs/cluster/run-cluster-check.sh [--scale FACTOR] [--from YEAR] [--to YEAR] [--keep]
#
# Needs JDK 17 and Maven only. Exit 0 when the outputs are identical, 1 otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scale=0.02 from=2024 to=2024 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --from) from="$2"; shift 2 ;;
    --to) to="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--scale FACTOR] [--from YEAR] [--to YEAR] [--keep]" >&2; exit 2 ;;
  esac
done

jar="$here/target/csc-lakehouse.jar"
cp_file="$here/target/classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ]; then
  (cd "$here" && mvn -B -q -DskipTests package)
fi
cp="$jar:$(cat "$cp_file")"

# the --add-opens list of the ./csc launcher (Java 17), for the daemons, the driver and the executors
flags="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true -Duser.timezone=UTC"

work="$(mktemp -d "${TMPDIR:-/tmp}/csc-cluster-check.XXXXXX")"
mkdir -p "$work/events"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$keep" = 1 ]; then echo "[cluster] kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# A SPARK_HOME made of links to the Maven-resolved jars: the standalone worker builds executor
# command lines from $SPARK_HOME/jars (WorkerCommandBuilder), so executors get Spark, Delta and the
# pipeline's own dependencies from there.
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$work/logs"
mkdir -p "$SPARK_HOME/jars" "$SPARK_LOG_DIR" "$SPARK_HOME/conf"
tr ':' '\n' <<<"$cp" | while read -r j; do [ -n "$j" ] && ln -sf "$j" "$SPARK_HOME/jars/"; done
export CSC_PSEUDONYM_KEY="${CSC_PSEUDONYM_KEY:-cluster-check-key-synthetic-data-only}"

mport=7077
if (exec 3<>/dev/tcp/127.0.0.1/7077) 2>/dev/null; then mport="$(free_port)"; fi
master="spark://127.0.0.1:$mport"
echo "[cluster] master $master (SPARK_HOME=$SPARK_HOME)" >&2
# the jar's log4j2.properties logs WARN only; the daemons log INFO to their own files
printf 'rootLogger.level = info\nrootLogger.appenderRef.stdout.ref = console\nappender.console.type = Console\nappender.console.name = console\nappender.console.layout.type = PatternLayout\nappender.console.layout.pattern = %%d{HH:mm:ss} %%p %%c{1}: %%m%%n\n' \
  >"$SPARK_HOME/conf/log4j2-daemons.properties"
dflags="$flags -Dlog4j2.configurationFile=$SPARK_HOME/conf/log4j2-daemons.properties"
ui="$(free_port)"
# shellcheck disable=SC2086
java $dflags -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$mport" \
  --webui-port "$ui" >"$SPARK_LOG_DIR/master.log" 2>&1 &
pids+=($!)
# master state from its web UI's JSON (status ALIVE, number of alive workers)
state() { python3 - "$ui" <<'PY' 2>/dev/null || echo "DOWN 0"
import json, sys, urllib.request
j = json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/" % sys.argv[1], timeout=5))
print(j.get("status"), j.get("aliveworkers", 0))
PY
}
for _ in $(seq 1 180); do
  [ "$(state | cut -d' ' -f1)" = ALIVE ] && break
  sleep 1
done
[ "$(state | cut -d' ' -f1)" = ALIVE ] || { echo "[cluster] master did not start" >&2; tail -20 "$SPARK_LOG_DIR/master.log" >&2; exit 1; }
for w in 1 2; do
  # shellcheck disable=SC2086
  java $dflags -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "$(free_port)" \
    --webui-port "$(free_port)" --cores 1 --memory 1536m --work-dir "$work/worker$w" "$master" \
    >"$SPARK_LOG_DIR/worker$w.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 180); do
  [ "$(state | cut -d' ' -f2)" -ge 2 ] && break
  sleep 1
done
[ "$(state | cut -d' ' -f2)" -ge 2 ] || { echo "[cluster] workers did not register" >&2; tail -20 "$SPARK_LOG_DIR"/worker*.log >&2; exit 1; }
echo "[cluster] two workers registered" >&2

drop="$work/drop"
# shellcheck disable=SC2086
java $flags -cp "$cp" csc.lakehouse.cli.Csc generate --out "$drop" --scale "$scale" --from "$from" --to "$to" >&2

t0=$(date +%s)
# client mode: this JVM is the driver, so the driver flags go on its command line as well as in the conf.
# No --master after the main class: SparkSessions.embedded keeps spark-submit's master.
# shellcheck disable=SC2086
java $flags -Xmx1g -cp "$cp" org.apache.spark.deploy.SparkSubmit \
  --master "$master" --deploy-mode client --name csc-cluster-check \
  --class csc.lakehouse.cli.Csc \
  --conf "spark.driver.extraJavaOptions=$flags" --conf "spark.executor.extraJavaOptions=$flags" \
  --conf spark.executor.memory=1g --conf spark.cores.max=2 --conf spark.executor.cores=1 \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf "spark.executorEnv.CSC_PSEUDONYM_KEY=$CSC_PSEUDONYM_KEY" \
  --conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false --conf "spark.eventLog.dir=file://$work/events" \
  "$jar" run --input "$drop" --lakehouse "$work/lake-cluster" --out "$work/out-cluster" >&2
t1=$(date +%s)
grep -h "Launching executor\|Executor app-.* finished with state" "$SPARK_LOG_DIR"/worker*.log | head -4 >&2 || true
# where the tasks ran, from the application's event log: every task on a worker's executor, none in the driver
tasks="$(python3 - "$work/events" <<'PY'
import collections, json, os, sys
n = collections.Counter()
# Spark 4 writes a folder per application (eventlog_v2_<app>/events_<n>_<app>, rolled)
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        if not f.startswith("events_"):
            continue
        for line in open(os.path.join(d, f)):
            e = json.loads(line)
            if e.get("Event") == "SparkListenerTaskEnd":
                n[e["Task Info"]["Executor ID"]] += 1
print(" ".join("executor_%s=%d" % kv for kv in sorted(n.items())) or "none")
PY
)"
echo "[cluster] tasks per executor: $tasks" >&2
case "$tasks" in *driver*|none) echo "cluster-check FAILED: tasks did not run on the workers' executors ($tasks)"; exit 1 ;; esac

# shellcheck disable=SC2086
java $flags -cp "$cp" csc.lakehouse.cli.Csc run --master 'local[2]' --input "$drop" --lakehouse "$work/lake-local" \
  --out "$work/out-local" >&2
t2=$(date +%s)

a="$work/out-cluster/trends.csv" b="$work/out-local/trends.csv"
if cmp -s "$a" "$b"; then
  result="byte-identical"
elif diff <(sort "$a") <(sort "$b") >/dev/null; then
  result="identical after sorting"
else
  echo "[cluster] trends.csv differs:" >&2
  diff <(sort "$a") <(sort "$b") | head -20 >&2
  echo "cluster-check FAILED rows_cluster=$(wc -l <"$a") rows_local=$(wc -l <"$b")"
  exit 1
fi
echo "cluster-check OK trends.csv $result ($(($(wc -l <"$a") - 1)) rows) master=$master $tasks cluster_run_s=$((t1 - t0)) local_run_s=$((t2 - t1))"
