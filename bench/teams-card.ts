// How long the Teams card renderer takes on large replies, and how big the cards come out.
// Run: npx tsx bench/teams-card.ts
import { renderCard, TEAMS_MESSAGE_LIMIT_BYTES } from '../src/platforms/teams/render-card.js';
import type { Reply } from '../src/reply/reply.js';

function table(rows: number): Reply {
  return {
    title: 'Agents — Bogotá',
    summary: `${rows} agents`,
    table: {
      columns: ['Agent', 'Status', 'Chats', 'For', 'Today'],
      rows: Array.from({ length: rows }, (_, i) => [`Agente Número ${i} Pérez`, 'Busy (Ocupado)', '3/3', '44m 16s', String(i)]),
    },
    buttons: [{ label: 'Refresh', action: 'run', value: '/agents' }],
    context: { source: 'Bogotá (wolkvox)', asOf: new Date().toISOString() },
  };
}

for (const rows of [15, 100, 1_000, 10_000]) {
  const reply = table(rows);
  renderCard(reply); // warm-up
  const runs = rows >= 10_000 ? 20 : 200;
  const start = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < runs; i++) bytes = Buffer.byteLength(JSON.stringify(renderCard(reply)));
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${String(rows).padStart(6)} rows: ${ms.toFixed(3)} ms per card, ${bytes} bytes (limit ${TEAMS_MESSAGE_LIMIT_BYTES})`);
}
