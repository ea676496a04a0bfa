// Privacy settings and group invitations, for the OpenAPI document (lib/openapi.ts).
import { z } from 'zod';
import type { ApiOperation } from '../http/api-operation';
import { audienceSchema, updateSettingsSchema } from '../validations/settings';
import type { InvitationDto } from './invitations';
import type { SettingsDto } from './settings';

const id = z.uuid();
const settings = z.object({
  readReceipts: z
    .boolean()
    .describe(
      'Others see when you read (default true). Off: nobody sees your reads, and you see nobody’s, groups included.',
    ),
  lastSeen: audienceSchema.describe(
    'Who sees your online status and last seen (default everyone): chats = people who share a chat with you. nobody also hides everyone else’s from you.',
  ),
  typingIndicator: z.boolean().describe('Others see you typing (default true).'),
  groupInvites: audienceSchema.describe(
    'Who may add you to a group (default everyone): chats = people you have a direct chat with. Anyone else’s attempt sends you an invitation.',
  ),
  linkPreviews: z
    .boolean()
    .describe('The server fetches title and description of https links in your messages (default false).'),
});
const invitation = z.object({
  id,
  chat: z.object({
    id,
    name: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    participantCount: z.number().int(),
  }),
  inviter: z.object({ id, name: z.string(), avatarUrl: z.string().nullable() }).nullable(),
  createdAt: z.iso.datetime(),
});

export const privacyApiSchemas = {
  SettingsEnvelope: z.object({ settings }),
  UpdateSettingsRequest: updateSettingsSchema,
  InvitationList: z.object({ invitations: z.array(invitation) }),
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatch: [
  Same<z.infer<typeof settings>, SettingsDto>,
  Same<z.infer<typeof invitation>, InvitationDto>,
] = [true, true];
void typesMatch;

export const privacyOperations: Array<ApiOperation<keyof typeof privacyApiSchemas | 'ChatEnvelope'>> = [
  {
    method: 'get',
    path: '/api/v1/users/me/settings',
    tag: 'Privacy',
    budget: 'read',
    summary: 'Your privacy settings',
    description:
      'The defaults until you change one: readReceipts true, lastSeen everyone, typingIndicator true, groupInvites everyone, linkPreviews false.',
    responses: [[200, 'Your settings.', 'SettingsEnvelope']],
    errors: [],
  },
  {
    method: 'patch',
    path: '/api/v1/users/me/settings',
    tag: 'Privacy',
    budget: 'write',
    summary: 'Change your privacy settings',
    description:
      'Any of the fields; those left out stay. Unknown fields, values out of range and wrong types are 400 and change nothing. The server enforces each at once (other processes within 5 s): receipts, presence and typing events, chat details and sync. Your other sockets hear settings_updated.',
    body: 'UpdateSettingsRequest',
    responses: [[200, 'Your settings as they are now.', 'SettingsEnvelope']],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/users/me/invitations',
    tag: 'Privacy',
    budget: 'read',
    summary: 'Group invitations waiting for your answer',
    description:
      'Someone added you to a group while your groupInvites setting did not let them: you join only by accepting. Newest first; only you see them.',
    responses: [[200, 'Your invitations.', 'InvitationList']],
    errors: [],
  },
  {
    method: 'post',
    path: '/api/v1/users/me/invitations/{id}/accept',
    tag: 'Privacy',
    budget: 'write',
    summary: 'Join the group you were invited to',
    description:
      'Adds you as a MEMBER with a SYSTEM message; the group must have room. Someone else’s or a closed invitation is 404.',
    responses: [[200, 'The group.', 'ChatEnvelope']],
    errors: ['NOT_FOUND', 'VALIDATION'],
  },
  {
    method: 'post',
    path: '/api/v1/users/me/invitations/{id}/decline',
    tag: 'Privacy',
    budget: 'write',
    summary: 'Turn an invitation down',
    description: 'The inviter is not told. Someone else’s or a closed invitation is 404.',
    responses: [[204, 'Declined.']],
    errors: ['NOT_FOUND'],
  },
];
