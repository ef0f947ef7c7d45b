// Worker thread: parses the `edges` section of a snapshot file into shared columns while the main thread reads the rest.
import { parentPort, workerData } from 'node:worker_threads';
import { parseEdgeSection, type EdgeJobRequest } from './parallel-edges.js';

parentPort!.postMessage(parseEdgeSection(workerData as EdgeJobRequest));
