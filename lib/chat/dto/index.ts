// What the chat services return: plain JSON-ready objects, never Prisma rows.
// The types live in the SDK (sdk/src/protocol/dto.ts), shared by the server,
// the SDK and the web app.
export type * from '../../../sdk/src/protocol/dto';
