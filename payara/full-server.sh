#!/usr/bin/env bash
# Deploys the unchanged WAR on a full Payara Server 6 and runs a smoke chat against it, doing what an
# administrator does (docs/operations.md, "Deploying on a full Payara Server"):
#   1. Payara Server 6 from Maven Central (fish.payara.distributions:payara:zip), unzipped under target/
#   2. a new domain on free ports, every listener on 127.0.0.1, no Hazelcast data grid
#   3. the chat's settings as MicroProfile Config properties of the configuration server-config
#   4. asadmin deploy at context root /, then /health and the smoke chat (src/test/java/chat/fullserver/SmokeChat.java)
#   5. undeploy, stop the domain; on any exit the domain, the Redis this script started and this run's
#      Redis keys are cleaned up. A Redis it did not start is never flushed: only keys under this run's
#      own prefix (chat-fullserver-<random>:) are deleted.
# Redis: the one answering on 127.0.0.1:6379 if any; otherwise the binary shipped in the embedded-redis
# artifact, on a free port.
#
# Knobs (environment):
#   PAYARA_SERVER_VERSION   default 6.2025.10 (the newest 6.x on Maven Central)
#   FULLSERVER_SKIP_BUILD=1 use the target/chat.war and test classes already built (the IT does this)
#   FULLSERVER_NO_CHAT=1    smoke only /health, / and the configuration (a build without messaging)
#   FULLSERVER_HOLD=1       keep the domain running after the smoke chat until Enter (to explore the console)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

version="${PAYARA_SERVER_VERSION:-6.2025.10}"
work="$root/target/payara-server"
install="$work/payara6"
domains="$work/domains"
domain=chat
redis_own_dir="$work/redis"
classpath_file="$work/smoke.classpath"
started=$(date +%s)

step_started=$started
step() {
  local now
  now=$(date +%s)
  printf '[full-server %4ds, +%ds] %s\n' "$((now - started))" "$((now - step_started))" "$*"
  step_started=$now
}
fail() { echo "full-server: $*" >&2; exit 1; }
for tool in mvn java curl ss unzip od; do
  command -v "$tool" >/dev/null || fail "needs $tool on the PATH"
done

# --- build and fetch -------------------------------------------------------------------------------------
mvn_q() { mvn -B -q "$@"; }
if [ "${FULLSERVER_SKIP_BUILD:-}" != 1 ]; then
  mvn_q package -DskipTests
  step "built target/chat.war"
fi
[ -f target/chat.war ] || fail "target/chat.war is missing (run mvn package)"
mkdir -p "$work"
if [ ! -x "$install/bin/asadmin" ] || [ "$(cat "$work/version" 2>/dev/null)" != "$version" ]; then
  rm -rf "$install"
  mvn_q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="fish.payara.distributions:payara:$version:zip" -DoutputDirectory="$work" \
    -Dmdep.overWriteReleases=true
  echo "$version" > "$work/version"
  step "unpacked Payara Server $version into $install"
fi
if [ ! -s "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  mvn_q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
fi
smoke() { java -cp "$root/target/test-classes:$(cat "$classpath_file")" chat.fullserver.SmokeChat "$@"; }

asadmin_bin="$install/bin/asadmin"
admin_port=""
# Remote commands go to this domain's admin listener on loopback, as user admin (no password: see docs).
asadmin() { "$asadmin_bin" --interactive=false --host 127.0.0.1 --port "$admin_port" --user admin "$@"; }

# --- clean-up, whatever happens --------------------------------------------------------------------------
redis_pid=""
redis_url=""
portbase=""
prefix="chat-fullserver-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n'):"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ "$rc" != 0 ] && [ -n "$portbase" ] && [ -f "$domains/$domain/logs/server.log" ]; then
    echo "full-server: the end of $domains/$domain/logs/server.log:" >&2
    tail -n 40 "$domains/$domain/logs/server.log" | cut -c1-300 >&2
  fi
  if [ -f "$domains/$domain/config/pid" ] && kill -0 "$(cat "$domains/$domain/config/pid")" 2>/dev/null; then
    "$asadmin_bin" stop-domain --domaindir "$domains" "$domain" >/dev/null 2>&1
    pid=$(cat "$domains/$domain/config/pid" 2>/dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    echo "full-server: stopped the domain"
  fi
  if [ -n "$redis_url" ]; then smoke delete-keys "$redis_url" "$prefix" 2>&1 | sed 's/^/full-server: /'; fi
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Redis -----------------------------------------------------------------------------------------------
redis_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && timeout 1 head -c 5 <&3 | grep -q PONG) 2>/dev/null
}
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if redis_answers 6379; then
  redis_url="redis://127.0.0.1:6379"
  step "Redis: the one answering on 127.0.0.1:6379 (only keys under $prefix are written and deleted)"
