import { LogCapture } from '../testing/log-capture';
import { startTestApp } from '../testing/test-app';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'dev-login-warning-secret-long-enough',
  LOG_LEVEL: 'warn',
} as const;
const WARNING = /^DEV_LOGIN=true with NODE_ENV=production: anyone can sign in as a dev user/;

async function bootLogs(env: Record<string, string>): Promise<string[]> {
  const capture = new LogCapture();
  const api = await startTestApp(env, { logDestination: capture });
  await api.close();
  return capture
    .entries()
    .filter((entry) => entry.level === 'warn')
    .map((entry) => String(entry.msg));
}

describe('DEV_LOGIN in production', () => {
  it('logs a warning at boot when DEV_LOGIN=true turns the dev login on in production', async () => {
    expect(
      (await bootLogs({ ...PRODUCTION, DEV_LOGIN: 'true' })).filter((msg) => WARNING.test(msg)),
    ).toHaveLength(1);
  });

  it('logs none when production keeps the dev login off, or outside production', async () => {
    expect((await bootLogs({ ...PRODUCTION })).filter((msg) => WARNING.test(msg))).toEqual([]);
    expect(
      (await bootLogs({ DEV_LOGIN: 'true', LOG_LEVEL: 'warn' })).filter((msg) => WARNING.test(msg)),
    ).toEqual([]);
  });
});
