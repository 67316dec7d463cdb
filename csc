#!/usr/bin/env bash
# csc-lakehouse launcher: builds the jar when it is missing or older than the sources, then runs the
# CLI with the JVM flags Spark needs on Java 17. Needs only JDK 17 and Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/csc-lakehouse.jar"
cp_file="$here/target/classpath.txt"

stale() {
  [ -f "$jar" ] && [ -f "$cp_file" ] || return 0
  [ -n "$(find "$here/pom.xml" "$here/src/main" "$here/data-schemas" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "[csc] building (first run, or sources changed)..." >&2
  commit="$(git -C "$here" rev-parse --short HEAD 2>/dev/null || true)"
  if ! mvn -B -q -f "$here/pom.xml" -DskipTests -Dcsc.commit="$commit" package >"$here/target-build.log" 2>&1; then
    echo "[csc] build failed; see $here/target-build.log" >&2
    tail -n 30 "$here/target-build.log" >&2
    exit 1
  fi
  rm -f "$here/target-build.log"
fi

flags=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Duser.timezone=UTC)

# run from a copy named by the jar's checksum: a later build (another ./csc started after a source edit) rewrites
# target/csc-lakehouse.jar in place, which would break a JVM still reading it ("ZipFile invalid LOC header")
run_jar="$here/target/launch/csc-lakehouse-$(cksum < "$jar" | cut -d' ' -f1).jar"
if [ ! -f "$run_jar" ]; then
  mkdir -p "$here/target/launch"
  cp -p "$jar" "$run_jar.$$" && mv -f "$run_jar.$$" "$run_jar"
fi

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
umask 077   # lakehouse folders and outputs: readable by the owner only
exec java "${flags[@]}" ${CSC_JAVA_OPTS:--Xmx4g} -cp "$run_jar:$(cat "$cp_file")" csc.lakehouse.cli.Csc "$@"
