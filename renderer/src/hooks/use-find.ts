import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { fold } from '../../../electron/shared/text/normalize';
import type { Range } from '../components/DocumentText';

/** Case- and accent-insensitive matches of `needle` in `body`, as offsets into body. */
export function findAll(body: string, needle: string): Range[] {
  const n = fold(needle.trim());
  if (!n) return [];
  // Fold one character at a time so offsets in the folded text map back to the body.
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const f = fold(body[i]!);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
  }
  map.push(body.length);
  const out: Range[] = [];
  for (let at = folded.indexOf(n); at >= 0 && out.length < 5000; at = folded.indexOf(n, at + n.length)) {
    out.push({ start: map[at]!, end: map[at + n.length - 1]! + 1 });
  }
  return out;
}

/**
 * Find in the document (Ctrl+F): the box, its matches and the current one. Closing it, by
 * Esc or its ×, gives focus back to the text, where the reader was.
 */
export function useFind(body: string, scrollTo: (selector: string) => void, textArea: RefObject<HTMLElement | null>) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const finds = useMemo(() => (open ? findAll(body, text) : []), [body, open, text]);
  useEffect(() => setCurrent(0), [text]);
  useEffect(() => {
    if (finds.length) scrollTo(`[data-find="${current}"]`);
  }, [current, finds, scrollTo]);
  return {
    open,
    text,
    setText,
    finds,
    current,
    input,
    show: () => {
      setOpen(true);
      requestAnimationFrame(() => input.current?.select());
    },
    close: () => {
      setOpen(false);
      textArea.current?.focus();
    },
    toggle: () => setOpen((o) => !o),
    step: (delta: number) => finds.length > 0 && setCurrent((c) => (c + delta + finds.length) % finds.length),
  };
}
