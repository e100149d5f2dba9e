import type { Catalog } from '../catalog.js';

/** German: vendor failures and why an answer is older than asked for. */
export const deVendor: Catalog = {
  'vendorError.auth':
    '{{vendor}} hat die Zugangsdaten des Bots nicht akzeptiert. Bitten Sie Ihren Administrator, das API-Token in der Konfiguration zu prüfen.',
  'vendorError.quotaSpent': 'Das API-Kontingent von {{vendor}} für heute ist aufgebraucht. Die Zahlen kommen nach Mitternacht (Betriebszeit) wieder.',
  'vendorError.tooManyConcurrent': '{{vendor}} ist mit anderen Anfragen dieses Tokens beschäftigt. Versuchen Sie es in ein paar Sekunden erneut.',
  'vendorError.rateLimited': '{{vendor}} hat den Bot gebeten, langsamer zu fragen. Versuchen Sie es in einer Minute erneut.',
  'vendorError.badRequest': '{{vendor}} hat die Anfrage nicht verstanden. Das ist ein Fehler im Bot; er wurde protokolliert.',
  'vendorError.notFound': '{{vendor}} hat keinen solchen Datensatz.',
  'vendorError.rangeTooLong': '{{vendor}} akzeptiert höchstens 31 Tage pro Abfrage.',
  'vendorError.network': '{{vendor}} ist gerade nicht erreichbar. Versuchen Sie es in einer Minute erneut.',
  'vendorError.timeout': '{{vendor}} hat zu lange nicht geantwortet. Versuchen Sie es in einer Minute erneut.',
  'vendorError.serverError': '{{vendor}} hat gerade Probleme (Serverfehler). Versuchen Sie es in einer Minute erneut.',
  'vendorError.maintenance': '{{vendor}} ist im Wartungsfenster. Versuchen Sie es später erneut.',
  'vendorError.unreadable': '{{vendor}} hat eine Antwort geschickt, die der Bot nicht lesen konnte. Sie wurde für den Administrator protokolliert.',
  'vendorError.tooLarge': '{{vendor}} hat eine größere Antwort geschickt, als der Bot annimmt. Versuchen Sie einen kürzeren Zeitraum.',
  'vendorError.quotaSpentNoEarlier':
    'Das API-Kontingent von {{vendor}} für heute ist aufgebraucht, und es gibt keine frühere Antwort zum Anzeigen. Die Zahlen kommen nach Mitternacht (Betriebszeit) wieder.',
  'vendorError.notAvailable': 'Das ist für {{vendor}} nicht verfügbar (Quelle {{source}}).',
  'vendorError.wolkvox.quotaSpent':
    'Das wolkvox-API-Kontingent dieses Tokens ist für heute aufgebraucht. Die Zahlen kommen nach Mitternacht (Betriebszeit) wieder.',
  'vendorError.wolkvox.tooManyConcurrent': 'wolkvox beantwortet bereits zwei Anfragen dieses Tokens. Versuchen Sie es in ein paar Sekunden erneut.',
  'vendorError.wolkvox.auth':
    'wolkvox hat das API-Token des Bots nicht akzeptiert. Bitten Sie Ihren Administrator, das Token dieser Quelle in der Konfiguration zu prüfen.',
  'vendorError.wolkvox.maintenance': 'wolkvox lehnt Anfragen ohne Begründung ab, wie es das in Wartungsfenstern tut. Versuchen Sie es später erneut.',
  'vendorError.wolkvox.conversationId':
    'Eine wolkvox-Gesprächs-ID (conn_id) besteht aus 1 bis 64 Buchstaben, Ziffern, "-" oder "_". Kopieren Sie sie aus dem Chat-Bericht und versuchen Sie es erneut.',
  'vendorError.wolkvox.day': 'Ein Tag wird JJJJ-MM-TT geschrieben, zum Beispiel 2024-05-14.',
  'vendorError.wolkvox.range': 'Der Zeitraum ist leer oder unlesbar: Sein Beginn muss vor seinem Ende liegen.',
  'vendorError.comm100.credentials':
    'Comm100 hat die Zugangsdaten des Bots nicht akzeptiert. Bitten Sie Ihren Administrator, den API-Schlüssel oder OAuth-Client dieser Quelle zu prüfen.',
  'vendorError.comm100.permission':
    'Comm100 hat diese Anfrage abgelehnt: Dem Konto hinter den Zugangsdaten des Bots fehlt die Berechtigung dafür. Bitten Sie Ihren Administrator, die Berechtigungen des Agenten zu prüfen.',
  'vendorError.comm100.rateLimited':
    'Comm100 erlaubt {{calls}} API-Aufrufe pro {{minutes}} Minuten von einer Adresse und hat den Bot gebeten, langsamer zu fragen. Versuchen Sie es in einer Minute erneut.',
  'vendorError.comm100.grantIncomplete':
    'Die Comm100-Quelle ist für den OAuth-Grant "{{grant}}" eingerichtet, aber es fehlt {{what}}. Bitten Sie Ihren Administrator, die Konfiguration zu vervollständigen.',
  'vendorError.comm100.oauthClient':
    'Comm100 hat den OAuth-Client des Bots nicht akzeptiert. Bitten Sie Ihren Administrator, Client-ID, Secret und Grant dieser Quelle zu prüfen.',
  'vendorError.comm100.chatId': 'Das ist keine Comm100-Chat-ID: Verwenden Sie die Nummer aus dem Chatverlauf (nur Buchstaben, Ziffern, "-" und "_").',
  'vendorError.vcclive.ipRange':
    'VCC Live lässt API-Aufrufe nur aus dort registrierten IP-Bereichen zu; prüfen Sie also auch, ob die ausgehende IP-Adresse dieses Servers für das Konto registriert ist',
  'vendorError.vcclive.credentials':
    'VCC Live hat die Zugangsdaten des Bots nicht akzeptiert (HTTP 401). Bitten Sie Ihren Administrator, Kontoname und API-Token in der Konfiguration zu prüfen. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.forbidden':
    'VCC Live hat den Aufruf des Bots abgelehnt (HTTP 403). $t(vendorError.vcclive.ipRange), und ob das API-Token Projekt {{project}} lesen darf.',
  'vendorError.vcclive.notFound':
    'VCC Live kennt nicht, was der Bot angefragt hat (HTTP 404). Bitten Sie Ihren Administrator, Kontoname und projectId {{project}} in der Konfiguration zu prüfen.',
  'vendorError.vcclive.rateLimited': 'VCC Live hat den Bot gebeten, langsamer zu fragen (HTTP 429). Versuchen Sie es in einer Minute erneut.',
  'vendorError.vcclive.serverError': 'VCC Live hat gerade Probleme (HTTP {{status}}). Versuchen Sie es in einer Minute erneut.',
  'vendorError.vcclive.refusedAuth':
    'VCC Live hat den Aufruf des Bots abgelehnt: "{{said}}". Bitten Sie Ihren Administrator, das API-Token zu prüfen. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.refusedRate': 'VCC Live hat den Bot gebeten, langsamer zu fragen: "{{said}}". Versuchen Sie es in einer Minute erneut.',
  'vendorError.vcclive.refusedNotFound': 'VCC Live sagt: "{{said}}". Bitten Sie Ihren Administrator, Konto und projectId in der Konfiguration zu prüfen.',
  'vendorError.vcclive.refused': 'VCC Live hat die Anfrage abgelehnt: "{{said}}". Sie wurde für den Administrator protokolliert.',
  'vendorError.vcclive.chatId': 'Eine VCC-Live-Chat-ID ist eine ganze Zahl, etwa 1234. Prüfen Sie die ID und versuchen Sie es erneut.',
  'vendorError.vcclive.date': 'Daten werden JJJJ-MM-TT geschrieben, etwa 2023-01-20.',
  'vendorError.demo.conversationId': 'Das ist keine Gesprächs-ID: Verwenden Sie Buchstaben, Ziffern, "-" oder "_" (Demo-IDs sehen so aus: {{example}}).',
  'vendorError.demo.date': 'Das ist kein Datum: Verwenden Sie JJJJ-MM-TT, z. B. 2024-03-20.',
  'vendorError.demo.range': 'Der Zeitraum ist ungültig: Sein Beginn muss vor seinem Ende liegen.',
  'vendorError.demo.rangeTooLong': 'Die Demo beantwortet höchstens {{days}} Tage pro Frage.',
  'stale.quotaSpent': 'API-Kontingent von {{vendor}} für heute aufgebraucht',
  'stale.quotaReserve': 'API-Kontingent von {{vendor}} fast aufgebraucht; der Rest bleibt für Fragen der Supervisoren',
  'stale.maintenance': '{{vendor}} ist im Wartungsfenster',
  'stale.notAnswering': '{{vendor}} antwortet nicht',
  'stale.busy': '{{vendor}} ist mit anderen Anfragen dieses Tokens beschäftigt',
  'stale.slowDown': '{{vendor}} hat den Bot gebeten, langsamer zu fragen',
  // Why a daily summary's figures are missing or old
  'summary.problem.notAvailable': 'Tageszahlen sind für {{vendor}} nicht verfügbar',
  'summary.problem.figuresFrom': 'Zahlen von {{time}} ({{reason}})',
  'summary.problem.unavailable': 'Anbieter nicht erreichbar',
  'progress.lookingShort': 'Suche…',
  'progress.formOpened': 'Formular geöffnet: {{title}}',
};
