import { randomBytes } from 'node:crypto';
import { startNode, type NodeProcess } from '../testing/cluster-processes';
import { waitFor } from '../testing/wait-for';
import { commandsFor } from './doc-commands';
import { runShell } from './shell-command';

/**
 * The README's terminal tour (log in, trade the token for a ticket, open the socket and join), run as one shell
 * script from the README's own lines against the built server on a free port instead of localhost:3000.
 */

const TEST_TIMEOUT_MS = 60_000;
const ANSWER_TIMEOUT_MS = 20_000;

let server: NodeProcess | undefined;

beforeAll(async () => {
  server = await startNode({ JWT_SECRET: randomBytes(32).toString('base64url') });
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
});

describe('the README terminal tour', () => {
  const commands = commandsFor('readme-tour');

  it('is login, ticket and a WebSocket client, in that order', () => {
    expect(commands.map((command) => command.text.slice(0, 12))).toEqual([
      'TOKEN=$(curl',
      'TICKET=$(cur',
      "node -e 'con",
    ]);
  });

  it(
    'logs in, gets a ticket, and the socket answers the join it says to type with a snapshot; Ctrl-D quits',
    async () => {
      const address = new URL(server?.httpUrl ?? '').host;
      const script = commands.map((command) => command.text.replaceAll('localhost:3000', address)).join('\n');
      const typed = /\{.*\}/.exec(commands[2].comment)?.[0];
      expect(typed).toBe('{"type":"join","room":"lobby"}');

      const tour = runShell(script);
      try {
        // The client prints nothing until a frame arrives, so the join is typed once the process runs; a frame
        // typed before the socket opens waits in the pipe until readline is listening.
        tour.child.stdin?.write(`${typed}\n`);
        await waitFor(
          async () => /"type":"snapshot","room":"lobby","self":"alice"/.test(tour.output()),
          'the snapshot of lobby',
          ANSWER_TIMEOUT_MS,
        );
        tour.child.stdin?.end();
        expect(await tour.exited).toBe(0);
      } finally {
        if (tour.child.exitCode === null && tour.child.pid) process.kill(-tour.child.pid, 'SIGKILL');
      }
    },
    TEST_TIMEOUT_MS,
  );
});
