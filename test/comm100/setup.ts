import { expect } from 'vitest';
import { comm100SourceSchema, type Comm100SourceConfig } from '../../src/config/source-schemas.js';
import { FAKE_COMM100_DEFAULTS, type FakeComm100 } from '../fakes/fake-comm100.js';
import type { VendorError } from '../../src/domain/errors.js';

const d = FAKE_COMM100_DEFAULTS;

/** A parsed comm100 source pointing at the fake, authenticated with the fake's API key unless told otherwise. */
export function sourceFor(fake: FakeComm100, overrides: Record<string, unknown> = {}): Comm100SourceConfig & { id: string } {
  const raw = {
    vendor: 'comm100',
    dataCenter: 11,
    siteId: d.siteId,
    auth: { type: 'apiKey', email: d.email, apiKey: d.apiKey },
    timeZone: 'America/Bogota',
    baseUrl: fake.url,
    timeout: '2s',
    ...overrides,
  };
  return { ...comm100SourceSchema.parse(raw), id: 'emea' };
}

export const oauthAuth = { type: 'oauth', clientId: d.clientId, clientSecret: d.clientSecret } as const;

/** Catches the VendorError a call throws (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<VendorError> {
  try {
    await promise;
  } catch (error) {
    return error as VendorError;
  }
  throw new Error('expected the call to fail');
}

/** Every text an error could put in a log line or a reply. */
export function everyTextOf(error: VendorError): string {
  return JSON.stringify([
    error.message,
    error.userMessage,
    error.detail,
    error.toLog(),
    (error.cause as Error | undefined)?.message ?? '',
    String(error.stack),
  ]);
}

export function expectNoSecrets(error: VendorError, secrets: string[]): void {
  const text = everyTextOf(error);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(secret).toString('base64'));
  }
}
