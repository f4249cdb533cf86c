import { forwardRef, useMemo } from 'react';
import type { Highlight } from '../../../electron/shared/schemas';
import type { Fold } from '../../../electron/shared/text/boilerplate';
import { markdownRuns, type MarkdownRun } from '../../../electron/shared/text/markdown-runs';

export interface Range {
  start: number;
  end: number;
}

/** Passages shared with the document in the other pane, and mentions of the chosen entity. */
export interface Mark extends Range {
  kind: 'shared' | 'entity' | 'focus';
  /** The shared passage's id, the same in both panes. */
  id?: number;
  title?: string;
}

interface Props {
  body: string;
  /** Read the body as Markdown: markup hidden, headings and emphasis styled, offsets kept. */
  markdown?: boolean;
  marks?: Mark[];
  highlights: Highlight[];
  hits: Range[];
  currentHit: number;
  finds: Range[];
  currentFind: number;
  /**
   * The passage the highlight toolbar is open for: the toolbar's tag box takes the focus, and with
   * it the browser's selection, so the passage stays marked here until the toolbar closes.
   */
  pending?: Range | null;
  /** Boilerplate hidden in the clean view; empty when the whole text shows. */
  folds: Fold[];
  onUnfold: () => void;
  /** Every highlight under the click, innermost first. */
  onHighlightClick: (hs: Highlight[], el: HTMLElement) => void;
}

interface Segment {
  start: number;
  end: number;
  /** Own highlights over this piece, innermost (shortest) first. */
  highlights: Highlight[];
  hit: number;
  find: number;
  pending: boolean;
  fold?: Fold | undefined;
  mark?: Mark | undefined;
  entity: boolean;
  focus: boolean;
  markup: boolean;
  styles: MarkdownRun[];
}

type Item =
  | (Range & { cat: 'highlight'; ref: Highlight })
  | (Range & { cat: 'hit'; index: number })
  | (Range & { cat: 'find'; index: number })
  | (Range & { cat: 'pending' })
  | (Range & { cat: 'fold'; ref: Fold })
  | (Range & { cat: 'mark'; ref: Mark })
  | (Range & { cat: 'md'; ref: MarkdownRun });

/**
 * Cuts the text wherever a highlight, hit, find match, mark or Markdown run begins or ends, and
 * sweeps once over the cuts: a long Markdown article has thousands of runs.
 */
function segments(
  length: number,
  highlights: Highlight[],
  hits: Range[],
  finds: Range[],
  folds: Fold[],
  marks: Mark[],
  runs: MarkdownRun[],
  pending: Range | null,
): Segment[] {
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const items: Item[] = [
    ...highlights.filter((h) => h.anchored).map((ref) => ({ start: ref.start, end: ref.end, cat: 'highlight' as const, ref })),
    ...hits.map((r, index) => ({ start: r.start, end: r.end, cat: 'hit' as const, index })),
    ...finds.map((r, index) => ({ start: r.start, end: r.end, cat: 'find' as const, index })),
    ...(pending ? [{ start: pending.start, end: pending.end, cat: 'pending' as const }] : []),
    ...folds.map((ref) => ({ start: ref.start, end: ref.end, cat: 'fold' as const, ref })),
    ...marks.map((ref) => ({ start: ref.start, end: ref.end, cat: 'mark' as const, ref })),
    ...runs.map((ref) => ({ start: ref.start, end: ref.end, cat: 'md' as const, ref })),
  ]
    .map((i) => ({ ...i, start: clamp(i.start), end: clamp(i.end) }))
    .filter((i) => i.end > i.start);
  const cuts = [...new Set([0, length, ...items.flatMap((i) => [i.start, i.end])])].sort((a, b) => a - b);
  const starting = new Map<number, Item[]>();
  for (const i of items) (starting.get(i.start) ?? starting.set(i.start, []).get(i.start)!).push(i);
  let active: Item[] = [];
  const out: Segment[] = [];
  for (let c = 0; c < cuts.length - 1; c++) {
    const start = cuts[c]!;
    const end = cuts[c + 1]!;
    active = active.filter((i) => i.end > start);
    active.push(...(starting.get(start) ?? []));
    const s: Segment = { start, end, highlights: [], hit: -1, find: -1, pending: false, entity: false, focus: false, markup: false, styles: [] };
    for (const i of active) {
      if (i.cat === 'highlight') s.highlights.push(i.ref);
      else if (i.cat === 'hit') s.hit = s.hit < 0 ? i.index : Math.min(s.hit, i.index);
      else if (i.cat === 'find') s.find = s.find < 0 ? i.index : Math.min(s.find, i.index);
      else if (i.cat === 'pending') s.pending = true;
      else if (i.cat === 'fold') s.fold ??= i.ref;
      else if (i.cat === 'md') {
        if (i.ref.kind === 'markup') s.markup = true;
        else s.styles.push(i.ref);
      } else if (i.cat === 'mark') {
        if (i.ref.kind === 'shared') s.mark ??= i.ref;
        else if (i.ref.kind === 'entity') s.entity = true;
        else s.focus = true;
      }
    }
    s.highlights.sort((a, b) => a.end - a.start - (b.end - b.start) || b.id - a.id);
    out.push(s);
  }
  return out;
}

