import type { Catalog } from '../catalog.js';

/** Hungarian: what /staffing says. */
export const huStaffing: Catalog = {
  'staffing.title': 'Létszámigény — {{source}}',
  'staffing.titleQueue': 'Létszámigény — {{source}} · {{queue}}',
  'staffing.target': '{{percent}} fogadva {{within}} alatt',
  'staffing.tooEarly': 'Túl korán van a beérkezések számolásához: {{minutes}} perc telt el éjfél óta.',
  'staffing.noChatYet':
    'Ma még egy csevegés sem zárult le: a számításhoz kell a mai átlagos csevegésidő. Kérdezzen újra, ha az ügynökök lezártak néhány csevegést.',
  'staffing.noChatYetQueue':
    'Ma még egy {{queue}} csevegés sem zárult le: a számításhoz kell a mai átlagos csevegésidő. Kérdezzen újra, ha az ügynökök lezártak néhány csevegést.',
  'staffing.noArrivals': 'Nem volt csevegés az utolsó {{minutes}} percben: nem kell ügynök ehhez: {{target}}',
  'staffing.noArrivalsQueue': 'Nem volt {{queue}} csevegés az utolsó {{minutes}} percben: nem kell ügynök ehhez: {{target}}',
  'staffing.signedInAfter': ' · {{value}} munkában',
  'staffing.needs_one': '{{value}} ügynök kell',
  'staffing.needs_other': '{{value}} ügynök kell',
  'staffing.queueNeeds_one': '{{queue}}: {{value}} ügynök kell',
  'staffing.queueNeeds_other': '{{queue}}: {{value}} ügynök kell',
  'staffing.signedInBeside': ', {{value}} munkában',
  'staffing.forTarget': '{{needs}} ehhez: {{target}}',
  'staffing.note_one': 'Erlang C, ügynökönként {{value}} csevegéssel; munkában = szabad vagy foglalt, nem távol',
  'staffing.note_other': 'Erlang C, ügynökönként {{value}} csevegéssel; munkában = szabad vagy foglalt, nem távol',
  'staffing.noteQueue_one':
    'Erlang C, ügynökönként {{value}} csevegéssel, a(z) {{queue}} saját csevegéseiből; az ügynököket nem soronként számoljuk (egy ügynök több sort is kiszolgálhat)',
  'staffing.noteQueue_other':
    'Erlang C, ügynökönként {{value}} csevegéssel, a(z) {{queue}} saját csevegéseiből; az ügynököket nem soronként számoljuk (egy ügynök több sort is kiszolgálhat)',
  'staffing.field.needed': 'Szükséges ügynök',
  'staffing.field.signedIn': 'Munkában lévő ügynök',
  'staffing.field.arrivals': 'Csevegések ügynöknek (utolsó {{minutes}} perc)',
  'staffing.field.averageChat': 'Átl. csevegésidő (ma)',
  'staffing.field.averageQueueChat': 'Átl. {{queue}} csevegésidő (ma)',
  'staffing.field.perAgent': 'Csevegés ügynökönként',
  'staffing.field.target': 'Cél',
  'staffing.field.workload': 'Terhelés',
  'staffing.workload': 'átlagosan {{value}} folyamatban lévő csevegés',
  'staffing.field.withinNow': 'Célon belül most',
  'staffing.withinNow_one': 'kb. {{percent}} {{value}} ügynökkel',
  'staffing.withinNow_other': 'kb. {{percent}} {{value}} ügynökkel',
  'staffing.noQueuesYet':
    'Ma még egy csevegés sem ért el {{source}} sort, így nincs még „{{queue}}” sor, amire számolni lehetne: futtassa a /staffing parancsot a teljes forrásra.',
  'staffing.notAQueue': '„{{queue}}” ma nem sora ennek: {{source}}.{{hint}} Sorok: {{queues}}.',
  'staffing.wholeSourceOnly':
    'A(z) {{vendor}} nem jelzi, melyik sorba érkezett az egyes csevegés, ezért a /staffing a teljes „{{id}}” forrásra válaszol: futtassa „{{queue}}” nélkül.',
  'staffing.notAvailable':
    'A létszámigény nem érhető el ehhez: {{vendor}} (forrás: {{source}}): kellenek hozzá az utolsó óra csevegései és az átlagos csevegésidő, amit a(z) {{vendor}} nem ad meg.',
};
