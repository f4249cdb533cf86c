import { OverflowMenu } from './OverflowMenu';

interface Props {
  find: () => void;
  clean: boolean;
  toggleClean: () => void;
  /** Present for documents with an original (a saved page, an e-mail): whether it shows, and the switch. */
  original: { on: boolean; toggle: () => void } | null;
}

/**
 * The reader's own tools. In a wide reader they are buttons; in a narrow one (two readers on
 * a small window) they fold into a "⋯" menu, so the toolbar stays one row.
 */
export function ReaderTools({ find, clean, toggleClean, original }: Props) {
  return (
    <>
      <span className="reader-tools-wide">
        <button type="button" aria-label="Find in document" onClick={find}>
          Find
        </button>
        <button type="button" aria-pressed={clean} onClick={toggleClean} title="Fold away navigation, donation boxes, polls and comment threads, without deleting any text">
          Clean view
        </button>
        {original && (
          <button type="button" aria-pressed={original.on} onClick={original.toggle} title="Switch between the extracted text and the original file">
            {original.on ? 'Text' : 'Original'}
          </button>
        )}
      </span>
      <OverflowMenu
        label="Reader tools"
        className="reader-tools-narrow"
        align="start"
        items={[
          { key: 'find', label: <>Find in document <kbd>Ctrl+F</kbd></>, onSelect: find },
          { key: 'clean', label: 'Clean view', checked: clean, onSelect: toggleClean },
          ...(original ? [{ key: 'original', label: original.on ? 'Show the text' : 'Show the original', onSelect: original.toggle }] : []),
        ]}
      />
    </>
  );
}
