/**
 * Where the bot may send what a request asked it to send somewhere: a Slack `response_url`, a
 * Teams `serviceUrl`. Both arrive inside the request, so without a list anyone who can get a
 * request in (a leaked signing secret, anonymous Teams mode) could make the bot POST answers to
 * any address, this machine and the cloud metadata service included.
 *
 * A rule is one of:
 * - `hooks.slack.com`: that host name exactly, over https on the default port;
 * - `*.slack.com`: any host below that domain (not the domain itself), over https on the default port;
 * - `http://127.0.0.1:3978` (with a scheme): exactly that scheme, host and port (a proxy, a
 *   local fake);
 * - `http://localhost:*`: that scheme and host on any port (the Bot Framework Emulator, whose
 *   port changes from run to run).
 *
 * @example
 *   const allowed = outboundAllowList(['hooks.slack.com', '*.slack.com']);
 *   allowed('https://hooks.slack.com/commands/T1/2/3'); // true
 *   allowed('http://169.254.169.254/latest/meta-data'); // false
 */
export function outboundAllowList(rules: readonly string[]): (url: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  const origins = new Set<string>();
  const anyPort = new Set<string>();
  for (const raw of rules) {
    const rule = raw.trim().toLowerCase().replace(/\/+$/, '');
    if (rule === '') continue;
    if (rule.includes('://') && rule.endsWith(':*')) {
      const origin = originOf(rule.slice(0, -2));
      if (origin) anyPort.add(origin);
    } else if (rule.includes('://')) {
      const origin = originOf(rule);
      if (origin) origins.add(origin);
    } else if (rule.startsWith('*.')) {
      suffixes.push(rule.slice(1));
    } else {
      exact.add(rule);
    }
  }
  return (text) => {
    const url = parse(text);
    if (!url || url.username || url.password) return false;
    if (origins.has(url.origin) || anyPort.has(`${url.protocol}//${url.hostname}`)) return true;
    // Host names alone are trusted over https on the default port only.
    if (url.protocol !== 'https:' || url.port !== '') return false;
    const host = url.hostname;
    return exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
  };
}

/** Parses a rule list written as `a, b c` (commas or spaces), as an environment variable holds it. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter(Boolean);
}

/** `scheme://host[:port]` of a URL, for log lines (never its path or query, which may hold a secret). */
export function hostOf(text: string): string {
  const url = parse(text);
  return url ? `${url.protocol}//${url.host}` : '(not a URL)';
}

/** The origin (`http://127.0.0.1:9000`) of a URL, or undefined when it is not an http(s) URL. */
export function originOf(text: string): string | undefined {
  const url = parse(text);
  return url ? url.origin : undefined;
}

function parse(text: string): URL | undefined {
  if (typeof text !== 'string' || text.length > 2048) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
