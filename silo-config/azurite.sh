#!/usr/bin/env bash
# Azurite (the Azure Storage emulator) on 127.0.0.1 for the azurite profile and the tests.
#   silo-config/azurite.sh start   install azurite with npm into .tools/ on first use, start it in the background
#   silo-config/azurite.sh stop    stop the instance this script started
#   silo-config/azurite.sh status  exit 0 when blob (10000) and table (10002) ports answer
# Data lives in .tools/azurite-data (AZURITE_DATA overrides); a fresh folder per run keeps tests independent.
# AZURITE_IN_MEMORY=1 keeps it in memory only (the size soak: see tests/soak/size-budgets.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=3.37.0
tools="$root/.tools/azurite"
bin="$tools/node_modules/.bin/azurite"
data="${AZURITE_DATA:-$root/.tools/azurite-data}"
pidfile="$root/.tools/azurite.pid"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { port_open 10000 && port_open 10002; }

case "${1:-}" in
  start)
    if running; then echo "azurite: already listening on 127.0.0.1:10000/10002"; exit 0; fi
    if [ ! -x "$bin" ]; then
      echo "azurite: installing azurite@$version into $tools"
      mkdir -p "$tools"
      npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "azurite@$version"
    fi
    mkdir -p "$data"
    storage=(--location "$data")
    # AZURITE_IN_MEMORY=1: nothing on disk (Azurite otherwise rewrites its whole table database to disk as it grows,
    # which stalls long runs with hundreds of thousands of entities); the Storage API it serves is the same.
    if [ -n "${AZURITE_IN_MEMORY:-}" ]; then storage=(--inMemoryPersistence); fi
    nohup "$bin" --silent --skipApiVersionCheck --disableTelemetry "${storage[@]}" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$data/azurite.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 150); do
      if running; then echo "azurite: started (pid $(cat "$pidfile"), data in $data)"; exit 0; fi
      if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then cat "$data/azurite.log" >&2; echo "azurite: exited during start" >&2; exit 1; fi
      sleep 0.2
    done
    cat "$data/azurite.log" >&2; echo "azurite: did not start within 30 s" >&2; exit 1
    ;;
  stop)
    if [ -f "$pidfile" ]; then
      pid=$(cat "$pidfile"); kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$pidfile"; echo "azurite: stopped"
    fi
    ;;
  status) running ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
