// npm run db:restore -- FILE [--replace]: a backup from db:backup into the
// configured database and DATA_DIR/media, with every server stopped. See
// README "Backups".
import { BackupRefused } from '../lib/backup/archive';
import { restoreBackup } from '../lib/backup/restore-backup';
import { parseEnv } from '../lib/env';

const args = process.argv.slice(2);
const replace = args.includes('--replace');
const files = args.filter((a) => a !== '--replace');
if (files.length !== 1 || files[0]?.startsWith('-')) {
  console.error('Usage: npm run db:restore -- FILE [--replace]');
  process.exit(2);
}
const file = files[0] as string;
try {
  const done = await restoreBackup(parseEnv(process.env), file, { replace });
  console.log(
    `Restored ${done.backend} at migration ${done.migration} and ${done.mediaFiles} media file(s) from ${file}.`,
  );
  for (const dir of done.movedAside) console.log(`What was there before is kept in ${dir}.`);
  console.log('The next start applies any newer migrations.');
} catch (error) {
  const refused = error instanceof BackupRefused;
  console.error(
    refused
      ? `Restore refused: ${(error as Error).message}. Nothing was changed.`
      : `Restore failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
