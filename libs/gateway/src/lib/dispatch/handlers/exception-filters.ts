import type { ArgumentsHost, ExceptionFilter, Type } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { NestMetadata } from './nest-metadata';

/** The module a gateway was declared in, as Nest's discovery reports it. */
export type HostModule = NonNullable<ReturnType<DiscoveryService['getProviders']>[number]['host']>;

interface SelectableFilter {
  readonly filter: ExceptionFilter;
  readonly catches: readonly Type<unknown>[];
}

/**
 * A handler's exception filters as Nest's WebSocket path selects them: the method's, then the class's, the last
 * declared first, and no global ones (`app.useGlobalFilters` does not reach gateways). The first whose `@Catch()`
 * matches (or that catches everything) takes the exception. A filter named by its class is the instance the
 * gateway's module made; one the module does not provide is skipped, as Nest skips it.
 */
export class ExceptionFilters {
  private constructor(private readonly filters: readonly SelectableFilter[]) {}

  static of(instance: object, method: object, host: HostModule | undefined): ExceptionFilters {
    const declared = [...filtersOn(instance.constructor), ...filtersOn(method)].reverse();
    const filters: SelectableFilter[] = [];
    for (const entry of declared) {
      const filter = instanceOf(entry, host);
      if (!filter) continue;
      const catches = (Reflect.getMetadata(NestMetadata.catchExceptions, filter.constructor) ??
        []) as Type<unknown>[];
      filters.push({ filter, catches });
    }
    return new ExceptionFilters(filters);
  }

  /** Hands the exception to the filter that takes it; false when none does. A filter that throws has answered nothing. */
  invoke(exception: unknown, host: ArgumentsHost): boolean {
    const selected = this.filters.find(
      ({ catches }) => catches.length === 0 || catches.some((type) => exception instanceof type),
    );
    if (!selected) return false;
    selected.filter.catch(exception, host);
    return true;
  }
}

function filtersOn(target: object): (ExceptionFilter | Type<ExceptionFilter>)[] {
  return (Reflect.getMetadata(NestMetadata.exceptionFilters, target) ?? []) as (
    ExceptionFilter | Type<ExceptionFilter>
  )[];
}

function instanceOf(
  entry: ExceptionFilter | Type<ExceptionFilter>,
  host: HostModule | undefined,
): ExceptionFilter | undefined {
  if (typeof entry !== 'function') return typeof entry.catch === 'function' ? entry : undefined;
  const wrapper = host?.injectables.get(entry) ?? host?.providers.get(entry);
  const made: unknown = wrapper?.instance;
  return made && typeof (made as ExceptionFilter).catch === 'function'
    ? (made as ExceptionFilter)
    : undefined;
}
