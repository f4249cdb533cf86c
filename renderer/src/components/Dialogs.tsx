import type { Handlers } from '../hooks/use-commands';
import { useActions, useWorkbench } from '../state';
import { BackupsDialog, PassphraseDialog } from './BackupsDialog';
import { BatchSearchDialog } from './BatchSearchDialog';
import { CommandPalette } from './CommandPalette';
import { ExportDialog } from './ExportDialog';
import { HandoutDialog, MergeDialog } from './HandoutDialog';
import { OcrLanguagesDialog } from './OcrLanguagesDialog';
import { TagsDialog } from './TagsDialog';
import { AdoptDialog, WorkspacesDialog } from './WorkspacesDialog';

/** The one dialog open at a time, if any. */
export function Dialogs({ handlers, encrypted }: { handlers: Handlers; encrypted: boolean }) {
  const dialog = useWorkbench((s) => s.dialog);
  const { setDialog } = useActions();
  const close = () => setDialog(null);
  switch (dialog) {
    case 'palette':
      return <CommandPalette handlers={handlers} onClose={close} />;
    case 'export':
      return <ExportDialog onClose={close} />;
    case 'export-results':
      return <ExportDialog results onClose={close} />;
    case 'batch':
      return <BatchSearchDialog onClose={close} />;
    case 'workspaces':
      return <WorkspacesDialog onClose={close} />;
    case 'adopt':
      return <AdoptDialog onClose={close} />;
    case 'handout':
      return <HandoutDialog onClose={close} />;
    case 'merge':
      return <MergeDialog onClose={close} />;
    case 'backups':
      return <BackupsDialog onClose={close} />;
    case 'encrypt':
      return <PassphraseDialog encrypted={encrypted} onClose={close} />;
    case 'tags':
      return <TagsDialog onClose={close} />;
    case 'ocr':
      return <OcrLanguagesDialog onClose={close} />;
    default:
      return null;
  }
}
