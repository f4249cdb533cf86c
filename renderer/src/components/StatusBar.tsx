import { plural } from '../../../electron/shared/text/plural';
import { useApiQuery } from '../query';

/** The open workspace, what it holds, and anything the engine wants the user to know. */
export function StatusBar() {
  const { data: info, error } = useApiQuery('workspace.info', {});
  return (
    <footer className="statusbar" aria-label="Status">
      <span>
        <span className="ws-name">{info?.name}</span> <span className="hint">{info?.file ?? ''}</span>
        {info?.encrypted && <span className="badge">encrypted</span>}
        {info?.adoptedFrom && <span className="badge">from hand-out “{info.adoptedFrom.title}”</span>}
      </span>
      {info && (
        <span>
          {[plural(info.documents, 'document'), plural(info.tags, 'tag'), plural(info.highlights, 'highlight'), plural(info.notes, 'note')].join(' · ')}
          {!info.indexReady && ' · loading index…'}
        </span>
      )}
      {error && <span role="alert">{error}</span>}
    </footer>
  );
}
