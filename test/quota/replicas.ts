import { fileURLToPath } from 'node:url';
import { startIpcWorker, type IpcWorker } from '../support/ipc-worker.js';
import type { WorkerCommand, WorkerReply } from './worker.js';

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** One replica process (test/quota/worker.ts): its own Redis quota gate, driven over IPC. */
export type Replica = IpcWorker<WorkerCommand, WorkerReply>;

/** Starts one replica and waits until its gate talks to Redis. */
export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const replica = await startIpcWorker<WorkerCommand, WorkerReply>(workerPath, env);
  const ready = await replica.next('ready');
  if (ready.mode !== 'shared') throw new Error(`replica could not reach Redis (mode ${ready.mode})`);
  return replica;
}
