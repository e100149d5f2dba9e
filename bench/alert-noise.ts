/**
 * Alert noise, before and after (issue 20): what a channel sees from the watcher's rules over
 * simulated days, under today's main ("before": f9ee884, every alert a new post, its early-warning
 * tuning) and under this tree ("after": one alert per incident, reopened within 5 min, and the
 * shipped early-warning tuning). Per floor family, on held-out days (tuning days printed apart):
 * top-level posts per day (alerts and warnings), mentions per day, reopens, incidents (alerts as
 * posted) per day, warnings per day, recall@5m over incidents, precision overall and per rule, and
 * sustained breaches (past the threshold for at least `for` + 2 min) that got no post: must be 0.
 * Definitions: bench/alert-noise-replay.ts. "Before" runs today's `evaluate` with `reopenWithin: 0`,
 * which posts what f9ee884 posted; its flapping mark (new since) already drops the mention of a
 * flapping post, so before's mentions are fewer than its posts (on f9ee884 they were equal).
 *
 * Families: the demo (bench/forecast-days.ts: its rules, tuning seed 42, held out 7, 1, 2026, 99)
 * and two floors built differently (bench/floors.ts: `retail-evening`, `helpdesk-24h`; tuning
 * seed 1, held out seeds 2 and 3). Settings are chosen on tuning days only.
 *
 * Run: npx tsx bench/alert-noise.ts [--family demo|retail-evening|helpdesk-24h] [--rules]
 *   (about 60 s for all three; --rules prints every rule's line)
 *
 * Targets (issue 20): posts per day down at least 30%; 0 sustained breaches unannounced; at least
 * 70% of incidents warned 5 min ahead; precision at least 65% overall and 50% on every rule;
 * warnings per day at most incidents per day.
 *
 * Held out, shipped (after) against before: posts per day -42% (demo), -40% (retail-evening),
 * -36% (helpdesk-24h); 0 sustained breaches unannounced; warnings per incident 0.91, 0.98, 0.98;
 * precision 69%, 64%, 69% (lowest rule 50%, 58%, 67%); recall@5m over incidents 29%, 36%, 41%
 * (before: 54%, 61%, 71% over its alerts). Every target holds but recall (and retail's precision,
 * a point short).
 *
 * Why recall 70% is out of reach together with the others: with warnings at most incidents, 70%
 * of incidents warned 5 min ahead needs at least 70% of warnings to become a new incident (not a
 * reopen); no design below, nor a classifier over every input, gets that at any useful recall.
 * The unchanged trend reaches the recall (70%, 70%, 84% held out, now that a reopen is not a new
 * alert) only with two warnings per incident at 52-62% precision, and then posts fall 4-9%.
 * Most of its early notice comes from warnings posted in the minutes after the rule's alert
 * recovered and held until the next breach: the figure is still near its threshold, and whether
 * it passes again in 2 min (a reopen), in 8 (a new incident, warned) or not at all is close to a
 * coin toss from what the watcher sees.
 *
 * Designs tried (tuning days, all with reopening; recall@5m over incidents / precision (the alert
 * then fired) / warnings per incident, for demo | retail-evening | helpdesk-24h):
 * - the trend as on main:                           73/62/2.09 | 69/61/1.91 | 86/60/1.91
 * - no warning in the whole reopen window:          39/63/1.24 | 42/62/1.36 | 53/58/1.38
 * - in the window, only for a crossing the line puts after it: 45/60/1.37 | 50/58/1.53 | 55/57/1.45
 * - agreement over 2 consecutive polls:             67/59/1.87 | 67/60/1.82 | 85/61/1.84 (3 polls: 66/59, 64/59, 82/62)
 * - fit of the line, R² at least 0.5:               68/61/1.83 | 64/60/1.88 | 86/60/1.88 (0.7: 61/63, 60/61, 84/61)
 * - opening at 2/3 of the horizon:                  69/63/1.94 | 66/64/1.83 | 83/65/1.76
 * - crossing at least 3 min ahead:                  39/59/1.21 | 45/59/1.39 | 52/55/1.34
 * - arrival pressure against free capacity (someone waits and no agent has a free slot, from the
 *   queue snapshot):                                27/75/0.82 | 40/71/1.16 | 67/65/1.38
 * - the same hour on past days (breached within 30 min of this time on at least half the 7 days,
 *   read from history thinned to 5 min; held out): 52/69/1.35 | 52/63/1.26 | 64/67/1.30
 * - quiet 2 min after recovery alone:               59/64/1.88 | 61/61/1.82 | 70/60/1.75
 * - shipped: quiet 4 min after recovery + past days at least half:
 *                                                   32/74/0.79 | 30/67/0.81 | 40/69/0.98
 * - nearby: quiet 3 min + past days 40%:            39/72/0.99 | 37/63/1.03 | 46/68/1.16
 *   (held out 35/70/1.09 | 42/61/1.15 | 50/70/1.13, posts -36%, -34%, -31%)
 * Combinations of the trend gates with pressure and past days (40 more on the tuning days) sit on
 * the same line: about 10 points of recall for each 0.2 warnings per incident. Chosen by: the
 * highest lowest-family recall with, on every family's tuning days, warnings at most incidents,
 * precision at least 65% and at least 50% on every rule.
 *
 * The bound: bench/alert-noise-bound.ts fits a classifier per rule to every input above (trend,
 * value and peak, floor occupancy, pressure, past days, minutes since the alert ended, in the
 * reopen window) on each family's tuning days. Held out, at one warning per incident it warns 5
 * min ahead 43% (demo), 31% (retail), 43% (helpdesk) of incidents at precision 53-63%; 70% recall
 * costs it 1.5-2 warnings per incident at 53-62%.
 */
