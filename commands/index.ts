// The explicit, sorted command registry oclif loads (package.json oclif.commands); a duplicate id fails to compile.
import type { Command } from '@oclif/core';
import Trend from './trend.js';

export const COMMANDS: Record<string, Command.Class> = {
  trend: Trend,
};
