import { CloseCode } from '@pulse/protocol';
import * as encoding from 'lib0/encoding';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { openCollabEditor, type CollabEditor } from '../testing/collab-editor';
import { startTestApp, type TestApp } from '../testing/test-app';
import { upgradeStatus } from '../testing/test-client';
import { waitFor } from '../testing/wait-for';

/** The close code and reason a raw socket got after sending `frame`. */
function closeAfterSending(url: string, frame: Buffer | string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => socket.send(frame));
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.once('error', reject);
  });
}

function syncUpdateFrame(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return Buffer.from(encoding.toUint8Array(encoder));
}

describe('/collab/<document> upgrades, decided like /ws', () => {
  let node: TestApp;

  beforeAll(async () => {
    node = await startTestApp({
      ALLOWED_ORIGINS: 'https://app.example.com',
      RATE_LIMIT_UPGRADE_FAILURES_PER_MINUTE: '3',
    });
  });

  afterAll(() => node.close());

  it('refuses a foreign origin (403), then shares the per-address refusal budget with /ws (429 on both)', async () => {
    const collab = `${node.httpUrl.replace(/^http/, 'ws')}/collab/doc`;
    const ticket = await node.ticketFor('alice');
    await expect(
      upgradeStatus(`${collab}?ticket=${ticket}`, { origin: 'https://evil.example' }),
    ).resolves.toBe(403);
    await expect(upgradeStatus(`${collab}?ticket=unknown`)).resolves.toBe(401);
    await expect(upgradeStatus(`${collab}?ticket=unknown`)).resolves.toBe(401);
    await expect(upgradeStatus(`${collab}?ticket=${await node.ticketFor('alice')}`)).resolves.toBe(429);
    await expect(upgradeStatus(`${node.wsUrl}?ticket=${await node.ticketFor('alice')}`)).resolves.toBe(429);
  });
});

describe('/collab/<document> and the heartbeat', () => {
  let node: TestApp;

  beforeAll(async () => {
    node = await startTestApp({ HEARTBEAT_INTERVAL_MS: '150' });
  });

  afterAll(() => node.close());

  it('keeps an idle editor that answers pings across many rounds, and drops a socket that does not', async () => {
    const idle = openCollabEditor(node.httpUrl, 'quiet', await node.ticketFor('alice'), 'alice');
    await idle.synced();
    const socket = idle.provider.ws as unknown as WebSocket;
    let pings = 0;
    await new Promise<void>((resolve) => {
      socket.on('ping', () => {
        if (++pings === 5) resolve();
      });
    });
    expect(idle.provider.wsconnected).toBe(true);

    const zombie = new WebSocket(
      `${node.httpUrl.replace(/^http/, 'ws')}/collab/quiet?ticket=${await node.ticketFor('bob')}`,
      { autoPong: false },
    );
    const closed = new Promise<number>((resolve) => zombie.once('close', (code) => resolve(code)));
    await expect(closed).resolves.toBe(1006);
    expect(idle.provider.wsconnected).toBe(true);
    idle.destroy();
  });
});

