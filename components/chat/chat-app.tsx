'use client';

import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ChatDto } from '@/lib/chat/dto';
import { ChatClientProvider, useChatClient, useChats, useConnection } from '@chat/sdk/react';
import { CHAT_LIST_KEY, chatClient } from '@/lib/client/chat-client';
import { useNotice } from '@/lib/client/store';
import type { WebAppSettings } from '@/lib/web-app-settings';
import { SignOutButton } from '../sign-out-button';
import { ChatConfigProvider } from './chat-config';
import { ChatList } from './chat-list';
import { HiddenWordsDialog } from './hidden-words-dialog';
import { NewChatDialog } from './new-chat-dialog';
import { PlatformNotices } from './platform-notices';
import { ProfileCard } from './profile-card';
import { ProfilePhotoDialog } from './profile-photo-dialog';
import { ReportDialog } from './report-dialog';
import { ForwardDialog } from './forward-dialog';
import { Thread } from './thread';
import { useChatDetails } from './use-chat-details';
import { useHiddenWords } from './use-hidden-words';
import { useServerEvents } from './use-server-events';
import { PushPrompt } from '../notifications/push-prompt';
import { useMutedChats } from '../notifications/use-notifications';
import { usePushBridge } from '../notifications/use-push-bridge';
import { Invitations } from '../privacy/invitations';
import { ExportBanner } from '../exports/export-banner';

export function ChatApp(props: {
  me: { id: string; name: string };
  settings: WebAppSettings;
  /** A platform moderator or admin: the footer links to the console. */
  moderates?: boolean;
}) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  // This account's client: its outbox is kept under the account's id.
  const chat = chatClient(props.me.id);
  const [config] = useState(() => ({
    editWindowMs: props.settings.editWindowSeconds * 1000,
    clockOffsetMs: props.settings.serverTime - Date.now(),
    uploadMaxBytes: props.settings.uploadMaxBytes,
    voiceMaxMs: props.settings.voiceMaxSeconds * 1000,
    disappearingTimers: props.settings.disappearingTimers,
  }));
  return (
    <ChatClientProvider client={chat}>
      <QueryClientProvider client={client}>
        <ChatConfigProvider value={config}>
          <ChatScreen me={props.me} moderates={props.moderates ?? false} />
        </ChatConfigProvider>
      </QueryClientProvider>
    </ChatClientProvider>
  );
}

/** Short confirmations ("Copied"), shown briefly and read out politely; the region stays so it is heard. */
function Notice() {
  const notice = useNotice((s) => s.notice);
  return (
    <div role="status" className="pointer-events-none fixed inset-x-0 bottom-24 z-40 flex justify-center">
      {notice && (
        <p
          key={notice.at}
          className="rounded-full bg-slate-900 px-4 py-1.5 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
        >
          {notice.text}
        </p>
      )}
    </div>
  );
}

function ConnectionBanner() {
  const connection = useConnection();
  if (connection !== 'offline') return null;
  return (
    <p role="status" className="bg-amber-100 px-3 py-1 text-center text-sm text-amber-900">
      {navigator.onLine ? 'Reconnecting…' : 'You are offline. Messages will send when you reconnect.'}
    </p>
  );
}

