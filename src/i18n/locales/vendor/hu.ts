import type { Catalog } from '../catalog.js';

/** Hungarian: vendor failures and why an answer is older than asked for. */
export const huVendor: Catalog = {
  'vendorError.auth': 'A(z) {{vendor}} nem fogadta el a bot hitelesítő adatait. Kérje meg a rendszergazdát, hogy ellenőrizze az API-tokent a konfigurációban.',
  'vendorError.quotaSpent': 'A(z) {{vendor}} mai API-kerete elfogyott. A számok éjfél után (üzemidő szerint) térnek vissza.',
  'vendorError.tooManyConcurrent': 'A(z) {{vendor}} más kérésekkel van elfoglalva ettől a tokentől. Próbálja újra néhány másodperc múlva.',
  'vendorError.rateLimited': 'A(z) {{vendor}} lassításra kérte a botot. Próbálja újra egy perc múlva.',
  'vendorError.badRequest': 'A(z) {{vendor}} nem értette a kérést. Ez a bot hibája; naplóztuk.',
  'vendorError.notFound': 'A(z) {{vendor}} nem ismer ilyen rekordot.',
  'vendorError.rangeTooLong': 'A(z) {{vendor}} lekérdezésenként legfeljebb 31 napot fogad el.',
  'vendorError.network': 'A(z) {{vendor}} most nem érhető el. Próbálja újra egy perc múlva.',
  'vendorError.timeout': 'A(z) {{vendor}} túl lassan válaszolt. Próbálja újra egy perc múlva.',
  'vendorError.serverError': 'A(z) {{vendor}} most hibásan működik (szerverhiba). Próbálja újra egy perc múlva.',
  'vendorError.maintenance': 'A(z) {{vendor}} karbantartási időszakban van. Próbálja újra később.',
  'vendorError.unreadable': 'A(z) {{vendor}} olyan választ küldött, amelyet a bot nem tudott olvasni. Naplóztuk a rendszergazdának.',
  'vendorError.tooLarge': 'A(z) {{vendor}} nagyobb választ küldött, mint amit a bot elfogad. Próbáljon rövidebb időszakot.',
  'vendorError.quotaSpentNoEarlier':
    'A(z) {{vendor}} mai API-kerete elfogyott, és nincs korábbi válasz, amit mutathatnánk. A számok éjfél után (üzemidő szerint) térnek vissza.',
  'vendorError.notAvailable': 'Ez nem érhető el a(z) {{vendor}} esetében (forrás: {{source}}).',
  'vendorError.wolkvox.quotaSpent': 'Ennek a tokennek a wolkvox API-kerete mára elfogyott. A számok éjfél után (üzemidő szerint) térnek vissza.',
  'vendorError.wolkvox.tooManyConcurrent': 'A wolkvox már két kérést szolgál ki ettől a tokentől. Próbálja újra néhány másodperc múlva.',
  'vendorError.wolkvox.auth': 'A wolkvox nem fogadta el a bot API-tokenjét. Kérje meg a rendszergazdát, hogy ellenőrizze a forrás tokenjét a konfigurációban.',
  'vendorError.wolkvox.maintenance': 'A wolkvox indoklás nélkül utasítja el a kéréseket, ahogy karbantartás idején szokta. Próbálja újra később.',
  'vendorError.wolkvox.conversationId':
    'A wolkvox beszélgetés-azonosítója (conn_id) 1–64 betű, számjegy, "-" vagy "_". Másolja ki a chatjelentésből, és próbálja újra.',
  'vendorError.wolkvox.day': 'A napot ÉÉÉÉ-HH-NN alakban kell írni, például 2024-05-14.',
  'vendorError.wolkvox.range': 'Az időszak üres vagy olvashatatlan: a kezdetének a vége előtt kell lennie.',
  'vendorError.comm100.credentials':
    'A Comm100 nem fogadta el a bot hitelesítő adatait. Kérje meg a rendszergazdát, hogy ellenőrizze a forrás API-kulcsát vagy OAuth-kliensét.',
  'vendorError.comm100.permission':
    'A Comm100 elutasította a kérést: a bot hitelesítő adatai mögötti fióknak nincs rá jogosultsága. Kérje meg a rendszergazdát, hogy ellenőrizze az ügynök jogosultságait.',
  'vendorError.comm100.rateLimited':
    'A Comm100 egy címről {{minutes}} percenként {{calls}} API-hívást enged, és lassításra kérte a botot. Próbálja újra egy perc múlva.',
  'vendorError.comm100.grantIncomplete':
    'A Comm100 forrás a(z) "{{grant}}" OAuth-grantra van beállítva, de hiányzik: {{what}}. Kérje meg a rendszergazdát, hogy egészítse ki a konfigurációt.',
  'vendorError.comm100.oauthClient':
    'A Comm100 nem fogadta el a bot OAuth-kliensét. Kérje meg a rendszergazdát, hogy ellenőrizze a forrás kliensazonosítóját, titkát és grantját.',
  'vendorError.comm100.chatId': 'Ez nem Comm100 chatazonosító: használja a chatelőzményekben látható számot (csak betűk, számjegyek, "-" és "_").',
  'vendorError.vcclive.ipRange':
    'A VCC Live csak a nála regisztrált IP-tartományokból fogad API-hívást, ezért azt is ellenőrizze, hogy a szerver kimenő IP-címe regisztrálva van-e a fiókhoz',
  'vendorError.vcclive.credentials':
    'A VCC Live nem fogadta el a bot hitelesítő adatait (HTTP 401). Kérje meg a rendszergazdát, hogy ellenőrizze a fiók nevét és az API-tokent a konfigurációban. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.forbidden':
    'A VCC Live elutasította a bot hívását (HTTP 403). $t(vendorError.vcclive.ipRange), és hogy az API-token olvashatja-e a(z) {{project}} projektet.',
  'vendorError.vcclive.notFound':
    'A VCC Live nem ismeri, amit a bot kért (HTTP 404). Kérje meg a rendszergazdát, hogy ellenőrizze a fiók nevét és a(z) {{project}} projectId-t a konfigurációban.',
  'vendorError.vcclive.rateLimited': 'A VCC Live lassításra kérte a botot (HTTP 429). Próbálja újra egy perc múlva.',
  'vendorError.vcclive.serverError': 'A VCC Live most hibásan működik (HTTP {{status}}). Próbálja újra egy perc múlva.',
  'vendorError.vcclive.refusedAuth':
    'A VCC Live elutasította a bot hívását: "{{said}}". Kérje meg a rendszergazdát, hogy ellenőrizze az API-tokent. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.refusedRate': 'A VCC Live lassításra kérte a botot: "{{said}}". Próbálja újra egy perc múlva.',
  'vendorError.vcclive.refusedNotFound':
    'A VCC Live ezt mondta: "{{said}}". Kérje meg a rendszergazdát, hogy ellenőrizze a fiókot és a projectId-t a konfigurációban.',
  'vendorError.vcclive.refused': 'A VCC Live elutasította a kérést: "{{said}}". Naplóztuk a rendszergazdának.',
  'vendorError.vcclive.chatId': 'A VCC Live chatazonosítója egész szám, például 1234. Ellenőrizze az azonosítót, és próbálja újra.',
  'vendorError.vcclive.date': 'A dátumot ÉÉÉÉ-HH-NN alakban kell írni, például 2023-01-20.',
  'vendorError.demo.conversationId':
    'Ez nem beszélgetés-azonosító: használjon betűket, számjegyeket, "-" vagy "_" jelet (a demo azonosítói így néznek ki: {{example}}).',
  'vendorError.demo.date': 'Ez nem dátum: használja az ÉÉÉÉ-HH-NN alakot, pl. 2024-03-20.',
  'vendorError.demo.range': 'Az időszak érvénytelen: a kezdetének a vége előtt kell lennie.',
  'vendorError.demo.rangeTooLong': 'A demo kérdésenként legfeljebb {{days}} napra válaszol.',
  'stale.quotaSpent': 'a(z) {{vendor}} mai API-kerete elfogyott',
  'stale.quotaReserve': 'a(z) {{vendor}} API-kerete majdnem elfogyott; a maradék a supervisorok kérdéseié',
  'stale.maintenance': 'a(z) {{vendor}} karbantartási időszakban van',
  'stale.notAnswering': 'a(z) {{vendor}} nem válaszol',
  'stale.busy': 'a(z) {{vendor}} más kérésekkel van elfoglalva ettől a tokentől',
  'stale.slowDown': 'a(z) {{vendor}} lassításra kérte a botot',
  // Why a daily summary's figures are missing or old
  'summary.problem.notAvailable': 'a napi számok nem érhetők el a(z) {{vendor}} esetében',
  'summary.problem.figuresFrom': '{{time}}-kori számok ({{reason}})',
  'summary.problem.unavailable': 'a szolgáltató nem érhető el',
  'progress.lookingShort': 'Keresés…',
  'progress.formOpened': 'Megnyílt az űrlap: {{title}}',
};
