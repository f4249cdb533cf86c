import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailImporter, mboxImporter, splitMbox } from '../../../../../electron/core/import/formats/email';
import '../../../../../electron/core/import/registry';
import { ROOT, newWorkspace } from '../../../../helpers';

const FIX = join(ROOT, 'tests/fixtures/email');
const read = (name: string) => ({ path: join(FIX, name), name, size: 0, read: async () => readFileSync(join(FIX, name)) });

describe('e-mail import (real messages from the SpamAssassin corpus)', () => {
  it('reads an .eml: subject, from, to and date as metadata and at the top of the text', async () => {
    const [doc, ...rest] = await emailImporter.parse(read('message.eml'));
    expect(rest).toEqual([]);
    expect(doc).toMatchObject({ title: 'Re: New Sequences Window', author: '"Robert Elz" <kre@munnari.OZ.AU>', published: '2002-08-22', format: 'email' });
    expect(doc!.body.split('\n').slice(0, 4)).toEqual([
      'From: "Robert Elz" <kre@munnari.OZ.AU>',
      'To: "Chris Garrigues" <cwg-dated-1030377287.06fa6d@DeepEddy.Com>',
      'Date: Thu, 22 Aug 2002 11:26:25 GMT',
      'Subject: Re: New Sequences Window',
    ]);
    expect(doc!.body).not.toMatch(/^Received:/m);
    expect(Buffer.from(doc!.original!.content).equals(readFileSync(join(FIX, 'message.eml')))).toBe(true);
  });

  it('brings importable attachments in as documents linked to their message', async () => {
    const docs = await emailImporter.parse(read('with-attachment.eml'));
    expect(docs.map((d) => [d.title, d.parent])).toEqual([
      ['Re: [Razor-users] razor-revoke, trust levels, slashdot is not spam.', undefined],
      ['notspam.txt', 0],
    ]);
    const ws = await newWorkspace({ importPaths: [] });
    const summary = await ws.importFiles([join(FIX, 'with-attachment.eml')]);
    const [messageId, attachmentId] = summary.outcomes[0]!.documentIds;
    expect(ws.documents.meta(attachmentId!).parentId).toBe(messageId);
    expect(ws.documents.meta(messageId!).parentId).toBeNull();
    expect(ws.documents.source(messageId!)!.text).toContain('Subject: Re: [Razor-users]');
  });

  it('reads an mbox as one document per message, and says so when re-imported', async () => {
    const docs = await mboxImporter.parse(read('mailbox.mbox'));
    expect(docs.map((d) => d.title)).toEqual([
      'Re: New Sequences Window',
      '[zzzzteana] RE: Alexander',
      '[zzzzteana] Moscow bomber',
      "[IRR] Klez: The Virus That Won't Die",
      'Re: [zzzzteana] Nothing like mama used to make',
    ]);
    const ws = await newWorkspace({ importPaths: [] });
    const first = await ws.importFiles([join(FIX, 'mailbox.mbox'), join(FIX, 'message.eml')]);
    expect(first.outcomes.map((o) => [o.status, o.documentIds.length])).toEqual([
      ['imported', 5],
      ['duplicate', 0],
    ]);
    const again = await ws.importFiles([join(FIX, 'mailbox.mbox')]);
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', reason: 'every message in it is already in the workspace' });
    expect(ws.search.search({ query: 'klez virus' }).documents[0]!.title).toBe("[IRR] Klez: The Virus That Won't Die");
  });

  it('splits at From lines only, and unquotes >From in bodies', () => {
    const box = 'From a@b Thu Aug 22 2002\nSubject: one\n\nhello\n>From the start\n\nFrom c@d Fri Aug 23 2002\nSubject: two\n\nbye\n';
    expect(splitMbox(box)).toEqual(['Subject: one\n\nhello\nFrom the start\n\n', 'Subject: two\n\nbye\n']);
  });

  it('fails a file that is not a mailbox with a reason', async () => {
    await expect(mboxImporter.parse({ path: 'x.mbox', name: 'x.mbox', size: 5, read: async () => Buffer.from('just text, no messages') })).rejects.toThrow(/no messages found/);
  });
});
