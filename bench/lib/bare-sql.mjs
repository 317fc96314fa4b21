// The floor for the list endpoint: the same select through a pg Pool of the same size, with
// nothing around it — no framework, no auth, no transaction, no RLS (it connects as the owner).
import Fastify from 'fastify';
import pg from 'pg';

const { DATABASE_URL, TENANT_ID, PORT } = process.env;
const POOL_SIZE = Number(process.env.POOL_SIZE ?? 10);
if (!DATABASE_URL || !TENANT_ID || !PORT) {
  console.error('bare-sql needs DATABASE_URL, TENANT_ID and PORT');
  process.exit(2);
}

// Money and dates leave the server as strings; parse them the same way so the row cost matches.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

const pool = new pg.Pool({ connectionString: DATABASE_URL, max: POOL_SIZE });
pool.on('error', () => undefined);

const LIMIT = 50;
const SELECT =
  'select "id", "tenant_id" as "tenantId", "client_id" as "clientId", "name", "objective", "budget", "currency", ' +
  '"start_date" as "startDate", "end_date" as "endDate", "status", "version", "created_at" as "createdAt", "updated_at" as "updatedAt" ' +
  'from "projects" where "projects"."tenant_id" = $1 order by "projects"."created_at" desc, "projects"."id" desc limit $2';

const app = Fastify({ logger: false });
app.get('/projects', async () => {
  const { rows } = await pool.query(SELECT, [TENANT_ID, LIMIT + 1]);
  const items = rows.slice(0, LIMIT).map(({ tenantId: _tenantId, ...row }) => row);
  return { items, nextCursor: rows.length > LIMIT ? items[items.length - 1].id : null };
});

await app.listen({ host: '127.0.0.1', port: Number(PORT) });
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => app.close().then(() => pool.end()).then(() => process.exit(0)));
}
