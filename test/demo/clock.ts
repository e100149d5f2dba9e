import { createDemoAdapter, type DemoAdapter } from '../../adapters/demo/adapter.js';

/** A demo source in Bogotá (UTC-5 all year) whose clock the test moves. */
export function demoAt(localTime: string, seed = 42): { demo: DemoAdapter; setClock: (localTime: string) => void } {
  let now = bogota(localTime);
  const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed, timeZone: 'America/Bogota', quota: { reservePercent: 10 } }, { now: () => now });
  return { demo, setClock: (time) => (now = bogota(time)) };
}

/** `2024-03-18T11:30` read as Bogotá local time. */
export function bogota(localTime: string): Date {
  return new Date(`${localTime.length === 16 ? `${localTime}:00` : localTime}-05:00`);
}
