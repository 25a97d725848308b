import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AuthenticatedUser } from '@pulse/auth';
import { BinaryRoutes, type BinaryAdmission, type BinaryConnection } from '@pulse/gateway';
import { CloseCode } from '@pulse/protocol';
import { CollabDocuments } from './collab-documents.service';
import { DOCUMENT_POLICY, type DocumentPolicy } from './document-access.policy';
import { documentNameOf } from './document-name';

/** `ws://HOST/collab/<document>?ticket=...`: the y-websocket protocol, behind the same upgrade checks as `/ws`. */
export const COLLAB_PATH_PREFIX = '/collab/';

interface Admitted {
  readonly document: string;
  readonly canWrite: boolean;
}

/**
 * The `/collab/` endpoint: an upgrade that passed the gate is admitted when the path names a document (else 400)
 * that the user may read (else 403); each connection's frames then go to its document one at a time, in order.
 */
@Injectable()
export class CollabRoute implements OnModuleInit {
  private readonly log = new Logger('Collab');

  constructor(
    private readonly routes: BinaryRoutes,
    private readonly documents: CollabDocuments,
    @Inject(DOCUMENT_POLICY) private readonly policy: DocumentPolicy,
  ) {}

  onModuleInit(): void {
    this.routes.register<Admitted>({
      prefix: COLLAB_PATH_PREFIX,
      admit: (user, path) => this.admit(user, path),
      accept: (connection, admitted) => this.accept(connection, admitted),
    });
  }

  private async admit(user: AuthenticatedUser, path: string): Promise<BinaryAdmission<Admitted>> {
    const document = documentNameOf(path);
    if (document === null) return { ok: false, status: 400, reason: 'document-invalid' };
    const access = await this.policy.accessOf(user, document);
    if (access === 'none') return { ok: false, status: 403, reason: 'document-forbidden' };
    return { ok: true, admitted: { document, canWrite: access === 'write' } };
  }

  private accept(connection: BinaryConnection, { document, canWrite }: Admitted): void {
    const session = this.documents.open(document, connection, canWrite);
    let queue = Promise.resolve();
    const failed = (error: unknown) => {
      this.log.error(`document ${document}: ${error instanceof Error ? error.message : 'unknown error'}`);
      connection.close(CloseCode.INTERNAL_ERROR, 'internal error');
    };
    connection.onFrame((frame, overBudget) => {
      queue = queue.then(() => session.receive(frame, overBudget)).catch(failed);
    });
    connection.onClose(() => {
      queue = queue.then(() => session.leave()).catch(failed);
    });
  }
}
