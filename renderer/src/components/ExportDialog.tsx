import { useState } from 'react';
import { api, errorMessage } from '../api';

const FORMATS = [
  { value: 'md', label: 'Markdown', hint: 'quotes grouped by tag, each cited with title, outlet, date and URL' },
  { value: 'csv', label: 'CSV', hint: 'one row per highlight or note, for a spreadsheet' },
  { value: 'json', label: 'JSON', hint: 'everything, for other programs' },
] as const;

/** Exports highlights and notes and hands the file to the browser's download. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const [format, setFormat] = useState<'md' | 'csv' | 'json'>('md');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async () => {
    try {
      const out = await api.export.run({ format });
      const url = URL.createObjectURL(new Blob([out.text], { type: out.mimeType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = out.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(`Saved ${out.fileName}.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Export highlights and notes">
        <h2>Export highlights and notes</h2>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="radio">
              <input type="radio" name="format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
              {f.label} <span className="hint">— {f.hint}</span>
            </label>
          ))}
        </fieldset>
        {error && <p role="alert" className="error">{error}</p>}
        {done && <p role="status">{done}</p>}
        <div className="row">
          <button type="button" onClick={() => void run()} autoFocus>
            Export
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
