'use client';

import type { MessageDto } from '@/lib/chat/dto';
import { editTimeLeft } from '@/lib/client/format';
import { useNotice } from '@/lib/client/store';
import { useChatConfig } from './chat-config';
import { MenuButton, type MenuClock, type MenuItem } from './menu-button';

/**
 * A message's actions: reply, forward and copy for any message; edit while
 * the server's edit window is open, showing what is left of it; delete for
 * me (any message), delete for everyone; report someone else's message.
 * Revealed on hover or focus, always visible on touch screens, and always in
 * the tab order.
 */
export function MessageMenu(props: {
  message: Pick<MessageDto, 'content' | 'createdAt' | 'type'>;
  canEdit: boolean;
  canDelete: boolean;
  onReply(): void;
  onEdit(): void;
  onDelete(): void;
  /** Delete for me: hide it from my own views. */
  onHide(): void;
  /** Not offered for notices. */
  onForward?(): void;
  /** Offered for someone else's message. */
  onReport?(): void;
}) {
  const { editWindowMs, clockOffsetMs } = useChatConfig();
  const editUntil = props.canEdit ? Date.parse(props.message.createdAt) + editWindowMs : 0;

  const copy = () => {
    // Read at the moment of copying: hundreds of menus need not subscribe to the notice store.
    const { announce } = useNotice.getState();
    const done = () => announce('Copied');
    const failed = () => announce('Could not copy the message');
    if (!navigator.clipboard) return failed();
    navigator.clipboard.writeText(props.message.content).then(done, failed);
  };

  const items = (clock: MenuClock): MenuItem[] => {
    // Server time, which the edit window is measured in.
    const now = clock.now + clockOffsetMs;
    const list: MenuItem[] = [{ id: 'reply', label: 'Reply', onSelect: props.onReply }];
    if (props.onForward) list.push({ id: 'forward', label: 'Forward…', onSelect: props.onForward });
    // A photo, file or voice message may have no caption: nothing to copy.
    if (props.message.content) list.push({ id: 'copy', label: 'Copy text', onSelect: copy });
    // Offered if the window was open when the menu opened; if it closes meanwhile the item stays, disabled.
    if (editUntil > clock.openedAt + clockOffsetMs) {
      // On media only the caption can change.
      const edit = props.message.type === 'TEXT' ? 'Edit' : 'Edit caption';
      list.push(
        now < editUntil
          ? { id: 'edit', label: `${edit} (${editTimeLeft(editUntil - now)})`, onSelect: props.onEdit }
          : { id: 'edit', label: `${edit} (time is up)`, onSelect: () => {}, disabled: true },
      );
    }
    list.push({ id: 'hide', label: 'Delete for me', onSelect: props.onHide, danger: true });
    if (props.canDelete) {
      list.push({ id: 'delete', label: 'Delete for everyone', onSelect: props.onDelete, danger: true });
    }
    if (props.onReport) list.push({ id: 'report', label: 'Report…', onSelect: props.onReport, danger: true });
    return list;
  };

  return (
    <MenuButton
      label="Message actions"
      items={items}
      // The message's bubble, beside the button in its row.
      focusWhenRemoved={(button) => button.closest<HTMLElement>('[data-message-id]')}
      className="shrink-0 rounded-full px-2 py-0.5 text-lg leading-none text-slate-700 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 hover:bg-slate-200 focus:opacity-100 aria-expanded:bg-slate-200 aria-expanded:opacity-100 dark:text-slate-300 dark:hover:bg-slate-700 dark:aria-expanded:bg-slate-700 [@media(hover:none)]:opacity-100"
    >
      <span aria-hidden="true">⋯</span>
    </MenuButton>
  );
}