const NO_MARKS: Mark[] = [];
const UNTAGGED = '#f6c453';
const colorOf = (h: Highlight) => h.tags[0]?.color ?? UNTAGGED;

/** One underline per highlight, stacked, so that overlapping highlights all show. */
function underlines(hs: Highlight[]): string {
  return hs.map((h, i) => `inset 0 -${(i + 1) * 2}px 0 0 ${colorOf(h)}`).join(', ');
}

function highlightTitle(hs: Highlight[]): string {
  const one = (h: Highlight) => `Highlight${h.tags.length ? `: ${h.tags.map((t) => t.name).join(', ')}` : ''}`;
  return hs.length === 1 ? one(hs[0]!) : `${hs.length} highlights here: ${hs.map((h) => (h.tags.length ? h.tags.map((t) => t.name).join(', ') : 'untagged')).join(' · ')}`;
}

/**
 * The text of a document, with highlights in their tag's colour and search hits marked.
 * Every piece carries its character offset (data-start), so a selection maps back to
 * offsets in the stored text. Markdown markup stays in the page, hidden, for the same reason.
 * Own highlights are drawn over every automatic mark (shared passages, hits, entities).
 */
export const DocumentText = forwardRef<HTMLDivElement, Props>(function DocumentText(
  { body, markdown = false, marks = NO_MARKS, highlights, hits, currentHit, finds, currentFind, pending = null, folds, onUnfold, onHighlightClick },
  ref,
) {
  const runs = useMemo(() => (markdown ? markdownRuns(body) : []), [body, markdown]);
  const parts = useMemo(
    () => segments(body.length, highlights, hits, finds, folds, marks, runs, pending),
    [body.length, highlights, hits, finds, folds, marks, runs, pending],
  );
  return (
    <div ref={ref} className={`doc-text${markdown ? ' md' : ''}`} aria-label="Document text">
      {parts.map((s) => {
        if (s.fold) {
          // Folded text stays in the page (offsets hold), hidden; a marker says what is there.
          return (
            <span key={s.start} data-start={s.start} className="folded">
              {s.fold.start === s.start && (
                <button type="button" className="fold-marker" contentEditable={false} onClick={onUnfold} aria-label={`Show folded ${s.fold.reason}`}>
                  ⋯ {s.fold.reason}
                </button>
              )}
              <span hidden>{body.slice(s.start, s.end)}</span>
            </span>
          );
        }
        if (s.markup) {
          return (
            <span key={s.start} data-start={s.start} className="md-markup">
              {body.slice(s.start, s.end)}
            </span>
          );
        }
        const classes = s.styles.map((r) => `md-${r.kind}`);
        const hs = s.highlights;
        if (hs.length) classes.push(hs.length > 1 ? 'hl hl-many' : 'hl');
        if (s.hit >= 0) classes.push(s.hit === currentHit ? 'hit current' : 'hit');
        if (s.find >= 0) classes.push(s.find === currentFind ? 'find current' : 'find');
        if (s.pending) classes.push('pending');
        if (s.mark) classes.push('shared');
        if (s.entity) classes.push('entity');
        if (s.focus) classes.push('focus-mark');
        const href = s.styles.find((r) => r.kind === 'link')?.href;
        return (
          <span
            key={s.start}
            data-start={s.start}
            data-hit={s.hit >= 0 && hits[s.hit]!.start === s.start ? s.hit : undefined}
            data-find={s.find >= 0 && finds[s.find]!.start === s.start ? s.find : undefined}
            data-highlight={hs[0]?.id}
            data-highlights={hs.length > 1 ? hs.map((h) => h.id).join(' ') : undefined}
            data-shared={s.mark && s.mark.start === s.start ? s.mark.id : undefined}
            className={classes.join(' ') || undefined}
            style={hs.length ? { ['--hl' as string]: colorOf(hs[0]!), boxShadow: underlines(hs) } : undefined}
            title={hs.length ? highlightTitle(hs) : (s.mark?.title ?? (href ? `${href} (not opened: the workbench stays offline)` : undefined))}
            onClick={hs.length ? (e) => onHighlightClick(hs, e.currentTarget) : undefined}
          >
            {body.slice(s.start, s.end)}
          </span>
        );
      })}
    </div>
  );
});

/** The offsets in the text of the current selection inside `root`, if any. */
export function selectionRange(root: HTMLElement): Range | null {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const r = sel.getRangeAt(0);
  if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return null;
  const offsetOf = (node: Node, offset: number): number | null => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement);
    const span = el?.closest<HTMLElement>('[data-start]');
    if (!span) return null;
    if (node.nodeType !== Node.TEXT_NODE) return Number(span.dataset.start) + (offset > 0 ? (span.textContent?.length ?? 0) : 0);
    return Number(span.dataset.start) + offset;
  };
  const start = offsetOf(r.startContainer, r.startOffset);
  const end = offsetOf(r.endContainer, r.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}
