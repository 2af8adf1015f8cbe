import { ConfigError, loadConfig } from '../src/config';

describe('configuration at start-up', () => {
  it('when nothing is set, then it runs on port 3000 with the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', nodeEnv: 'development' });
  });

  it('when PORT is not a number, then start-up stops with a message naming PORT', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('when PORT is out of range, then it names PORT', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('when DATABASE_URL is not a postgres URL, then it names DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
  });

  it('runs the hot reads as prepared statements unless PREPARED_STATEMENTS=off, and names a wrong value', () => {
    expect(loadConfig({}).preparedStatements).toBe(true);
    expect(loadConfig({ PREPARED_STATEMENTS: 'off' }).preparedStatements).toBe(false);
    expect(() => loadConfig({ PREPARED_STATEMENTS: 'no' })).toThrow(/PREPARED_STATEMENTS: must be on or off/);
  });

  it('when NODE_ENV is unknown, then it names NODE_ENV', () => {
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('when production has no SESSION_SECRET, then it refuses to start', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET: is required when NODE_ENV=production/,
    );
  });

  it('when SESSION_SECRET is short, then it names SESSION_SECRET', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32 characters/);
  });

  it('reports every bad value at once', () => {
    try {
      loadConfig({ PORT: 'x', NODE_ENV: 'staging' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(
        expect.arrayContaining(['PORT', 'NODE_ENV']),
      );
    }
  });

  it('accepts a full production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgres://app:secret@db:5432/planner',
      SESSION_SECRET: 'x'.repeat(40),
      SECRETS_KEY: 'ab'.repeat(32),
      PUBLIC_URL: 'https://planner.district.org/',
      SMTP_URL: 'smtp://mail.district.org:587',
      MAIL_FROM: 'Planner <planner@district.org>',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      databaseUrl: 'postgres://app:secret@db:5432/planner',
      publicUrl: 'https://planner.district.org',
      smtpUrl: 'smtp://mail.district.org:587',
      mailFrom: 'Planner <planner@district.org>',
    });
    expect(config.secretsKey).toEqual(Buffer.alloc(32, 0xab));
  });

  it('when production has no PUBLIC_URL, then it refuses to start, naming it', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SECRETS_KEY: 'ab'.repeat(32) }),
    ).toThrow(/PUBLIC_URL: is required when NODE_ENV=production/);
  });

  it('when production has no SECRETS_KEY, or it is not 32 bytes, then it names SECRETS_KEY', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(
      /SECRETS_KEY: is required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ SECRETS_KEY: 'too short' })).toThrow(/SECRETS_KEY: must be 32 bytes/);
  });

  it('when SMTP_URL is set without MAIL_FROM, or is not an SMTP URL, then it names them', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail:25' })).toThrow(/MAIL_FROM: is required when SMTP_URL is set/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail', MAIL_FROM: 'a@b.c' })).toThrow(/SMTP_URL/);
  });

  it('asks the system’s DNS servers unless DNS_SERVERS names others, and names a wrong one', () => {
    expect(loadConfig({}).dnsServers).toBeUndefined();
    expect(loadConfig({ DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,[::1]:53,2001:db8::1' }).dnsServers).toEqual([
      '1.1.1.1',
      '127.0.0.1:5353',
      '[::1]:53',
      '2001:db8::1',
    ]);
    for (const wrong of ['dns.google', '127.0.0.1:70000', ',']) {
      expect(() => loadConfig({ DNS_SERVERS: wrong })).toThrow(/DNS_SERVERS: must be IP addresses/);
    }
  });

  it('when PUBLIC_URL is unset, then links point at this machine on PORT', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });
});
