import type { Catalog } from '../catalog.js';

/** Hungarian: early warning posts. */
export const huWarning: Catalog = {
  'warning.title': 'Korai figyelmeztetés · {{metric}} — {{where}}',
  'warning.cameTrueTitle': 'A korai figyelmeztetés beigazolódott · {{metric}} — {{where}}',
  'warning.clearedTitle': 'A korai figyelmeztetés megszűnt · {{metric}} — {{where}}',
  'warning.cameTrue': '{{metric}} átlépte ezt: {{threshold}}. A(z) {{alert}} riasztás {{time}}-kor jelzett, a figyelmeztetés után {{after}} múlva.',
  'warning.watchEnded': 'A figyelés az aktív időn kívül véget ért; {{metric}}: {{value}}.',
  'warning.noLongerAbove': 'A trend már nem mutat {{threshold}} fölé; {{metric}}: {{value}}.',
  'warning.noLongerBelow': 'A trend már nem mutat {{threshold}} alá; {{metric}}: {{value}}.',
  'warning.willPass': '{{who}}: {{metric}} ilyen ütemben nagyjából {{minutes}} perc múlva átlépi ezt: {{threshold}}.',
  'warning.willPassNow': '{{who}}: {{metric}} ilyen ütemben bármelyik pillanatban átlépi ezt: {{threshold}}.',
  'warning.willDrop': '{{who}}: {{metric}} ilyen ütemben nagyjából {{minutes}} perc múlva ez alá esik: {{threshold}}.',
  'warning.willDropNow': '{{who}}: {{metric}} ilyen ütemben bármelyik pillanatban ez alá esik: {{threshold}}.',
  'warning.field.trend': 'Trend',
  'warning.field.alertAt': 'Riasztás',
  'warning.field.warned': 'Figyelmeztetett',
  'warning.field.ended': 'Véget ért',
  'warning.perMinute': 'percenként {{change}}',
  'warning.pointsPerMinute': 'percenként {{change}} pont',
  'warning.footer': 'Szabály: {{rule}} · korai figyelmeztetés: {{id}} (előrejelzés: {{horizon}})',
};
