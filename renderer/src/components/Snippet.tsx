import { plainSnippet } from '../../../electron/shared/text/markdown-runs';
import type { Snippet as SnippetData } from '../../../electron/shared/schemas';

/** A snippet with its matched terms marked, and without Markdown's marks (the reader hides them too). */
export function Snippet({ snippet }: { snippet: SnippetData }) {
  const { text, marks } = plainSnippet(snippet.text, snippet.marks);
  const parts: React.ReactNode[] = [];
  let at = 0;
  marks.forEach(([a, b], i) => {
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={i}>{text.slice(a, b)}</mark>);
    at = b;
  });
  parts.push(text.slice(at));
  return <span className="snippet">{parts}</span>;
}

export function TagChip({ name, color, onRemove }: { name: string; color: string; onRemove?: () => void }) {
  return (
    <span className="chip" style={{ ['--tag' as string]: color }}>
      <span className="chip-dot" aria-hidden="true" />
      {name}
      {onRemove && (
        <button type="button" className="chip-x" aria-label={`Remove tag ${name}`} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  );
}
