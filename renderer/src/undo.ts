/**
 * "Undo last deletion" from anywhere (a key, the palette, a menu) reaches the one undo toast,
 * which runs it and says what came back.
 */
const listeners = new Set<() => void>();

export function requestUndo(): void {
  listeners.forEach((l) => l());
}

export function onUndoRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
