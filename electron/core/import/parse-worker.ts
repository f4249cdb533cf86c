/** Reads and parses files for the import worker, on the other core; one file at a time, saying which. */
import { parentPort } from 'node:worker_threads';
import { parseFile } from './parse-file';
import type { ParseMessage, ParseRequest } from './worker-protocol';

const port = parentPort!;
const post = (m: ParseMessage) => port.postMessage(m);
let queue = Promise.resolve();
port.on('message', (m: ParseRequest) => {
  queue = queue.then(async () => {
    for (let i = 0; i < m.entries.length; i++) {
      const e = m.entries[i]!;
      post({ type: 'started', id: m.id, index: m.offset + i });
      const index = m.offset + i;
      const onPage = (_path: string, page: number, pages: number) => post({ type: 'page', id: m.id, index, page, pages });
      post({ type: 'parsed', id: m.id, index, result: await parseFile(e.path, e.size, m.maxBytes, e.data, { onPage }) });
    }
  });
});