describe('/collab/<document> with the stock y-websocket client, on one node', () => {
  let node: TestApp;
  const editors: CollabEditor[] = [];

  async function editor(user: string, document: string): Promise<CollabEditor> {
    const opened = openCollabEditor(node.httpUrl, document, await node.ticketFor(user), user);
    editors.push(opened);
    await opened.synced();
    return opened;
  }

  async function refusals(reason: string): Promise<number> {
    const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
    const line = new RegExp(`^pulse_collab_refused_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text);
    return line ? Number(line[1]) : 0;
  }

  const collabUrl = (document: string, ticket: string) =>
    `${node.httpUrl.replace(/^http/, 'ws')}/collab/${document}?ticket=${ticket}`;

  beforeAll(async () => {
    node = await startTestApp();
  });

  afterAll(async () => {
    for (const opened of editors) opened.destroy();
    await node.close();
  });

  it('makes two editors converge, each seeing the other in awareness', async () => {
    const alice = await editor('alice', 'two-editors');
    const bob = await editor('bob', 'two-editors');
    alice.text.insert(0, 'Hello');
    bob.text.insert(0, 'Bob says: ');
    await alice.textSatisfies(
      (text) => text.includes('Bob says: ') && text.includes('Hello'),
      'alice to see both edits',
    );
    await bob.textSatisfies((text) => text === alice.text.toString(), 'bob to see what alice sees');
    await alice.peersSatisfy((names) => names.includes('bob'), 'alice to see bob');
    await bob.peersSatisfy((names) => names.includes('alice'), 'bob to see alice');
  });

  it('gives a later editor the whole document, and takes a leaver out of everyone’s awareness', async () => {
    const alice = await editor('alice', 'later');
    alice.text.insert(0, 'written before carol came');
    const bob = await editor('bob', 'later');
    await bob.textSatisfies((text) => text === 'written before carol came', 'bob to get the text');
    await alice.peersSatisfy((names) => names.includes('bob'), 'alice to see bob');
    bob.destroy();
    await alice.peersSatisfy((names) => !names.includes('bob'), 'bob to leave alice’s awareness');
    const carol = await editor('carol', 'later');
    expect(carol.text.toString()).toBe('written before carol came');
  });

  it('refuses the upgrade before the 101 like /ws: no ticket 401, a used ticket 401, a forbidden document 403, a bad name 400', async () => {
    await expect(upgradeStatus(`${node.httpUrl.replace(/^http/, 'ws')}/collab/doc`)).resolves.toBe(401);
    const ticket = await node.ticketFor('alice');
    await expect(upgradeStatus(collabUrl('doc', ticket))).resolves.toBe(101);
    await expect(upgradeStatus(collabUrl('doc', ticket))).resolves.toBe(401);
    await expect(upgradeStatus(collabUrl('admin:plans', await node.ticketFor('alice')))).resolves.toBe(403);
    await expect(upgradeStatus(collabUrl('admin:plans', await node.ticketFor('dave')))).resolves.toBe(101);
    await expect(upgradeStatus(collabUrl('no%20spaces', await node.ticketFor('alice')))).resolves.toBe(400);
  });

  it('tells a user what they may do with a document over HTTP, as the socket decides it', async () => {
    const access = async (user: string | null, document: string) => {
      const headers: Record<string, string> =
        user === null ? {} : { authorization: `Bearer ${await node.login(user)}` };
      const response = await fetch(`${node.httpUrl}/collab/${encodeURIComponent(document)}/access`, {
        headers,
      });
      return { status: response.status, body: response.ok ? await response.json() : undefined };
    };
    await expect(access('alice', 'handbook:rules')).resolves.toEqual({
      status: 200,
      body: { document: 'handbook:rules', access: 'read' },
    });
    await expect(access('dave', 'handbook:rules')).resolves.toEqual({
      status: 200,
      body: { document: 'handbook:rules', access: 'write' },
    });
    await expect(access('alice', 'notes-1')).resolves.toEqual({
      status: 200,
      body: { document: 'notes-1', access: 'write' },
    });
    await expect(access('alice', 'admin:plans')).resolves.toMatchObject({ status: 403 });
    await expect(access('alice', 'no spaces')).resolves.toMatchObject({ status: 400 });
    await expect(access(null, 'notes-1')).resolves.toMatchObject({ status: 401 });
    const openapi = (await (await fetch(`${node.httpUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toContain('/collab/{document}/access');
  });

  it('lets a read-only user follow a document while its own edits are refused, counted and never stored', async () => {
    const dave = await editor('dave', 'handbook:rules');
    dave.text.insert(0, 'Rule 1: be kind.');
    const alice = await editor('alice', 'handbook:rules');
    await alice.textSatisfies((text) => text === 'Rule 1: be kind.', 'alice to read the handbook');
    await dave.peersSatisfy((names) => names.includes('alice'), 'dave to see alice’s cursor');

    const before = await refusals('read-only');
    alice.text.insert(0, 'VANDALISM ');
    await waitFor(async () => (await refusals('read-only')) > before, 'the read-only refusal to be counted');
    dave.text.insert(dave.text.length, ' Rule 2: write tests.');
    await alice.textSatisfies(
      (text) => text.endsWith('Rule 2: write tests.'),
      'alice to keep receiving updates',
    );
    expect(dave.text.toString()).toBe('Rule 1: be kind. Rule 2: write tests.');
    const carol = await editor('carol', 'handbook:rules');
    expect(carol.text.toString()).toBe('Rule 1: be kind. Rule 2: write tests.');
  });

  it('refuses one client’s attempt to remove another’s cursor, while the stock clients’ echoes cost nothing', async () => {
    const alice = await editor('alice', 'cursors');
    const bob = await editor('bob', 'cursors');
    await bob.peersSatisfy((names) => names.includes('alice'), 'bob to see alice');
    await alice.peersSatisfy((names) => names.includes('bob'), 'alice to see bob');
    // Each stock provider sent back the other's state when it heard it: no refusal for that.
    expect(await refusals('awareness-of-another-client')).toBe(0);

    const forged = new Y.Doc();
    forged.clientID = alice.doc.clientID;
    const fake = new Awareness(forged);
    fake.setLocalState(null);
    fake.meta.set(alice.doc.clientID, { clock: 1000, lastUpdated: 0 });
    const removal = encodeAwarenessUpdate(fake, [alice.doc.clientID], new Map());
    fake.destroy();
    const frame = (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, removal);
      return Buffer.from(encoding.toUint8Array(encoder));
    })();
    const mallory = new WebSocket(collabUrl('cursors', await node.ticketFor('carol')));
    await new Promise((resolve) => mallory.once('open', resolve));
    mallory.send(frame);
    await waitFor(
      async () => (await refusals('awareness-of-another-client')) === 1,
      'the forged removal to be refused',
    );
    mallory.close();
    bob.doc.getText('notes').insert(0, 'still here');
    await alice.textSatisfies((text) => text === 'still here', 'alice to get bob’s edit');
    expect(
      await bob.peersSatisfy((names) => names.includes('alice'), 'alice to still be in bob’s awareness'),
    ).toBeUndefined();
  });

  it('survives peers that reset their TCP connection in the middle of the upgrade decision', async () => {
    const { port } = new URL(node.httpUrl);
    for (let i = 0; i < 5; i++) {
      const ticket = await node.ticketFor('carol');
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `GET /collab/reset-${i}?ticket=${ticket} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
            () => {
              socket.resetAndDestroy();
              resolve();
            },
          );
        });
        socket.on('error', () => undefined);
      });
    }
    const alice = await editor('alice', 'after-resets');
    alice.text.insert(0, 'fine');
    await expect(fetch(`${node.httpUrl}/healthz`).then((response) => response.status)).resolves.toBe(200);
  });

  it('closes a socket that sends bad frames with a documented code, leaving the document and its editors unharmed', async () => {
    const alice = await editor('alice', 'bad-frames');
    alice.text.insert(0, 'intact');
    const bob = await editor('bob', 'bad-frames');
    await bob.textSatisfies((text) => text === 'intact', 'bob to sync');

    const valid = new Y.Doc();
    valid.getText('notes').insert(0, 'x'.repeat(50));
    const update = Y.encodeStateAsUpdate(valid);
    const cases: Array<[string, Buffer | string, number, string]> = [
      [
        'a frame that is not y-protocols',
        Buffer.from([0x07, 0x01, 0x02]),
        CloseCode.INVALID_DOCUMENT_MESSAGE,
        'not-y-protocols',
      ],
      ['an empty frame', Buffer.alloc(0), CloseCode.INVALID_DOCUMENT_MESSAGE, 'truncated'],
      [
        'a truncated update',
        syncUpdateFrame(update).subarray(0, 20),
        CloseCode.INVALID_DOCUMENT_MESSAGE,
        'truncated',
      ],
      [
        'an update that does not decode',
        syncUpdateFrame(update.map((byte, i) => (i > 3 ? 0xff : byte))),
        CloseCode.INVALID_DOCUMENT_MESSAGE,
        'malformed-update',
      ],
      ['a text frame', 'hello', CloseCode.UNSUPPORTED_DATA, ''],
    ];
    for (const [what, frame, code, reason] of cases) {
      const before = reason ? await refusals(reason) : 0;
      const closed = await closeAfterSending(collabUrl('bad-frames', await node.ticketFor('carol')), frame);
      expect({ what, code: closed.code }).toEqual({ what, code });
      if (reason) expect(await refusals(reason)).toBe(before + 1);
    }

    bob.text.insert(bob.text.length, ' and alive');
    await alice.textSatisfies((text) => text === 'intact and alive', 'the editors to go on');
    const dave = await editor('dave', 'bad-frames');
    expect(dave.text.toString()).toBe('intact and alive');
    await expect(fetch(`${node.httpUrl}/healthz`).then((response) => response.status)).resolves.toBe(200);
  });
});
