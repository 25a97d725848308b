import { ErrorCode } from './codes';
import {
  clientMessageSchemas,
  serverMessageSchemas,
  type ClientMessage,
  type ServerMessage,
} from './registry';
import { buildChecks } from './validation/build-checks';
import type { MessageCheck } from './validation/message-check';

export interface DecodeError {
  code: typeof ErrorCode.INVALID_MESSAGE | typeof ErrorCode.UNKNOWN_TYPE;
  /** Says what is wrong without quoting the offending payload. */
  message: string;
  /** The frame's `id`, when it had a well-formed one, so the error can carry it. */
  id?: string;
}

export type DecodeResult<M> = { ok: true; message: M } | { ok: false; error: DecodeError };

type Validators = Record<string, MessageCheck>;

const clientValidators = buildChecks(clientMessageSchemas);
const serverValidators = buildChecks(serverMessageSchemas);

const MAX_ID_LENGTH = 64;

function fail(code: DecodeError['code'], message: string, id?: string): { ok: false; error: DecodeError } {
  return { ok: false, error: id === undefined ? { code, message } : { code, message, id } };
}

function wellFormedId(value: Record<string, unknown>): string | undefined {
  const id = value['id'];
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : undefined;
}

function describeFirstError(check: MessageCheck, value: unknown): string {
  const first = check.Errors(value).First();
  if (!first) return 'invalid message';
  const field = first.path === '' ? 'message' : `field "${first.path.slice(1)}"`;
  return `${field}: ${first.message.toLowerCase()}`;
}

function decodeWith<M>(frame: string, validators: Validators): DecodeResult<M> {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return fail(ErrorCode.INVALID_MESSAGE, 'frame is not valid JSON');
  }
  return checkWith<M>(value, validators);
}

function checkWith<M>(value: unknown, validators: Validators): DecodeResult<M> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(ErrorCode.INVALID_MESSAGE, 'frame must be an object with a "type"');
  }
  const record = value as Record<string, unknown>;
  const id = wellFormedId(record);
  const type = record['type'];
  if (typeof type !== 'string') return fail(ErrorCode.INVALID_MESSAGE, 'field "type" must be a string', id);
  if (!Object.prototype.hasOwnProperty.call(validators, type)) {
    return fail(ErrorCode.UNKNOWN_TYPE, 'unknown message type', id);
  }
  const check = validators[type];
  if (!check.Check(value)) return fail(ErrorCode.INVALID_MESSAGE, describeFirstError(check, value), id);
  return { ok: true, message: value as M };
}

/** Decodes a text frame sent by a client. Never throws. */
export function decodeClientMessage(frame: string): DecodeResult<ClientMessage> {
  return decodeWith<ClientMessage>(frame, clientValidators);
}

/**
 * Checks an already-parsed client message (a Socket.IO event's argument with its event name as `type`).
 * Never throws.
 */
export function decodeClientValue(value: unknown): DecodeResult<ClientMessage> {
  return checkWith<ClientMessage>(value, clientValidators);
}

/** Checks an already-parsed server message (one decoded from MessagePack, say). Never throws. */
export function decodeServerValue(value: unknown): DecodeResult<ServerMessage> {
  return checkWith<ServerMessage>(value, serverValidators);
}

/** Decodes a text frame sent by the server (used by clients). Never throws. */
export function decodeServerMessage(frame: string): DecodeResult<ServerMessage> {
  return decodeWith<ServerMessage>(frame, serverValidators);
}

/** Encodes a message as a JSON text frame. */
export function encodeMessage(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
