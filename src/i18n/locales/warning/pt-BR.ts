import type { Catalog } from '../catalog.js';

/** Portuguese (Brazil): early warning posts. */
export const ptBRWarning: Catalog = {
  'warning.title': 'Alerta antecipado · {{metric}} — {{where}}',
  'warning.cameTrueTitle': 'O alerta antecipado se confirmou · {{metric}} — {{where}}',
  'warning.clearedTitle': 'Alerta antecipado encerrado · {{metric}} — {{where}}',
  'warning.cameTrue': '{{metric}} passou de {{threshold}}: o alerta {{alert}} disparou às {{time}}, {{after}} depois deste aviso.',
  'warning.watchEnded': 'Monitoramento encerrado fora do horário ativo; {{metric}}: {{value}}.',
  'warning.noLongerAbove': 'A tendência já não aponta para passar de {{threshold}}; {{metric}}: {{value}}.',
  'warning.noLongerBelow': 'A tendência já não aponta para cair abaixo de {{threshold}}; {{metric}}: {{value}}.',
  'warning.willPass': '{{who}}: {{metric}} vai passar de {{threshold}} em cerca de {{minutes}} min neste ritmo.',
  'warning.willPassNow': '{{who}}: {{metric}} vai passar de {{threshold}} a qualquer momento neste ritmo.',
  'warning.willDrop': '{{who}}: {{metric}} vai cair abaixo de {{threshold}} em cerca de {{minutes}} min neste ritmo.',
  'warning.willDropNow': '{{who}}: {{metric}} vai cair abaixo de {{threshold}} a qualquer momento neste ritmo.',
  'warning.field.trend': 'Tendência',
  'warning.field.alertAt': 'Alerta em',
  'warning.field.warned': 'Avisou',
  'warning.field.ended': 'Encerrou',
  'warning.perMinute': '{{change}} por minuto',
  'warning.pointsPerMinute': '{{change}} pontos por minuto',
  'warning.footer': 'Regra {{rule}} · alerta antecipado {{id}} (previsão {{horizon}})',
};
