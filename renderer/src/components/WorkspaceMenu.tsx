import * as Menu from '@radix-ui/react-dropdown-menu';
import { commandById, keyLabel, type CommandId } from '../../../electron/shared/commands';
import type { Handlers } from '../hooks/use-commands';

const ITEMS: CommandId[] = ['workspaces', 'adopt', 'handout', 'merge', 'backups', 'encrypt', 'tags', 'ocrLanguages', 'undo'];

/** The workspace's own actions, behind one button in the toolbar; labels and keys come from the command registry. */
export function WorkspaceMenu({ handlers }: { handlers: Handlers }) {
  return (
    <Menu.Root>
      <Menu.Trigger asChild>
        <button type="button">Workspace ▾</button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" aria-label="Workspace" align="start" sideOffset={4}>
          {ITEMS.map((id) => {
            const c = commandById(id);
            return (
              <Menu.Item key={id} className="menu-item" onSelect={handlers[id]}>
                {c.label}
                {c.keys && <kbd>{keyLabel(c.keys)}</kbd>}
              </Menu.Item>
            );
          })}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
