// The explicit, sorted command registry oclif loads (package.json oclif.commands); a duplicate id fails to compile.
import type { Command } from '@oclif/core';
import Analyze from './analyze.js';
import Audit from './audit.js';
import Diff from './diff.js';
import Heap from './heap.js';
import Trend from './trend.js';

export const COMMANDS: Record<string, Command.Class> = {
  analyze: Analyze,
  audit: Audit,
  diff: Diff,
  heap: Heap,
  trend: Trend,
};
