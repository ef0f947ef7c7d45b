// Bull 4 Queue: jobs are kept forever unless defaultJobOptions.removeOnComplete/removeOnFail say otherwise.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const bull: LibraryDefinition = {
  id: 'bull',
  title: 'Bull',
  packages: ['bull'],
  referenceMajor: 4,
  kind: 'queue',
  database: 'redis',
  sites: [
    // new Queue(name, opts) | new Queue(name, url, opts) | Queue(name, opts): options are the last argument.
    { modules: ['bull'], exportName: 'default', call: 'new', optionsArg: 'last', construct: 'new Queue (bull)', role: 'queue' },
  ],
  options: [
    option('defaultJobOptions.removeOnComplete', 'count', { default: false }),
    option('defaultJobOptions.removeOnFail', 'count', { default: false }),
    option('settings.lockDuration', 'ms', { default: 30_000 }),
    option('settings.stalledInterval', 'ms', { default: 30_000 }),
    option('settings.maxStalledCount', 'count', { default: 1 }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['redis', 'prefix', 'createClient', 'limiter', 'defaultJobOptions', 'settings', 'metrics'],
};
