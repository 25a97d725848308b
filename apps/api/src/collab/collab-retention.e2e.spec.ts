import { startRedisServer, type TestRedisServer } from '@pulse/testing';
import { Redis } from 'ioredis';
import { openCollabEditor, type CollabEditor } from '../testing/collab-editor';
import { startTestApp, type TestApp } from '../testing/test-app';
import { waitFor } from '../testing/wait-for';
import { COLLAB_DOCUMENT_STORE, type CollabDocumentStore } from './collab-document.store';
import { collabKeys } from './redis-collab-document.store';

const SECRET = 'collab-retention-secret-that-is-long-enough';
const IDLE_EXPIRY_MS = 400;

/** COLLAB_DOCUMENT_IDLE_EXPIRY_MS with a short value: on one node in memory, and on two nodes over a private Redis. */
describe.each([
  ['on one node, in memory', false],
  ['across two nodes, over Redis', true],
])('shared documents with an idle expiry %s', (_name, overRedis) => {
  let redis: TestRedisServer | undefined;
  let inspector: Redis | undefined;
  let nodeA: TestApp;
  let nodeB: TestApp;
  const editors: CollabEditor[] = [];

  async function editor(on: TestApp, user: string, document: string): Promise<CollabEditor> {
    const opened = openCollabEditor(on.httpUrl, document, await on.ticketFor(user), user);
    editors.push(opened);
    await opened.synced();
    return opened;
  }

  const store = (): CollabDocumentStore => nodeA.app.get(COLLAB_DOCUMENT_STORE);
  const isStored = async (document: string) => (await store().load(document)).length > 0;

  /** Types `text` into a fresh document, waits until it is stored, and leaves it: its idle time starts. */
  async function writeAndLeave(on: TestApp, document: string, text: string): Promise<void> {
    const writer = await editor(on, 'alice', document);
    writer.text.insert(0, text);
    await waitFor(() => isStored(document), `${document} to be stored`);
    writer.destroy();
  }

  beforeAll(async () => {
    redis = overRedis ? await startRedisServer() : undefined;
    inspector = redis ? new Redis(redis.url) : undefined;
    const env = {
      JWT_SECRET: SECRET,
      COLLAB_DOCUMENT_IDLE_EXPIRY_MS: String(IDLE_EXPIRY_MS),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    };
    nodeA = await startTestApp(env);
    nodeB = overRedis ? await startTestApp(env) : nodeA;
  });

  afterAll(async () => {
    for (const opened of editors) opened.destroy();
    await nodeA.close();
    if (nodeB !== nodeA) await nodeB.close();
    await inspector?.quit();
    await redis?.stop();
  });

  it('removes a document idle for the expiry with no client, and keeps one that has a client however quiet', async () => {
    const keeper = await editor(nodeB, 'bob', 'lasting');
    keeper.text.insert(0, 'still here');
    await waitFor(() => isStored('lasting'), 'lasting to be stored');

    await writeAndLeave(nodeA, 'fleeting', 'soon gone');
    await waitFor(async () => !(await isStored('fleeting')), 'the idle document to be removed', 10_000);
    if (inspector) expect(await inspector.exists(...Object.values(collabKeys('fleeting')))).toBe(0);

    // A document left now going proves one more whole expiry passed, all the while 'lasting' had a silent client.
    await writeAndLeave(nodeB, 'marker', 'marker');
    await waitFor(async () => !(await isStored('marker')), 'the marker to be removed', 10_000);
    expect(await isStored('lasting')).toBe(true);
    if (inspector) expect(await inspector.pttl(collabKeys('lasting').tail)).toBeGreaterThan(0);

    const late = await editor(nodeA, 'carol', 'lasting');
    expect(late.text.toString()).toBe('still here');
    const fresh = await editor(nodeB, 'carol', 'fleeting');
    expect(fresh.text.toString()).toBe('');
  });
});
