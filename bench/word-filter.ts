// Microbenchmark of the platform word filter (lib/moderation/word-filter.ts):
// the check every send and edit makes, on 200-character messages that hold
// no listed word (the common case), with and without the baseline, and a
// console list of 20, then 1,000 words.
//   npx tsx bench/word-filter.ts
import { compileWordFilter, type BaselineMode } from '../lib/moderation/word-filter';

const TEXT =
  'Hey, are you still up for coffee on Saturday? I found a little place near the station that does great pastries, and the class I mentioned starts at ten, so we could meet right after it. Let me know soon, and bring a friend!';
// Different messages, as a server sees them: a cached answer would flatter the figure.
const messages = Array.from(
  { length: 1000 },
  (_, i) => `${TEXT.slice(0, 196)} ${String(i).padStart(3, '0')}`,
);

// The rarer case: a word the baseline flags, where obscenity's own matcher runs too.
const flagged = messages.map((m) => `f4ck ${m.slice(5)}`);

function measure(words: number, baseline: BaselineMode, texts = messages): number {
  const filter = compileWordFilter({
    words: Array.from({ length: words }, (_, i) => ({
      word: `w${i}rd${i % 7}x`,
      action: i % 2 ? 'flag' : 'block',
    })),
    baseline,
  });
  for (const m of texts) filter.check(m);
  const rounds = 20;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const m of texts) filter.check(m);
  return ((performance.now() - started) * 1000) / (rounds * texts.length);
}

console.log(`message length: ${messages[0]!.length} characters`);
for (const [words, baseline] of [
  [20, 'flag'],
  [1000, 'flag'],
  [20, 'off'],
  [1000, 'off'],
] as const) {
  console.log(
    `${String(words).padStart(5)} console words, baseline ${baseline.padEnd(4)}: ${measure(words, baseline).toFixed(1)} µs/message`,
  );
}
console.log(
  `   20 console words, baseline flag, message flagged: ${measure(20, 'flag', flagged).toFixed(1)} µs/message`,
);
