import type { PulsePaths, TicketResponse } from '@pulse/protocol';
import { Agent, request, type ClientRequest } from 'node:http';

const TICKET_PATH: (typeof PulsePaths)['ticket'] = '/auth/ticket';
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
/** For the one retry: a new connection, since other pooled sockets may be just as stale. */
const freshAgent = new Agent({ keepAlive: false });

/** Counts of ticket requests re-sent because the server closed an idle keep-alive socket as it was reused. */
export const ticketRetries = { count: 0 };

/** `POST /auth/ticket` with a bearer token; resolves with the single-use ticket. */
export async function requestTicket(baseUrl: string, accessToken: string, timeoutMs: number): Promise<string> {
  try {
    return await postTicket(baseUrl, accessToken, timeoutMs, agent);
  } catch (error) {
    // The race Node's docs describe for keep-alive agents: retry once, only on a reused socket that was reset.
    if (!(error instanceof StaleSocketError)) throw error;
    ticketRetries.count++;
    return postTicket(baseUrl, accessToken, timeoutMs, freshAgent);
  }
}

class StaleSocketError extends Error {}

function postTicket(baseUrl: string, accessToken: string, timeoutMs: number, via: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req: ClientRequest = request(
      new URL(TICKET_PATH, baseUrl),
      { method: 'POST', agent: via, headers: { authorization: `Bearer ${accessToken}` }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`ticket: HTTP ${res.statusCode}`));
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<TicketResponse>;
          if (typeof body.ticket !== 'string') return reject(new Error('ticket: no ticket in the answer'));
          resolve(body.ticket);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`ticket: no answer in ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === 'ECONNRESET') reject(new StaleSocketError(error.message));
      else reject(new Error(`ticket: ${error.message}`));
    });
    req.end();
  });
}