import { DEFAULT_TUNING, type WarningTuning } from '../src/watcher/evaluate/early-warning.js';
import type { WatchRule } from '../src/watcher/model/rules.js';
import { addNoise, emptyNoise, replayFloor, type NoiseConfig, type NoiseTally } from './alert-noise-replay.js';
import { REPORTS, RULES, seriesOf, TUNING, ZONE, type Series } from './forecast-days.js';
import { FAMILIES, floorSeries } from './floors.js';

/** The early warning as main had it at f9ee884, with everything added since switched off. */
export const BEFORE_TUNING: WarningTuning = {
  windowMs: 15 * 60_000,
  minPoints: 4,
  minSpanMs: 3 * 60_000,
  peakOf: 2,
  clearFactor: 2,
  holdMs: 30 * 60_000,
  quietAfterRecoveryMs: 0,
  minPastShare: 0,
};
export const BEFORE: NoiseConfig = { name: 'before (main f9ee884)', reopenWithinMs: 0, tuning: BEFORE_TUNING };
export const AFTER: NoiseConfig = { name: 'after', reopenWithinMs: 5 * 60_000, tuning: DEFAULT_TUNING };

export interface Family {
  name: string;
  rules: WatchRule[];
  zone: string;
  tuning: () => Promise<Series>;
  heldOut: Array<{ label: string; series: () => Promise<Series> }>;
}

const floorFamily = (name: string): Family => ({
  name,
  rules: FAMILIES[name]!.rules,
  zone: 'UTC',
  tuning: async () => floorSeries(FAMILIES[name]!, { seed: 1, firstDay: '2026-11-02', days: 7 }),
  heldOut: [
    { label: 'seed 2', series: async () => floorSeries(FAMILIES[name]!, { seed: 2, firstDay: '2026-09-07', days: 7 }) },
    { label: 'seed 3', series: async () => floorSeries(FAMILIES[name]!, { seed: 3, firstDay: '2027-01-11', days: 7 }) },
  ],
});

export const FAMILY_LIST: Family[] = [
  {
    name: 'demo',
    rules: RULES,
    zone: ZONE,
    tuning: () => seriesOf(TUNING),
    heldOut: REPORTS.map((r) => ({ label: `seed ${r.seed}`, series: () => seriesOf(r) })),
  },
  floorFamily('retail-evening'),
  floorFamily('helpdesk-24h'),
];

export interface Figures {
  all: NoiseTally;
  byRule: Map<string, NoiseTally>;
}

