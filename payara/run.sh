#!/usr/bin/env bash
# Builds the WAR and runs the chat on Payara Micro: http://localhost:${CHAT_PORT:-8080}/
# Redis: the one answering on 127.0.0.1:6379 if any; otherwise this script starts one from the binary
# shipped in the embedded-redis artifact (Maven Central), keeping its data in ${CHAT_DATA_DIR:-var}/redis.
# Ctrl-C stops Payara Micro and the Redis this script started.
# HTTPS/WSS as well: CHAT_TLS_PORT=8443 (keystore: CHAT_TLS_KEYSTORE, a PKCS12 file, with
# CHAT_TLS_KEYSTORE_PASSWORD and the key's alias CHAT_TLS_ALIAS; without one a self-signed development
# keystore is made in ${CHAT_DATA_DIR:-var}/tls). CHAT_SKIP_BUILD=1 uses the WAR already built (cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${CHAT_PORT:-8080}"
bind="${CHAT_BIND:-127.0.0.1}"
data_dir="${CHAT_DATA_DIR:-var}"
redis_port="${CHAT_REDIS_PORT:-6379}"

[ "${CHAT_SKIP_BUILD:-}" = 1 ] || mvn -B -q package -DskipTests

redis_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && timeout 1 head -c 5 <&3 | grep -q PONG) 2>/dev/null
}

pids=()
cds_pending=
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # the class archive written by this run's Payara Micro at its exit becomes the one later starts map
  if [ -n "$cds_pending" ]; then
    if [ -s "$cds_pending" ] && [ ! -e "$cds_archive" ]; then mv -f "$cds_pending" "$cds_archive"; else rm -f "$cds_pending"; fi
  fi
}
trap cleanup INT TERM EXIT

if [ -n "${CHAT_REDIS_URL:-}" ]; then
  echo "Redis: using CHAT_REDIS_URL as configured"
elif redis_answers "$redis_port"; then
  echo "Redis: using the Redis already answering on 127.0.0.1:$redis_port"
else
  mkdir -p "$data_dir/redis" target/redis
  if [ ! -x target/redis/redis-server ]; then
    unzip -o -q -j target/embedded-redis.jar 'redis-server-6.2.6-v5-linux-amd64' -d target/redis
    mv target/redis/redis-server-6.2.6-v5-linux-amd64 target/redis/redis-server
    chmod +x target/redis/redis-server
  fi
  target/redis/redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$(cd "$data_dir/redis" && pwd)" \
    --appendonly yes --save "" --logfile redis.log &
  pids+=($!)
  for _ in $(seq 1 50); do redis_answers "$redis_port" && break; sleep 0.1; done
  redis_answers "$redis_port" || { echo "Redis did not start; see $data_dir/redis/redis.log" >&2; exit 1; }
  echo "Redis: started its own on 127.0.0.1:$redis_port, data kept in $data_dir/redis (stopped on Ctrl-C)"
fi
export CHAT_REDIS_URL="${CHAT_REDIS_URL:-redis://127.0.0.1:$redis_port}"

preboot=target/preboot-$port.asadmin
# the pool size's default lives in preboot.asadmin only; CHAT_HTTP_THREADS replaces whatever it says
pool_size=()
if [ -n "${CHAT_HTTP_THREADS:-}" ]; then
  [[ "$CHAT_HTTP_THREADS" =~ ^[1-9][0-9]*$ ]] || { echo "CHAT_HTTP_THREADS must be a positive number" >&2; exit 1; }
  pool_size=(-e "s/max-thread-pool-size=[0-9]*/max-thread-pool-size=$CHAT_HTTP_THREADS/")
fi
sed -e "s/address=127.0.0.1/address=$bind/" "${pool_size[@]}" payara/preboot.asadmin > "$preboot"

tls_java=()
tls_micro=()
if [ -n "${CHAT_TLS_PORT:-}" ]; then
  keystore="${CHAT_TLS_KEYSTORE:-$data_dir/tls/dev-keystore.p12}"
  keystore_password="${CHAT_TLS_KEYSTORE_PASSWORD:-changeit}"
  key_alias="${CHAT_TLS_ALIAS:-chat}"
  if [ ! -f "$keystore" ]; then
    [ -z "${CHAT_TLS_KEYSTORE:-}" ] || { echo "TLS: no keystore at $keystore" >&2; exit 1; }
    mkdir -p "$(dirname "$keystore")"
    out=$(keytool -genkeypair -alias "$key_alias" -keyalg EC -groupname secp256r1 -validity 825 \
      -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" -keystore "$keystore" -storetype PKCS12 \
      -storepass "$keystore_password" -keypass "$keystore_password" 2>&1) || { echo "$out" >&2; exit 1; }
    chmod 600 "$keystore"
    echo "TLS: created a self-signed development keystore in $keystore (browsers will warn)"
  fi
  # Payara Micro serves HTTPS with the key under --sslcert from the keystore named by javax.net.ssl.keyStore
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=$bind" >> "$preboot"
  tls_java=("-Djavax.net.ssl.keyStore=$(cd "$(dirname "$keystore")" && pwd)/$(basename "$keystore")"
    "-Djavax.net.ssl.keyStorePassword=$keystore_password" -Djavax.net.ssl.keyStoreType=PKCS12)
  tls_micro=(--sslport "$CHAT_TLS_PORT" --sslcert "$key_alias")
fi

# Class data sharing (CHAT_CDS=0 turns it off): the first start writes an archive of the classes Payara Micro
# and the WAR loaded when it stops (-XX:ArchiveClassesAtExit, ~70 MB in target/cds); later starts map it and skip
# most class loading and verification. Keyed by JDK and Payara Micro jar; the JVM verifies it and ignores a stale one.
cds=()
if [ "${CHAT_CDS:-1}" = 1 ]; then
  mkdir -p target/cds
  cds_key=$( { java -version 2>&1; stat -c '%s %Y' target/payara-micro.jar; } | cksum | cut -d' ' -f1)
  cds_archive="target/cds/payara-micro-$cds_key.jsa"
  if [ -s "$cds_archive" ]; then
    cds=(-XX:SharedArchiveFile="$cds_archive" -Xlog:cds=error)
  else
    cds_pending="$cds_archive.$$.part"
    cds=(-XX:ArchiveClassesAtExit="$cds_pending" -Xlog:cds=error)
    echo "CDS: this first start writes a class archive when it stops ($cds_archive); later starts use it"
  fi
fi

mkdir -p target/tmp
java ${CHAT_JAVA_OPTS:--Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError} "${cds[@]}" "${tls_java[@]}" -Djava.io.tmpdir=target/tmp \
  -jar target/payara-micro.jar --deploy target/chat.war --contextroot / --port "$port" --nohazelcast --disablephonehome \
  "${tls_micro[@]}" --prebootcommandfile "$preboot" ${CHAT_PAYARA_OPTS:-} &
payara=$!
pids+=($payara)

for _ in $(seq 1 180); do
  if ! kill -0 "$payara" 2>/dev/null; then echo "Payara Micro exited" >&2; exit 1; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; then
    echo
    echo "Chat is ready: http://localhost:$port/${CHAT_TLS_PORT:+ and https://localhost:$CHAT_TLS_PORT/}"
    break
  fi
  sleep 0.5
done
wait "$payara"
