// A person's hidden words (Hinge's "hidden words"): incoming messages that
// contain one are shown collapsed behind a tap. The server only keeps the
// list; the person's own client does the matching, so nothing here reads
// anyone's messages, and nobody but the person reads the list.
import { db } from '../db';
import { COST, spend } from '../user-budget';

/** The caller's hidden words, alphabetically. */
export async function listHiddenWords({ userId }: { userId: string }): Promise<string[]> {
  await spend(userId, 'read', COST.read);
  const rows = await db().hiddenWord.findMany({
    where: { userId },
    select: { word: true },
    orderBy: { word: 'asc' },
  });
  return rows.map((r) => r.word);
}

/** Replaces the caller's hidden words with `words` (already normalised by the schema); returns them. */
export async function setHiddenWords({
  userId,
  words,
}: {
  userId: string;
  words: string[];
}): Promise<string[]> {
  await spend(userId, 'write', COST.words);
  const unique = [...new Set(words)].sort();
  await db().$transaction(async (tx) => {
    // Two saves at once from two tabs: one after the other, the last one wins whole.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    await tx.hiddenWord.deleteMany({ where: { userId } });
    await tx.hiddenWord.createMany({ data: unique.map((word) => ({ userId, word })) });
  });
  return unique;
}
