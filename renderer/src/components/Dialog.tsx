import * as Primitive from '@radix-ui/react-dialog';
import { useState, type ReactNode, type Ref } from 'react';
import { api, errorMessage, isDesktop } from '../api';

/**
 * The last element focused outside menus and dialogs. A dialog opened from a menu item (or
 * the palette) gives focus back there when it closes: the item itself is gone by then.
 */
let lastOutside: HTMLElement | null = null;
const remember = (target: EventTarget | null) => {
  const el = (target as HTMLElement | null)?.closest?.<HTMLElement>('button, input, select, textarea, a[href], [tabindex]');
  if (el && !el.closest('[role=menu], [role=dialog]')) lastOutside = el;
};
document.addEventListener('focusin', (e) => remember(e.target));
// A menu's trigger opens on pointerdown without taking focus: what was pressed counts too.
document.addEventListener('pointerdown', (e) => remember(e.target), true);

function returnFocus(e: Event): void {
  if (lastOutside?.isConnected) {
    e.preventDefault();
    lastOutside.focus();
  }
}

interface DialogProps {
  label: string;
  title?: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  className?: string;
  /** The row at the foot: the dialog's own actions (if any) and Close, always last, so every dialog ends alike. */
  footer?: ReactNode | true;
}

/**
 * A modal dialog on Radix's primitive: focus moves in (to the first field, or the dialog),
 * stays inside while it is open, Escape or a click outside closes it, and focus goes back
 * to what had it before. Screen readers hear its name.
 */
export function Dialog({ label, title, onClose, children, wide, className, footer }: DialogProps) {
  // A short visible title may stand for a longer name, which screen readers hear.
  const named = title ? { 'aria-label': label, 'aria-labelledby': undefined } : {};
  return (
    <Primitive.Root open onOpenChange={(open) => !open && onClose()}>
      <Primitive.Portal>
        <Primitive.Overlay className="dialog-backdrop" />
        <Primitive.Content className={`dialog${wide ? ' wide' : ''}${className ? ` ${className}` : ''}`} aria-describedby={undefined} onCloseAutoFocus={returnFocus} {...named}>
          <Primitive.Title>{title ?? label}</Primitive.Title>
          {children}
          {footer && (
            <div className="row dialog-footer">
              {footer !== true && footer}
              <Primitive.Close asChild>
                <button type="button">Close</button>
              </Primitive.Close>
            </div>
          )}
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}

/** Runs one action at a time, keeping what it said: busy, an error, or a result. */
export function useAction<T>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const run = async (fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      setResult(r);
      return r;
    } catch (err) {
      setError(errorMessage(err));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, result, run, setError };
}

export function Field({ label, value, onChange, type = 'text', placeholder, autoFocus, inputRef }: { label: string; value: string; onChange: (v: string) => void; type?: 'text' | 'password'; placeholder?: string; autoFocus?: boolean; inputRef?: Ref<HTMLInputElement> }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input ref={inputRef} type={type} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} autoFocus={autoFocus} spellCheck={false} autoComplete="off" />
    </label>
  );
}

type Purpose = 'open' | 'create' | 'handout' | 'adopt' | 'merge';

/**
 * A path typed, or in the desktop app chosen with Browse… (the native file dialog, after
 * which the window may use that file). The browser shell has no Browse…: the path is typed.
 */
export function PathField({ label, value, onChange, purpose, autoFocus }: { label: string; value: string; onChange: (v: string) => void; purpose: Purpose; autoFocus?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const browse = () =>
    api.workspaces
      .browse({ purpose, ...(value ? { suggested: value } : {}) })
      .then((r) => r.file && onChange(r.file))
      .catch((err: unknown) => setError(errorMessage(err)));
  return (
    <div className="path-field">
      <Field label={label} value={value} onChange={onChange} {...(autoFocus ? { autoFocus } : {})} />
      {isDesktop && (
        <button type="button" onClick={() => void browse()} aria-label={`Browse for ${label.toLowerCase()}`}>
          Browse…
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

export function Feedback({ error, busy, busyText }: { error: string | null; busy: boolean; busyText: string }) {
  return (
    <>
      {busy && <p role="status">{busyText}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}

/** The folder of a path and its file name without the extension, for suggesting names beside it. */
export function splitPath(file: string): { dir: string; stem: string; sep: string } {
  const sep = file.includes('\\') && !file.includes('/') ? '\\' : '/';
  const at = file.lastIndexOf(sep);
  const name = file.slice(at + 1);
  return { dir: file.slice(0, at), stem: name.replace(/\.[^.]+$/, ''), sep };
}
