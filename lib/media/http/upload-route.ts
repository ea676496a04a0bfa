// POST /api/v1/uploads: answered by the HTTP server itself, before Next, so
// no body limit of Next's applies and the body streams to a temporary file
// under DATA_DIR as it arrives. Refusals that need no body (credentials,
// content type, a declared size past the limit, budgets) come before a
// byte of it is read.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Env } from '../../env';
import { AppError } from '../../errors';
import { requireIncomingUser } from '../../http/auth';
import { logger } from '../../logger';
import { COST, spend } from '../../user-budget';
import { authorizeUpload } from '../authorize-upload';
import { ClientGone, createUpload } from '../create-upload';
import { assertUploadQuota, formatBytes } from '../upload-quota';
import { MULTIPART_ALLOWANCE_BYTES, receiveUpload } from './receive-upload';
import { lingerThenClose, replyError, replyJson } from './reply';

/** Where uploads are received while they arrive: DATA_DIR/media-incoming. */
export function incomingDir(env: Env): string {
  return path.resolve(env.DATA_DIR, 'media-incoming');
}

export async function handleUpload(req: IncomingMessage, res: ServerResponse, env: Env): Promise<void> {
  let workDir: string | undefined;
  let answer: { status: 201; body: unknown } | { error: unknown };
  try {
    const user = await requireIncomingUser(req);
    if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the upload as multipart/form-data, with the bytes in a field named "file".',
      );
    }
    const declared = Number(req.headers['content-length']);
    if (declared > env.UPLOAD_MAX_BYTES + MULTIPART_ALLOWANCE_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `A file can be at most ${formatBytes(env.UPLOAD_MAX_BYTES)}.`);
    }
    await spend(user.id, 'write', COST.send);
    // Refused now if the allowance is already used up; checked again with the stored size.
    await assertUploadQuota(user.id, 1);
    if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
    await mkdir(incomingDir(env), { recursive: true, mode: 0o700 });
    workDir = await mkdtemp(path.join(incomingDir(env), 'u-'));
    const form = await receiveUpload(req, {
      dir: workDir,
      maxFileBytes: env.UPLOAD_MAX_BYTES,
      beforeFile: async (fields) => {
        if (fields.chatId !== undefined) await authorizeUpload(user.id, fields);
      },
    });
    if (!form.file) throw new AppError('VALIDATION', 'file: Attach the file, in a field named "file".');
    const upload = await createUpload({
      userId: user.id,
      fields: form.fields,
      file: form.file,
      workDir,
      abandoned: () => req.socket.destroyed,
    });
    answer = { status: 201, body: { upload } };
  } catch (error) {
    answer = { error };
  }
  // Answered once nothing of the upload is left on disk but what was stored.
  if (workDir) await rm(workDir, { recursive: true, force: true });
  if ('status' in answer) return replyJson(res, answer.status, answer.body);
  const { error } = answer;
  if (error instanceof ClientGone) {
    res.destroy();
    return;
  }
  if (!(error instanceof AppError)) logger().error({ err: error }, 'upload failed');
  replyError(res, error);
  lingerThenClose(req, res);
}