export function figuresOf(rules: readonly WatchRule[], runs: readonly Series[], config: NoiseConfig, zone: string): Figures {
  const byRule = new Map(rules.map((r) => [r.id, emptyNoise()]));
  for (const series of runs) for (const [id, t] of replayFloor(rules, series, config, zone)) addNoise(byRule.get(id)!, t);
  const all = emptyNoise();
  for (const t of byRule.values()) addNoise(all, t);
  // Days are the same for every rule: the floor's, not the sum over rules.
  all.days = byRule.values().next().value?.days ?? 0;
  return { all, byRule };
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(0)}%`);
const perDay = (n: number, t: NoiseTally) => (n / t.days).toFixed(1);

/** The rows of the before/after table for one family. */
export function table(before: Figures, after: Figures): string[] {
  const rows: Array<[string, (f: Figures) => string]> = [
    ['top-level posts per day (alerts + warnings)', (f) => perDay(f.all.alertPosts + f.all.warningPosts, f.all)],
    ['  alert posts per day', (f) => perDay(f.all.alertPosts, f.all)],
    ['  warning posts per day', (f) => perDay(f.all.warningPosts, f.all)],
    ['mentions per day', (f) => perDay(f.all.mentions, f.all)],
    ['reopens (fired again within 5 min: same message)', (f) => String(f.all.reopens)],
    ['incidents (alerts as posted) per day', (f) => perDay(f.all.incidents, f.all)],
    ['warnings per day', (f) => perDay(f.all.warnings, f.all)],
    [
      'recall@5m over incidents (before crossing)',
      (f) => `${pct(f.all.warnedBeforeCrossing, f.all.incidents)} (${f.all.warnedBeforeCrossing}/${f.all.incidents})`,
    ],
    ['recall@5m over incidents (before firing)', (f) => `${pct(f.all.warnedBeforeFiring, f.all.incidents)} (${f.all.warnedBeforeFiring}/${f.all.incidents})`],
    [
      'precision, all rules (the alert then fired: new or reopened)',
      (f) => `${pct(f.all.warningsTrue, f.all.warnings)} (${f.all.warningsTrue}/${f.all.warnings})`,
    ],
    [
      'precision, all rules (became a new incident)',
      (f) => `${pct(f.all.warningsNewIncident, f.all.warnings)} (${f.all.warningsNewIncident}/${f.all.warnings})`,
    ],
    ...[...before.byRule.keys()].map((id): [string, (f: Figures) => string] => [
      `precision, ${id}`,
      (f) => `${pct(f.byRule.get(id)!.warningsTrue, f.byRule.get(id)!.warnings)} (${f.byRule.get(id)!.warningsTrue}/${f.byRule.get(id)!.warnings})`,
    ]),
    ['sustained breaches (for + 2 min) with no post', (f) => `${f.all.sustainedUnannounced} of ${f.all.sustained}`],
  ];
  const out = ['| | before | after |', '|---|---|---|'];
  for (const [label, of] of rows) out.push(`| ${label} | ${of(before)} | ${of(after)} |`);
  const postsBefore = before.all.alertPosts + before.all.warningPosts;
  const postsAfter = after.all.alertPosts + after.all.warningPosts;
  out.push(`| posts per day, change | | ${postsBefore === 0 ? '—' : `${(((postsAfter - postsBefore) / postsBefore) * 100).toFixed(0)}%`} |`);
  return out;
}

/** Which targets hold on these figures. */
export function verdict(before: Figures, after: Figures): string[] {
  const a = after.all;
  const postsBefore = before.all.alertPosts + before.all.warningPosts;
  const postsAfter = a.alertPosts + a.warningPosts;
  const worstRule = Math.min(...[...after.byRule.values()].filter((t) => t.warnings > 0).map((t) => t.warningsTrue / t.warnings));
  const check = (ok: boolean, what: string) => `${ok ? 'holds' : 'MISSED'}: ${what}`;
  return [
    check(postsAfter <= 0.7 * postsBefore, `posts per day down at least 30% (${pct(postsBefore - postsAfter, postsBefore)})`),
    check(a.sustainedUnannounced === 0, `no sustained breach unannounced (${a.sustainedUnannounced})`),
    check(
      a.warnedBeforeCrossing >= 0.7 * a.incidents,
      `recall@5m over incidents at least 70% (${pct(a.warnedBeforeCrossing, a.incidents)} before crossing, ${pct(a.warnedBeforeFiring, a.incidents)} before firing)`,
    ),
    check(a.warningsTrue >= 0.65 * a.warnings, `precision at least 65% (${pct(a.warningsTrue, a.warnings)})`),
    check(worstRule >= 0.5, `precision at least 50% on every rule (lowest ${pct(worstRule * 1000, 1000)})`),
    check(a.warnings <= a.incidents, `warnings per day at most incidents per day (${perDay(a.warnings, a)} against ${perDay(a.incidents, a)})`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.includes('--family') ? process.argv[process.argv.indexOf('--family') + 1] : undefined;
  const withRules = process.argv.includes('--rules');
  for (const family of FAMILY_LIST.filter((f) => !only || f.name === only)) {
    const tuningRun = [await family.tuning()];
    const held: Series[] = [];
    for (const h of family.heldOut) held.push(await h.series());
    console.log(`\n## ${family.name}: held out ${family.heldOut.map((h) => h.label).join(', ')} (${held.length * 7} days)`);
    const before = figuresOf(family.rules, held, BEFORE, family.zone);
    const after = figuresOf(family.rules, held, AFTER, family.zone);
    for (const row of table(before, after)) console.log(row);
    for (const v of verdict(before, after)) console.log(`- ${v}`);
    if (after.all.emulatedReopens > 0)
      console.log(`- note: ${after.all.emulatedReopens} reopens were counted by the bench (evaluate did not reopen them itself)`);
    const tuned = figuresOf(family.rules, tuningRun, AFTER, family.zone);
    console.log(
      `- tuning days (after): recall@5m ${pct(tuned.all.warnedBeforeCrossing, tuned.all.incidents)}, precision ${pct(tuned.all.warningsTrue, tuned.all.warnings)}, warnings ${perDay(tuned.all.warnings, tuned.all)}/day, incidents ${perDay(tuned.all.incidents, tuned.all)}/day`,
    );
    if (withRules) {
      for (const [id, t] of after.byRule)
        console.log(
          `  ${id.padEnd(16)} incidents ${String(t.incidents).padStart(4)} recall@5m ${pct(t.warnedBeforeCrossing, t.incidents).padStart(4)} warnings ${String(t.warnings).padStart(4)} precision ${pct(t.warningsTrue, t.warnings).padStart(4)} reopens ${t.reopens}`,
        );
    }
  }
}
