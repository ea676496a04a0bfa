'use client';

import type { SettingsDto } from '@/lib/users/settings';
import type { Audience, UpdateSettingsInput } from '@/lib/validations/settings';
import { SettingsPage } from '../settings/settings-page';
import { useSettings, useUpdateSettings } from './use-settings';

const LAST_SEEN: Array<{ value: Audience; label: string }> = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'chats', label: 'People I share a chat with' },
  { value: 'nobody', label: 'Nobody (and I see nobody’s)' },
];
const GROUP_INVITES: Array<{ value: Audience; label: string }> = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'chats', label: 'People I have a direct chat with' },
  { value: 'nobody', label: 'Nobody: they send me an invitation' },
];

export function PrivacySettingsScreen() {
  return (
    <SettingsPage title="Privacy">
      <Settings />
    </SettingsPage>
  );
}

function Settings() {
  const settings = useSettings();
  const update = useUpdateSettings();
  // The choice shows at once; a failed save puts the stored one back.
  const shown: SettingsDto | undefined = settings.data && {
    ...settings.data,
    ...(update.isPending ? update.variables : {}),
  };
  const change = (changes: UpdateSettingsInput) => update.mutate(changes);
  return (
    <>
      {settings.isLoading && <p>Loading…</p>}
      {settings.isError && (
        <p role="alert">Your settings could not be loaded. Reload the page to try again.</p>
      )}
      <p role="status" aria-live="polite" className="text-sm">
        {update.isError ? 'That change was not saved. Try again.' : update.isSuccess ? 'Saved.' : ''}
      </p>
      {shown && (
        <>
          <Toggle
            id="read-receipts"
            label="Read receipts"
            hint="Others see when you have read their messages. Off: they don’t, and you don’t see theirs either, in groups too."
            checked={shown.readReceipts}
            disabled={update.isPending}
            onChange={(readReceipts) => change({ readReceipts })}
          />
          <Choice
            name="last-seen"
            legend="Who sees when I’m online and last seen"
            options={LAST_SEEN}
            value={shown.lastSeen}
            disabled={update.isPending}
            onChange={(lastSeen) => change({ lastSeen })}
          />
          <Toggle
            id="typing-indicator"
            label="Typing indicator"
            hint="Others see when you are typing."
            checked={shown.typingIndicator}
            disabled={update.isPending}
            onChange={(typingIndicator) => change({ typingIndicator })}
          />
          <Choice
            name="group-invites"
            legend="Who can add me to groups"
            options={GROUP_INVITES}
            value={shown.groupInvites}
            disabled={update.isPending}
            onChange={(groupInvites) => change({ groupInvites })}
          />
          <Toggle
            id="link-previews"
            label="Link previews"
            hint="The server fetches the title and description of https links you send, and shows them under your message. The site sees our server, not you or the people you write to."
            checked={shown.linkPreviews}
            disabled={update.isPending}
            onChange={(linkPreviews) => change({ linkPreviews })}
          />
        </>
      )}
    </>
  );
}

function Toggle(props: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={`${props.id}-hint`}
        onChange={(e) => props.onChange(e.target.checked)}
        className="mt-1.5"
      />
      <div>
        <label htmlFor={props.id} className="text-lg font-semibold">
          {props.label}
        </label>
        <p id={`${props.id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {props.hint}
        </p>
      </div>
    </div>
  );
}

function Choice(props: {
  name: string;
  legend: string;
  options: Array<{ value: Audience; label: string }>;
  value: Audience;
  disabled: boolean;
  onChange: (value: Audience) => void;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-lg font-semibold">{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} className="flex items-center gap-2">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            disabled={props.disabled}
            onChange={() => props.onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
