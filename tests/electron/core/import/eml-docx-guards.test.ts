import JSZip from 'jszip';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, newWorkspace, tempDir } from '../../../helpers';

describe('files that only look like e-mail or Word', () => {
  it('random bytes named .eml are refused, as the same bytes named .txt are; a real message still imports', async () => {
    const dir = tempDir();
    const bytes = randomBytes(28 * 1024);
    writeFileSync(join(dir, 'garbage.eml'), bytes);
    writeFileSync(join(dir, 'garbage.txt'), bytes);
    writeFileSync(join(dir, 'real.eml'), readFileSync(join(ROOT, 'tests/fixtures/email/message.eml')));
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([dir]);
    const outcome = (name: string) => s.outcomes.find((o) => o.path.endsWith(name))!;
    expect(outcome('garbage.txt').status).toBe('failed');
    expect(outcome('garbage.eml')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/binary content|not an e-mail message/) });
    expect(outcome('real.eml').status).toBe('imported');
    expect(ws.info().documents).toBe(1);
  });

  it('a DOCX with a DOCTYPE (an entity attack) fails with a clear reason, not a raw parser error', async () => {
    const dir = tempDir();
    const zip = await JSZip.loadAsync(readFileSync(join(ROOT, 'tests/fixtures/office/briefing.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    const hostile = xml.replace('?>', '?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>');
    zip.file('word/document.xml', hostile);
    writeFileSync(join(dir, 'hostile.docx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const ws = await newWorkspace({ importPaths: [] });
    const s = await ws.importFiles([dir]);
    expect(s.outcomes[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('declares a DOCTYPE') });
    expect(s.outcomes[0]!.reason).not.toContain('xmldom');
  });
});
