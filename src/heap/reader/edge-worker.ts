// Worker thread: parses the `edges` section of a snapshot file into shared columns while the main thread reads the rest.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { EdgeSectionReader } from './edge-section.js';
import type { EdgeJobRequest, EdgeJobResult } from './parallel-edges.js';

function run(request: EdgeJobRequest): EdgeJobResult {
  const { file, layout, start, chunkBytes, shared } = request;
  const columns = {
    edgeType: new Uint8Array(shared.edgeType),
    edgeNameOrIndex: new Uint32Array(shared.edgeNameOrIndex),
    edgeTarget: new Uint32Array(shared.edgeTarget),
  };
  const reader = new EdgeSectionReader(file, layout, columns);
  const fd = openSync(file, 'r');
  try {
    // The main thread's chunk size (32 MB unless a test asks for tiny ones).
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let position = start;
    while (!reader.done) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
      // The main thread's parser reports a truncated file with the sequential reader's message.
      if (bytesRead === 0) return { kind: 'truncated' };
      const stop = reader.consume(buffer, 0, bytesRead, position);
      position += reader.done ? stop : bytesRead;
    }
    return { kind: 'done', maxNameIndex: reader.maxNameIndex, end: position };
  } catch (error) {
    if (error instanceof InputError) return { kind: 'error', message: error.message, position: error.position };
    throw error;
  } finally {
    closeSync(fd);
  }
}

parentPort!.postMessage(run(workerData as EdgeJobRequest));
