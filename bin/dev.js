#!/usr/bin/env node
// Development entry: same as run.js but rebuilds first is left to `npm run build`; oclif's dev mode adds debug output.
import { execute } from '@oclif/core';
await execute({ development: true, dir: import.meta.url });
