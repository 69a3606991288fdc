#!/usr/bin/env bash
# Makes the signed files of the trust attack cases (issue 13): bundle-*, log-forged-*, attestation-*.
# Keys are made fresh here and only their public halves are kept: they are test-only, and the private keys
# are thrown away, so no one can sign with them again. Run from the repository root: attacks/make-trust-cases.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
key() { openssl genpkey -algorithm ed25519 -out "$work/$1.pem" 2>/dev/null; openssl pkey -in "$work/$1.pem" -pubout -out "$work/$1.pub"; }
key trusted; key attacker
ex=fixtures/worked-example
at=2026-11-28T12:00:00Z

# Bundles: one signed by the trusted key, then tampered with; one signed by another key.
./gatehouse bundle build --rules rules --key "$work/trusted.pem" -o "$work/good.bundle" >/dev/null
./gatehouse bundle build --rules rules --key "$work/attacker.pem" -o "$work/attacker.bundle" >/dev/null
for c in bundle-tampered-rule bundle-signed-by-another-key bundle-path-traversal bundle-zip-bomb bundle-symlink; do
  mkdir -p "attacks/$c"; cp "$work/trusted.pub" "attacks/$c/trusted.pub"
done
cp "$work/attacker.bundle" attacks/bundle-signed-by-another-key/rules.bundle
python3 - "$work/good.bundle" <<'PY'
import sys, zipfile, io
good = zipfile.ZipFile(sys.argv[1])
def rewrite(out, change):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            data = good.read(info.filename)
            for name, data, attr in change(info.filename, data):
                zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)); zi.compress_type = zipfile.ZIP_DEFLATED
                if attr is not None:
                    zi.create_system = 3; zi.external_attr = attr << 16
                z.writestr(zi, data)
# security.drl edited after signing (its first rule renamed): the file no longer matches the signed manifest.
rewrite('attacks/bundle-tampered-rule/rules.bundle', lambda n, d: [(n, d.replace(b'rule "', b'rule "disabled ', 1) if n == 'rules/security.drl' else d, None)])
rewrite('attacks/bundle-path-traversal/rules.bundle', lambda n, d: [(n, d, None)] + ([('rules/../../../tmp/evil.drl', b'package evil;\n', None)] if n == 'rules/ci.drl' else []))
rewrite('attacks/bundle-zip-bomb/rules.bundle', lambda n, d: [(n, d, None)] + ([('rules/bomb.drl', b'\0' * (64 * 1024 * 1024), None)] if n == 'rules/ci.drl' else []))
rewrite('attacks/bundle-symlink/rules.bundle', lambda n, d: [(n, b'/etc/passwd' if n == 'rules/security.drl' else d, 0o120777 if n == 'rules/security.drl' else None)])
PY

# A signed log of three decisions (eligible, not eligible, eligible); line 2 made eligible and line 3 re-chained.
log="$work/signed.jsonl"
for x in "$ex/exceptions" "" "$ex/exceptions"; do
  ./gatehouse evaluate --evidence "$ex/evidence.json" --readback "$ex/readback.json" ${x:+--exceptions "$x"} --at "$at" \
    --output "$work/d.json" --log "$log" --log-key "$work/trusted.pem" --log-chain replica-a || true
done
mkdir -p attacks/log-forged-rechained
cp "$work/trusted.pub" attacks/log-forged-rechained/log.pub
python3 - "$log" attacks/log-forged-rechained/forged.jsonl <<'PY'
import sys, json, hashlib
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
l2 = json.loads(lines[1]); l2['decision']['eligible'] = True; l2['decision']['violations'] = []
forged2 = json.dumps(l2, separators=(',', ':'), ensure_ascii=False)
l3 = json.loads(lines[2]); l3['prev'] = 'sha256:' + hashlib.sha256(forged2.encode('utf-8')).hexdigest()
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join([lines[0], forged2, json.dumps(l3, separators=(',', ':'), ensure_ascii=False)]) + '\n')
PY

# Attestations: a PASSED one checked with another key; a FAILED one whose payload was edited to PASSED.
mkdir -p attacks/attestation-signed-by-another-key attacks/attestation-failed-edited-to-passed
./gatehouse evaluate --evidence "$ex/evidence.json" --readback "$ex/readback.json" --exceptions "$ex/exceptions" --at "$at" \
  --output "$work/d.json" --attest attacks/attestation-signed-by-another-key/attestation.json --signing-key "$work/attacker.pem"
cp "$work/trusted.pub" attacks/attestation-signed-by-another-key/deploy.pub
./gatehouse evaluate --evidence "$ex/evidence.json" --readback "$ex/readback.json" --at "$at" \
  --output "$work/d.json" --attest "$work/failed.json" --signing-key "$work/trusted.pem" || true
cp "$work/trusted.pub" attacks/attestation-failed-edited-to-passed/deploy.pub
python3 - "$work/failed.json" attacks/attestation-failed-edited-to-passed/attestation.json <<'PY'
import sys, json, base64
env = json.load(open(sys.argv[1]))
st = json.loads(base64.b64decode(env['payload']))
st['predicate']['verificationResult'] = 'PASSED'
st['predicate']['verifiedLevels'] = ['GATEHOUSE_PROMOTION_ELIGIBLE']
ext = st['predicate']['https://github.com/gatehouse/gatehouse/promotion/v1']; ext['eligible'] = True; ext['violations'] = []
env['payload'] = base64.b64encode(json.dumps(st, separators=(',', ':'), sort_keys=True).encode()).decode()
json.dump(env, open(sys.argv[2], 'w'), indent=2); open(sys.argv[2], 'a').write('\n')
PY
echo "made the trust attack cases"
