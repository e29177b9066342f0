#!/usr/bin/env bash
# Makes a development CA and the cluster's certificates with openssl, laid out as Kubernetes TLS Secrets mount them:
#   silo-config/dev-certs.sh [OUT]    (default .tools/certs)
#     OUT/ca.crt, OUT/ca.key            the cluster CA (keep ca.key off the cluster: it issues certificates)
#     OUT/silo/{tls.crt,tls.key,ca.crt} a silo certificate: server + client authentication (silo port and gateway)
#     OUT/client/{tls.crt,tls.key,ca.crt} a client certificate: client authentication only (CLI, in-cluster services)
# Silos: OpenLedger__Tls__Enabled=true OpenLedger__Tls__Directory=OUT/silo; clients: --tls-dir OUT/client (CLI) or
# OpenLedger:Client:Tls:{Enabled,Directory}. Kubernetes: see silo-config/k8s/README (kubectl create secret generic …).
# Existing files are kept (run with a new OUT, or delete it, to start over). EC P-256 keys; 825-day leaves, 10-year CA.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/.tools/certs}"
days=${DAYS:-825}
command -v openssl >/dev/null || { echo "dev-certs.sh: openssl is required (apt-get install openssl)" >&2; exit 1; }
mkdir -p "$out/silo" "$out/client"
umask 077

if [ ! -f "$out/ca.crt" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/O=OpenLedger/CN=OpenLedger development cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
fi

issue() { # name, subject CN, extendedKeyUsage
  local dir="$out/$1"
  [ -f "$dir/tls.crt" ] && return 0
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=OpenLedger/OU=$1/CN=$2" -keyout "$dir/tls.key" -out "$dir/tls.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=DNS:%s\n' "$3" "$2" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -days "$days" -extfile "$dir/ext.cnf" -out "$dir/tls.crt" 2>/dev/null
  rm -f "$dir/tls.csr" "$dir/ext.cnf"
  cp "$out/ca.crt" "$dir/ca.crt"
}
issue silo openledger-silo serverAuth,clientAuth
issue client openledger-client clientAuth
chmod 644 "$out"/ca.crt "$out"/*/tls.crt "$out"/*/ca.crt
echo "dev-certs.sh: CA, silo and client certificates in $out"
