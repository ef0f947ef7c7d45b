// The one-line error a snapshot read gives, for tests that compare the threaded read's errors with the sequential one's.
import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSnapshotFile } from '../../src/heap/index.js';

/** The message of the InputError reading `file` throws ('no error' when it reads fine). */
export async function readErrorOf(file: string, options: Parameters<typeof readSnapshotFile>[1]): Promise<string> {
  try {
    await readSnapshotFile(file, options);
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
}
