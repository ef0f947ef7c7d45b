// Connection URLs found on their own (in .env values, YAML/JSON strings): a site when they carry pool parameters.
import { getLibrary } from '../../pools/index.js';
import type { Position, RawSite } from '../../pools/model.js';
import { parseConnectionUrl, toRawParams } from '../../pools/url.js';

/** Query params only Prisma's engine reads; their presence on a postgres/mysql URL means Prisma. */
const PRISMA_PARAMS = ['connection_limit', 'pool_timeout', 'connect_timeout', 'socket_timeout', 'pgbouncer', 'max_connection_lifetime', 'max_idle_connection_lifetime', 'statement_cache_size'];

/** Which library reads pool settings from a URL of this scheme (pg reads none from the URL, so it has no entry). */
function libraryForUrl(scheme: string, params: Map<string, string>, prismaProject: boolean): string | undefined {
  const prismaLike = PRISMA_PARAMS.some((param) => params.has(param));
  if (scheme === 'postgres' || scheme === 'postgresql') return prismaLike || prismaProject ? 'prisma' : undefined;
  if (scheme === 'mysql') return prismaLike || prismaProject ? 'prisma' : 'mysql2';
  if (scheme === 'sqlserver') return 'prisma';
  if (scheme === 'mariadb') return 'mariadb';
  if (scheme === 'mongodb' || scheme === 'mongodb+srv') return 'mongodb';
  return undefined;
}

/** A site for a standalone URL, or undefined when the URL carries nothing the library reads as pool config. */
export function urlSite(text: string, position: Position, construct: string, prismaProject: boolean): RawSite | undefined {
  const parsed = parseConnectionUrl(text);
  if (!parsed || parsed.params.size === 0) return undefined;
  const libraryId = libraryForUrl(parsed.scheme, parsed.params, prismaProject);
  if (!libraryId) return undefined;
  const library = getLibrary(libraryId);
  const read = new Set(library.options.flatMap((spec) => spec.urlParams ?? []));
  if (![...parsed.params.keys()].some((param) => read.has(param))) return undefined;
  return {
    library: libraryId,
    construct,
    position,
    options: new Map(),
    opaquePaths: [],
    url: { text, position, params: toRawParams(parsed, position) },
    context: { inFunction: false, errorListener: null, role: 'url' },
  };
}
