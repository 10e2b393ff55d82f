#!/usr/bin/env bash
# Plays RFID readers against a running Phoenix (e.g. started by ./run.sh): N readers in M rooms publish realistic
# taps over MQTT (children arrive in a room, move between rooms, go out and come back; a child taps again only after
# its previous answer and 2.5 s later, beyond the 2 s debounce) at a given rate, and every result is checked against
# what the tap must answer. At the end it reports publish->result latency (p50/p99/max), publish->visible-in-query-side
# latency (p99, a sample of taps), taps/s sustained, taps unanswered / answered twice / answered unexpectedly, and
# whether the query side's visits and locations match the answers. The report is also written to
# system-tests/target/mqtt-benchmark.md; the exit status is non-zero when a check failed.
#
# It adds a school of its own to the running system (rooms, readers, children, names prefixed SIM-<time>), so it never
# disturbs existing data, but it leaves that data behind: use a development database.
#
# Usage:
#   scripts/simulate-readers.sh [--readers 20] [--rooms 10] [--children 600] [--rate 20] [--seconds 60]
#                               [--window 100] [--probe-every 10]
#                               [--command-side http://127.0.0.1:8081] [--query-side http://127.0.0.1:8082]
#                               [--broker tcp://127.0.0.1:1883] [--jdbc-url jdbc:postgresql://127.0.0.1:5432/phoenix]
#                               [--no-db] [--own-system] [-- <more maven arguments>]
#
#   --rate      taps per second; 0 = as fast as the system answers (at most --window taps unanswered); a list such as
#               20,50,100,0 plays one run per rate, each --seconds long
#   --jdbc-url  with it (default: $SPRING_DATASOURCE_URL, else the run.sh database) the event store and
#               iot.processed_taps are checked too (user $PGUSER or postgres, password $PGPASSWORD); --no-db skips that
#   --own-system  ignore the running system: start the packaged apps on a fresh database with a broker of their own
#               (the MqttBenchmark; default rates 20,50,100,0 at 60 s each)
#
# The admin account is the one run.sh creates: PHOENIX_BOOTSTRAP_ADMIN_EMAIL / PHOENIX_BOOTSTRAP_ADMIN_PASSWORD
# (default admin@phoenix.local / phoenix-local-admin).
#
# Examples:
#   ./run.sh &                                    # in another terminal
#   scripts/simulate-readers.sh --readers 12 --rooms 6 --rate 20 --seconds 120
#   scripts/simulate-readers.sh --rate 20,50,0 --seconds 30 -- -o     # maven offline
set -euo pipefail
cd "$(dirname "$0")/.."

readers=20 rooms=10 children=600 rate=20 seconds=60 window=100 probe_every=10
command_side=http://127.0.0.1:8081 query_side=http://127.0.0.1:8082 broker=tcp://127.0.0.1:1883
jdbc_url="${SPRING_DATASOURCE_URL:-jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/phoenix}"
own_system=false
rate_given=false
maven_args=()

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while (($#)); do
  case "$1" in
    --readers) readers=$2; shift 2 ;;
    --rooms) rooms=$2; shift 2 ;;
    --children) children=$2; shift 2 ;;
    --rate) rate=$2; rate_given=true; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --probe-every) probe_every=$2; shift 2 ;;
    --command-side) command_side=$2; shift 2 ;;
    --query-side) query_side=$2; shift 2 ;;
    --broker) broker=$2; shift 2 ;;
    --jdbc-url) jdbc_url=$2; shift 2 ;;
    --no-db) jdbc_url=""; shift ;;
    --own-system) own_system=true; shift ;;
    --) shift; maven_args=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "Unknown argument: $1" >&2; usage ;;
  esac
done

for number in "$readers" "$rooms" "$children" "$seconds" "$window" "$probe_every"; do
  [[ $number =~ ^[0-9]+$ ]] || { echo "Not a whole number: $number" >&2; exit 2; }
done
[[ $rate =~ ^[0-9.]+(,[0-9.]+)*$ ]] || { echo "--rate is a number or a list such as 20,50,0" >&2; exit 2; }
if ((readers < rooms)); then
  echo "Every room needs a reader: --readers ($readers) must be at least --rooms ($rooms)." >&2
  exit 2
fi

properties=(
  -Dsim.readers="$readers" -Dsim.rooms="$rooms" -Dsim.children="$children" -Dsim.seconds="$seconds"
  -Dsim.window="$window" -Dsim.probe-every="$probe_every"
)
if [[ $own_system == true ]]; then
  if [[ $rate_given == true ]]; then
    properties+=(-Dsim.rates="$rate")
  fi
else
  for url in "$command_side" "$query_side"; do
    if ! curl -fs "$url/actuator/health" >/dev/null; then
      echo "Phoenix does not answer at $url (start it with ./run.sh, or pass --command-side/--query-side)." >&2
      exit 1
    fi
  done
  host_port=${broker#*://}
  if ! (exec 3<>"/dev/tcp/${host_port%:*}/${host_port##*:}") 2>/dev/null; then
    echo "No MQTT broker at $broker (pass --broker)." >&2
    exit 1
  fi
  properties+=(
    -Dsim.running=true -Dsim.rates="$rate"
    -Dsim.command-side="$command_side" -Dsim.query-side="$query_side" -Dsim.broker="$broker"
    -Dsim.admin-email="${PHOENIX_BOOTSTRAP_ADMIN_EMAIL:-admin@phoenix.local}"
  )
  # passwords go by environment, not on a command line that every process list shows
  export PHOENIX_BOOTSTRAP_ADMIN_PASSWORD="${PHOENIX_BOOTSTRAP_ADMIN_PASSWORD:-phoenix-local-admin}"
  if [[ -n $jdbc_url ]]; then
    properties+=(-Dsim.jdbc-url="$jdbc_url" -Dsim.jdbc-user="${PGUSER:-postgres}")
  fi
fi

# -am builds what the system tests need; -Dtest selects the simulator's run alone in every module
exec mvn -B -q -pl system-tests -am -Pbench test -Dtest=MqttBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  "${properties[@]}" "${maven_args[@]}"
