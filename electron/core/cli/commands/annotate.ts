import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { ErrorCode, WorkbenchError } from '../../../shared/errors';
import type { Tag } from '../../../shared/schemas';
import type { Api } from '../../../shared/api/client';
import { parseId, type Runner } from '../main';
import { table } from '../output';

/** The tag named (any case) by name, or null. */
async function tagNamed(api: Api, name: string): Promise<Tag | null> {
  const wanted = name.replace(/\s+/g, ' ').trim().toLowerCase();
  return (await api.tags.list()).find((t) => t.name.toLowerCase() === wanted) ?? null;
}

/** A tag named by id or by name. */
async function findTag(api: Api, ref: string): Promise<Tag> {
  if (/^\d+$/.test(ref)) {
    const tag = (await api.tags.list()).find((t) => t.id === Number(ref));
    if (!tag) throw new WorkbenchError(ErrorCode.NotFound, `No tag with id ${ref}. See \`workbench tag list\`.`, { field: 'tag' });
    return tag;
  }
  const tag = await tagNamed(api, ref);
  if (!tag) throw new WorkbenchError(ErrorCode.NotFound, `No tag named "${ref}". See \`workbench tag list\`.`, { field: 'tag' });
  return tag;
}

/** The tag by id or name, created when a name is new. */
async function ensureTag(api: Api, ref: string): Promise<Tag> {
  if (/^\d+$/.test(ref)) return findTag(api, ref);
  return (await tagNamed(api, ref)) ?? api.tags.create({ name: ref });
}

