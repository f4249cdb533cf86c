import { describe, expect, it } from 'vitest';
import { batchCsv, listFormat, parseQueryList } from '../../../../electron/shared/text/query-list';

describe('term lists for batch search', () => {
  it('reads one query a line from a text file, skipping blank lines and keeping line numbers', () => {
    expect(parseQueryList('\uFEFFPrigozhin\r\n\n  "third countries"  \nwagner -cuba\n')).toEqual([
      { line: 1, query: 'Prigozhin' },
      { line: 3, query: '"third countries"' },
      { line: 4, query: 'wagner -cuba' },
    ]);
  });

  it('reads the first column of a CSV file, as spreadsheets quote it', () => {
    const csv = 'Yevgeny Prigozhin,person\n"""third countries""",phrase\n"Maduro, Nicolás",person\n\nIlyushin';
    expect(parseQueryList(csv, 'csv')).toEqual([
      { line: 1, query: 'Yevgeny Prigozhin' },
      { line: 2, query: '"third countries"' },
      { line: 3, query: 'Maduro, Nicolás' },
      { line: 5, query: 'Ilyushin' },
    ]);
    expect(listFormat('names.CSV')).toBe('csv');
    expect(listFormat('names.txt')).toBe('txt');
  });

  it('writes one CSV row per query and document, and one for a query with none or an error', () => {
    const text = batchCsv([
      { line: 1, query: 'Ilyushin', total: 2, error: null, documents: [
        { id: 2, title: 'Flights, "secret"', outlet: 'The Moscow Times', published: '2019-01-26', score: 3.5 },
        { id: 3, title: 'Rewrite', outlet: null, published: null, score: 1 },
      ] },
      { line: 2, query: 'date:foo', total: 0, documents: [], error: { code: 'BAD_QUERY', message: 'date:foo is not a date.' } },
      { line: 3, query: '-cuba', total: 0, documents: [], error: null },
    ]);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"line","query","documents","rank","document_id","title","outlet","published","score","error"');
    expect(lines[1]).toBe('"1","Ilyushin","2","1","2","Flights, ""secret""","The Moscow Times","2019-01-26","3.5",""');
    expect(lines[2]).toBe('"1","Ilyushin","2","2","3","Rewrite","","","1",""');
    expect(lines[3]).toBe('"2","date:foo","0","","","","","","","date:foo is not a date."');
    expect(lines[4]).toBe('"3","\'-cuba","0","","","","","","",""'); // defused for spreadsheets
    expect(lines).toHaveLength(5);
  });
});
