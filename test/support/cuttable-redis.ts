import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A door to a Redis server that a test can shut for one replica only (its connections cut, new ones refused). */
export interface CuttableRedis {
  url: string;
  /** Cuts every connection through this door and refuses new ones until `open`. */
  cut(): void;
  open(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of a running Redis, one per replica: shutting one replica's door while
 * the other's is open gives what a Sentinel failover gives in practice (replicas coming back at
 * different moments), without stopping the server the others use.
 */
export async function startCuttableRedis(target: { host: string; port: number }): Promise<CuttableRedis> {
  let opened = true;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!opened) return void client.destroy();
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      opened = false;
      for (const socket of sockets) socket.destroy();
    },
    open() {
      opened = true;
    },
    async close() {
      opened = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