function tagTree(tags: Tag[]): string {
  const lines: string[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const t of tags.filter((x) => x.parentId === parent)) {
      lines.push(`${'  '.repeat(depth)}${t.name}  [${t.id}] ${t.color}  ${t.documentCount} doc(s), ${t.highlightCount} highlight(s)`);
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return lines.join('\n') || 'No tags yet.';
}

/** Note text from the argument, or from a file with --file (- for stdin). */
function noteText(text: string | undefined, file: string | undefined): string {
  if (file) return readFileSync(file === '-' ? 0 : file, 'utf8');
  if (text === undefined || !text.trim()) throw new WorkbenchError(ErrorCode.InvalidInput, 'A note needs text: give it as an argument or with --file.', { field: 'text' });
  return text;
}

export function registerAnnotate(program: Command, run: Runner): void {
  const tag = program.command('tag').description('create, apply, list and delete tags');
  tag.command('list').description('the tag tree with counts').action(async (_o, cmd: Command) => {
    await run.withApi(cmd, async (api, out) => {
      const tags = await api.tags.list();
      out.result(tags, () => tagTree(tags));
    }, { read: true, waitForIndex: false });
  });
  tag
    .command('create')
    .argument('<name>')
    .option('--color <hex>', 'colour as #rrggbb')
    .option('--parent <tag>', 'put it under this tag (name or id)')
    .action(async (name: string, opts: { color?: string; parent?: string }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const parentId = opts.parent ? (await findTag(api, opts.parent)).id : null;
        const t = await api.tags.create({ name, ...(opts.color ? { color: opts.color } : {}), parentId });
        out.result(t, () => `Created tag ${t.id} "${t.name}" ${t.color}.`);
      });
    });
  tag
    .command('apply')
    .description('tag documents (or highlights with --highlight); an unknown tag name is created')
    .argument('<tag>', 'tag name or id')
    .argument('<ids...>', 'document ids (highlight ids with --highlight)')
    .option('--highlight', 'the ids are highlights')
    .action(async (ref: string, ids: string[], opts: { highlight?: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const numeric = ids.map((i) => parseId(i, opts.highlight ? 'highlight id' : 'document id'));
        const t = await ensureTag(api, ref);
        const { changed, ...tag } = await api.tags.apply({ tagId: t.id, ...(opts.highlight ? { highlightIds: numeric } : { documentIds: numeric }) });
        out.result({ tag, added: changed }, () => `Tagged ${changed} ${opts.highlight ? 'highlight' : 'document'}(s) with "${t.name}".`);
      });
    });
  tag
    .command('remove')
    .description('take a tag off documents (or highlights with --highlight)')
    .argument('<tag>')
    .argument('<ids...>')
    .option('--highlight', 'the ids are highlights')
    .action(async (ref: string, ids: string[], opts: { highlight?: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const t = await findTag(api, ref);
        const numeric = ids.map((i) => parseId(i));
        const { changed, ...tag } = await api.tags.remove({ tagId: t.id, ...(opts.highlight ? { highlightIds: numeric } : { documentIds: numeric }) });
        out.result({ tag, removed: changed }, () => `Removed "${t.name}" from ${changed} item(s).`);
      });
    });
  tag
    .command('rename')
    .argument('<tag>')
    .argument('<name>')
    .action(async (ref: string, name: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const t = await api.tags.rename({ id: (await findTag(api, ref)).id, name });
        out.result(t, () => `Renamed tag ${t.id} to "${t.name}".`);
      });
    });
  tag
    .command('color')
    .argument('<tag>')
    .argument('<hex>', '#rrggbb')
    .action(async (ref: string, hex: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const t = await api.tags.recolor({ id: (await findTag(api, ref)).id, color: hex });
        out.result(t, () => `Tag "${t.name}" is now ${t.color}.`);
      });
    });
  tag
    .command('move')
    .argument('<tag>')
    .option('--parent <tag>', 'new parent (name or id)')
    .option('--root', 'move to the top level')
    .action(async (ref: string, opts: { parent?: string; root?: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        if (!opts.parent && !opts.root) throw new WorkbenchError(ErrorCode.InvalidInput, 'Say where to: --parent <tag> or --root.', { field: 'parent' });
        const parentId = opts.root ? null : (await findTag(api, opts.parent!)).id;
        const t = await api.tags.move({ id: (await findTag(api, ref)).id, parentId });
        out.result(t, () => `Moved "${t.name}".`);
      });
    });
  tag
    .command('merge')
    .description('move every use of one tag onto another, then delete the first')
    .argument('<from>')
    .argument('<into>')
    .action(async (from: string, into: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const t = await api.tags.merge({ sourceId: (await findTag(api, from)).id, targetId: (await findTag(api, into)).id });
        out.result(t, () => `Merged into "${t.name}": ${t.documentCount} document(s), ${t.highlightCount} highlight(s).`);
      });
    });
  tag
    .command('delete')
    .description('delete a tag; documents, highlights and notes stay')
    .argument('<tag>')
    .action(async (ref: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const t = await findTag(api, ref);
        await api.tags.delete({ id: t.id });
        out.result({ deleted: t.id }, () => `Deleted tag "${t.name}".`);
      });
    });

  const hl = program.command('highlight').description('highlight passages of a document');
  hl.command('add')
    .argument('<document>', 'document id')
    .requiredOption('--quote <text>', 'the exact passage to highlight')
    .option('--occurrence <n>', 'which occurrence of the quote, from 1', '1')
    .option('--tag <tags...>', 'tag names (created if new)')
    .action(async (doc: string, opts: { quote: string; occurrence: string; tag?: string[] }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const documentId = parseId(doc, 'document id');
        const occurrence = parseId(opts.occurrence, '--occurrence');
        const tagIds: number[] = [];
        for (const name of opts.tag ?? []) tagIds.push((await ensureTag(api, name)).id);
        const h = await api.highlights.create({ documentId, quote: opts.quote, occurrence, tagIds });
        out.result(h, () => `Highlight ${h.id} at ${h.start}-${h.end} in document ${h.documentId}.`);
      });
    });
  hl.command('list')
    .argument('<document>', 'document id')
    .action(async (doc: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const list = await api.highlights.list({ documentId: parseId(doc, 'document id') });
        out.result(list, () => list.map((h) => `${h.id}  [${h.start}-${h.end}] ${h.tags.map((t) => `#${t.name}`).join(' ')} “${h.quote}”`).join('\n') || 'No highlights.');
      }, { read: true, waitForIndex: false });
    });
  hl.command('delete')
    .argument('<id>')
    .action(async (id: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        await api.highlights.delete({ id: parseId(id, 'highlight id') });
        out.result({ deleted: Number(id) }, () => `Deleted highlight ${id}; its notes stay with the document.`);
      });
    });

  const note = program.command('note').description('Markdown notes, free or on a document or highlight');
  note
    .command('add')
    .argument('[text]', 'Markdown; link with [label](doc:12) or [label](hl:34)')
    .option('--file <file>', 'read the text from a file (- for stdin)')
    .option('--doc <id>', 'attach to a document')
    .option('--highlight <id>', 'attach to a highlight')
    .option('--handout', 'mark it for hand-outs (notes are private unless marked)')
    .action(async (text: string | undefined, opts: { file?: string; doc?: string; highlight?: string; handout?: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        let n = await api.notes.create({
          body: noteText(text, opts.file),
          documentId: opts.doc ? parseId(opts.doc, 'document id') : null,
          highlightId: opts.highlight ? parseId(opts.highlight, 'highlight id') : null,
        });
        if (opts.handout) n = await api.notes.setHandout({ id: n.id, handout: true });
        out.result(n, () => `Created note ${n.id}${n.links.length ? ` with ${n.links.length} link(s)` : ''}.`);
      });
    });
  note
    .command('list')
    .option('--doc <id>', 'notes on this document and its highlights')
    .option('--free', 'notes attached to nothing')
    .action(async (opts: { doc?: string; free?: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const list = opts.doc
          ? await api.notes.forDocument({ documentId: parseId(opts.doc, 'document id') })
          : opts.free
            ? await api.notes.free()
            : await api.notes.list();
        out.result(list, () =>
          list.length
            ? table(
                list.map((n) => [
                  String(n.id),
                  n.highlightId ? `hl ${n.highlightId}` : n.documentId ? `doc ${n.documentId}` : 'free',
                  n.readonly ? `[${n.origin ?? 'read-only'}]` : n.handout ? '[for hand-out]' : n.origin ? `[${n.origin}]` : '',
                  n.body.split('\n')[0]!.slice(0, 80),
                ]),
              )
            : 'No notes.',
        );
      }, { read: true, waitForIndex: false });
    });
  note
    .command('show')
    .argument('<id>')
    .action(async (id: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const n = await api.notes.get({ id: parseId(id, 'note id') });
        out.result(n, () => n.body);
      }, { read: true, waitForIndex: false });
    });
  note
    .command('edit')
    .argument('<id>')
    .argument('[text]')
    .option('--file <file>', 'read the text from a file (- for stdin)')
    .action(async (id: string, text: string | undefined, opts: { file?: string }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const n = await api.notes.update({ id: parseId(id, 'note id'), body: noteText(text, opts.file) });
        out.result(n, () => `Updated note ${n.id}.`);
      });
    });
  note
    .command('handout')
    .description('mark a note to travel in hand-outs, or with --private take the mark off')
    .argument('<id>')
    .option('--private', 'keep it private (the default for every note)')
    .action(async (id: string, opts: { private?: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const n = await api.notes.setHandout({ id: parseId(id, 'note id'), handout: !opts.private });
        out.result(n, () => (n.handout ? `Note ${n.id} will travel in hand-outs.` : `Note ${n.id} is private.`));
      });
    });
  note
    .command('delete')
    .argument('<id>')
    .action(async (id: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        await api.notes.delete({ id: parseId(id, 'note id') });
        out.result({ deleted: Number(id) }, () => `Deleted note ${id}.`);
      });
    });
  note
    .command('backlinks')
    .description('notes that link to a document or a highlight')
    .option('--doc <id>')
    .option('--highlight <id>')
    .action(async (opts: { doc?: string; highlight?: string }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        if (!opts.doc && !opts.highlight) throw new WorkbenchError(ErrorCode.InvalidInput, 'Say which: --doc <id> or --highlight <id>.', { field: 'doc' });
        const list = await api.notes.backlinks(opts.doc ? { kind: 'document', id: parseId(opts.doc) } : { kind: 'highlight', id: parseId(opts.highlight!) });
        out.result(list, () => list.map((b) => `note ${b.note.id} → ${b.via.kind} ${b.via.id}: ${b.note.body.split('\n')[0]}`).join('\n') || 'No backlinks.');
      }, { read: true, waitForIndex: false });
    });
}