else
  [ -f target/embedded-redis.jar ] || fail "no Redis on 6379 and no target/embedded-redis.jar (run mvn package)"
  mkdir -p "$redis_own_dir"
  if [ ! -x "$redis_own_dir/redis-server" ]; then
    unzip -o -q -j target/embedded-redis.jar 'redis-server-6.2.6-v5-linux-amd64' -d "$redis_own_dir"
    mv "$redis_own_dir/redis-server-6.2.6-v5-linux-amd64" "$redis_own_dir/redis-server"
    chmod +x "$redis_own_dir/redis-server"
  fi
  for _ in $(seq 1 20); do
    redis_port=$((20000 + RANDOM % 10000))
    port_is_free "$redis_port" && break
  done
  "$redis_own_dir/redis-server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$redis_own_dir" --logfile redis.log &
  redis_pid=$!
  for _ in $(seq 1 50); do redis_answers "$redis_port" && break; sleep 0.1; done
  redis_answers "$redis_port" || fail "the Redis started on port $redis_port does not answer; see $redis_own_dir/redis.log"
  redis_url="redis://127.0.0.1:$redis_port"
  step "Redis: started its own on 127.0.0.1:$redis_port (stopped at exit)"
fi

# --- a domain on free ports ------------------------------------------------------------------------------
# A domain takes portbase+0..99 (admin +48, HTTP +80, HTTPS +81, IIOP +37..39, JMS +76, JMX +86,
# Hazelcast +49/+59, debugger +9, OSGi shell +66). Bases stay below the kernel's ephemeral range.
range_is_free() {
  local base=$1
  ! ss -Htuln | awk '{print $5}' | sed 's/.*://' | awk -v lo="$base" -v hi="$((base + 99))" \
    '$1 >= lo && $1 <= hi {found=1} END {exit !found}'
}
if [ -d "$domains/$domain" ]; then
  "$asadmin_bin" stop-domain --domaindir "$domains" "$domain" >/dev/null 2>&1 || true
  rm -rf "${domains:?}/$domain"
fi
mkdir -p "$domains"
portbase=""
for _ in $(seq 1 10); do
  candidate=$(( (100 + RANDOM % 220) * 100 ))   # 10000 .. 31900
  range_is_free "$candidate" || continue
  if "$asadmin_bin" --interactive=false --user admin create-domain --nopassword=true --checkports=true \
      --portbase "$candidate" --domaindir "$domains" "$domain" > "$work/create-domain.log" 2>&1; then
    portbase=$candidate
    break
  fi
  rm -rf "${domains:?}/$domain"
done
[ -n "$portbase" ] || fail "could not create a domain on free ports; see $work/create-domain.log"
admin_port=$((portbase + 48))
http_port=$((portbase + 80))
step "created domain '$domain' in $domains, ports $portbase..$((portbase + 99)) (admin $admin_port, HTTP $http_port)"

# A new domain's server-config gets its jms-service (JMS host "localhost", whose lazy listener then binds
# 0.0.0.0) only while it first starts, too late for a pre-boot `set`: the domain is given it beforehand,
# on loopback. (An administrator changes it in the console: see docs/operations.md.)
sed -i '0,/<config name="server-config">/s//&\n      <jms-service default-jms-host="default_JMS_host" type="EMBEDDED"><jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}"><\/jms-host><\/jms-service>/' \
  "$domains/$domain/config/domain.xml"
grep -q 'host="127.0.0.1" port="${JMS_PROVIDER_PORT}"' "$domains/$domain/config/domain.xml" || fail "could not put JMS on loopback"

# Applied before any listener opens, so nothing ever listens beyond loopback; `set` stores them in domain.xml.
preboot="$work/preboot-loopback.asadmin"
cat > "$preboot" <<'EOF'
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-2.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.admin-listener.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.orb-listener-1.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.SSL.address=127.0.0.1
set configs.config.server-config.iiop-service.iiop-listener.SSL_MUTUALAUTH.address=127.0.0.1
set configs.config.server-config.admin-service.jmx-connector.system.address=127.0.0.1
set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false
set hazelcast-runtime-configuration.das-bind-address=127.0.0.1
set hazelcast-runtime-configuration.interface=127.0.0.1
EOF

