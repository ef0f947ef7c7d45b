// The explicit, sorted command registry oclif loads (package.json oclif.commands); a duplicate id fails to compile.
import type { Command } from '@oclif/core';
import Diff from './diff.js';
import Heap from './heap.js';

export const COMMANDS: Record<string, Command.Class> = {
  diff: Diff,
  heap: Heap,
};
