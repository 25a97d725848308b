import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import Redis, { type RedisOptions } from 'ioredis';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { LuaScript } from './lua-script';

let scripts = 0;
/** A script of its own per test (a comment makes its SHA unique), so no test finds it loaded by another. */
const appendScript = () =>
  new LuaScript(`-- append ${++scripts}
redis.call('RPUSH', KEYS[1], ARGV[1])
return ARGV[1]`);

/** How many times the server ran a command since the last `CONFIG RESETSTAT` (`script|load`, `evalsha`). */
async function callsOf(admin: Redis, command: string): Promise<number> {
  const stats = await admin.info('commandstats');
  const line = stats.split('\r\n').find((entry) => entry.startsWith(`cmdstat_${command}:`));
  return line ? Number(/calls=(\d+)/.exec(line)?.[1]) : 0;
}

/**
 * A TCP relay between one client and the redis-server that can hold the server's replies and let them through one
 * at a time, so a test can decide what the client has heard when it makes its next call. Commands go straight
 * through, and can be waited for.
 */
class ReplyValve {
  private readonly server: Server;
  private toClient?: Socket;
  private holding = false;
  private held = Buffer.alloc(0);
  private commands = '';
  private readonly waiters: (() => void)[] = [];

  constructor(upstreamPort: number) {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: upstreamPort });
      this.toClient = client;
      client.on('data', (chunk) => {
        this.commands += chunk.toString('latin1').toLowerCase();
        upstream.write(chunk);
        this.notify();
      });
      upstream.on('data', (chunk) => {
        if (!this.holding) return void client.write(chunk);
        this.held = Buffer.concat([this.held, chunk]);
        this.notify();
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  hold(): void {
    this.holding = true;
    this.commands = '';
  }

  /** Lets the oldest held reply through. */
  releaseOne(): void {
    const length = replyLength(this.held, 0);
    if (length === undefined) throw new Error('no whole reply is held');
    this.toClient?.write(this.held.subarray(0, length));
    this.held = this.held.subarray(length);
  }

  /** Lets everything through from now on. */
  open(): void {
    this.holding = false;
    this.toClient?.write(this.held);
    this.held = Buffer.alloc(0);
  }

  /** Resolves once the client sent `count` commands containing `text` (lower case, RESP-encoded) since `hold`. */
  async sent(text: string, count: number): Promise<void> {
    while (this.commands.split(text).length - 1 < count)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once `count` whole replies are held. */
  async holds(count: number): Promise<void> {
    while (repliesIn(this.held) < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  close(): Promise<void> {
    this.toClient?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** The byte length of the whole RESP reply at `offset`, or undefined while it is incomplete. */
function replyLength(buffer: Buffer, offset: number): number | undefined {
  const end = buffer.indexOf('\r\n', offset);
  if (end < 0) return undefined;
  const header = end + 2 - offset;
  const kind = String.fromCharCode(buffer[offset]);
  const size = Number(buffer.toString('latin1', offset + 1, end));
  if (kind === '$')
    return size < 0 ? header : buffer.length >= end + 2 + size + 2 ? header + size + 2 : undefined;
  if (kind !== '*') return header;
  let length = header;
  for (let i = 0; i < size; i++) {
    const item = replyLength(buffer, offset + length);
    if (item === undefined) return undefined;
    length += item;
  }
  return length;
}

function repliesIn(buffer: Buffer): number {
  let count = 0;
  for (let offset = 0, length; (length = replyLength(buffer, offset)) !== undefined; offset += length)
    count++;
  return count;
}

/** `sha` of the RESP-encoded command, as the relay sees it (lower case). */
const EVALSHA = '$7\r\nevalsha\r\n';
const SCRIPT_LOAD = '$6\r\nscript\r\n$4\r\nload\r\n';

describe('LuaScript (against a real redis-server)', () => {
  let server: TestRedisServer;
  let admin: Redis;
  const clients: Redis[] = [];
  let lists = 0;
  const listKey = () => `list-${++lists}`;

  const client = async (url = server.url, options: RedisOptions = {}) => {
    const redis = new Redis(url, { ...options, lazyConnect: true });
    clients.push(redis);
    await redis.connect();
    return redis;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    admin = await client();
  });

  afterAll(async () => {
    await Promise.all(clients.map((redis) => redis.quit().catch(() => undefined)));
    await server.stop();
  });

  beforeEach(() => admin.config('RESETSTAT'));

  it('loads the script once for many concurrent runs, then runs it by its SHA', async () => {
    const redis = await client();
    const script = appendScript();
    const key = listKey();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => script.run(redis, [key], [i])));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(await callsOf(admin, 'script|load')).toBe(1);
    expect(await callsOf(admin, 'evalsha')).toBe(50);
    expect(await callsOf(admin, 'eval')).toBe(0);
  });

  it('recovers after Redis forgot the script (SCRIPT FLUSH answers NOSCRIPT): loads it again and runs', async () => {
    const redis = await client();
    const script = appendScript();
    const key = listKey();
    await script.run(redis, [key], ['before']);
    await admin.script('FLUSH');
    await expect(script.run(redis, [key], ['after'])).resolves.toBe('after');
    await expect(script.run(redis, [key], ['later'])).resolves.toBe('later');
    expect(await admin.lrange(key, 0, -1)).toEqual(['before', 'after', 'later']);
    expect(await callsOf(admin, 'script|load')).toBe(2);
  });

  it('keeps the callers’ order when many runs meet NOSCRIPT together, and reloads once for them', async () => {
    const redis = await client();
    const script = appendScript();
    const key = listKey();
    await script.run(redis, [key], ['loaded']);
    await admin.script('FLUSH');
    await admin.del(key);
    const order = Array.from({ length: 30 }, (_, i) => `call-${i}`);
    await Promise.all(order.map((value) => script.run(redis, [key], [value])));
    expect(await admin.lrange(key, 0, -1)).toEqual(order);
    // The first load, and one shared reload for every run that met NOSCRIPT.
    expect(await callsOf(admin, 'script|load')).toBe(2);
  });

  it('keeps the callers’ order when a call comes in while the reload for an earlier NOSCRIPT is under way', async () => {
    const valve = new ReplyValve(server.port);
    const redis = await client(`redis://127.0.0.1:${await valve.listen()}`);
    const script = appendScript();
    const key = listKey();
    try {
      await script.run(redis, [key], ['loaded']);
      await admin.script('FLUSH');
      await admin.del(key);
      valve.hold();
      const a = script.run(redis, [key], ['A']);
      const b = script.run(redis, [key], ['B']);
      await valve.sent(EVALSHA, 2);
      await valve.holds(2);
      // A hears NOSCRIPT and reloads; B's NOSCRIPT is still on its way when C is called.
      valve.releaseOne();
      await valve.sent(SCRIPT_LOAD, 1);
      const c = script.run(redis, [key], ['C']);
      valve.releaseOne();
      valve.open();
      await expect(Promise.all([a, b, c])).resolves.toEqual(['A', 'B', 'C']);
      expect(await admin.lrange(key, 0, -1)).toEqual(['A', 'B', 'C']);
    } finally {
      await redis.quit();
      await valve.close();
    }
  });

  it('retries a load that failed on the next run', async () => {
    await admin.acl('SETUSER', 'no-scripts', 'on', '>secret-for-tests', '~*', '&*', '+@all', '-script');
    const redis = await client(server.url, { username: 'no-scripts', password: 'secret-for-tests' });
    const script = appendScript();
    const key = listKey();
    await expect(script.run(redis, [key], ['refused'])).rejects.toThrow(/NOPERM/);
    await admin.acl('SETUSER', 'no-scripts', '+script');
    await expect(script.run(redis, [key], ['allowed'])).resolves.toBe('allowed');
    expect(await admin.lrange(key, 0, -1)).toEqual(['allowed']);
  });

  it("passes a script's own error to the caller, without loading it again", async () => {
    const redis = await client();
    const failing = new LuaScript(`-- failing ${++scripts}
if ARGV[1] == 'reply' then return redis.error_reply('ERR the room is closed') end
return redis.call('INCR', KEYS[1])`);
    const key = listKey();
    await admin.set(key, 'not a number');
    await expect(failing.run(redis, [key], ['reply'])).rejects.toThrow('the room is closed');
    await expect(failing.run(redis, [key], ['call'])).rejects.toThrow(/not an integer/);
    await admin.set(key, '41');
    await expect(failing.run(redis, [key], ['call'])).resolves.toBe(42);
    expect(await callsOf(admin, 'script|load')).toBe(1);
  });
});
