import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { asLogin } from '../../platform/db-login';
import { ensureDatabase } from '../../platform/embedded-postgres';

let databases = 0;

/** `url` (the owner's, a superuser here) as the app's login role that global-setup made: what the engine's processes use. */
export function appLoginUrl(url: string): string {
  const { login, password } = inject('pgAppLogin');
  return asLogin(url, login, password);
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function freshDatabase(): Promise<{ url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `dsar_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name, inject('templateDatabase'));
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  // All test files share one Temporal namespace, where the case number is the workflow ID: give each
  // database its own range of case numbers, as separate operators would have.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT setval($1, $2)', ['case_number_seq', process.pid * 100_000 + 1000 * ++databases]);
  await client.end();
  return {
    url,
    appUrl: appLoginUrl(url),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
