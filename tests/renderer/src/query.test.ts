/**
 * Which answers each change makes stale: an analysis batch (several a second while 100,000
 * documents are analysed) must not reload the library under the reader, an import must.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../renderer/src/api', () => ({ api: {}, isDesktop: false, errorMessage: String }));

describe('change events', () => {
  it('invalidate exactly the methods whose answers they can change', async () => {
    const { INVALIDATES } = await import('../../../renderer/src/query');
    const library = ['search.query', { query: 'wagner', sort: 'relevance', limit: 100, offset: 0 }] as const;
    const byEntity = ['search.query', { query: 'entity:"Dmitry Peskov"', offset: 0 }] as const;
    expect(INVALIDATES.analysis(library)).toBe(false);
    expect(INVALIDATES.analysis(byEntity)).toBe(true);
    expect(INVALIDATES.analysis(['analysis.entities', { limit: 2000 }])).toBe(true);
    expect(INVALIDATES.analysis(['workspace.info', {}])).toBe(false);
    expect(INVALIDATES.documents(library)).toBe(true);
    expect(INVALIDATES.documents(['analysis.timeline', {}])).toBe(true);
    expect(INVALIDATES.tags(['documents.get', { id: 3 }])).toBe(true);
    expect(INVALIDATES.tags(['analysis.tagsByOutlet', {}])).toBe(true);
    expect(INVALIDATES.tags(['notes.free', {}])).toBe(false);
    expect(INVALIDATES.notes(['notes.forDocument', { documentId: 3 }])).toBe(true);
    expect(INVALIDATES.notes(['documents.get', { id: 3 }])).toBe(false);
    expect(INVALIDATES.savedSearches(library)).toBe(false);
    expect(INVALIDATES.index(library)).toBe(true);
    expect(INVALIDATES.workspace(['documents.get', { id: 3 }])).toBe(true);
  });
});
