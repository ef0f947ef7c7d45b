// Secret redaction for everything pooldoc reports: connection-string passwords and secret-looking fields.

export const REDACTED = '***';

/** Field names that hold credentials in pool configs, env files and live objects. */
const SECRET_KEY = /(pass(word|wd|phrase)?|secret|token|api[-_]?key|auth|credential|private[-_]?key|session[-_]?key|access[-_]?key|signature|cookie)$/i;

/** Field names that merely mention a secret-like word but hold no secret (counts, flags, options). */
const NOT_SECRET_KEY = /^(auth(Source|Mechanism|Plugins?|Switch)|authSwitchHandler|tokenCount|passwordless)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key);
}

/** scheme://user:password@host → scheme://user:***@host, for every URL inside a string. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)(@)/gi;
/** key=value pairs in libpq / ADO style connection strings and URL query strings. */
const PAIR_PASSWORD = /\b(password|pwd|pass|secret|token|apikey|api_key|access_token)=([^\s;&'"]+)/gi;

export function redactString(text: string): string {
  return text.replace(URL_PASSWORD, `$1${REDACTED}$3`).replace(PAIR_PASSWORD, `$1=${REDACTED}`);
}

/** Deep copy of a JSON-like value with secret fields and URL passwords redacted; cycles are cut. */
export function redact<T>(value: T): T {
  const seen = new WeakSet<object>();
  const walk = (item: unknown, key: string | undefined): unknown => {
    if (key !== undefined && isSecretKey(key) && item !== null && item !== undefined && typeof item !== 'object' && typeof item !== 'boolean') {
      return REDACTED;
    }
    if (typeof item === 'string') return redactString(item);
    if (item === null || typeof item !== 'object') return item;
    if (seen.has(item)) return '[circular]';
    seen.add(item);
    if (Array.isArray(item)) return item.map((element) => walk(element, undefined));
    const copy: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(item)) copy[childKey] = walk(child, childKey);
    return copy;
  };
  return walk(value, undefined) as T;
}
