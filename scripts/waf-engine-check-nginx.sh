#!/usr/bin/env bash
# Loads every vhosts/*/modsecurity.conf under DIR into a throw-away nginx configuration with the
# ModSecurity module and runs `nginx -t`, after checking that each bundle was rendered for the
# CRS version stamped in the rule files it includes. Set it as WAF_ENGINE_CHECK_CMD to check
# deployments with a real libmodsecurity before they publish.
#
# Usage: scripts/waf-engine-check-nginx.sh DIR
# Exit codes: 0 every bundle loads; 1 nginx refused the configuration (its [emerg] text is
# printed) or a bundle targets another CRS version; 2 usage error; 3 nginx or its ModSecurity
# module is not installed.
set -euo pipefail

if [[ $# -ne 1 || "$1" == "--help" || "$1" == "-h" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  [[ $# -eq 1 && ( "$1" == "--help" || "$1" == "-h" ) ]] && exit 0 || exit 2
fi
dir=$(cd "$1" && pwd)
module=${NGINX_MODSECURITY_MODULE:-/usr/lib/nginx/modules/ngx_http_modsecurity_module.so}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [[ ! -x "$nginx" || ! -f "$module" ]]; then
  echo "nginx with libmodsecurity is not installed; run: sudo apt-get install -y nginx-light libnginx-mod-http-modsecurity modsecurity-crs" >&2
  exit 3
fi

# A bundle for another CRS major loads without error and enforces nothing it was configured to.
shopt -s nullglob
for conf in "$dir"/vhosts/*/modsecurity.conf; do
  rendered=$(sed -n 's/^# vhost=.* crs=\([0-9.]*\)$/\1/p' "$conf" | head -n 1)
  include=$(sed -n 's/^Include \(.*\)$/\1/p' "$conf" | head -n 1)
  # The rule set's SecComponentSignature, else the version most of its rules carry (as the panel reads it).
  # shellcheck disable=SC2086 # the include is a glob, expanded as the engine expands it
  directives=$(cat $include /dev/null | grep -v '^[[:space:]]*#' || true)
  loaded=$(sed -n 's/.*SecComponentSignature "OWASP_CRS\/\([0-9.]*\)".*/\1/p' <<<"$directives" | sort -u | paste -sd, -)
  if [[ -z "$loaded" ]]; then
    loaded=$({ grep -o "ver:'OWASP_CRS/[0-9.]*'" <<<"$directives" || true; } | sort | uniq -c | sort -rn | head -n 1 | sed "s#.*OWASP_CRS/\([0-9.]*\)'#\1#")
  fi
  if [[ -n "$include" && "$loaded" != "$rendered" ]]; then
    echo "${conf#"$dir"/} was rendered for CRS ${rendered:-?} but $include holds CRS ${loaded:-none}; set the panel's WAF_CRS_INCLUDE to the rule set this engine loads" >&2
    exit 1
  fi
done

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
