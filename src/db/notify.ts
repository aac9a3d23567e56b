/**
 * Change events between processes on one database: PostgreSQL LISTEN/NOTIFY. The embedded
 * PGlite database belongs to one process, so there is nobody to tell: listen() answers null
 * and the caller's own in-process update is all there is.
 */
import pg from 'pg';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;
const connections = new WeakMap<Db, { connectionString: string; listeners: Set<Listener>; closed: boolean }>();

interface Listener {
  close(): Promise<void>;
}

/** Called by openDatabase for a PostgreSQL handle. */
export function registerNotifyConnection(db: Db, connectionString: string) {
  connections.set(db, { connectionString, listeners: new Set(), closed: false });
}

/** Ends every listener of `db` (the handle is closing). */
export async function closeListeners(db: Db) {
  const c = connections.get(db);
  if (!c) return;
  c.closed = true;
  await Promise.all([...c.listeners].map((l) => l.close()));
}

/** NOTIFY inside the transaction: PostgreSQL delivers it to the listeners when the transaction commits, never if it rolls back. */
export async function notifyOnCommit(trx: Transaction<Database> | Db, channel: string, payload: string) {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(trx);
}

/**
 * LISTEN on `channel` with a connection of its own. `onResync` runs after a reconnection
 * (notifications may have been missed meanwhile). Null on PGlite.
 */
export async function listen(db: Db, channel: string, onPayload: (payload: string) => void, onResync: () => void): Promise<Listener | null> {
  const c = connections.get(db);
  if (!c || c.closed) return null;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (first: boolean) => {
    const cl = new pg.Client({ connectionString: c.connectionString });
    cl.on('notification', (m) => {
      if (m.channel === channel) onPayload(m.payload ?? '');
    });
    cl.on('error', () => reconnect());
    cl.on('end', () => reconnect());
    await cl.connect();
    await cl.query(`LISTEN ${channel}`);
    client = cl;
    if (!first) onResync();
  };
  const reconnect = () => {
    if (closed || retry) return;
    client = null;
    retry = setTimeout(() => {
      retry = null;
      connect(false).catch(() => reconnect());
    }, 1000);
    retry.unref();
  };
  await connect(true);
  const listener: Listener = {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      c.listeners.delete(listener);
      const cl = client;
      client = null;
      await cl?.end().catch(() => undefined);
    },
  };
  c.listeners.add(listener);
  return listener;
}
