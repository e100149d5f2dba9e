/**
 * Replaces every occurrence of a secret value (and its URL-encoded and Base64 forms, which is
 * how tokens show up in URLs and Basic auth headers) with `***`.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])) {
      out = out.split(form).join('***');
    }
  }
  return out;
}
