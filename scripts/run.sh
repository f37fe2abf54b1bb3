#!/usr/bin/env bash
# Runs the whole pipeline locally: Azurite (data in ./.azurite) and the standalone host on http://localhost:7071.
# Ctrl-C stops both. Safe to run twice, and with Azurite already running.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools
ensure_icu

if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "==> created local.settings.json from local.settings.sample.json (git-ignored; edit it to configure)"
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

AZURITE_PID=""
HOST_PID=""
# Asks a process to stop, then insists: Azurite may not exit on SIGTERM alone.
stop() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}
cleanup() {
  trap - INT TERM EXIT
  set +e
  stop "$HOST_PID"
  stop "$AZURITE_PID"
  echo "==> stopped"
}
trap cleanup INT TERM EXIT

if port_open 10001 && port_open 10002; then
  echo "==> Azurite is already running on 10000-10002; using it"
else
  mkdir -p .azurite
  echo "==> starting Azurite (data in ./.azurite, log in ./.azurite/azurite.log)"
  node_modules/.bin/azurite --silent --skipApiVersionCheck --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do port_open 10002 && break; sleep 0.2; done
  port_open 10002 || { echo "error: Azurite did not start; see .azurite/azurite.log" >&2; exit 1; }
fi

if port_open 7071; then
  echo "error: something already listens on port 7071 (another run.sh?)" >&2
  exit 1
fi

# The demo shop page, unless local.settings.json decides otherwise.
grep -q '"Pipeline__Collector__DemoPage"' local.settings.json || export Pipeline__Collector__DemoPage=true

build_snippet
echo "==> building and starting the pipeline host"
dotnet build standalone --nologo -v quiet -clp:ErrorsOnly
# The built program itself (not `dotnet run`), so Ctrl-C and the cleanup reach the process that serves.
dotnet standalone/bin/Debug/net10.0/Pipeline.Standalone.dll &
HOST_PID=$!
for _ in $(seq 1 150); do port_open 7071 && break; sleep 0.2; done

HEALTH=$( (exec 3<>/dev/tcp/127.0.0.1/7071 && printf 'GET /api/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && cat <&3) 2>/dev/null || true)
SNIPPET=$(printf '%s' "$HEALTH" | sed -n 's/.*"snippet":"\([^"]*\)".*/\1/p')
DEMO=$(printf '%s' "$HEALTH" | sed -n 's/.*"demo":"\([^"]*\)".*/\1/p')
if [ -n "$DEMO" ]; then
  DEMO_LINE="http://localhost:7071${DEMO}?fbclid=IwAR_demo_click&gclid=Cj0_demo_click&ttclid=E.C.P.demo"
else
  DEMO_LINE="off (set Pipeline__Collector__DemoPage to true)"
fi
API_KEY=$(sed -n 's/.*"Pipeline__ApiKeys": *"\([^",]*\).*/\1/p' local.settings.json)
OPERATOR_KEY=$(sed -n 's/.*"Pipeline__OperatorKeys": *"\([^",]*\).*/\1/p' local.settings.json)
cat <<MSG

  Pipeline running on http://localhost:7071   (Ctrl-C to stop)
    health:      http://localhost:7071/api/health
    server API:  POST http://localhost:7071/api/events   (header x-api-key: ${API_KEY:-<Pipeline__ApiKeys>})
    snippet:     http://localhost:7071${SNIPPET:-/api/s/s.js}
    demo shop:   ${DEMO_LINE}
                 (add &region=EEA to see the consent banner gate everything; records appear in the
                  visitors, clicks and identities tables; a browser Purchase reaches the outbox after
                  about a minute, the time it waits for the webhook's copy of the same order)

  Send an event:
    curl -i -X POST http://localhost:7071/api/events -H 'x-api-key: ${API_KEY:-local-dev-key}' -H 'content-type: application/json' \\
      -d '{"event_name":"Purchase","event_time":'\$(date +%s)',"event_id":"purchase_1001","action_source":"website","event_source_url":"https://shop.example/checkout/thank-you","value":49.90,"currency":"EUR","order_id":"1001","click_ids":{"gclid":"Cj0_demo_click"},"browser_ids":{"fbp":"fb.1.1764400000000.1234567890","ga_client_id":"1234567890.1764400000"},"client_ip_address":"203.0.113.7","client_user_agent":"Mozilla/5.0 (demo)","user_data":{"email":"jane@example.com","phone":"+1 650 555 1212"}}'

  Then see what would be sent, and the delivery state per destination:
    curl -s http://localhost:7071/api/operator/outbox -H 'x-operator-key: ${OPERATOR_KEY:-local-operator-key}'
    status page: http://localhost:7071/api/status?key=${OPERATOR_KEY:-local-operator-key}

MSG
wait "$HOST_PID"
