import type { Entry } from 'yauzl';

export const MAX_ENTRIES = 5_000;
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;

function refuse(reason: string): Error {
  return new Error(reason);
}

/** A name that would leave the folder the archive is unpacked into. */
function escapes(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').includes('..');
}

/**
 * Reads an Office file's zip with limits that hold even if its directory lies: at most
 * MAX_ENTRIES entries, MAX_INFLATED_BYTES unpacked in all (counted while inflating), no
 * name that climbs out of the archive. Entries `keep` rejects are never inflated.
 */
export async function readZipSafely(bytes: Buffer, keep: (name: string) => boolean): Promise<Map<string, Buffer>> {
  // Loaded when an Office file is read, not with every import worker.
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(refuse(`not a readable zip archive (${err?.message ?? 'unknown error'})`));
      const out = new Map<string, Buffer>();
      let entries = 0;
      let inflated = 0;
      const fail = (e: Error) => {
        zip.close();
        reject(e);
      };
      zip.on('error', (e: Error) => {
        const climb = /invalid relative path: (.*)/.exec(e.message);
        fail(refuse(climb ? `an entry tries to leave the archive (${climb[1]})` : `damaged zip archive (${e.message})`));
      });
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: Entry) => {
        if (++entries > MAX_ENTRIES) return fail(refuse(`too many entries in the archive (more than ${MAX_ENTRIES})`));
        if (escapes(entry.fileName)) return fail(refuse(`an entry tries to leave the archive (${entry.fileName})`));
        if (entry.fileName.endsWith('/') || !keep(entry.fileName)) return zip.readEntry();
        if (inflated + entry.uncompressedSize > MAX_INFLATED_BYTES) return fail(refuse(`too large when unpacked (over ${MAX_INFLATED_BYTES / 1048576} MB): a zip bomb?`));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(refuse(`damaged zip entry ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => {
            inflated += c.length;
            if (inflated > MAX_INFLATED_BYTES) {
              stream.destroy();
              fail(refuse(`too large when unpacked (over ${MAX_INFLATED_BYTES / 1048576} MB): a zip bomb?`));
            } else chunks.push(c);
          });
          stream.on('error', (se: Error) => fail(refuse(`damaged zip entry ${entry.fileName} (${se.message})`)));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Packs checked entries into a fresh, uncompressed zip for a library that wants one. */
export async function repack(entries: Map<string, Buffer>): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
