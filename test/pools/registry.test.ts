// The library registry: unique sorted ids, well-formed option tables, and defaults normalised per major.
import { describe, expect, it } from 'vitest';
import { buildRegistry, getLibrary, LIBRARIES } from '../../src/pools/index.js';
import { normalise } from '../../src/pools/normalise.js';
import { rawSiteFromObject } from '../../src/pools/raw.js';

const at = { file: 'x.ts', line: 1, column: 1 };

describe('library registry', () => {
  it('knows at least 15 libraries', () => {
    expect(LIBRARIES.size).toBeGreaterThanOrEqual(15);
  });
  it('refuses duplicate and unsorted ids', () => {
    const pg = getLibrary('pg');
    const tarn = getLibrary('tarn');
    expect(() => buildRegistry([pg, pg])).toThrow(/duplicate library id/);
    expect(() => buildRegistry([tarn, pg])).toThrow(/not sorted/);
  });
  for (const library of LIBRARIES.values()) {
    it(`${library.id}: option keys and aliases are unique, and an empty config normalises`, () => {
      const keys = library.options.flatMap((spec) => [spec.key, ...(spec.aliases ?? [])]);
      expect(new Set(keys).size).toBe(keys.length);
      const config = normalise(rawSiteFromObject(library.id, {}, at), library, { major: library.referenceMajor, source: 'reference' });
      expect(Object.keys(config.options).sort()).toEqual(library.options.map((spec) => spec.key).sort());
      expect(Object.values(config.options).every((value) => value.origin === 'default')).toBe(true);
    });
  }
});

describe('normalise', () => {
  it('keeps set, default and unknown apart and records aliases', () => {
    const site = rawSiteFromObject('pg', { poolSize: 7 }, at);
    site.options.set('connectionTimeoutMillis', { resolved: false, via: 'env', env: 'PG_TIMEOUT', position: at });
    const config = normalise(site, getLibrary('pg'), { major: 8, source: 'reference' });
    expect(config.options.max).toMatchObject({ origin: 'set', value: 7, writtenAs: 'poolSize' });
    expect(config.options.idleTimeoutMillis).toMatchObject({ origin: 'default', value: 10_000 });
    expect(config.options.connectionTimeoutMillis).toMatchObject({ origin: 'unknown', env: 'PG_TIMEOUT' });
    expect(config.facets.maxSize).toMatchObject({ origin: 'set', value: 7 });
    expect(config.facets.acquireTimeoutMs).toMatchObject({ origin: 'unknown' });
  });
  it('applies sentinels and units in facets', () => {
    const mysql = normalise(rawSiteFromObject('mysql2', { connectionLimit: 0 }, at), getLibrary('mysql2'), { major: 3, source: 'reference' });
    expect(mysql.facets.maxSize?.value).toBe(Infinity);
    const mariadb = normalise(rawSiteFromObject('mariadb', { idleTimeout: 60 }, at), getLibrary('mariadb'), { major: 3, source: 'reference' });
    expect(mariadb.facets.idleTimeoutMs?.value).toBe(60_000);
    const pg = normalise(rawSiteFromObject('pg', { max: 0 }, at), getLibrary('pg'), { major: 8, source: 'reference' });
    expect(pg.facets.maxSize?.value).toBe(10);
  });
  it('chooses defaults by installed major', () => {
    const v4 = normalise(rawSiteFromObject('node-redis', {}, at), getLibrary('node-redis'), { major: 4, source: 'lockfile' });
    const v6 = normalise(rawSiteFromObject('node-redis', {}, at), getLibrary('node-redis'), { major: 6, source: 'lockfile' });
    expect(v4.facets.commandTimeoutMs?.value).toBe(Infinity);
    expect(v6.facets.commandTimeoutMs?.value).toBe(5_000);
    const lru6 = normalise(rawSiteFromObject('lru-cache', {}, at), getLibrary('lru-cache'), { major: 6, source: 'lockfile' });
    expect(lru6.options.max.value).toBe(Infinity);
  });
  it('reads pool params from a connection URL in the options', () => {
    const config = normalise(rawSiteFromObject('mysql2', { uri: 'mysql://u:p@h/db?connectionLimit=20&queueLimit=50' }, at), getLibrary('mysql2'), { major: 3, source: 'reference' });
    expect(config.options.connectionLimit).toMatchObject({ origin: 'set', value: '20', via: 'url' });
    expect(config.facets.queueLimit?.value).toBe(50);
  });
  it('marks options under an opaque spread unknown, and lists unknown keys', () => {
    const site = rawSiteFromObject('knex', { client: 'pg', pool: { max: 4, maxWaitingClients: 3 } }, at, { opaquePaths: ['pool'] });
    const config = normalise(site, getLibrary('knex'), { major: 3, source: 'reference' });
    expect(config.options['pool.min'].origin).toBe('unknown');
    expect(config.unknownKeys.map((key) => key.key)).toEqual(['pool.maxWaitingClients']);
  });
});
