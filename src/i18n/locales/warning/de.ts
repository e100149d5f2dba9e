import type { Catalog } from '../catalog.js';

/** German: early warning posts. */
export const deWarning: Catalog = {
  'warning.title': 'Frühwarnung · {{metric}} — {{where}}',
  'warning.cameTrueTitle': 'Frühwarnung eingetreten · {{metric}} — {{where}}',
  'warning.clearedTitle': 'Frühwarnung aufgehoben · {{metric}} — {{where}}',
  'warning.cameTrue': '{{metric}} hat {{threshold}} überschritten: Alarm {{alert}} um {{time}} ausgelöst, {{after}} nach dieser Warnung.',
  'warning.watchEnded': 'Überwachung außerhalb der aktiven Zeiten beendet; {{metric}}: {{value}}.',
  'warning.noLongerAbove': 'Der Trend zeigt nicht mehr über {{threshold}}; {{metric}}: {{value}}.',
  'warning.noLongerBelow': 'Der Trend zeigt nicht mehr unter {{threshold}}; {{metric}}: {{value}}.',
  'warning.willPass': '{{who}}: {{metric}} überschreitet bei diesem Tempo in etwa {{minutes}} Min. {{threshold}}.',
  'warning.willPassNow': '{{who}}: {{metric}} überschreitet bei diesem Tempo jeden Moment {{threshold}}.',
  'warning.willDrop': '{{who}}: {{metric}} fällt bei diesem Tempo in etwa {{minutes}} Min. unter {{threshold}}.',
  'warning.willDropNow': '{{who}}: {{metric}} fällt bei diesem Tempo jeden Moment unter {{threshold}}.',
  'warning.field.trend': 'Trend',
  'warning.field.alertAt': 'Alarm bei',
  'warning.field.warned': 'Gewarnt',
  'warning.field.ended': 'Beendet',
  'warning.perMinute': '{{change}} pro Minute',
  'warning.pointsPerMinute': '{{change}} Punkte pro Minute',
  'warning.footer': 'Regel {{rule}} · Frühwarnung {{id}} (Prognose {{horizon}})',
};
