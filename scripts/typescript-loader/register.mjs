// `node --import ./register.mjs`: lets a worker thread started from the TypeScript sources (under vitest) load .ts files.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
