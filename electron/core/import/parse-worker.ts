/** Reads and parses files for the import worker, on the other core. */
import { parentPort } from 'node:worker_threads';
import { parseInProcess } from './parse-file';
import type { ParseRequest, ParseResponse } from './worker-protocol';

const port = parentPort!;
port.on('message', (m: ParseRequest) => {
  void parseInProcess(m.entries, m.maxBytes).then((results) => port.postMessage({ id: m.id, results } satisfies ParseResponse));
});
