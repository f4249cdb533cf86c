// @vitest-environment jsdom
/**
 * Typing in the search box re-renders the box, then the list once typing pauses, and no
 * other part of the window: React's Profiler counts the commits of each region of the real
 * App, over an engine that answers like a 100,000-document workspace.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement, type ProfilerOnRenderCallback } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const TOTAL = 100_000;
const calls: Array<{ method: string; input: unknown }> = [];

function documentHit(i: number) {
  return {
    id: i + 1,
    fileName: null,
    title: `Document ${i + 1}`,
    outlet: `Outlet ${i % 7}`,
    author: null,
    published: '2019-01-26',
    url: null,
    score: 1,
    snippet: { text: `Text of document ${i + 1}`, marks: [] },
    matchedIn: [],
    tags: [],
    missing: [],
  };
}

/** The engine's answers, per method; what the window asks for at start and while searching. */
function answer(method: string, input: Record<string, unknown>): unknown {
  calls.push({ method, input });
  switch (method) {
    case 'workspaces.status':
      return { open: { file: '/w/big.workspace', name: 'big' }, recent: [], defaultFolder: '/w', locked: null };
    case 'workspace.info':
      return { name: 'big', file: '/w/big.workspace', documents: TOTAL, tags: 0, highlights: 0, notes: 0, encrypted: false, indexReady: true, adoptedFrom: null };
    case 'search.query': {
      const offset = Number(input.offset ?? 0);
      const limit = Number(input.limit ?? 100);
      const total = input.query ? 4_200 : TOTAL;
      const documents = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => documentHit(offset + k));
      return { query: input.query, total, totalAll: total, totalSome: 0, documents, notes: [], highlights: [], terms: [], partial: false };
    }
    case 'tags.list':
    case 'documents.outlets':
    case 'savedSearches.list':
    case 'documents.ocr':
    case 'notes.free':
    case 'undo.list':
      return [];
    default:
      return [];
  }
}

vi.mock('../../../renderer/src/api', () => {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api = new Proxy(
    {},
    {
      get(_t, area: string) {
        if (area === 'on') {
          return (event: string, listener: (p: unknown) => void) => {
            const set = listeners.get(event) ?? new Set();
            set.add(listener);
            listeners.set(event, set);
            return () => set.delete(listener);
          };
        }
        return new Proxy({}, { get: (_u, verb: string) => async (input: Record<string, unknown> = {}) => answer(`${area}.${verb}`, input) });
      },
    },
  );
  return { api, isDesktop: false, errorMessage: (err: unknown) => (err instanceof Error ? err.message : String(err)) };
});

beforeAll(() => {
  // What jsdom lacks and the window uses: media queries, element sizes, scrolling.
  window.matchMedia = ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as never;
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as never;
  Element.prototype.scrollTo = function scrollTo() {};
  // A laptop's window: wide enough that the side panel is open, not folded to its rail.
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1440 });
  Element.prototype.scrollIntoView = function scrollIntoView() {};
});

afterEach(() => cleanup());

describe('the window', () => {
  it('re-renders only the search box on a keystroke, and only the box and the list when the search runs', async () => {
    const { App } = await import('../../../renderer/src/App');
    const { WorkbenchProvider } = await import('../../../renderer/src/state');
    const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    const commits: string[] = [];
    const profile: ProfilerOnRenderCallback = (id) => commits.push(id);
    const app = createElement(App, { profile });
    const workbench = createElement(WorkbenchProvider, { workspace: '/w/big.workspace', children: app });
    render(createElement(QueryClientProvider, { client, children: workbench }));
    await screen.findByText('100,000 documents');
    // Every region drew itself at least once: the Profiler sees them all.
    expect(new Set(commits)).toEqual(new Set(['topbar-start', 'search-box', 'topbar-end', 'filters', 'library', 'readers', 'side', 'status']));

    commits.length = 0;
    const box = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.change(box, { target: { value: 'w' } });
    fireEvent.change(box, { target: { value: 'wa' } });
    fireEvent.change(box, { target: { value: 'wag' } });
    expect((box as HTMLInputElement).value).toBe('wag');
    expect(new Set(commits)).toEqual(new Set(['search-box']));
    expect(calls.some((c) => c.method === 'search.query' && c.input && (c.input as { query: string }).query === 'wag')).toBe(false);

    commits.length = 0;
    await screen.findByText('4,200 documents', {}, { timeout: 5_000 });
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(new Set(commits)).toEqual(new Set(['library']));
    // One search for what was typed, once typing paused: not one per letter.
    expect(calls.filter((c) => c.method === 'search.query' && /^wa?g?$/.test(String((c.input as { query: string }).query))).map((c) => (c.input as { query: string }).query)).toEqual(['wag']);
  });
});
