// Next inlines the built stylesheet into every page (experimental.inlineCss)
// but without the CSP nonce: it hands React the nonce for scripts only, and
// React writes hoisted <style> elements without one. The page policy allows
// them by hash instead. Their text is exactly the built CSS files', so the
// files' hashes are theirs, and a <style> that matches one can only restyle
// the page the way our own stylesheet already does.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** CSP hash sources ('sha256-…') of every .css file under `dir`; none when it does not exist. */
export function stylesheetHashes(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return files
    .filter((file) => file.endsWith('.css'))
    .sort()
    .map(
      (file) =>
        `'sha256-${createHash('sha256')
          .update(readFileSync(path.join(dir, file)))
          .digest('base64')}'`,
    );
}
