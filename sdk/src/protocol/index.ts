// The wire protocol, types only: socket event maps and the DTOs they carry.
export type * from './dto.js';
export type * from './errors.js';
export type * from './events.js';
export type * from './users.js';
