import type { Catalog } from '../catalog.js';

/** Spanish (Latin America): early warning posts. */
export const esWarning: Catalog = {
  'warning.title': 'Alerta temprana · {{metric}} — {{where}}',
  'warning.cameTrueTitle': 'La alerta temprana se cumplió · {{metric}} — {{where}}',
  'warning.clearedTitle': 'Alerta temprana despejada · {{metric}} — {{where}}',
  'warning.cameTrue': '{{metric}} pasó {{threshold}}: la alerta {{alert}} se disparó a las {{time}}, {{after}} después de este aviso.',
  'warning.watchEnded': 'Vigilancia terminada fuera del horario activo; {{metric}}: {{value}}.',
  'warning.noLongerAbove': 'La tendencia ya no apunta a pasar {{threshold}}; {{metric}}: {{value}}.',
  'warning.noLongerBelow': 'La tendencia ya no apunta a bajar de {{threshold}}; {{metric}}: {{value}}.',
  'warning.willPass': '{{who}}: {{metric}} pasará {{threshold}} en unos {{minutes}} min a este ritmo.',
  'warning.willPassNow': '{{who}}: {{metric}} pasará {{threshold}} en cualquier momento a este ritmo.',
  'warning.willDrop': '{{who}}: {{metric}} bajará de {{threshold}} en unos {{minutes}} min a este ritmo.',
  'warning.willDropNow': '{{who}}: {{metric}} bajará de {{threshold}} en cualquier momento a este ritmo.',
  'warning.field.trend': 'Tendencia',
  'warning.field.alertAt': 'Alerta en',
  'warning.field.warned': 'Avisó',
  'warning.field.ended': 'Terminó',
  'warning.perMinute': '{{change}} por minuto',
  'warning.pointsPerMinute': '{{change}} puntos por minuto',
  'warning.footer': 'Regla {{rule}} · alerta temprana {{id}} (pronóstico {{horizon}})',
};
