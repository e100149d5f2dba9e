import type { Catalog } from '../catalog.js';

/** German: what /staffing says. */
export const deStaffing: Catalog = {
  'staffing.title': 'Personalbedarf — {{source}}',
  'staffing.titleQueue': 'Personalbedarf — {{source}} · {{queue}}',
  'staffing.target': '{{percent}} angenommen innerhalb {{within}}',
  'staffing.tooEarly': 'Zu früh am Tag, um Eingänge zu zählen: {{minutes}} Min. seit Mitternacht.',
  'staffing.noChatYet':
    'Heute ist noch kein Chat beendet: die Berechnung braucht die heutige Ø Chatdauer. Fragen Sie erneut, wenn Agenten einige Chats abgeschlossen haben.',
  'staffing.noChatYetQueue':
    'Heute ist noch kein Chat von {{queue}} beendet: die Berechnung braucht die heutige Ø Chatdauer. Fragen Sie erneut, wenn Agenten einige Chats abgeschlossen haben.',
  'staffing.noArrivals': 'Keine Chats in den letzten {{minutes}} Min.: keine Agenten nötig für {{target}}',
  'staffing.noArrivalsQueue': 'Keine Chats für {{queue}} in den letzten {{minutes}} Min.: keine Agenten nötig für {{target}}',
  'staffing.signedInAfter': ' · {{value}} im Einsatz',
  'staffing.needs_one': 'Benötigt {{value}} Agenten',
  'staffing.needs_other': 'Benötigt {{value}} Agenten',
  'staffing.queueNeeds_one': '{{queue}} benötigt {{value}} Agenten',
  'staffing.queueNeeds_other': '{{queue}} benötigt {{value}} Agenten',
  'staffing.signedInBeside': ', {{value}} im Einsatz',
  'staffing.forTarget': '{{needs}} für {{target}}',
  'staffing.note_one': 'Erlang C mit {{value}} Chat je Agent; im Einsatz = frei oder beschäftigt, nicht abwesend',
  'staffing.note_other': 'Erlang C mit {{value}} Chats je Agent; im Einsatz = frei oder beschäftigt, nicht abwesend',
  'staffing.noteQueue_one':
    'Erlang C mit {{value}} Chat je Agent, aus den Chats von {{queue}}; Agenten werden nicht je Warteschlange gezählt (einer kann mehrere bedienen)',
  'staffing.noteQueue_other':
    'Erlang C mit {{value}} Chats je Agent, aus den Chats von {{queue}}; Agenten werden nicht je Warteschlange gezählt (einer kann mehrere bedienen)',
  'staffing.field.needed': 'Agenten benötigt',
  'staffing.field.signedIn': 'Agenten im Einsatz',
  'staffing.field.arrivals': 'Chats für Agenten (letzte {{minutes}} Min.)',
  'staffing.field.averageChat': 'Ø Chatdauer (heute)',
  'staffing.field.averageQueueChat': 'Ø Chatdauer {{queue}} (heute)',
  'staffing.field.perAgent': 'Chats je Agent',
  'staffing.field.target': 'Ziel',
  'staffing.field.workload': 'Last',
  'staffing.workload': 'Ø {{value}} laufende Chats',
  'staffing.field.withinNow': 'Im Ziel jetzt',
  'staffing.withinNow_one': 'etwa {{percent}} mit {{value}} Agent',
  'staffing.withinNow_other': 'etwa {{percent}} mit {{value}} Agenten',
  'staffing.noQueuesYet':
    'Heute hat noch kein Chat eine Warteschlange von {{source}} erreicht, also gibt es noch kein „{{queue}}“ zu planen: verwenden Sie /staffing für die ganze Quelle.',
  'staffing.notAQueue': '„{{queue}}“ ist heute keine Warteschlange von {{source}}.{{hint}} Warteschlangen: {{queues}}.',
  'staffing.wholeSourceOnly':
    '{{vendor}} sagt nicht, welche Warteschlange jeder Chat erreicht hat; /staffing antwortet für die ganze Quelle „{{id}}“: verwenden Sie /staffing ohne „{{queue}}“.',
  'staffing.notAvailable':
    'Personalbedarf ist für {{vendor}} (Quelle {{source}}) nicht verfügbar: er braucht die Chats der letzten Stunde und die Ø Chatdauer, die {{vendor}} nicht liefert.',
};
