import { spawn, type ChildProcess } from 'node:child_process';

/** A message to or from a worker: `cmd` says its kind. */
export interface IpcMessage {
  cmd: string;
}

/**
 * A Node process running one TypeScript file (under tsx), driven over IPC: a quota-gate replica,
 * a watcher replica, a bench's load replica. The worker sends `{ cmd: 'ready' }` once it is set
 * up, and exits when sent `{ cmd: 'exit' }`.
 */
export interface IpcWorker<Command extends IpcMessage, Reply extends IpcMessage> {
  child: ChildProcess;
  send(command: Command): void;
  /** The next message of this kind (one already received and not yet taken comes first). */
  next<K extends Reply['cmd']>(kind: K): Promise<Extract<Reply, { cmd: K }>>;
  /** Called with every message: at once with those already received, then as each arrives. */
  onMessage(listener: (message: Reply) => void): void;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
  /** Asks the worker to exit, SIGKILLs it if it has not after 5 s, and resolves once it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <path> [...args]` with `env` added to this process's environment and
 * resolves with the worker once it says it is ready (with that message still to be read by `next`).
 *
 * @example
 *   const gate = await startIpcWorker<WorkerCommand, WorkerReply>(workerPath, { QG_PREFIX: prefix });
 *   gate.send({ cmd: 'burst', token, keys, ttlMs });
 *   const { values } = await gate.next('burst-done');
 */
export async function startIpcWorker<Command extends IpcMessage, Reply extends IpcMessage>(
  path: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<IpcWorker<Command, Reply>> {
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: Reply[] = [];
  const waiting: Array<{ kind: string; resolve: (reply: Reply) => void }> = [];
  const listeners: Array<(message: Reply) => void> = [];
  // Every message so far: a listener added late (after 'ready') still hears what came before.
  const received: Reply[] = [];
  child.on('message', (reply: Reply) => {
    received.push(reply);
    for (const listener of listeners) listener(reply);
    const index = waiting.findIndex((w) => w.kind === reply.cmd);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(reply);
    else inbox.push(reply);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const worker: IpcWorker<Command, Reply> = {
    child,
    exited,
    send: (command) => child.send(command),
    onMessage: (listener) => {
      for (const message of received) listener(message);
      listeners.push(listener);
    },
    next: (kind) => {
      const index = inbox.findIndex((r) => r.cmd === kind);
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0] as never);
      return new Promise((resolve, reject) => {
        waiting.push({ kind, resolve: resolve as (reply: Reply) => void });
        void exited.then(() => reject(new Error(`worker ${path} exited while waiting for ${kind}`)));
      });
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ cmd: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  // Peek at 'ready' without taking it: a worker may say more in it (the quota worker its mode).
  await new Promise<void>((resolve, reject) => {
    if (inbox.some((r) => r.cmd === 'ready')) return resolve();
    listeners.push((message) => message.cmd === 'ready' && resolve());
    void exited.then(() => reject(new Error(`worker ${path} exited before it was ready (code ${child.exitCode})`)));
  });
  return worker;
}
