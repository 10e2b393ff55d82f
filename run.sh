#!/usr/bin/env bash
# Builds Phoenix and runs its three apps against the local PostgreSQL (127.0.0.1:5432, user postgres) and
# Mosquitto (127.0.0.1:1883); creates the database "phoenix" when it is missing. Ctrl-C stops all three.
#
# Settings come from the environment (see the configuration table in README.md), e.g.
#   PHOENIX_BOOTSTRAP_ADMIN_PASSWORD=... ./run.sh
set -euo pipefail
cd "$(dirname "$0")"

: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
export SPRING_DATASOURCE_URL="${SPRING_DATASOURCE_URL:-jdbc:postgresql://$PGHOST:$PGPORT/phoenix}"
export PHOENIX_BOOTSTRAP_ADMIN_EMAIL="${PHOENIX_BOOTSTRAP_ADMIN_EMAIL:-admin@phoenix.local}"
# a password for this machine only; the apps themselves have none built in
export PHOENIX_BOOTSTRAP_ADMIN_PASSWORD="${PHOENIX_BOOTSTRAP_ADMIN_PASSWORD:-phoenix-local-admin}"
# the device bridge's credential for the device API: the same secret on both sides, new for every run
bridge_key="${PHOENIX_BRIDGE_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export PHOENIX_BRIDGE_KEY="$bridge_key" PHOENIX_DEVICES_BRIDGE_KEY="$bridge_key"

apps=(command-side query-side device-bridge)
ports=(8081 8082 8083)
version=0.1.0
logs=target/run
pids=()

stop() {
  trap - EXIT
  if ((${#pids[@]})); then
    echo
    echo "Stopping Phoenix ..."
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
    echo "Stopped."
  fi
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

echo "Building (mvn package, tests skipped) ..."
mvn -B -q -DskipTests package

if ! pg_isready -q; then
  echo "PostgreSQL is not reachable on $PGHOST:$PGPORT." >&2
  exit 1
fi
if [[ -z "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'phoenix'")" ]]; then
  echo "Creating database phoenix ..."
  psql -d postgres -qc "CREATE DATABASE phoenix"
fi

mkdir -p "$logs"
for i in "${!apps[@]}"; do
  app=${apps[$i]}
  SERVER_PORT=${ports[$i]} java -jar "$app/target/$app-$version.jar" >"$logs/$app.log" 2>&1 &
  pids+=($!)
done

echo "Starting command-side, query-side and device-bridge (logs in $logs/) ..."
for i in "${!apps[@]}"; do
  app=${apps[$i]}
  port=${ports[$i]}
  until curl -fs "http://localhost:$port/actuator/health" >/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "$app stopped while starting; the end of $logs/$app.log:" >&2
      tail -n 30 "$logs/$app.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "  $app is up"
done

cat <<INFO

Phoenix is running:
  command side   http://localhost:8081   (API docs: http://localhost:8081/swagger-ui.html)
  query side     http://localhost:8082   (API docs: http://localhost:8082/swagger-ui.html)
  device bridge  http://localhost:8083/actuator/health   (MQTT broker 127.0.0.1:1883)

Log in as admin:  $PHOENIX_BOOTSTRAP_ADMIN_EMAIL / $PHOENIX_BOOTSTRAP_ADMIN_PASSWORD
  (the account is created on the first start only; later starts keep the existing accounts)

Press Ctrl-C to stop.
INFO

# returns when one of the apps ends, or Ctrl-C arrives
wait -n "${pids[@]}" || true
echo "An app stopped; see $logs/." >&2
