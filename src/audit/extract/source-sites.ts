// Matches `new X(…)` / `x(…)` call sites against the libraries' SitePatterns through the file's import bindings.
import type { SitePattern } from '../../pools/library.js';
import { LIBRARIES } from '../../pools/index.js';

/** An import binding: local name → module and the export path it stands for ([] = the module itself). */
export interface Binding {
  module: string;
  exportPath: string[];
}

export interface PatternMatch {
  library: string;
  pattern: SitePattern;
}

/** `default.Pool` and `Pool` are the same thing to CommonJS interop, and `default` is the module itself. */
function normaliseExport(path: readonly string[]): string {
  const parts = path[0] === 'default' ? path.slice(1) : path;
  return parts.join('.');
}

/** module → (call kind + normalised export → match), built once from the registry. */
const INDEX: ReadonlyMap<string, ReadonlyMap<string, PatternMatch>> = (() => {
  const index = new Map<string, Map<string, PatternMatch>>();
  for (const library of LIBRARIES.values()) {
    for (const pattern of library.sites) {
      for (const module of pattern.modules) {
        const byExport = index.get(module) ?? new Map<string, PatternMatch>();
        const key = `${pattern.call}:${normaliseExport(pattern.exportName.split('.'))}`;
        if (!byExport.has(key)) byExport.set(key, { library: library.id, pattern });
        index.set(module, byExport);
      }
    }
  }
  return index;
})();

/** Every module specifier any library is constructed from; files importing none of them hold no sites. */
export const KNOWN_MODULES: ReadonlySet<string> = new Set(INDEX.keys());

export function matchSite(binding: Binding, memberPath: readonly string[], call: 'new' | 'call'): PatternMatch | undefined {
  const byExport = INDEX.get(binding.module);
  if (!byExport) return undefined;
  return byExport.get(`${call}:${normaliseExport([...binding.exportPath, ...memberPath])}`);
}
