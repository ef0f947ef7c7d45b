// Connection URLs: scheme and query parameters, as the libraries read them (values stay strings, like ioredis/Prisma).
import type { Position, RawSite, RawValue } from './model.js';

/** Option paths that hold a connection URL in the libraries we know (pg, mysql2, TypeORM, Prisma, node-redis …). */
export const URL_OPTION_KEYS = ['connectionString', 'url', 'uri', 'datasourceUrl', 'datasources.db.url', 'connection'];

export interface ParsedUrl {
  scheme: string;
  params: Map<string, string>;
}

/** Parses `scheme://…?a=1&b=2`; returns undefined for anything that is not a URL with a scheme. */
export function parseConnectionUrl(text: string): ParsedUrl | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text.trim());
  if (!match) return undefined;
  const params = new Map<string, string>();
  const queryStart = text.indexOf('?');
  if (queryStart >= 0) {
    for (const pair of text.slice(queryStart + 1).split('&')) {
      if (!pair) continue;
      const equals = pair.indexOf('=');
      const key = decodeSafely(equals < 0 ? pair : pair.slice(0, equals));
      params.set(key, decodeSafely(equals < 0 ? '' : pair.slice(equals + 1)));
    }
  }
  return { scheme: match[1].toLowerCase(), params };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The URL a site carries: the one given explicitly, else the first URL-valued option. */
export function siteUrl(site: RawSite): RawSite['url'] {
  if (site.url) return site.url;
  for (const key of URL_OPTION_KEYS) {
    const raw = site.options.get(key);
    if (!raw?.resolved || typeof raw.value !== 'string') continue;
    const parsed = parseConnectionUrl(raw.value);
    if (parsed) return { text: raw.value, position: raw.position, params: toRawParams(parsed, raw.position) };
  }
  return undefined;
}

export function toRawParams(parsed: ParsedUrl, position: Position | undefined): Map<string, RawValue> {
  return new Map([...parsed.params].map(([key, value]) => [key, { value, resolved: true, position, via: 'url' as const }]));
}
