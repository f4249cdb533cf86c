import { forwardRef, useMemo } from 'react';
import type { Highlight } from '../../../electron/shared/schemas';
import type { Fold } from '../../../electron/shared/text/boilerplate';

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
  marks?: Mark[];
  highlights: Highlight[];
  hits: Range[];
  currentHit: number;
  finds: Range[];
  currentFind: number;
  /** Boilerplate hidden in the clean view; empty when the whole text shows. */
  folds: Fold[];
  onUnfold: () => void;
  onHighlightClick: (h: Highlight, el: HTMLElement) => void;
}

interface Segment {
  start: number;
  end: number;
  highlight?: Highlight | undefined;
  hit: number;
  find: number;
  fold?: Fold | undefined;
  mark?: Mark | undefined;
  entity?: boolean;
  focus?: boolean;
}

/** Cuts the text where any highlight, hit or find match begins or ends. */
function segments(length: number, highlights: Highlight[], hits: Range[], finds: Range[], folds: Fold[], marks: Mark[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const r of [...highlights, ...hits, ...finds, ...folds, ...marks]) {
    cuts.add(Math.max(0, Math.min(length, r.start)));
    cuts.add(Math.max(0, Math.min(length, r.end)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    if (end <= start) continue;
    out.push({
      start,
      end,
      highlight: highlights.find((h) => h.anchored && h.start <= start && h.end >= end),
      hit: hits.findIndex((h) => h.start <= start && h.end >= end),
      find: finds.findIndex((h) => h.start <= start && h.end >= end),
      fold: folds.find((f) => f.start <= start && f.end >= end),
      mark: marks.find((m) => m.kind === 'shared' && m.start <= start && m.end >= end),
      entity: marks.some((m) => m.kind === 'entity' && m.start <= start && m.end >= end),
      focus: marks.some((m) => m.kind === 'focus' && m.start <= start && m.end >= end),
    });
  }
  return out;
}

/**
 * The text of a document, with highlights in their tag's colour and search hits marked.
 * Every piece carries its character offset (data-start), so a selection maps back to
 * offsets in the stored text.
 */
const NO_MARKS: Mark[] = [];

export const DocumentText = forwardRef<HTMLDivElement, Props>(function DocumentText({ body, marks = NO_MARKS, highlights, hits, currentHit, finds, currentFind, folds, onUnfold, onHighlightClick }, ref) {
  const parts = useMemo(() => segments(body.length, highlights, hits, finds, folds, marks), [body.length, highlights, hits, finds, folds, marks]);
  return (
    <div ref={ref} className="doc-text" aria-label="Document text">
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
        const classes = [];
        if (s.highlight) classes.push('hl');
        if (s.hit >= 0) classes.push(s.hit === currentHit ? 'hit current' : 'hit');
        if (s.find >= 0) classes.push(s.find === currentFind ? 'find current' : 'find');
        if (s.mark) classes.push('shared');
        if (s.entity) classes.push('entity');
        if (s.focus) classes.push('focus-mark');
        const color = s.highlight?.tags[0]?.color;
        return (
          <span
            key={s.start}
            data-start={s.start}
            data-hit={s.hit >= 0 && hits[s.hit]!.start === s.start ? s.hit : undefined}
            data-find={s.find >= 0 && finds[s.find]!.start === s.start ? s.find : undefined}
            data-highlight={s.highlight?.id}
            data-shared={s.mark && s.mark.start === s.start ? s.mark.id : undefined}
            className={classes.join(' ') || undefined}
            style={color ? { ['--hl' as string]: color } : undefined}
            title={s.highlight ? `Highlight${s.highlight.tags.length ? `: ${s.highlight.tags.map((t) => t.name).join(', ')}` : ''}` : s.mark?.title}
            onClick={s.highlight ? (e) => onHighlightClick(s.highlight!, e.currentTarget) : undefined}
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
