import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { ensureDatabase } from '../../platform/embedded-postgres';
import { loadSystemsRegistry } from '../../operator/systems';

/** One system destroyed by the PostgreSQL connector (website-database), one by its owner (crm). */
export const SITE_AND_CRM_FILE = path.resolve(__dirname, '../fixtures/systems/site-and-crm.json');
export const siteAndCrm = () => loadSystemsRegistry(SITE_AND_CRM_FILE);

/**
 * A REAL second database on the same embedded PostgreSQL, as the operator's website would have: users (deleted on
 * destruction) and orders (anonymised, kept for accounting). Each call makes its own `wellpro_site_<hex>`.
 */
export async function siteDatabase() {
  const adminUrl = inject('pgAdminUrl');
  const name = `wellpro_site_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await pool.query(`
    CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, name text NOT NULL, phone text, blocked boolean NOT NULL DEFAULT false);
    CREATE TABLE orders (id serial PRIMARY KEY, user_id int, customer_name text, customer_phone text, total numeric NOT NULL)`);
  return {
    url, pool,
    /** A user with `orders` orders; returns the user's id. */
    async addUser(email: string, name: string, orders = 2): Promise<number> {
      const { rows: [u] } = await pool.query(`INSERT INTO users (email, name, phone) VALUES ($1, $2, '+7 900 000-00-00') RETURNING id`, [email, name]);
      for (let i = 0; i < orders; i += 1) await pool.query(`INSERT INTO orders (user_id, customer_name, customer_phone, total) VALUES ($1, $2, '+7 900 000-00-00', $3)`, [u.id, name, 100 + i]);
      return u.id as number;
    },
    users: async () => (await pool.query('SELECT id, email, blocked FROM users ORDER BY id')).rows,
    orders: async (userId: number) => (await pool.query('SELECT customer_name, customer_phone, total::text FROM orders WHERE user_id = $1 ORDER BY id', [userId])).rows,
    async drop() {
      await pool.end();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
export type SiteDatabase = Awaited<ReturnType<typeof siteDatabase>>;
