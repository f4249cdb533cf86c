import { useEffect, useLayoutEffect, useMemo } from 'react';
import { COMMANDS, matchesKeys, type CommandId } from '../../../electron/shared/commands';
import { api, isDesktop } from '../api';
import { setSetting } from '../settings';
import { requestUndo } from '../undo';
import { useWorkbenchStore } from '../state';
import { useLayoutStore } from './use-layout';

export type Handlers = Record<CommandId, () => void>;

const focus = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();
const click = (selector: string) => document.querySelector<HTMLElement>(selector)?.click();

/** What each command of the registry does in this window. */
export function useCommandHandlers(): Handlers {
  const store = useWorkbenchStore();
  return useMemo<Handlers>(() => {
    const wb = () => store.getState();
    const theme = (t: 'light' | 'dark' | 'system') => () => setSetting('theme', t);
    return {
      newWorkspace: () => wb().setDialog('workspaces'),
      openWorkspace: () => wb().setDialog('workspaces'),
      adopt: () => wb().setDialog('adopt'),
      workspaces: () => wb().setDialog('workspaces'),
      import: () => click('[aria-label="Import files"]'),
      importFolder: () => click('[aria-label="Import a folder"]'),
      export: () => wb().setDialog('export'),
      handout: () => wb().setDialog('handout'),
      merge: () => wb().setDialog('merge'),
      backups: () => wb().setDialog('backups'),
      encrypt: () => wb().setDialog('encrypt'),
      undo: requestUndo,
      palette: () => wb().setDialog(wb().dialog === 'palette' ? null : 'palette'),
      search: () => focus('input[aria-label="Search"]'),
      openToSide: () => click('.doc-row.selected [aria-label$="to the side"]'),
      swap: () => wb().swap(),
      closeRight: () => wb().close(1),
      batch: () => wb().setDialog('batch'),
      exportResults: () => wb().setDialog('export-results'),
      newNote: () => void api.notes.create({ body: '' }).then((n) => wb().setNoteId(n.id)),
      clear: () => {
        wb().setQuery('');
        wb().clearFilters();
      },
      library: () => {
        useLayoutStore.getState().show('library');
        requestAnimationFrame(() => focus('[role=listbox][aria-label=Documents]'));
      },
      reader: () => focus('.reader.active .reader-scroll, .reader .reader-scroll'),
      notes: () => {
        useLayoutStore.getState().show('side');
        requestAnimationFrame(() => focus('.side-panel [role=tab][aria-selected=true]'));
      },
      toggleLibrary: () => useLayoutStore.getState().toggle('library'),
      toggleSide: () => useLayoutStore.getState().toggle('side'),
      tags: () => wb().setDialog('tags'),
      ocrLanguages: () => wb().setDialog('ocr'),
      'theme-light': theme('light'),
      'theme-dark': theme('dark'),
      'theme-system': theme('system'),
    };
  }, [store]);
}

/**
 * Binds the registry's keys in this window, and runs the commands the desktop menus send.
 * In the desktop shell, commands that open a native dialog are left to the menu's accelerator.
 */
export function useCommandBindings(handlers: Handlers): void {
  // Bound before paint: once the workbench is on screen, its shortcuts work (right after a switch too).
  useLayoutEffect(() => {
    const bound = COMMANDS.filter((c) => c.keys && !(isDesktop && c.desktop));
    const onKey = (e: KeyboardEvent) => {
      const command = bound.find((c) => matchesKeys(c.keys!, e));
      if (!command) return;
      e.preventDefault();
      handlers[command.id]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers]);
  useEffect(() => api.on('ui.command', ({ command }) => handlers[command]()), [handlers]);
}
