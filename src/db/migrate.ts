import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './index';
import { migrations } from './migrations';

/** Forward-only migrations, listed in order in migrations/index.ts. */
class ListProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new ListProvider(),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(db: Db): Promise<number> {
  const migrator = new Migrator({
    db,
    provider: new ListProvider(),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).length;
}
