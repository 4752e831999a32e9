# Sourced by bench scripts: a private Postfix (Debian's) on 127.0.0.1:$PF_PORT with STARTTLS, in directory $PF_DIR.
# Uses the test suite's configuration templates; nothing leaves the machine (every transport is error:).
# Needs root (Postfix's master must start as root) and openssl. Call pf_start, then pf_stop (also on EXIT).
pf_start() {
  local top; top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkdir -p "$PF_DIR/etc" "$PF_DIR/spool" "$PF_DIR/pki"  # Postfix makes data/ itself, owned by postfix
  chmod 755 "$PF_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=mx.bench.test" -addext "subjectAltName=DNS:mx.bench.test" \
    -keyout "$PF_DIR/pki/key.pem" -out "$PF_DIR/pki/cert.pem" >/dev/null 2>&1
  cat "$PF_DIR/pki/key.pem" "$PF_DIR/pki/cert.pem" > "$PF_DIR/pki/chain.pem"; chmod 600 "$PF_DIR/pki/chain.pem"
  sed "s#@BASE@#$PF_DIR#g" "$top/src/test/resources/postfix/main.cf" > "$PF_DIR/etc/main.cf"
  cp "$top/src/test/resources/postfix/master.cf" "$PF_DIR/etc/master.cf"
  echo "127.0.0.1:$PF_PORT inet n - n - - smtpd -o smtpd_tls_security_level=may -o smtpd_tls_chain_files=$PF_DIR/pki/chain.pem${PF_EXTRA:-}" >> "$PF_DIR/etc/master.cf"
  postfix -c "$PF_DIR/etc" start >/dev/null 2>&1 || { echo "postfix did not start" >&2; tail -5 "$PF_DIR/maillog" >&2; return 1; }
  for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$PF_PORT") 2>/dev/null && return 0; sleep 0.1; done
  echo "postfix did not listen on $PF_PORT" >&2; return 1
}
pf_connections() { grep -c " connect from" "$PF_DIR/maillog" 2>/dev/null || true; }
pf_stop() { postfix -c "$PF_DIR/etc" stop >/dev/null 2>&1 || true; }
