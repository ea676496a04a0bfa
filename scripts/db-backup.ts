// npm run db:backup -- FILE: the database and local media into one file.
// See README "Backups".
import { BackupRefused } from '../lib/backup/archive';
import { createBackup } from '../lib/backup/create-backup';
import { parseEnv } from '../lib/env';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('Usage: npm run db:backup -- FILE');
  process.exit(2);
}
try {
  const env = parseEnv(process.env);
  const done = await createBackup(env, file);
  console.log(
    `Backed up ${done.backend} at migration ${done.migration} and ${done.mediaFiles} media file(s) to ${file}.` +
      (env.S3_BUCKET ? ' Media in S3 is not in the file: the bucket keeps its own versions.' : ''),
  );
} catch (error) {
  console.error(
    `Backup failed: ${error instanceof BackupRefused ? 'refused: ' : ''}${(error as Error).message}`,
  );
  process.exit(1);
}
