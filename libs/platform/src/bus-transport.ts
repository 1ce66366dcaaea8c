import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { ConsumedEvent, MessageBus, RetryPolicy, Subscription } from '@bridge/messaging';
import { Observable, isObservable, lastValueFrom, throwError } from 'rxjs';

export interface BusTransportOptions {
  bus: MessageBus;
  topic: string;
  group: string;
  retry?: RetryPolicy;
}

/**
 * A Nest microservice transport over the messaging port: consumers are `@EventPattern(EventTypes.X)` methods,
 * and the port keeps its guarantees (commit after success, retry, park). An event type with no handler in this
 * service is acknowledged and skipped: a topic carries several types and not every consumer wants all.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private subscription?: Subscription;

  constructor(private readonly options: BusTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.subscription = await this.options.bus.subscribe({
        topic: this.options.topic,
        group: this.options.group,
        retry: this.options.retry,
        handler: (delivery) => this.dispatch(delivery),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }

  on(): void {
    // The bus reports its state through logs and health checks, not through Nest's transport events.
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  private async dispatch(delivery: ConsumedEvent): Promise<void> {
    const handler: MessageHandler | null = this.getHandlerByPattern(delivery.event.type);
    if (!handler) return;
    const result: unknown = await handler(delivery, delivery);
    if (isObservable(result)) await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined });
  }
}

/**
 * Nest's default RPC filter turns every error into "Internal server error"; the messaging layer needs the error
 * itself, with its `code` and `retriable`, to decide between retry and park. HTTP errors keep Nest's handling.
 * Registered on the application (the bus transport inherits it), since a connected microservice is initialized
 * with the application and takes no filters of its own.
 */
@Catch()
export class BusAwareExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
