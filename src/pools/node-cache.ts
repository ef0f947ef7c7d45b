// node-cache 5: stdTTL in SECONDS (0 = forever) and maxKeys -1 = unlimited; a full cache throws instead of evicting.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const nodeCache: LibraryDefinition = {
  id: 'node-cache',
  title: 'node-cache',
  packages: ['node-cache'],
  referenceMajor: 5,
  kind: 'cache',
  sites: [{ modules: ['node-cache'], exportName: 'default', call: 'new', optionsArg: 0, construct: 'new NodeCache' }],
  options: [
    option('stdTTL', 's', { default: 0 }),
    option('checkperiod', 's', { default: 600 }),
    option('maxKeys', 'count', { default: -1, facet: 'maxSize' }),
    option('useClones', 'bool', { default: true }),
    option('deleteOnExpire', 'bool', { default: true }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['errorOnMissing', 'forceString', 'objectValueSize', 'promiseValueSize', 'arrayValueSize'],
};
