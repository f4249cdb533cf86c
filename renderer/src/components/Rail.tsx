import { useLayoutStore, type Region } from '../hooks/use-layout';
import { SIDE_TABS, setSetting, type SideTab } from '../settings';

export const TAB_ICONS: Record<SideTab, string> = { Notes: '✎', Passages: '⇄', Entities: '☺', Figures: '#', Timeline: '◷', Charts: '▦' };

/** A folded region: a strip of icons that opens it (on a narrow window, or when the user folded it). */
export function Rail({ region }: { region: Region }) {
  const show = useLayoutStore((s) => s.show);
  if (region === 'library') {
    return (
      <nav className="rail" aria-label="Library (folded)">
        <button type="button" title="Show the library (Ctrl+B)" aria-label="Show the library" onClick={() => show('library')}>
          ☰
        </button>
      </nav>
    );
  }
  return (
    <nav className="rail" aria-label="Side panel (folded)">
      {SIDE_TABS.map((t) => (
        <button
          key={t}
          type="button"
          title={`${t} (Ctrl+J shows the side panel)`}
          aria-label={`Show ${t}`}
          onClick={() => {
            setSetting('sideTab', t);
            show('side');
          }}
        >
          {TAB_ICONS[t]}
        </button>
      ))}
    </nav>
  );
}
