#!/bin/sh
# mkcert.sh DIR - a self-signed certificate for IP 127.0.0.1 (P-256, ten
# years) for tests of guichetd over HTTPS: writes DIR/cert.pem and
# DIR/key.pem, prints nothing, exits non-zero when openssl fails.
# Without DIR it does nothing and exits 0 (tests/run runs every
# tests/cli/*.sh once per binary; this one is a helper, not a test).
[ -n "$1" ] || exit 0
dir=$1
mkdir -p "$dir" || exit 1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1 || exit 1
chmod 600 "$dir/key.pem"
