import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

// Tests that stop Redis start their own redis-server; the shared one at REDIS_URL is never touched.

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a redis-server that keeps nothing on disk and resolves once a client is connected to it. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  // The client retries its connection while the server starts, and says 'ready' once it answers.
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: (attempt) => (attempt > 200 ? null : 50) });
  probe.on('error', () => undefined); // refused connections while the server starts are expected
  let onExit!: (code: number | null) => void;
  const exited = new Promise<never>((_resolve, reject) => (onExit = (code) => reject(new Error(`redis-server exited (${code}) before it answered`))));
  child.once('exit', onExit);
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        probe.once('ready', () => resolve());
        probe.once('end', () => reject(new Error('redis-server did not start')));
        probe.connect().catch(() => undefined);
      }),
      exited,
    ]);
    return child;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    child.off('exit', onExit);
    probe.disconnect();
  }
}

/** Kills a redis-server and resolves once it is gone. */
export async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}
