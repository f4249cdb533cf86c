import { plainSnippet } from '../../../electron/shared/text/markdown-runs';
import type { Snippet as SnippetData } from '../../../electron/shared/schemas';
import { useTagPaths } from '../hooks/use-tag-paths';

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

/** A tag on a document or highlight, named by its full path when it has parents ("flights/russia"). */
export function TagChip({ id, name, color, onRemove }: { id: number; name: string; color: string; onRemove?: () => void }) {
  const path = useTagPaths().get(id) ?? name;
  return (
    <span className="chip" style={{ ['--tag' as string]: color }}>
      <span className="chip-dot" aria-hidden="true" />
      {path}
      {onRemove && (
        <button type="button" className="chip-x" aria-label={`Remove tag ${path}`} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  );
}
