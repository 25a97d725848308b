import { LogCapture } from '../testing/log-capture';
import { createRootLogger } from './root-logger';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('createRootLogger', () => {
  it('writes one JSON object per line: level by name, ISO time, message', async () => {
    const capture = new LogCapture();
    const log = await createRootLogger({ level: 'info', format: 'json' }, capture);
    log.info({ context: 'Test', connectionId: 'c1' }, 'hello');
    expect(capture.text().endsWith('\n')).toBe(true);
    const [entry] = capture.entries();
    expect(entry).toMatchObject({ level: 'info', msg: 'hello', context: 'Test', connectionId: 'c1' });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it('writes nothing below its level, and nothing at all when silent', async () => {
    const capture = new LogCapture();
    const warn = await createRootLogger({ level: 'warn', format: 'json' }, capture);
    warn.info('quiet');
    warn.warn('loud');
    expect(capture.entries().map((entry) => entry.msg)).toEqual(['loud']);
    const silent = await createRootLogger({ level: 'silent', format: 'json' }, capture);
    silent.fatal('never');
    expect(capture.entries()).toHaveLength(1);
  });

  it('censors secret fields and scrubs JWTs, bearer tokens and query values from messages, fields and errors', async () => {
    const capture = new LogCapture();
    const log = await createRootLogger({ level: 'trace', format: 'json' }, capture);
    log.info(
      {
        password: 'hunter2',
        config: { jwtSecret: 'the-secret-of-32-characters-long!' },
        ticket: 'tkt-first-Qw7z',
      },
      'config',
    );
    log.warn({ url: '/ws?ticket=tkt-second-Qw7z', note: `saw ${JWT}` }, `Authorization: Bearer ${JWT}`);
    log.error({ err: new Error(`verify failed for ${JWT}`) }, 'failed');
    log.debug('upgrade of %s', '/ws?ticket=tkt-third-Qw7z');
    const text = capture.text();
    for (const secret of ['hunter2', 'the-secret-of-32', 'Qw7z', JWT.slice(0, 20)])
      expect(text).not.toContain(secret);
    const [config, warned, failed, upgrade] = capture.entries();
    expect(config).toMatchObject({
      password: '[REDACTED]',
      config: { jwtSecret: '[REDACTED]' },
      ticket: '[REDACTED]',
    });
    expect(warned).toMatchObject({
      url: '/ws?ticket=[REDACTED]',
      note: 'saw [REDACTED]',
      msg: 'Authorization: Bearer [REDACTED]',
    });
    expect(failed).toMatchObject({ err: { type: 'Error', message: 'verify failed for [REDACTED]' } });
    expect(upgrade).toMatchObject({ msg: 'upgrade of /ws?ticket=[REDACTED]' });
  });

  it('loads the pretty format (pino-pretty) when asked', async () => {
    await expect(createRootLogger({ level: 'debug', format: 'pretty' })).resolves.toMatchObject({
      level: 'debug',
    });
  });
});