# The chat's settings come from the domain only: CHAT_* variables of this shell would outrank them
# (environment variables have a higher MicroProfile Config ordinal than Payara's config sources).
for var in $(compgen -e | grep '^CHAT_' || true); do unset "$var"; done
"$asadmin_bin" start-domain --domaindir "$domains" --prebootcommandfile "$preboot" "$domain" > "$work/start-domain.log" 2>&1 \
  || { cat "$work/start-domain.log" >&2; fail "start-domain failed; see $domains/$domain/logs/server.log"; }
step "started the domain"

# The JMS proxy listener opens a moment after start-domain returns: let it, then look at every socket.
sleep 2
pid=$(cat "$domains/$domain/config/pid")
listening=$(ss -Htulnp | grep "pid=$pid," || true)
echo "$listening" | awk '{print "  " $1 " " $5}'
[ -n "$listening" ] || fail "found no listening socket of the domain (pid $pid)"
if echo "$listening" | awk '{print $5}' | grep -v -E '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):' | grep -q .; then
  fail "the domain listens beyond loopback"
fi
step "every listener of the domain is on 127.0.0.1"

# --- the chat's configuration, as an administrator sets it ------------------------------------------------
secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
admin_password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
# One asadmin session (multimode) for all of them: every asadmin call is a JVM start of its own.
cat > "$work/chat-config.asadmin" <<EOF
set-config-property --source=config --sourceName=server-config --propertyName=chat.redis.url --propertyValue=$redis_url
set-config-property --source=config --sourceName=server-config --propertyName=chat.redis.key-prefix --propertyValue=$prefix
set-config-property --source=config --sourceName=server-config --propertyName=chat.auth.secret --propertyValue=$secret
set-config-property --source=config --sourceName=server-config --propertyName=chat.admins --propertyValue=fsadmin
set-config-property --source=config --sourceName=server-config --propertyName=chat.admin-password --propertyValue=$admin_password
get-config-property --source=config --sourceName=server-config --propertyName=chat.redis.key-prefix
EOF
asadmin multimode --file "$work/chat-config.asadmin" > "$work/chat-config.log" 2>&1 \
  || { cat "$work/chat-config.log" >&2; fail "setting the chat's configuration failed"; }
rm -f "$work/chat-config.asadmin"   # it holds this run's secret
grep -qxF "$prefix" "$work/chat-config.log" || { cat "$work/chat-config.log" >&2; fail "chat.redis.key-prefix did not stick"; }
step "set chat.redis.url, chat.redis.key-prefix, chat.auth.secret, chat.admins, chat.admin-password on server-config"

# --- deploy, check, smoke ---------------------------------------------------------------------------------
asadmin deploy --name chat --contextroot / --force=true "$root/target/chat.war" >/dev/null
step "deployed target/chat.war at http://127.0.0.1:$http_port/"

for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/health/ready")" = 200 ] && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$http_port/health/ready" >/dev/null || fail "/health/ready is not UP: $(curl -s "http://127.0.0.1:$http_port/health")"
step "/health/ready is UP"

smoke_args=(check "http://127.0.0.1:$http_port" "$redis_url" "$prefix")
export FULLSERVER_ADMIN=fsadmin FULLSERVER_ADMIN_PASSWORD="$admin_password"
[ "${FULLSERVER_NO_CHAT:-}" = 1 ] && smoke_args+=(--no-chat)
smoke "${smoke_args[@]}"
step "smoke chat passed"

if [ "${FULLSERVER_HOLD:-}" = 1 ]; then
  echo "Chat: http://127.0.0.1:$http_port/   admin console: http://127.0.0.1:$admin_port/ (user admin, no password)"
  read -r -p "Enter stops the domain. " _ || true
fi

# --- tear down --------------------------------------------------------------------------------------------
asadmin undeploy chat >/dev/null
step "undeployed"
"$asadmin_bin" stop-domain --domaindir "$domains" "$domain" >/dev/null
step "stopped the domain"
echo "full-server: PASSED in $(( $(date +%s) - started )) s"
