#!/usr/bin/env bash
# Loads every vhosts/*/modsecurity.conf under DIR into a throw-away nginx configuration with the
# ModSecurity module and runs `nginx -t` (waf-panel spec §6.7, §7.3). Set it as
# WAF_ENGINE_CHECK_CMD to check deployments with a real libmodsecurity before they publish.
#
# Usage: scripts/waf-engine-check-nginx.sh DIR
# Exit codes: 0 every bundle loads; 1 nginx refused the configuration (its [emerg] text is
# printed); 2 usage error; 3 nginx or its ModSecurity module is not installed.
set -euo pipefail

if [[ $# -ne 1 || "$1" == "--help" || "$1" == "-h" ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  [[ $# -eq 1 && ( "$1" == "--help" || "$1" == "-h" ) ]] && exit 0 || exit 2
fi
dir=$(cd "$1" && pwd)
module=${NGINX_MODSECURITY_MODULE:-/usr/lib/nginx/modules/ngx_http_modsecurity_module.so}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [[ ! -x "$nginx" || ! -f "$module" ]]; then
  echo "nginx with libmodsecurity is not installed; run: sudo apt-get install -y nginx-light libnginx-mod-http-modsecurity modsecurity-crs" >&2
  exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "load_module $module;"
  echo "pid $work/nginx.pid;"
  echo "error_log $work/error.log;"
  echo "events {}"
  echo "http {"
  echo "  access_log off;"
  for temp in client_body proxy fastcgi; do echo "  ${temp}_temp_path $work/${temp}_temp;"; done
  port=18080
  shopt -s nullglob
  for conf in "$dir"/vhosts/*/modsecurity.conf; do
    echo "  server { listen 127.0.0.1:$port; modsecurity on; modsecurity_rules_file $conf; }"
    port=$((port + 1))
  done
  echo "}"
} > "$work/nginx.conf"

if ! output=$("$nginx" -t -q -e "$work/error.log" -c "$work/nginx.conf" -p "$work/" 2>&1); then
  echo "$output" | head -c 8192
  exit 1
fi
