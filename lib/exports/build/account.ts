// What an account export holds besides chats: the person's own data, as
// JSON files under account/. Only what is theirs: their profile and
// settings, their sign-ins' metadata (never tokens or push keys), whom they
// block, and the reports they filed with where each stands.
import { db } from '../../db';

export async function accountFiles(userId: string): Promise<Array<[path: string, data: unknown]>> {
  const prisma = db();
  const [user, settings, notifications, sessions, devices, blocks, hiddenWords, reports] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        name: true,
        bio: true,
        pronouns: true,
        avatarUrl: true,
        createdAt: true,
        platformRole: true,
      },
    }),
    prisma.userSettings.findUnique({ where: { userId }, omit: { userId: true } }),
    prisma.notificationSettings.findUnique({ where: { userId }, omit: { userId: true } }),
    prisma.authSession.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, createdAt: true, expiresAt: true, revokedAt: true, userAgent: true },
    }),
    prisma.pushSubscription.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true, updatedAt: true, userAgent: true, lastSuccessAt: true },
    }),
    prisma.userBlock.findMany({
      where: { blockerId: userId },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true, blocked: { select: { id: true, name: true } } },
    }),
    prisma.hiddenWord.findMany({
      where: { userId },
      orderBy: { word: 'asc' },
      select: { word: true, createdAt: true },
    }),
    prisma.report.findMany({
      where: { reporterId: userId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        reportedUserId: true,
        chatId: true,
        messageIds: true,
        category: true,
        note: true,
        status: true,
        createdAt: true,
        decidedAt: true,
        action: true,
      },
    }),
  ]);
  return [
    ['account/profile.json', user],
    ['account/settings.json', { privacy: settings, notifications }],
    ['account/sessions.json', { browserSessions: sessions, pushDevices: devices }],
    ['account/blocks.json', blocks.map((b) => ({ user: b.blocked, createdAt: b.createdAt }))],
    ['account/hidden-words.json', hiddenWords],
    ['account/reports.json', reports],
  ];
}
