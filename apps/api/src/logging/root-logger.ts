import { pino, type DestinationStream, type LogFn, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { REDACTED, REDACTED_PATHS, scrubText } from './redact';

/** A string argument, or the string fields of a plain object argument, with secrets scrubbed (a copy if any was). */
function scrubArgument(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    if (typeof field !== 'string') continue;
    const scrubbed = scrubText(field);
    if (scrubbed !== field) (copy ??= { ...value })[key] = scrubbed;
  }
  return copy ?? value;
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? scrubText(error) : error;
  const serialized = pino.stdSerializers.err(error);
  return { ...serialized, message: scrubText(serialized.message), stack: scrubText(serialized.stack ?? '') };
}

async function prettyStream(): Promise<DestinationStream> {
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    throw new Error(
      'LOG_FORMAT=pretty needs the pino-pretty package (a devDependency): install it, or use LOG_FORMAT=json',
    );
  }
}

/**
 * The process's pino logger: one JSON object per line on stdout (or text for a terminal), ISO time, the level by
 * name, secrets censored by path and scrubbed from messages. `destination` replaces stdout (tests capture with it).
 */
export async function createRootLogger(
  options: AppConfig['log'],
  destination?: DestinationStream,
): Promise<Logger> {
  const stream = destination ?? (options.format === 'pretty' ? await prettyStream() : undefined);
  return pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(scrubArgument) as Parameters<LogFn>);
        },
      },
    },
    stream,
  );
}
