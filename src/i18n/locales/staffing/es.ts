import type { Catalog } from '../catalog.js';

/** Spanish (Latin America): what /staffing says. */
export const esStaffing: Catalog = {
  'staffing.title': 'Dimensionamiento — {{source}}',
  'staffing.titleQueue': 'Dimensionamiento — {{source}} · {{queue}}',
  'staffing.target': '{{percent}} atendidos en {{within}}',
  'staffing.tooEarly': 'Muy temprano para contar llegadas: {{minutes}} min desde la medianoche.',
  'staffing.noChatYet':
    'Todavía no terminó ningún chat hoy: el cálculo necesita la duración promedio de hoy. Vuelva a preguntar cuando los agentes hayan cerrado algunos chats.',
  'staffing.noChatYetQueue':
    'Todavía no terminó ningún chat de {{queue}} hoy: el cálculo necesita la duración promedio de hoy. Vuelva a preguntar cuando los agentes hayan cerrado algunos chats.',
  'staffing.noArrivals': 'Sin chats en los últimos {{minutes}} min: no se necesitan agentes para {{target}}',
  'staffing.noArrivalsQueue': 'Sin chats para {{queue}} en los últimos {{minutes}} min: no se necesitan agentes para {{target}}',
  'staffing.signedInAfter': ' · {{value}} activos',
  'staffing.needs_one': 'Se necesita {{value}} agente',
  'staffing.needs_many': 'Se necesitan {{value}} agentes',
  'staffing.needs_other': 'Se necesitan {{value}} agentes',
  'staffing.queueNeeds_one': '{{queue}} necesita {{value}} agente',
  'staffing.queueNeeds_many': '{{queue}} necesita {{value}} agentes',
  'staffing.queueNeeds_other': '{{queue}} necesita {{value}} agentes',
  'staffing.signedInBeside': ', {{value}} activos',
  'staffing.forTarget': '{{needs}} para {{target}}',
  'staffing.note_one': 'Erlang C con {{value}} chat por agente; activos = libres u ocupados, no ausentes',
  'staffing.note_many': 'Erlang C con {{value}} chats por agente; activos = libres u ocupados, no ausentes',
  'staffing.note_other': 'Erlang C con {{value}} chats por agente; activos = libres u ocupados, no ausentes',
  'staffing.noteQueue_one':
    'Erlang C con {{value}} chat por agente, con los chats propios de {{queue}}; los agentes no se cuentan por cola (uno puede atender varias)',
  'staffing.noteQueue_many':
    'Erlang C con {{value}} chats por agente, con los chats propios de {{queue}}; los agentes no se cuentan por cola (uno puede atender varias)',
  'staffing.noteQueue_other':
    'Erlang C con {{value}} chats por agente, con los chats propios de {{queue}}; los agentes no se cuentan por cola (uno puede atender varias)',
  'staffing.field.needed': 'Agentes necesarios',
  'staffing.field.signedIn': 'Agentes activos',
  'staffing.field.arrivals': 'Chats para agentes (últimos {{minutes}} min)',
  'staffing.field.averageChat': 'Duración promedio (hoy)',
  'staffing.field.averageQueueChat': 'Duración promedio de {{queue}} (hoy)',
  'staffing.field.perAgent': 'Chats por agente',
  'staffing.field.target': 'Objetivo',
  'staffing.field.workload': 'Carga',
  'staffing.workload': '{{value}} chats en curso en promedio',
  'staffing.field.withinNow': 'Nivel de servicio ahora',
  'staffing.withinNow_one': 'cerca de {{percent}} con {{value}} agente',
  'staffing.withinNow_many': 'cerca de {{percent}} con {{value}} agentes',
  'staffing.withinNow_other': 'cerca de {{percent}} con {{value}} agentes',
  'staffing.noQueuesYet':
    'Hoy ningún chat llegó a una cola de {{source}}, así que todavía no hay "{{queue}}" que dimensionar: use /staffing para toda la fuente.',
  'staffing.notAQueue': '"{{queue}}" no es una cola de {{source}} hoy.{{hint}} Colas: {{queues}}.',
  'staffing.wholeSourceOnly':
    '{{vendor}} no indica a qué cola llegó cada chat, así que /staffing responde para toda la fuente "{{id}}": use /staffing sin "{{queue}}".',
  'staffing.notAvailable':
    'El dimensionamiento no está disponible para {{vendor}} (fuente {{source}}): necesita los chats de la última hora y la duración promedio, que {{vendor}} no entrega.',
};
