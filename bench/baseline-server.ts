import express from 'express';
import PDFDocument from 'pdfkit';
import pg from 'pg';

/**
 * The bare stack the planner is measured against: Express 5 and pg on the same database, serving the
 * same JSON from one row, updating one row, and pdfkit writing the same text with no layout.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = express();
app.use(express.json({ limit: '1mb' }));

app.get('/documents/:name', async (req, res) => {
  const { rows } = await pool.query<{ body: string }>('select body from bench_documents where name = $1', [
    req.params.name,
  ]);
  res.type('application/json').send(rows[0]!.body);
});

/**
 * The same read bound to a district as the planner binds every signed-in request (row-level security,
 * migration 010): a transaction as planner_app with the district set. Against /documents, its cost.
 */
app.get('/scoped/:name', async (req, res) => {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(`select set_config('role', 'planner_app', true), set_config('planner.district_id', $1, true)`, [
      '00000000-0000-4000-8000-000000000000',
    ]);
    const { rows } = await client.query<{ body: string }>('select body from bench_documents where name = $1', [
      req.params.name,
    ]);
    await client.query('commit');
    res.type('application/json').send(rows[0]!.body);
  } finally {
    client.release();
  }
});

app.put('/rows/:id', async (req, res) => {
  const body = req.body as { text: string; version: number };
  const { rows } = await pool.query<{ version: number }>(
    'update bench_rows set body = $1, version = version + 1 where id = $2 and version = $3 returning version',
    [body.text, Number(req.params.id), body.version],
  );
  if (rows.length === 0) {
    const current = await pool.query<{ version: number }>('select version from bench_rows where id = $1', [
      Number(req.params.id),
    ]);
    res.status(409).json({ current: { version: current.rows[0]!.version } });
    return;
  }
  res.json({ version: rows[0]!.version });
});

/** The plan's words, written as they come: the raw cost of pdfkit for the same text. */
app.get('/raw.pdf', async (_req, res) => {
  const { rows } = await pool.query<{ body: string }>("select body from bench_documents where name = 'pdf-text'");
  const doc = new PDFDocument({ size: 'LETTER' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  doc.on('end', () => res.type('application/pdf').send(Buffer.concat(chunks)));
  doc.text(rows[0]!.body);
  doc.end();
});

const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => void pool.end()));
