import * as Menu from '@radix-ui/react-dropdown-menu';

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
      <Menu.Root>
        <Menu.Trigger asChild>
          <button type="button" className="reader-tools-narrow" aria-label="Reader tools">
            ⋯
          </button>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className="menu" align="start" sideOffset={4}>
            <Menu.Item className="menu-item" onSelect={find}>
              Find in document <kbd>Ctrl+F</kbd>
            </Menu.Item>
            <Menu.CheckboxItem className="menu-item" checked={clean} onCheckedChange={toggleClean}>
              Clean view {clean ? '✓' : ''}
            </Menu.CheckboxItem>
            {original && (
              <Menu.Item className="menu-item" onSelect={original.toggle}>
                {original.on ? 'Show the text' : 'Show the original'}
              </Menu.Item>
            )}
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    </>
  );
}
