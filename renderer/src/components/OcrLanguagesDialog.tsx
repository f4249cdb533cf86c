import { useEffect, useState } from 'react';
import type { OcrLanguages } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { Dialog, Feedback } from './Dialog';

/**
 * The languages photos and scans are read in by OCR, for this workspace's imports. Only the
 * languages whose data came with the app are offered: nothing is ever downloaded.
 */
export function OcrLanguagesDialog({ onClose }: { onClose: () => void }) {
  const [langs, setLangs] = useState<OcrLanguages | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    let live = true;
    api.import
      .ocrLanguages()
      .then((l) => live && (setLangs(l), setChosen(l.chosen)))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, []);
  const toggle = (code: string, on: boolean) => {
    setDone(null);
    setChosen((old) => (on ? [...old, code] : old.filter((c) => c !== code)));
  };
  const save = async () => {
    setError(null);
    setDone(null);
    setSaving(true);
    try {
      const saved = await api.import.setOcrLanguages({ languages: chosen });
      setLangs(saved);
      const names = saved.chosen.map((c) => saved.installed.find((l) => l.code === c)?.name ?? c);
      setDone(`Photos and scans will be read in ${names.join(' and ')}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      label="OCR languages for photos and scanned PDFs"
      title="OCR languages"
      onClose={onClose}
      footer={
        <button type="button" onClick={() => void save()} disabled={chosen.length === 0 || !langs || saving} autoFocus>
          Save
        </button>
      }
    >
      <p className="hint">
        The languages the text of photos and scanned PDFs is read in, for this workspace&apos;s imports. Choose those of your documents: each
        one more makes OCR slower. Only the languages installed with the workbench are offered.
      </p>
      {langs && (
        <fieldset>
          <legend>Read in</legend>
          {langs.installed.map((l) => (
            <label key={l.code} className="radio">
              <input type="checkbox" checked={chosen.includes(l.code)} onChange={(e) => toggle(l.code, e.target.checked)} />
              {l.name} <span className="hint">({l.code})</span>
            </label>
          ))}
        </fieldset>
      )}
      {chosen.length === 0 && <p className="hint">Choose at least one language.</p>}
      <Feedback error={error} busy={saving} busyText="Saving…" />
      {done && <p role="status">{done}</p>}
    </Dialog>
  );
}
