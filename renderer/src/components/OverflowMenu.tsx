import * as Menu from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';

export interface OverflowItem {
  key: string;
  label: ReactNode;
  onSelect: () => void;
  /** A switch: the item says whether it is on, and screen readers hear it as checked. */
  checked?: boolean;
}

/**
 * The "⋯" menu that holds a toolbar's buttons when there is no room for them (a narrow
 * window, two readers side by side). `className` says when it shows, by the toolbar's CSS.
 */
export function OverflowMenu({ label, className, align, items }: { label: string; className: string; align: 'start' | 'end'; items: OverflowItem[] }) {
  return (
    <Menu.Root>
      <Menu.Trigger asChild>
        <button type="button" className={className} aria-label={label}>
          ⋯
        </button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" align={align} sideOffset={4}>
          {items.map((item) =>
            item.checked === undefined ? (
              <Menu.Item key={item.key} className="menu-item" onSelect={item.onSelect}>
                {item.label}
              </Menu.Item>
            ) : (
              <Menu.CheckboxItem key={item.key} className="menu-item" checked={item.checked} onCheckedChange={item.onSelect}>
                {item.label} {item.checked ? '✓' : ''}
              </Menu.CheckboxItem>
            ),
          )}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
