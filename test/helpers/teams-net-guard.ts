import net from 'node:net';

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/iu;

/**
 * Refuses (and records) every TCP connection to a host other than loopback for as long as it is
 * installed, so a test proves nothing tried to reach Microsoft (login, OpenID metadata, connector).
 */
export function guardNetwork(): { attempts: string[]; restore(): void } {
  const attempts: string[] = [];
  const original = net.Socket.prototype.connect;
  // biome-ignore lint/suspicious/noExplicitAny: Socket.connect has many overloads
  net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: any[]) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
    const host = String(options.path ? 'unix' : (options.host ?? 'localhost')).replace(/^\[|\]$/gu, '');
    if (host !== 'unix' && !LOOPBACK.test(host)) {
      attempts.push(`${host}:${options.port}`);
      process.nextTick(() =>
        this.destroy(Object.assign(new Error(`blocked ${host}`), { code: 'ECONNREFUSED' })),
      );
      return this;
    }
    return original.apply(this, args as Parameters<typeof original>);
  } as typeof original;
  return {
    attempts,
    restore() {
      net.Socket.prototype.connect = original;
    },
  };
}
