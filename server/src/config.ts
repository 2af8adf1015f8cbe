import { isIP } from 'node:net';
import { z } from 'zod';

const developmentSecret = 'development-only-session-secret-do-not-use-in-production';
// Outside production only, so a fresh machine runs without setting one.
const developmentKey = Buffer.alloc(32, 7);

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** A Postgres connection string; when unset the embedded Postgres (PGlite) is used. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// connection string' }).optional(),
    /** Where the embedded Postgres keeps its files. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** `off` behind a pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21). */
    PREPARED_STATEMENTS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
    SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Number of reverse proxies in front of the app (for client addresses and Secure cookies). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** The address people reach the planner at, for the links in emails (invitations, password resets). */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://planner.district.org' })
      .optional(),
    /** smtp:// or smtps:// URL of the mail server; unset, no mail is sent and links are shown to admins. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    /** The sender of the planner's mail, such as "Planner <planner@district.org>". */
    MAIL_FROM: z.string().min(3).max(320).optional(),
    /** Worker threads that render PDFs at once; by default one per core. */
    PDF_THREADS: z.coerce.number().int().min(1).max(64).optional(),
    /** PDF renders that may wait for a thread; beyond that the export answers 503. By default 2 per thread. */
    PDF_QUEUE: z.coerce.number().int().min(0).max(1000).optional(),
    /**
     * The DNS servers asked for the TXT records that verify districts' email domains, separated by commas
     * (an address, with a port if not 53: 1.1.1.1, 127.0.0.1:5353, [::1]:5353); unset, the system's.
     */
    DNS_SERVERS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((server) => server.trim())
          .filter((server) => server !== ''),
      )
      .refine((servers) => servers.length > 0 && servers.every(isDnsServer), {
        error: 'must be IP addresses separated by commas, each with a port if not 53, such as 1.1.1.1,127.0.0.1:5353',
      })
      .optional(),
    /** 32 bytes, base64 or hex: encrypts the districts' sign-in secrets at rest. */
    SECRETS_KEY: z
      .string()
      .refine((v) => keyBytes(v) !== null, { error: 'must be 32 bytes, written as 64 hex digits or in base64' })
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required when NODE_ENV=production: the https:// address people use (cookies are Secure then)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.SECRETS_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SECRETS_KEY'], message: 'is required when NODE_ENV=production' });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required when SMTP_URL is set' });
    }
  });

/** An address as node:dns takes a server: IPv4 or IPv6, with a port as `1.2.3.4:53` or `[::1]:53`. */
function isDnsServer(server: string): boolean {
  const [, address = server, port] = /^\[(.+)\]:(\d+)$/.exec(server) ?? /^([\d.]+):(\d+)$/.exec(server) ?? [];
  return isIP(address) !== 0 && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
}

/** The 32 bytes of a key written as hex or base64, or null. */
function keyBytes(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : null;
}

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Whether the hot reads run as prepared statements (db/scoped-pg-client.ts). */
  preparedStatements: boolean;
  sessionSecret: string;
  logLevel: string;
  trustProxy: number;
  publicUrl: string;
  /** Mail is sent only when both are set. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  secretsKey: Buffer;
  /** Unset: one thread per core, and a queue of two per thread. */
  pdfThreads: number | undefined;
  pdfQueue: number | undefined;
  /** Unset: the system's DNS servers. */
  dnsServers: string[] | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The one place that reads process.env. Empty strings count as unset, as in most .env tooling. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const c = parsed.data;
  return {
    nodeEnv: c.NODE_ENV,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    preparedStatements: c.PREPARED_STATEMENTS === 'on',
    sessionSecret: c.SESSION_SECRET ?? developmentSecret,
    logLevel: c.LOG_LEVEL,
    trustProxy: c.TRUST_PROXY,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    secretsKey: c.SECRETS_KEY ? keyBytes(c.SECRETS_KEY)! : developmentKey,
    pdfThreads: c.PDF_THREADS,
    pdfQueue: c.PDF_QUEUE,
    dnsServers: c.DNS_SERVERS,
  };
}
