#!/usr/bin/env bash
# Heap per idle connection by field path (eighth session): DUMP from jcmd <server pid> GC.heap_dump while the
# benchmark's idle scenario holds CONNECTIONS open.  docs/benchmark/s8-heap/run.sh DUMP CONNECTIONS [ANCHOR DEPTH TOP SKIP]
# Needs the NetBeans profiler's heap library (Maven Central), fetched here; not a dependency of the project.
set -euo pipefail
lib=org.netbeans.modules:org-netbeans-lib-profiler:RELEASE190
mvn -B -q dependency:get -Dartifact=$lib -Dtransitive=false >/dev/null
jar=~/.m2/repository/org/netbeans/modules/org-netbeans-lib-profiler/RELEASE190/org-netbeans-lib-profiler-RELEASE190.jar
java -Xmx8g -cp "$jar" "$(dirname "$0")/HeapPaths.java" "$1" "${3:-org.glassfish.grizzly.nio.transport.TCPNIOConnection}" "$2" "${4:-7}" "${5:-30}" "${6:-4}"
