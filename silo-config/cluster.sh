#!/usr/bin/env bash
# A local three-silo cluster on Azurite: Azure Table membership and grain state, blob artifacts, loopback ports.
#   silo-config/cluster.sh start    start Azurite (azurite.sh) and silos 1..3; returns once each /health/ready answers 200
#   silo-config/cluster.sh status   per silo: pid, ports, readiness
#   silo-config/cluster.sh stop     SIGTERM each silo (graceful: drains and flushes), SIGKILL after the grace period
#   silo-config/cluster.sh kill N   SIGKILL silo N (a crash; the others declare it dead and take over its grains)
# Silo N listens on HTTP 5080+N, management (/metrics) 5090+N, silo port 11110+N, gateway 30000+N-1 (BASE_HTTP,
# BASE_MANAGEMENT, BASE_SILO, BASE_GATEWAY override).
# TLS=1 (or `start --tls`): mutual TLS on silo and gateway ports, certificates from dev-certs.sh in .tools/cluster/certs;
# clients then need the client certificate (CLI: --tls-dir .tools/cluster/certs/client).
# Clients connect with Clustering=AzureStorage, UseDevelopmentStorage=true and the cluster id (CLUSTER_ID, default openledger-local).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.tools/cluster"
silos=${SILOS:-3}
base_http=${BASE_HTTP:-5080} base_management=${BASE_MANAGEMENT:-5090} base_silo=${BASE_SILO:-11110} base_gateway=${BASE_GATEWAY:-29999}
cluster_id=${CLUSTER_ID:-openledger-local}
tls=${TLS:-0}
[ "${2:-}" = "--tls" ] && tls=1
grace=${GRACE_SECONDS:-45} # longer than the silo's shutdown timeout (OpenLedger:Operations:ShutdownTimeout, 30 s)
dll="$root/src/OpenLedger.Actors.Silo/bin/Release/net10.0/OpenLedger.Actors.Silo.dll"

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1$2" 2>/dev/null || true; }
pid_of() { [ -f "$state/silo-$1.pid" ] && cat "$state/silo-$1.pid"; }
alive() { local pid; pid=$(pid_of "$1") && kill -0 "$pid" 2>/dev/null; }

start_silo() {
  local n=$1
  if alive "$n"; then echo "silo $n: already running (pid $(pid_of "$n"))"; return; fi
  local tls_env=()
  [ "$tls" = 1 ] && tls_env=(OpenLedger__Tls__Enabled=true "OpenLedger__Tls__Directory=$state/certs/silo")
  env "${tls_env[@]}" \
  Urls="http://127.0.0.1:$((base_http + n))" \
  OpenLedger__Operations__ManagementUrls="http://127.0.0.1:$((base_management + n))" \
  OpenLedger__Clustering__ClusterId="$cluster_id" \
  OpenLedger__Clustering__SiloPort="$((base_silo + n))" \
  OpenLedger__Clustering__GatewayPort="$((base_gateway + n))" \
    nohup dotnet "$dll" --profile "$root/silo-config/azurite.json" >"$state/silo-$n.log" 2>&1 &
  echo $! >"$state/silo-$n.pid"
  echo "silo $n: started (pid $!, http $((base_http + n)), silo $((base_silo + n)), gateway $((base_gateway + n)), log $state/silo-$n.log)"
}

wait_ready() {
  local n=$1
  for _ in $(seq 1 600); do
    [ "$(http_code $((base_http + n)) /health/ready)" = 200 ] && { echo "silo $n: ready"; return 0; }
    alive "$n" || { tail -30 "$state/silo-$n.log" >&2; echo "silo $n: exited during start" >&2; return 1; }
    sleep 0.5
  done
  echo "silo $n: not ready after 300 s (log $state/silo-$n.log)" >&2; return 1
}

case "${1:-}" in
  start)
    mkdir -p "$state"
    "$root/silo-config/azurite.sh" start
    [ -f "$dll" ] || dotnet build "$root/src/OpenLedger.Actors.Silo" -c Release
    [ "$tls" = 1 ] && "$root/silo-config/dev-certs.sh" "$state/certs"
    start_silo 1; wait_ready 1 # the first silo creates the membership table, the others join it
    for n in $(seq 2 "$silos"); do start_silo "$n"; done
    for n in $(seq 2 "$silos"); do wait_ready "$n"; done
    echo "cluster $cluster_id: $silos silos ready; gateways $((base_gateway + 1))..$((base_gateway + silos)); metrics on http://127.0.0.1:$((base_management + 1))/metrics$([ "$tls" = 1 ] && echo "; mutual TLS, client certificate in $state/certs/client")"
    ;;
  status)
    up=0
    for n in $(seq 1 "$silos"); do
      if alive "$n"; then
        code=$(http_code $((base_http + n)) /health/ready)
        echo "silo $n: pid $(pid_of "$n"), http $((base_http + n)), gateway $((base_gateway + n)), ready: $code"
        [ "$code" = 200 ] && up=$((up + 1))
      else
        echo "silo $n: not running"
      fi
    done
    [ "$up" -gt 0 ]
    ;;
  stop)
    for n in $(seq 1 "$silos"); do alive "$n" && kill -TERM "$(pid_of "$n")" || true; done
    for n in $(seq 1 "$silos"); do
      for _ in $(seq 1 $((grace * 10))); do alive "$n" || break; sleep 0.1; done
      if alive "$n"; then echo "silo $n: still running after $grace s, killing"; kill -KILL "$(pid_of "$n")"; fi
      rm -f "$state/silo-$n.pid"
    done
    echo "cluster $cluster_id: stopped (Azurite keeps running; silo-config/azurite.sh stop)"
    ;;
  kill)
    n=${2:?usage: $0 kill N}
    alive "$n" && kill -KILL "$(pid_of "$n")" && echo "silo $n: killed" || echo "silo $n: not running"
    ;;
  *) echo "usage: $0 start [--tls]|status|stop|kill N" >&2; exit 2 ;;
esac
