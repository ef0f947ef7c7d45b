// BullMQ Queue/Worker: jobs are kept forever unless removeOnComplete/removeOnFail say otherwise.
import type { LibraryDefinition } from './library.js';
import { option } from './library.js';

export const bullmq: LibraryDefinition = {
  id: 'bullmq',
  title: 'BullMQ',
  packages: ['bullmq'],
  referenceMajor: 5,
  kind: 'queue',
  database: 'redis',
  sites: [
    { modules: ['bullmq'], exportName: 'Queue', call: 'new', optionsArg: 1, construct: 'new Queue (bullmq)', role: 'queue' },
    // new Worker(name, processor, opts): each Worker holds a blocking connection plus a normal one.
    { modules: ['bullmq'], exportName: 'Worker', call: 'new', optionsArg: 2, construct: 'new Worker (bullmq)', role: 'worker' },
  ],
  options: [
    option('defaultJobOptions.removeOnComplete', 'count', { aliases: ['removeOnComplete'], default: false }),
    option('defaultJobOptions.removeOnFail', 'count', { aliases: ['removeOnFail'], default: false }),
    option('concurrency', 'count', { default: 1 }),
    option('lockDuration', 'ms', { default: 30_000 }),
    option('stalledInterval', 'ms', { default: 30_000 }),
    option('maxStalledCount', 'count', { default: 1 }),
  ],
  unknownKeys: 'ignored',
  passThrough: ['connection', 'prefix', 'defaultJobOptions', 'streams', 'autorun', 'limiter', 'settings', 'metrics', 'sharedConnection', 'skipVersionCheck', 'skipWaitingForReady', 'drainDelay', 'runRetryDelay', 'useWorkerThreads', 'name', 'telemetry', 'blockingConnection', 'skipStalledCheck', 'skipLockRenewal', 'removeOnComplete', 'removeOnFail'],
};
