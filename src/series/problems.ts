// Lines a reader could not use: all are counted, the first few are kept with their line numbers.

/** One unparseable line (or record) of an input, 1-based line number as editors show it. */
export interface SeriesProblem {
  file: string;
  line: number;
  message: string;
}

/** How many problems per file are kept verbatim: enough to show the pattern, few enough to read. */
export const PROBLEMS_KEPT_PER_FILE = 5;

/** What a ProblemLog holds, as sent between threads. */
export interface ProblemsPart {
  kept: SeriesProblem[];
  unparsedLines: number;
}

export class ProblemLog {
  readonly kept: SeriesProblem[] = [];
  /** Every unparseable line, kept or not. */
  unparsedLines = 0;
  private readonly keptPerFile = new Map<string, number>();

  add(file: string, line: number, message: string): void {
    this.unparsedLines++;
    this.keep(file, line, message);
  }

  /**
   * Takes over the problems of a later part of a file read by another thread: its line numbers are counted
   * from the part's first line, so `lineOffset` (the lines before the part) makes them file line numbers.
   */
  absorb(part: ProblemsPart, lineOffset: number): void {
    for (const problem of part.kept) {
      if (!this.keep(problem.file, problem.line + lineOffset, problem.message)) break;
    }
    this.unparsedLines += part.unparsedLines;
  }

  /** A note that is not an unparsed line (e.g. a dropped NaN value, a guessed anchor): kept, not counted. */
  note(file: string, line: number, message: string): void {
    this.keep(file, line, message);
  }

  /** Keeps the problem unless its file already has PROBLEMS_KEPT_PER_FILE; says whether it was kept. */
  private keep(file: string, line: number, message: string): boolean {
    const kept = this.keptPerFile.get(file) ?? 0;
    if (kept >= PROBLEMS_KEPT_PER_FILE) return false;
    this.keptPerFile.set(file, kept + 1);
    this.kept.push({ file, line, message });
    return true;
  }
}

/** Shortens a line for a problem message so a binary or minified line cannot flood the report. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/[\r\n\t]/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}
