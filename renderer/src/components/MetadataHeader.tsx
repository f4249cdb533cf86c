import { useEffect, useState } from 'react';
import type { DocumentFull, Tag } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { tagNamed } from '../tag-named';
import { TagChip } from './Snippet';

/** The document's metadata, editable in place, and its tags. */
export function MetadataHeader({ doc, tags, onError, onOpen }: { doc: DocumentFull; tags: Tag[]; onError: (m: string) => void; onOpen: (id: number) => void }) {
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ title: '', outlet: '', author: '', published: '', url: '' });
  const [newTag, setNewTag] = useState('');
  const [showImage, setShowImage] = useState(false);
  const [image, setImage] = useState<string | null>(null);
  // A scanned PDF keeps an image of each page read by OCR; a photo is its one page.
  const [imagePage, setImagePage] = useState<number | undefined>(undefined);
  const [imagePages, setImagePages] = useState<number[]>([]);
  useEffect(() => {
    setImagePage(undefined);
    setImagePages([]);
  }, [doc.id]);
  useEffect(() => {
    setImage(null);
    if (!showImage) return;
    let live = true;
    api.documents
      .image({ id: doc.id, ...(imagePage ? { page: imagePage } : {}) })
      .then((img) => {
        if (!live) return;
        setImage(img ? `data:${img.mediaType};base64,${img.base64}` : '');
        setImagePages(img?.pages ?? []);
      })
      .catch((err: unknown) => onError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [showImage, doc.id, imagePage, onError]);
  const shownPage = imagePage ?? imagePages[0];
  const step = (by: number) => {
    const at = imagePages.indexOf(shownPage ?? 0);
    const next = imagePages[at + by];
    if (next !== undefined) setImagePage(next);
  };

  const start = () => {
    setForm({ title: doc.title, outlet: doc.outlet ?? '', author: doc.author ?? '', published: doc.published ?? '', url: doc.url ?? '' });
    setEditing(true);
  };
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const blank = (v: string) => (v.trim() === '' ? null : v.trim());
    api.documents
      .updateMetadata({ id: doc.id, patch: { title: form.title, outlet: blank(form.outlet), author: blank(form.author), published: blank(form.published), url: blank(form.url) } })
      .then(() => setEditing(false))
      .catch((err: unknown) => onError(errorMessage(err))); // the form stays as typed
  };
  const addTag = async (e: React.FormEvent) => {
    e.preventDefault();
    const name = newTag.trim();
    if (!name) return;
    try {
      const tag = await tagNamed(api, tags, name);
      await api.tags.apply({ tagId: tag.id, documentIds: [doc.id] });
      setNewTag('');
    } catch (err) {
      onError(errorMessage(err));
    }
  };

  if (editing) {
    const field = (key: keyof typeof form, label: string) => (
      <label>
        {label}
        <input value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} aria-label={label} />
      </label>
    );
    return (
      <form className="meta-form" onSubmit={save} aria-label="Edit metadata">
        {field('title', 'Title')}
        {field('outlet', 'Outlet')}
        {field('author', 'Author')}
        {field('published', 'Published (yyyy, yyyy-mm or yyyy-mm-dd)')}
        {field('url', 'URL')}
        <div className="row">
          <button type="submit">Save metadata</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <header className="meta">
      <h2 className="doc-heading">{doc.title}</h2>
      <p className="meta-line">
        <span>{doc.outlet ?? 'Unknown outlet'}</span>
        {doc.author && <span> · {doc.author}</span>}
        <span> · {doc.published ?? 'undated'}</span>
        {doc.url && (
          <span className="url" title="Original address (not opened: the workbench stays offline)">
            {' '}
            · {doc.url}
          </span>
        )}
        <span className="file"> · {doc.fileName}</span>
        {doc.parentId && (
          <button type="button" className="link-button" onClick={() => onOpen(doc.parentId!)} aria-label="Open the message this is attached to">
            attached to a message
          </button>
        )}
        <button type="button" className="link-button" onClick={start} aria-label="Edit metadata">
          Edit
        </button>
        {doc.ocr && (
          <span
            className="badge ocr"
            title={`Text recognised by ${doc.ocr.engine} (${doc.ocr.languages}), ${Math.round(doc.ocr.confidence)}% confident: a word may be misread; search with word~ to allow for it`}
          >
            OCR · {doc.ocr.languages} · {Math.round(doc.ocr.confidence)}%
          </span>
        )}
        {doc.ocr && (
          <button type="button" className="link-button" aria-pressed={showImage} onClick={() => setShowImage(!showImage)}>
            {showImage ? 'Hide page image' : 'Show page image'}
          </button>
        )}
      </p>
      {showImage && image !== null && (
        <figure className="page-image" aria-label="Page image">
          {image ? <img src={image} alt={`Page ${shownPage ?? 1} of the scan ${doc.title} was recognised from`} /> : <figcaption>No image is kept.</figcaption>}
          {imagePages.length > 1 && (
            <figcaption className="page-image-nav">
              <button type="button" className="link-button" onClick={() => step(-1)} disabled={imagePages[0] === shownPage} aria-label="Previous page image">
                ‹
              </button>
              Page {shownPage} ({imagePages.indexOf(shownPage ?? 0) + 1} of {imagePages.length} scanned)
              <button type="button" className="link-button" onClick={() => step(1)} disabled={imagePages.at(-1) === shownPage} aria-label="Next page image">
                ›
              </button>
            </figcaption>
          )}
        </figure>
      )}
      <div className="doc-tags">
        {doc.tags.map((t) => (
          <TagChip key={t.id} id={t.id} name={t.name} color={t.color} onRemove={() => void api.tags.remove({ tagId: t.id, documentIds: [doc.id] }).catch((err: unknown) => onError(errorMessage(err)))} />
        ))}
        <form onSubmit={addTag} className="add-tag">
          <input list={`tags-${doc.id}`} value={newTag} onChange={(e) => setNewTag(e.target.value)} placeholder="Add tag…" aria-label="Add a tag to this document" />
          <datalist id={`tags-${doc.id}`}>
            {tags.map((t) => (
              <option key={t.id} value={t.name} />
            ))}
          </datalist>
        </form>
      </div>
    </header>
  );
}
