import type { Catalog } from '../catalog.js';

/** Portuguese (Brazil): what /staffing says. */
export const ptBRStaffing: Catalog = {
  'staffing.title': 'Dimensionamento — {{source}}',
  'staffing.titleQueue': 'Dimensionamento — {{source}} · {{queue}}',
  'staffing.target': '{{percent}} atendidos em até {{within}}',
  'staffing.tooEarly': 'Ainda é cedo para contar as chegadas: {{minutes}} min desde a meia-noite.',
  'staffing.noChatYet':
    'Nenhum chat terminou hoje ainda: o cálculo precisa da duração média de hoje. Pergunte de novo quando os agentes tiverem encerrado alguns chats.',
  'staffing.noChatYetQueue':
    'Nenhum chat de {{queue}} terminou hoje ainda: o cálculo precisa da duração média de hoje. Pergunte de novo quando os agentes tiverem encerrado alguns chats.',
  'staffing.noArrivals': 'Nenhum chat nos últimos {{minutes}} min: nenhum agente necessário para {{target}}',
  'staffing.noArrivalsQueue': 'Nenhum chat para {{queue}} nos últimos {{minutes}} min: nenhum agente necessário para {{target}}',
  'staffing.signedInAfter': ' · {{value}} ativos',
  'staffing.needs_one': 'Precisa de {{value}} agente',
  'staffing.needs_many': 'Precisa de {{value}} agentes',
  'staffing.needs_other': 'Precisa de {{value}} agentes',
  'staffing.queueNeeds_one': '{{queue}} precisa de {{value}} agente',
  'staffing.queueNeeds_many': '{{queue}} precisa de {{value}} agentes',
  'staffing.queueNeeds_other': '{{queue}} precisa de {{value}} agentes',
  'staffing.signedInBeside': ', {{value}} ativos',
  'staffing.forTarget': '{{needs}} para {{target}}',
  'staffing.note_one': 'Erlang C com {{value}} chat por agente; ativos = livres ou ocupados, não ausentes',
  'staffing.note_many': 'Erlang C com {{value}} chats por agente; ativos = livres ou ocupados, não ausentes',
  'staffing.note_other': 'Erlang C com {{value}} chats por agente; ativos = livres ou ocupados, não ausentes',
  'staffing.noteQueue_one':
    'Erlang C com {{value}} chat por agente, a partir dos chats de {{queue}}; os agentes não são contados por fila (um pode atender várias)',
  'staffing.noteQueue_many':
    'Erlang C com {{value}} chats por agente, a partir dos chats de {{queue}}; os agentes não são contados por fila (um pode atender várias)',
  'staffing.noteQueue_other':
    'Erlang C com {{value}} chats por agente, a partir dos chats de {{queue}}; os agentes não são contados por fila (um pode atender várias)',
  'staffing.field.needed': 'Agentes necessários',
  'staffing.field.signedIn': 'Agentes ativos',
  'staffing.field.arrivals': 'Chats para agentes (últimos {{minutes}} min)',
  'staffing.field.averageChat': 'Duração média (hoje)',
  'staffing.field.averageQueueChat': 'Duração média de {{queue}} (hoje)',
  'staffing.field.perAgent': 'Chats por agente',
  'staffing.field.target': 'Meta',
  'staffing.field.workload': 'Carga',
  'staffing.workload': '{{value}} chats em andamento em média',
  'staffing.field.withinNow': 'Nível de serviço agora',
  'staffing.withinNow_one': 'cerca de {{percent}} com {{value}} agente',
  'staffing.withinNow_many': 'cerca de {{percent}} com {{value}} agentes',
  'staffing.withinNow_other': 'cerca de {{percent}} com {{value}} agentes',
  'staffing.noQueuesYet': 'Nenhum chat chegou a uma fila de {{source}} hoje, então ainda não há "{{queue}}" para dimensionar: use /staffing para a fonte toda.',
  'staffing.notAQueue': '"{{queue}}" não é uma fila de {{source}} hoje.{{hint}} Filas: {{queues}}.',
  'staffing.wholeSourceOnly':
    '{{vendor}} não informa a que fila cada chat chegou, então /staffing responde para a fonte toda "{{id}}": use /staffing sem "{{queue}}".',
  'staffing.notAvailable':
    'O dimensionamento não está disponível para {{vendor}} (fonte {{source}}): ele precisa dos chats da última hora e da duração média, que {{vendor}} não fornece.',
};
