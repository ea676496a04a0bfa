import { randomBytes } from 'node:crypto';
import { idSchema } from '../validations/chat';

/** True for a well-formed id. Ids that are not UUIDs name nothing, so services answer 404 for them. */
export function isId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}

/**
 * A UUIDv7, as Prisma's @default(uuid(7)) makes them, for rows inserted with
 * raw SQL: time-ordered, so new rows land at the right edge of the index.
 */
export function newId(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x70, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
