import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api';

/** A modal dialog: Escape closes it, and screen readers hear its name. */
export function Dialog({ label, onClose, children, wide }: { label: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className={`dialog${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={label}>
        <h2>{label}</h2>
        {children}
      </div>
    </div>
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

export function Field({ label, value, onChange, type = 'text', placeholder, autoFocus }: { label: string; value: string; onChange: (v: string) => void; type?: 'text' | 'password'; placeholder?: string; autoFocus?: boolean }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type={type} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} autoFocus={autoFocus} spellCheck={false} autoComplete="off" />
    </label>
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