function ChatScreen({ me, moderates }: { me: { id: string; name: string }; moderates: boolean }) {
  const router = useRouter();
  const params = useSearchParams();
  const qc = useQueryClient();
  const openChatId = params.get('c');
  const [newChat, setNewChat] = useState(false);
  const [hiddenWords, setHiddenWords] = useState(false);
  const [profilePhoto, setProfilePhoto] = useState(false);
  const { hides } = useHiddenWords();
  useServerEvents(me.id);
  usePushBridge();
  const muted = useMutedChats();

  // The list into the client's store (from the page's preload), then the
  // socket: its first sync asks only for what came after the list.
  const client = useChatClient();
  const list = useQuery({
    queryKey: CHAT_LIST_KEY,
    queryFn: () => client.chats.load().then(() => true),
  });
  const listed = list.isFetched;
  useEffect(() => {
    if (listed) client.connect().catch(() => {});
  }, [client, listed]);
  const chats = useChats();
  const open = useChatDetails(chats.find((c) => c.id === openChatId) ?? null);
  // The open chat is being read: it counts in neither the list's badges nor the icon's.
  const unreadTotal = chats.reduce(
    (n, c) => n + (muted.has(c.id) || c.id === openChatId ? 0 : c.unreadCount),
    0,
  );
  useEffect(() => {
    // The Badging API shows the unread total on the installed app's icon, where supported.
    const nav = navigator as Navigator & {
      setAppBadge?(n: number): Promise<void>;
      clearAppBadge?(): Promise<void>;
    };
    if (unreadTotal > 0) void nav.setAppBadge?.(unreadTotal).catch(() => {});
    else void nav.clearAppBadge?.().catch(() => {});
  }, [unreadTotal]);
  const openChat = (id: string | null) => router.push(id ? `/chat?c=${id}` : '/chat');
  const created = (chat: ChatDto) => {
    setNewChat(false);
    client.chats.put([chat]);
    openChat(chat.id);
  };

  return (
    <div className="flex h-dvh flex-col">
      <ConnectionBanner />
      <PlatformNotices />
      <ExportBanner />
      <PushPrompt meId={me.id} />
      <div className="flex min-h-0 flex-1">
        <aside
          className={`w-full flex-col border-r border-slate-200 md:flex md:w-80 dark:border-slate-700 ${open ? 'hidden' : 'flex'}`}
        >
          <Invitations
            onJoined={(chatId) => {
              void qc.invalidateQueries({ queryKey: CHAT_LIST_KEY });
              openChat(chatId);
            }}
          />
          <div className="min-h-0 flex-1">
            <ChatList
              chats={chats}
              loading={list.isLoading && chats.length === 0}
              meId={me.id}
              openChatId={openChatId}
              onOpen={openChat}
              onNewChat={() => setNewChat(true)}
              menu={[
                { id: 'profile', label: 'Profile…', onSelect: () => router.push('/settings/profile') },
                { id: 'profile-photo', label: 'Profile photo…', onSelect: () => setProfilePhoto(true) },
                { id: 'hidden-words', label: 'Hidden words…', onSelect: () => setHiddenWords(true) },
                {
                  id: 'notifications',
                  label: 'Notifications…',
                  onSelect: () => router.push('/settings/notifications'),
                },
                { id: 'privacy', label: 'Privacy…', onSelect: () => router.push('/settings/privacy') },
                { id: 'data', label: 'Download my data…', onSelect: () => router.push('/settings/data') },
              ]}
              hides={hides}
            />
          </div>
          <div className="flex items-center justify-between gap-2 border-t border-slate-200 p-3 text-sm dark:border-slate-700">
            <span className="truncate">
              Signed in as <strong>{me.name}</strong>
            </span>
            <span className="flex shrink-0 items-center gap-2">
              {moderates && (
                <Link
                  href="/admin"
                  className="rounded-lg px-2 py-1.5 font-medium text-blue-700 underline dark:text-blue-400"
                >
                  Moderation
                </Link>
              )}
              <SignOutButton />
            </span>
          </div>
        </aside>
        <main className={`min-w-0 flex-1 ${open ? 'flex' : 'hidden md:flex'} flex-col`}>
          {open ? (
            <Thread key={open.id} chat={open} meId={me.id} onBack={() => openChat(null)} />
          ) : (
            <div className="m-auto p-6 text-center text-slate-600 dark:text-slate-400">
              <p className="text-lg font-medium">Pick a chat, or start a new one.</p>
            </div>
          )}
        </main>
      </div>
      <Notice />
      {newChat && <NewChatDialog onClose={() => setNewChat(false)} onCreated={created} />}
      {hiddenWords && <HiddenWordsDialog onClose={() => setHiddenWords(false)} />}
      {profilePhoto && <ProfilePhotoDialog onClose={() => setProfilePhoto(false)} />}
      <ReportDialog />
      <ForwardDialog meId={me.id} />
      <ProfileCard onOpenChat={openChat} />
    </div>
  );
}
