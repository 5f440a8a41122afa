#!/usr/bin/env bash
# Makes the fake certificates of local runs and tests: an emulator CA, standing in for WeChat's, that issues
# the emulator's TLS server certificate and a merchant API client certificate (apiclient_cert.p12) for the
# placeholder merchant 1900000000. None of them is, or was ever issued by, a real WeChat certificate.
# Run from the project root; it overwrites the committed files.
set -euo pipefail
main=src/main/resources/sandbox/tls
test=src/test/resources/certificates
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$main" "$test"
store=scanpay-local       # password of the emulator's own stores
mch=1900000000            # the placeholder merchant; its certificate's password is its mch_id, as WeChat's is
days=36500

kt() { keytool -noprompt "$@"; }

# The emulator CA: signs the emulator's server certificate and the merchants' client certificates.
kt -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity $days -storetype PKCS12 \
  -keystore "$work/ca.p12" -storepass $store -dname "CN=scanpay emulator CA (local runs only), O=scanpay" \
  -ext bc:c -ext ku:c=keyCertSign,cRLSign
kt -exportcert -rfc -alias ca -keystore "$work/ca.p12" -storepass $store -file "$work/ca.pem"
rm -f "$main/emulator-ca.p12"
kt -importcert -alias emulator-ca -file "$work/ca.pem" -storetype PKCS12 -keystore "$main/emulator-ca.p12" \
  -storepass $store

# issue <keystore> <alias> <password> <dname> <startdate or empty> <validity days> [ext...]
issue() {
  local file=$1 alias=$2 pass=$3 dname=$4 start=$5 validity=$6; shift 6
  rm -f "$file"
  kt -genkeypair -alias "$alias" -keyalg RSA -keysize 2048 -validity $days -storetype PKCS12 \
    -keystore "$file" -storepass "$pass" -dname "$dname"
  kt -certreq -alias "$alias" -keystore "$file" -storepass "$pass" -file "$work/$alias.csr"
  kt -gencert -alias ca -keystore "$work/ca.p12" -storepass $store -infile "$work/$alias.csr" \
    -outfile "$work/$alias.pem" -rfc -validity "$validity" ${start:+-startdate "$start"} "$@"
  cat "$work/ca.pem" "$work/$alias.pem" > "$work/$alias-chain.pem"
  kt -importcert -alias "$alias" -file "$work/$alias-chain.pem" -keystore "$file" -storepass "$pass"
}

issue "$main/emulator-server.p12" emulator $store "CN=localhost, O=scanpay emulator" "" $days \
  -ext san=dns:localhost,ip:127.0.0.1,ip:::1 -ext eku=serverAuth
issue "$main/apiclient_cert.p12" "$mch" "$mch" "CN=$mch, OU=scanpay local merchant, O=scanpay emulator" "" $days \
  -ext eku=clientAuth

# Test-only certificates: another merchant's, and one that has expired.
issue "$test/other_merchant_cert.p12" 1900000001 1900000001 \
  "CN=1900000001, OU=another local merchant, O=scanpay emulator" "" $days -ext eku=clientAuth
issue "$test/expired_cert.p12" "$mch" "$mch" "CN=$mch, OU=scanpay local merchant, O=scanpay emulator" \
  -3d 1 -ext eku=clientAuth
# A merchant certificate no CA issued (self-signed).
rm -f "$test/self_signed_cert.p12"
kt -genkeypair -alias "$mch" -keyalg RSA -keysize 2048 -validity $days -storetype PKCS12 \
  -keystore "$test/self_signed_cert.p12" -storepass "$mch" -dname "CN=$mch, OU=self-signed, O=nobody"
