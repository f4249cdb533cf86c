/**
 * OCR speed: a 10-page scanned PDF (300 dpi, no text layer) imported into a new workspace,
 * as a user would, timed from the call to the stored documents. Run alone with
 * `npm run bench -- --ocr-only`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../electron/core/workspace';

const PDF = fileURLToPath(new URL('../fixtures/ocr/scanned-10-pages.pdf', import.meta.url));
const GOAL_SECONDS = 60;

export async function benchOcr(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-bench-ocr-'));
  try {
    const ws = await Workspace.open(join(dir, 'ocr.workspace'), { create: true, importPaths: [] });
    const t0 = performance.now();
    const summary = await ws.importFiles([PDF]);
    const seconds = (performance.now() - t0) / 1000;
    const id = summary.outcomes[0]?.documentIds[0];
    const doc = id ? ws.documents.get(id) : null;
    ws.close();
    if (!doc?.ocr) {
      console.log(`- OCR: failed: ${summary.outcomes[0]?.reason ?? 'no document'}`);
      return;
    }
    console.log('## OCR (tesseract.js, offline)\n');
    console.log(
      `- 10-page scanned PDF (300 dpi) imported in ${seconds.toFixed(1)} s (goal < ${GOAL_SECONDS} s: ${seconds < GOAL_SECONDS ? 'met' : 'NOT met'}); ` +
        `${((10 / seconds) * 60).toFixed(1)} OCR pages per minute, languages ${doc.ocr.languages}, mean confidence ${Math.round(doc.ocr.confidence)}%\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
