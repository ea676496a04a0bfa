// Analytics for platform admins (issue 21, part 5): activity seeded through
// the real server, backdated over three days, rolled up in small batches
// (so a chat's first message and its reply land in different ones), and
// every figure of GET /api/v1/admin/analytics checked against the same
// figure computed from the raw tables. Small buckets are suppressed; the
// endpoint is admins' only (404 to anyone else) and refuses bad parameters.
import { rollUpAnalytics } from '@/lib/analytics/rollup';
import { LATENCY_BOUNDS_MS, flushSendLatency } from '@/lib/analytics/send-latency';
import { ANALYTICS_METRICS } from '@/lib/validations/analytics';
import type { Api, TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { call } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { NOTHING_HERE, appointModerator, registerAdmin } from './support/moderation';
import { TEST_DB, type TestServer } from './support/server';
import { connect, type ClientSocket } from './support/sockets';

const ADMIN_EMAIL = 'analytics-admin@example.com';
// No rollup timer during the file: the test runs the rollup itself.
it.override('serverEnv', { ADMIN_EMAILS: ADMIN_EMAIL, ANALYTICS_ROLLUP_SECONDS: '3600' });

const ANALYTICS = '/api/v1/admin/analytics';
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = isoDay(Date.now());
const daysAgo = (n: number) => isoDay(Date.parse(`${today}T00:00:00Z`) - n * DAY);

let admin: TestUser;
let mod: TestUser;
/** people[0] is in every direct chat; 1–6 open one each with them. */
let people: TestUser[];
let sockets: ClientSocket[];
let socketSends = 0;

async function send(from: number, chatId: string, content: string): Promise<void> {
  const ack = await call(sockets[from]!, 'send_message', {
    chatId,
    content,
    clientMessageId: crypto.randomUUID(),
  });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  socketSends++;
}

beforeAll(async ({ api, server }) => {
  admin = await registerAdmin(api, ADMIN_EMAIL);
  mod = await appointModerator(api, admin);
  people = await Promise.all(['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6'].map((n) => api.register(n)));
  sockets = await Promise.all(people.map((p) => connect(server.url, { token: p.token })));
  await api.get('/api/v1/users/me', mod.token); // Everyone used the app today.
});

type Point = { start: string; value: number | null; suppressed: boolean };

async function series(api: Api, metric: string, query = `from=${daysAgo(3)}&to=${today}`): Promise<Point[]> {
  const res = await api.get(`${ANALYTICS}?metric=${metric}&${query}`, admin.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.points;
}

/** Per day: the figure and the people it rests on, straight from the raw tables. */
async function rawFigures(server: TestServer): Promise<Record<string, Map<string, [number | null, number]>>> {
  const prisma = server.database.prisma;
  const perDay = async (query: Promise<Array<{ day: string; value: number | null; people: number }>>) =>
    new Map((await query).map((r) => [r.day, [r.value, r.people] as [number | null, number]]));
  const msgs = `SELECT "createdAt"::date AS day, "senderId", "chatId", seq, "createdAt" FROM "ChatMessage" WHERE type <> 'SYSTEM'`;
  return {
    active_people: await perDay(
      prisma.$queryRawUnsafe(`
      WITH a AS (
        SELECT day, "senderId" AS id FROM (${msgs}) m
        UNION SELECT (now() AT TIME ZONE 'UTC')::date, id FROM "User"
      )
      SELECT day::text, count(DISTINCT id)::float8 AS value, count(DISTINCT id)::int AS people FROM a GROUP BY 1`),
    ),
    messages: await perDay(
      prisma.$queryRawUnsafe(`
      SELECT day::text, count(*)::float8 AS value, count(DISTINCT "senderId")::int AS people
      FROM (${msgs}) m GROUP BY 1`),
    ),
    new_chats: await perDay(
      prisma.$queryRawUnsafe(`
      SELECT "createdAt"::date::text AS day, count(*)::float8 AS value, count(DISTINCT "createdById")::int AS people
      FROM "ChatSession" GROUP BY 1`),
    ),
    first_reply_median: await perDay(
      prisma.$queryRawUnsafe(`
      WITH m AS (${msgs}),
      f AS (SELECT DISTINCT ON ("chatId") * FROM m ORDER BY "chatId", seq),
      r AS (
        SELECT DISTINCT ON (m."chatId") m."chatId", m."senderId", m."createdAt" FROM m
        JOIN f ON f."chatId" = m."chatId" WHERE m."senderId" <> f."senderId" ORDER BY m."chatId", m.seq
      )
      SELECT s."createdAt"::date::text AS day,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."createdAt" - f."createdAt"))::float8 AS value,
        count(DISTINCT r."senderId")::int AS people
      FROM "ChatSession" s JOIN f ON f."chatId" = s.id JOIN r ON r."chatId" = s.id
      WHERE s.type = 'DIRECT' GROUP BY 1`),
    ),
    chats_reaching_10: await perDay(
      prisma.$queryRawUnsafe(`
      SELECT s."createdAt"::date::text AS day,
        (100.0 * count(*) FILTER (WHERE (SELECT count(*) FROM (${msgs}) m WHERE m."chatId" = s.id) >= 10) / count(*))::float8 AS value,
        count(DISTINCT s."createdById")::int AS people
      FROM "ChatSession" s GROUP BY 1`),
    ),
    reports_per_1000_messages: await perDay(
      prisma.$queryRawUnsafe(`
      SELECT m.day::text, (1000.0 * coalesce(r.n, 0) / count(*))::float8 AS value, count(DISTINCT m."senderId")::int AS people
      FROM (${msgs}) m
      LEFT JOIN (SELECT "createdAt"::date AS day, count(*) AS n FROM "Report" GROUP BY 1) r ON r.day = m.day
      GROUP BY m.day, r.n`),
    ),
  };
}

describe(`admin analytics on ${TEST_DB}`, () => {
  it('every figure equals the raw tables’ over seeded days; small buckets are suppressed', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    // Two days ago: six new direct chats, each opened by one person, where
    // people[0] writes first and the other replies; one reaches 12 messages.
    const dms: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const chatId = await createDirect(api, people[i]!, people[0]!);
      dms.push(chatId);
      await send(0, chatId, `hi ${i}`);
      await send(i, chatId, `hello ${i}`);
    }
    for (let n = 0; n < 10; n++) await send(n % 2 === 0 ? 0 : 1, dms[0]!, `more ${n}`);
    for (const reporter of [people[1]!, people[2]!]) {
      const res = await api.post(
        '/api/v1/reports',
        { userId: people[0]!.id, category: 'spam' },
        reporter.token,
      );
      expect(res.status).toBe(201);
    }
    // Yesterday: two people in a group, a bucket too small to show.
    const group = await createGroup(api, people[1]!, [people[2]!], 'Small');
    await send(1, group, 'a');
    await send(2, group, 'b');
    await send(1, group, 'c');
    await prisma.$executeRawUnsafe(
      `UPDATE "ChatSession" SET "createdAt" = "createdAt" - interval '2 days' WHERE id = ANY($1::uuid[])`,
      dms,
    );
    await prisma.$executeRawUnsafe(
      `UPDATE "ChatMessage" SET "createdAt" = "createdAt" - interval '2 days' WHERE "chatId" = ANY($1::uuid[])`,
      dms,
    );
    await prisma.$executeRawUnsafe(`UPDATE "Report" SET "createdAt" = "createdAt" - interval '2 days'`);
    await prisma.$executeRawUnsafe(
      `UPDATE "ChatSession" SET "createdAt" = "createdAt" - interval '1 day' WHERE id = $1::uuid`,
      group,
    );
    await prisma.$executeRawUnsafe(
      `UPDATE "ChatMessage" SET "createdAt" = "createdAt" - interval '1 day' WHERE "chatId" = $1::uuid`,
      group,
    );

    // Nothing counted until the rollup runs: the page reads rollups only.
    expect((await series(api, 'messages')).every((p) => p.value === 0)).toBe(true);
    // Small batches, and two processes' worth of runs at once: nothing counted twice.
    await flushSendLatency();
    await Promise.all([
      rollUpAnalytics({ client: prisma, lagMs: 0, batch: 3 }),
      rollUpAnalytics({ client: prisma, lagMs: 0, batch: 3 }),
    ]);
    expect(await rollUpAnalytics({ client: prisma, lagMs: 0 })).toEqual({ kind: 'done', rows: 0 });

    const raw = await rawFigures(server);
    const counts = new Set(['active_people', 'messages', 'new_chats']);
    for (const [metric, figures] of Object.entries(raw)) {
      const points = await series(api, metric);
      expect(points.map((p) => p.start)).toEqual([3, 2, 1, 0].map(daysAgo));
      for (const point of points) {
        const [value, peopleCount] = figures.get(point.start) ?? [counts.has(metric) ? 0 : null, 0];
        const where = `${metric} ${point.start}: ${JSON.stringify(point)} vs ${value}/${peopleCount}`;
        expect(point.suppressed, where).toBe(peopleCount > 0 && peopleCount < 5);
        if (point.suppressed) expect(point.value, where).toBeNull();
        else if (value === null) expect(point.value, where).toBeNull();
        else expect(point.value, where).toBeCloseTo(value, 2);
      }
    }
    // The seeded figures, so the comparison above cannot pass on empty tables.
    const at = async (metric: string, day: string) =>
      (await series(api, metric)).find((p) => p.start === day);
    expect(await at('messages', daysAgo(2))).toEqual({ start: daysAgo(2), value: 22, suppressed: false });
    expect(await at('messages', daysAgo(1))).toEqual({ start: daysAgo(1), value: null, suppressed: true });
    expect(await at('new_chats', daysAgo(1))).toMatchObject({ suppressed: true });
    expect(await at('active_people', today)).toEqual({ start: today, value: 9, suppressed: false });
    expect(await at('chats_reaching_10', daysAgo(2))).toMatchObject({ value: 16.667 });
    expect(await at('reports_per_1000_messages', daysAgo(2))).toMatchObject({ value: 90.909 });
    expect((await at('first_reply_median', daysAgo(2)))?.value).toBeGreaterThan(0);

    // Weeks: distinct people over the week, not a sum of days.
    const weekly = await series(api, 'active_people', `from=${daysAgo(2)}&to=${today}&bucket=week`);
    const [weeks] = await prisma.$queryRawUnsafe<Array<{ n: number }>>(`
      SELECT count(DISTINCT id)::int AS n FROM (
        SELECT "senderId" AS id FROM "ChatMessage" WHERE type <> 'SYSTEM'
          AND date_trunc('week', "createdAt") = date_trunc('week', now() AT TIME ZONE 'UTC')
        UNION SELECT id FROM "User") a`);
    expect(weekly.at(-1)).toEqual({
      start: isoDay(Date.parse(weekly.at(-1)!.start)),
      value: weeks!.n,
      suppressed: false,
    });

    // Send latency: every socket send counted once, across the histogram's buckets.
    const [{ total, p50bucket } = { total: 0, p50bucket: -1 }] = await prisma.$queryRawUnsafe<
      Array<{ total: number; p50bucket: number }>
    >(`
      WITH h AS (SELECT bucket, sum(count) AS n FROM "AnalyticsSendLatency" GROUP BY 1),
      c AS (SELECT bucket, sum(n) OVER (ORDER BY bucket) AS below, sum(n) OVER () AS total FROM h)
      SELECT total::int AS total, min(bucket) FILTER (WHERE below >= total / 2.0)::int AS p50bucket FROM c GROUP BY total`);
    expect(total).toBe(socketSends);
    const p50 = (await at('send_latency_p50', today))!.value!;
    const p95 = (await at('send_latency_p95', today))!.value!;
    expect(p50).toBeGreaterThanOrEqual(p50bucket === 0 ? 0 : LATENCY_BOUNDS_MS[p50bucket - 1]!);
    expect(p50).toBeLessThanOrEqual(LATENCY_BOUNDS_MS[p50bucket] ?? Infinity);
    expect(p95).toBeGreaterThanOrEqual(p50);
  });

  it('is not there for anyone but admins: people and moderators get 404, no credentials 401', async ({
    api,
  }) => {
    for (const who of [people[0]!, mod]) {
      for (const query of ['metric=messages', 'metric=bogus', '']) {
        const res = await api.get(`${ANALYTICS}?${query}`, who.token);
        expect(res.status).toBe(404);
        expect(res.body.error).toEqual(NOTHING_HERE);
      }
    }
    expect((await api.get(`${ANALYTICS}?metric=messages`)).status).toBe(401);
    expect((await api.get(`${ANALYTICS}?metric=messages`, admin.token)).status).toBe(200);
  });

  it('refuses bad parameters with 400 and a sentence', async ({ api }) => {
    for (const query of [
      '',
      'metric=bogus',
      'metric=messages&bucket=month',
      'metric=messages&from=2026-02-30',
      'metric=messages&from=2026-1-1',
      'metric=messages&from=1969-12-31',
      'metric=messages&from=2026-03-02&to=2026-03-01',
      'metric=messages&from=2024-01-01&to=2026-01-01',
      'metric=messages&to=2026-13-01',
    ]) {
      const res = await api.get(`${ANALYTICS}?${query}`, admin.token);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION');
      expect(res.body.error.message, query).toMatch(/\w+ \w+/);
    }
    // Weeks widen to Monday–Sunday; every metric answers.
    const weekly = await api.get(
      `${ANALYTICS}?metric=new_chats&from=2026-03-04&to=2026-03-10&bucket=week`,
      admin.token,
    );
    expect(weekly.body).toMatchObject({ from: '2026-03-02', to: '2026-03-15', bucket: 'week', minPeople: 5 });
    expect(weekly.body.points.map((p: Point) => p.start)).toEqual(['2026-03-02', '2026-03-09']);
    for (const metric of ANALYTICS_METRICS) {
      expect((await api.get(`${ANALYTICS}?metric=${metric}`, admin.token)).status).toBe(200);
    }
  });
});
