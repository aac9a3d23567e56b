import type { PGlite } from '@electric-sql/pglite';

/**
 * A pg.Pool look-alike over one PGlite instance, so Kysely's PostgresDialect drives both
 * engines with the same code. PGlite has one session, so connections are handed out one at
 * a time: a transaction holds the only connection until it is released.
 */
export function pglitePool(pg: PGlite) {
  let queue: Promise<void> = Promise.resolve();
  const client = {
    async query(sql: string, params?: unknown[]) {
      // Without parameters, allow several statements (migrations), as pg's simple protocol does.
      if (!params || params.length === 0) {
        const all = await pg.exec(sql);
        const last = all[all.length - 1];
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0, command: commandOf(sql) };
      }
      const res = await pg.query(sql, params as any[], { rowMode: 'object' });
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length, command: commandOf(sql) };
    },
    release() {},
  };
  return {
    async connect() {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const prev = queue;
      queue = prev.then(() => held);
      await prev;
      return { query: client.query, release: () => release() };
    },
    async end() {
      await queue;
      await pg.close();
    },
  };
}

/**
 * The command tag pg would report (Kysely reads numUpdatedRows / numDeletedRows only for
 * INSERT, UPDATE, DELETE and MERGE). A statement starting with WITH counts as its main verb.
 */
function commandOf(sql: string): string {
  const s = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  const first = /^(\w+)/.exec(s)?.[1]?.toUpperCase() ?? '';
  if (first !== 'WITH') return first;
  const verb = /\)\s*(INSERT|UPDATE|DELETE|MERGE|SELECT)\b(?![\s\S]*\)\s*(INSERT|UPDATE|DELETE|MERGE|SELECT)\b)/i.exec(s)?.[1];
  return verb ? verb.toUpperCase() : 'SELECT';
}
