import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { useWorkbench, type Workbench } from '../state';

const ITEMS: Array<{ label: string; dialog?: Workbench['dialog']; run?: () => void }> = [
  { label: 'Switch or create a workspace…', dialog: 'workspaces' },
  { label: 'Open a hand-out…', dialog: 'adopt' },
  { label: 'Export a hand-out…', dialog: 'handout' },
  { label: 'Merge from another workspace…', dialog: 'merge' },
  { label: 'Backups…', dialog: 'backups' },
  { label: 'Passphrase…', dialog: 'encrypt' },
  { label: 'Undo last deletion (Ctrl+Alt+Z)', run: () => void api.undo.run().catch(() => undefined) },
];

/** The workspace's own actions, behind one button in the toolbar. */
export function WorkspaceMenu() {
  const wb = useWorkbench();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open]);
  return (
    <div className="menu-anchor">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Workspace ▾
      </button>
      {open && (
        <div
          ref={menu}
          className="menu"
          role="menu"
          aria-label="Workspace"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
              const at = items.indexOf(document.activeElement as HTMLButtonElement);
              items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
            }
          }}
          onBlur={(e) => !menu.current?.contains(e.relatedTarget as Node) && setOpen(false)}
        >
          {ITEMS.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                if (item.dialog) wb.setDialog(item.dialog);
                else item.run?.();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
