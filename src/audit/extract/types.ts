// What extraction hands to the audit: raw construction sites, files that failed to parse, suppressions.
import type { Position, RawSite } from '../../pools/model.js';

/** A file (or part of one) that could not be read as its format: becomes a `parse-error` finding, never a crash. */
export interface ParseProblem {
  position: Position;
  message: string;
}

/** Everything one file contributed. */
export interface FileExtraction {
  sites: RawSite[];
  problems: ParseProblem[];
  /** Environment variable names read by construction sites (their .env URLs are not audited twice). */
  envConsumed: string[];
}

/** .env values visible to a source file, by variable name, with where each was defined. */
export type EnvValues = ReadonlyMap<string, { value: string; position: Position }>;
