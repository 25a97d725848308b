import { REDIS_CLIENTS, type RedisClients } from '@pulse/gateway';
import { CloseCode } from '@pulse/protocol';
import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { Redis } from 'ioredis';
import { openCollabEditor, type CollabEditor } from '../testing/collab-editor';
import { waitFor } from '../testing/wait-for';
import { startTestApp, type TestApp } from '../testing/test-app';
import { collabKeys } from './redis-collab-document.store';
import { COMPACT_AFTER_UPDATES } from './shared-document';

const SECRET = 'collab-cluster-secret-that-is-long-enough';

describe('/collab/<document> on several nodes sharing one Redis', () => {
  let redis: TestRedisServer;
  const nodes: TestApp[] = [];
  const editors: CollabEditor[] = [];

  async function node(): Promise<TestApp> {
    const started = await startTestApp({ REDIS_URL: redis.url, JWT_SECRET: SECRET });
    nodes.push(started);
    return started;
  }

  async function editor(on: TestApp, user: string, document: string): Promise<CollabEditor> {
    const opened = openCollabEditor(on.httpUrl, document, await on.ticketFor(user), user);
    editors.push(opened);
    await opened.synced();
    return opened;
  }

  async function closeNode(closing: TestApp): Promise<void> {
    nodes.splice(nodes.indexOf(closing), 1);
    await closing.close();
  }

  beforeAll(async () => {
    redis = await startRedisServer({ persistent: true });
  });

  afterAll(async () => {
    for (const opened of editors) opened.destroy();
    await Promise.all(nodes.map((open) => open.close()));
    await redis.stop();
  });

  it('makes editors on two nodes converge, with each other in awareness', async () => {
    const [a, b] = [await node(), await node()];
    const alice = await editor(a, 'alice', 'across');
    const bob = await editor(b, 'bob', 'across');
    alice.text.insert(0, 'from A. ');
    bob.text.insert(0, 'from B. ');
    await alice.textSatisfies(
      (text) => text.includes('from A.') && text.includes('from B.'),
      'alice to see both nodes’ edits',
    );
    await bob.textSatisfies((text) => text === alice.text.toString(), 'bob to converge with alice');
    await alice.peersSatisfy((names) => names.includes('bob'), 'alice to see bob’s awareness from node B');
    await bob.peersSatisfy((names) => names.includes('alice'), 'bob to see alice’s awareness from node A');
    const carol = await editor(b, 'carol', 'across');
    expect(carol.text.toString()).toBe(alice.text.toString());
    await carol.peersSatisfy(
      (names) => names.includes('alice') && names.includes('bob'),
      'a late joiner on B to see alice on A',
    );
  });

  it('keeps a document through a restart of every node and of Redis, compacted into a snapshot plus a tail', async () => {
    const [a, b] = [nodes[0], nodes[1]];
    const writer = await editor(a, 'alice', 'kept');
    const reader = await editor(b, 'bob', 'kept');
    const words = Array.from({ length: COMPACT_AFTER_UPDATES + 20 }, (_, i) => `w${i} `);
    for (const word of words) writer.text.insert(writer.text.length, word);
    // What node B's editor saw was stored first: the update reached B only after node A stored it.
    await reader.textSatisfies((text) => text === words.join(''), 'the reader on B to see every word');

    for (const open of [...nodes]) await closeNode(open);
    const inspect = new Redis(redis.url);
    const keys = collabKeys('kept');
    expect(await inspect.exists(keys.snapshot)).toBe(1);
    expect(await inspect.llen(keys.tail)).toBeLessThan(words.length);
    await inspect.quit();
    // Redis itself restarts too, from its append-only file.
    await redis.restart({ keepData: true });

    const restarted = await node();
    const after = await editor(restarted, 'carol', 'kept');
    expect(after.text.toString()).toBe(words.join(''));
  });

  it('closes the editors with 4503 when Redis does not take an update, and gets the update again when they come back', async () => {
    const a = await node();
    const writer = await editor(a, 'alice', 'outage');
    writer.text.insert(0, 'stored. ');
    const reader = await editor(a, 'bob', 'outage');
    await reader.textSatisfies((text) => text === 'stored. ', 'bob to get the first edit');

    const closes = [writer, reader].map(
      (opened) =>
        new Promise<number | undefined>((resolve) =>
          opened.provider.once('connection-close', (event: { code?: number } | null) => resolve(event?.code)),
        ),
    );
    await redis.stop({ keepData: true });
    writer.text.insert(writer.text.length, 'typed while Redis was away.');
    await expect(Promise.all(closes)).resolves.toEqual([
      CloseCode.DOCUMENT_UNAVAILABLE,
      CloseCode.DOCUMENT_UNAVAILABLE,
    ]);
    expect(reader.text.toString()).toBe('stored. ');

    await redis.restart({ keepData: true });
    await waitFor(
      async () => (await fetch(`${a.httpUrl}/readyz`)).status === 200,
      'the node to see Redis again',
      20_000,
    );
    const back = await editor(a, 'alice', 'outage');
    expect(back.text.toString()).toBe('stored. ');
    // The writer's editor reconnects (a new ticket, the same document): its sync sends what Redis never took.
    const again = openCollabEditor(a.httpUrl, 'outage', await a.ticketFor('alice'), 'alice', writer.doc);
    editors.push(again);
    await again.synced();
    await back.textSatisfies(
      (text) => text === 'stored. typed while Redis was away.',
      'the update to come back',
    );
  });

  it('takes the cursors of a node that dies out of everyone’s awareness within seconds', async () => {
    const [a, b] = [await node(), await node()];
    const watcher = await editor(a, 'alice', 'ghosts');
    const doomed = await editor(b, 'bob', 'ghosts');
    await watcher.peersSatisfy((names) => names.includes('bob'), 'alice to see bob');
    doomed.text.insert(0, 'bob was here');
    await watcher.textSatisfies((text) => text === 'bob was here', 'alice to get bob’s edit');

    // Node B loses Redis for good, as a crashed node would: it says nothing more, and bob's socket stays open on it.
    const clients = b.app.get<RedisClients>(REDIS_CLIENTS);
    clients.command.disconnect();
    clients.subscriber.disconnect();
    await watcher.peersSatisfy((names) => !names.includes('bob'), 'bob’s cursor to leave alice’s awareness');
    expect(watcher.text.toString()).toBe('bob was here');
  });
});
