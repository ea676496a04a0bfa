import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate` here; the app connects through
// driver adapters (lib/db) and applies migrations itself (lib/db/migrate.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
