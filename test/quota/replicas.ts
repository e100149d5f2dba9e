import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerReply } from './worker.js';

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface Replica {
  child: ChildProcess;
  send(command: WorkerCommand): void;
  /** The next reply of this kind. */
  next<K extends WorkerReply['cmd']>(kind: K): Promise<Extract<WorkerReply, { cmd: K }>>;
  stop(): Promise<void>;
}

/** Starts one replica process (test/quota/worker.ts) and waits until its gate talks to Redis. */
export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: WorkerReply[] = [];
  const waiting: Array<{ kind: string; resolve: (reply: WorkerReply) => void }> = [];
  child.on('message', (reply: WorkerReply) => {
    const index = waiting.findIndex((w) => w.kind === reply.cmd);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(reply);
    else inbox.push(reply);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const replica: Replica = {
    child,
    send: (command) => child.send(command),
    next: (kind) => {
      const index = inbox.findIndex((r) => r.cmd === kind);
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0] as never);
      return new Promise((resolve, reject) => {
        waiting.push({ kind, resolve: resolve as (reply: WorkerReply) => void });
        exited.then(() => reject(new Error(`replica exited while waiting for ${kind}`)));
      });
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ cmd: 'exit' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  const ready = await replica.next('ready');
  if (ready.mode !== 'shared') throw new Error(`replica could not reach Redis (mode ${ready.mode})`);
  return replica;
}
