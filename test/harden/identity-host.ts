import http from 'node:http';
import { createHmac, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** The issuer the Bot Framework puts on tokens it sends to bots. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * A stand-in for the Bot Framework's identity host on 127.0.0.1: an OpenID metadata document
 * and its signing keys (endorsed for `msteams`), with the private key in the test's hands, so
 * tests can mint good tokens and every kind of bad one.
 */
export interface IdentityHost {
  /** The OpenID metadata URL (give it to the bot as `openIdMetadataUrl`). */
  metadataUrl: string;
  kid: string;
  /** The published key, PEM (what an HS256 forgery would use as its "secret"). */
  publicPem: string;
  /** A JWS over `payload` with `header`, signed by the host's key unless `key` says otherwise. */
  token(payload: Record<string, unknown>, options?: { header?: Record<string, unknown>; key?: KeyObject | 'none' | { hmac: string } }): string;
  /** From now on the keys document answers 500, as an identity host in trouble does. */
  breakKeys(): void;
  close(): Promise<void>;
}

/** RSA keys cost a few hundred milliseconds each: one for every host a test file starts. */
let hostKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

export async function startIdentityHost(): Promise<IdentityHost> {
  const { privateKey, publicKey } = (hostKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const kid = 'harden-key-1';
  const jwk = publicKey.export({ format: 'jwk' });
  let base = '';
  let broken = false;
  const server = http.createServer((req, res) => {
    if (req.url === '/.well-known/openidconfiguration') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys' && broken) {
      res.writeHead(500).end();
    } else if (req.url === '/keys') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    kid,
    publicPem,
    token(payload, options = {}) {
      const key = options.key ?? privateKey;
      const alg = key === 'none' ? 'none' : typeof key === 'object' && 'hmac' in key ? 'HS256' : 'RS256';
      const head = `${part({ alg, typ: 'JWT', kid, ...options.header })}.${part(payload)}`;
      if (key === 'none') return `${head}.`;
      if ('hmac' in key) return `${head}.${createHmac('sha256', key.hmac).update(head).digest('base64url')}`;
      return `${head}.${sign('sha256', Buffer.from(head), key).toString('base64url')}`;
    },
    breakKeys: () => void (broken = true),
    close: () => new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}
