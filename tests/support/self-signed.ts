// A self-signed certificate for 127.0.0.1, made with node:crypto and a few
// lines of DER, so the tests' local push service can speak HTTPS without a
// certificate tool or package. P-256 key, ECDSA with SHA-256, one day valid.
import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  const n = body.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
const seq = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const oid = (dotted: string): Buffer => {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
/**
 * A DER INTEGER, minimally encoded: no leading zero byte unless the next has
 * its high bit set. A random serial starting with 0x00 (1 in 512) was
 * refused by OpenSSL as "illegal padding", failing a CI run.
 */
const integer = (bytes: Buffer) => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && !(bytes[start + 1]! & 0x80)) start++;
  const minimal = bytes.subarray(start);
  return tlv(0x02, minimal[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
};
const utcTime = (d: Date) => tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn)))));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

export interface SelfSigned {
  cert: string;
  key: string;
}

/** For `ip`, and for `dnsNames` too (the link-preview tests' made-up hosts). */
export function selfSignedCertificate(ip = '127.0.0.1', dnsNames: string[] = []): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = Date.now();
  const extensions = tlv(
    0xa3,
    seq(
      // basicConstraints: a CA (it is its own trust anchor), critical
      seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq(tlv(0x01, Buffer.from([0xff]))))),
      // subjectAltName: IP address and DNS names
      seq(
        oid('2.5.29.17'),
        tlv(
          0x04,
          seq(
            tlv(0x87, Buffer.from(ip.split('.').map(Number))),
            ...dnsNames.map((n) => tlv(0x82, Buffer.from(n))),
          ),
        ),
      ),
    ),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(8)),
    ECDSA_SHA256,
    name(ip),
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 24 * 3600_000))),
    name(ip),
    publicKey.export({ format: 'der', type: 'spki' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.from([0]), signature));
  const cert = `-----BEGIN CERTIFICATE-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
  // Parse once: a malformed certificate fails here, not in a TLS handshake.
  new X509Certificate(cert);
  return { cert, key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
