#!/usr/bin/env bash
# The whole local stack in one command: Azurite, the tables, the sample connectors, a development key,
# local.settings.json, then `func start`. Ctrl-C stops the Functions host and the Azurite it started.
#
#   ./start-local.sh               everything, then func start (needs Azure Functions Core Tools v4)
#   ./start-local.sh --setup-only  everything but func start; Azurite keeps running (its pid is printed)
#
# Settings (environment): LOCAL_STACK_DIR (state folder, default .local: Azurite's data, the dev key),
# AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT (default 10000, 10001, 10002).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
setup_only=false
case "${1:-}" in
  --setup-only) setup_only=true ;;
  "") ;;
  -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 64 ;;
esac

state="${LOCAL_STACK_DIR:-$root/.local}"
blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
table_port="${AZURITE_TABLE_PORT:-10002}"

# 1. Prerequisites, each missing one named with where to get it.
missing=()
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  missing+=(".NET 10 SDK: https://dotnet.microsoft.com/download/dotnet/10.0")
fi
if ! node --version >/dev/null 2>&1; then
  missing+=("Node.js 18 or later (with npm): https://nodejs.org/")
fi
if ! $setup_only && ! func --version 2>/dev/null | grep -q '^4\.'; then
  missing+=("Azure Functions Core Tools v4 (func): https://learn.microsoft.com/azure/azure-functions/functions-run-local")
fi
if ((${#missing[@]})); then
  echo "Missing prerequisites:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

# 2. The pinned npm packages (Azurite).
if [ ! -f node_modules/azurite/package.json ]; then
  echo "Installing the pinned npm packages..."
  npm ci --no-audit --no-fund --loglevel=error
fi

# 3. Azurite, with its data in the ignored state folder; reused when it already runs.
mkdir -p "$state/azurite"
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started_azurite=""
if port_open "$table_port"; then
  echo "Table storage already listens on 127.0.0.1:$table_port: using it."
else
  node node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --skipApiVersionCheck \
    --location "$state/azurite" --debug "$state/azurite/debug.log" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" >"$state/azurite/azurite.log" 2>&1 &
  started_azurite=$!
  echo "$started_azurite" >"$state/azurite.pid"
  for _ in $(seq 1 100); do
    port_open "$table_port" && break
    kill -0 "$started_azurite" 2>/dev/null || { echo "Azurite failed to start: see $state/azurite/azurite.log" >&2; exit 1; }
    sleep 0.2
  done
  port_open "$table_port" || { echo "Azurite did not start listening on $table_port" >&2; exit 1; }
  echo "Azurite started (pid $started_azurite), data in $state/azurite."
fi

stop_azurite() {
  if [ -n "$started_azurite" ]; then
    kill "$started_azurite" 2>/dev/null || true
    wait "$started_azurite" 2>/dev/null || true
    rm -f "$state/azurite.pid"
  fi
}

# 4. Tables, sample connectors and the development key, through the admin tool.
# Azurite's well-known development account (public, emulator only), on the chosen port.
export ConnectorsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
admin_dll="$root/Admin/bin/Debug/net10.0/connectors-admin.dll"
if [ ! -f "$admin_dll" ] || [ -n "$(find "$root/Admin" "$root/Functions" \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -newer "$admin_dll" -print -quit)" ] \
  && ! dotnet build "$root/Admin" --nologo --verbosity quiet >"$state/admin-build.log" 2>&1; then
  cat "$state/admin-build.log" >&2
  echo "Building the admin tool failed." >&2
  stop_azurite
  exit 1
fi
admin() { dotnet "$admin_dll" "$@"; }
if ! admin connectors import sample-data/connectors.json || ! key="$(admin keys ensure --file "$state/dev-key" --name local-dev)"; then
  echo "Setting up the tables failed." >&2
  stop_azurite
  exit 1
fi

# 5. Local settings for the Functions host, from the sample, once.
if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "Wrote local.settings.json from local.settings.sample.json."
fi

echo
echo "Ready. Try:"
echo "  curl -H \"Authorization: Token $key\" http://localhost:7071/api/v2/connectors/alm/"
echo

if $setup_only; then
  [ -n "$started_azurite" ] && echo "Azurite keeps running (pid $started_azurite): stop it with: kill $started_azurite"
  exit 0
fi

trap 'stop_azurite' EXIT
trap 'exit 130' INT TERM
cd Functions
func start
