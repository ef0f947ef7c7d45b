// Offset → 1-based line/column for one file's text (UTF-16 offsets, as oxc-parser and the yaml package give them).
import type { Position } from '../../pools/model.js';

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly file: string, text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  position(offset: number): Position {
    // Binary search for the last line start ≤ offset.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { file: this.file, line: low + 1, column: offset - this.starts[low] + 1 };
  }
}
