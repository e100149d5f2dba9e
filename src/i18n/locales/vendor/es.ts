import type { Catalog } from '../catalog.js';

/** Spanish (Latin America): vendor failures and why an answer is older than asked for. */
export const esVendor: Catalog = {
  'vendorError.auth': '{{vendor}} no aceptó las credenciales del bot. Pida a su administrador que revise el token de la API en la configuración.',
  'vendorError.quotaSpent': 'La cuota de la API de {{vendor}} para hoy está agotada. Las cifras vuelven después de la medianoche (hora de la operación).',
  'vendorError.tooManyConcurrent': '{{vendor}} está ocupado con otras solicitudes de este token. Intente de nuevo en unos segundos.',
  'vendorError.rateLimited': '{{vendor}} pidió al bot que vaya más despacio. Intente de nuevo en un minuto.',
  'vendorError.badRequest': '{{vendor}} no entendió la solicitud. Es un error del bot; quedó registrado.',
  'vendorError.notFound': '{{vendor}} no tiene ese registro.',
  'vendorError.rangeTooLong': '{{vendor}} acepta como máximo 31 días por consulta.',
  'vendorError.network': 'No se puede contactar a {{vendor}} en este momento. Intente de nuevo en un minuto.',
  'vendorError.timeout': '{{vendor}} tardó demasiado en responder. Intente de nuevo en un minuto.',
  'vendorError.serverError': '{{vendor}} tiene problemas en este momento (error del servidor). Intente de nuevo en un minuto.',
  'vendorError.maintenance': '{{vendor}} está en una ventana de mantenimiento. Intente de nuevo más tarde.',
  'vendorError.unreadable': '{{vendor}} envió una respuesta que el bot no pudo leer. Quedó registrado para el administrador.',
  'vendorError.tooLarge': '{{vendor}} envió una respuesta más grande de lo que el bot acepta. Pruebe con un rango de fechas más corto.',
  'vendorError.quotaSpentNoEarlier':
    'La cuota de la API de {{vendor}} para hoy está agotada y no hay una respuesta anterior para mostrar. Las cifras vuelven después de la medianoche (hora de la operación).',
  'vendorError.notAvailable': 'Esto no está disponible para {{vendor}} (fuente {{source}}).',
  'vendorError.wolkvox.quotaSpent':
    'La cuota de la API de wolkvox de este token está agotada por hoy. Las cifras vuelven después de la medianoche (hora de la operación).',
  'vendorError.wolkvox.tooManyConcurrent': 'wolkvox ya está atendiendo dos solicitudes de este token. Intente de nuevo en unos segundos.',
  'vendorError.wolkvox.auth': 'wolkvox no aceptó el token de la API del bot. Pida a su administrador que revise el token de esta fuente en la configuración.',
  'vendorError.wolkvox.maintenance':
    'wolkvox está rechazando solicitudes sin decir por qué, como hace en las ventanas de mantenimiento. Intente de nuevo más tarde.',
  'vendorError.wolkvox.conversationId':
    'Un id de conversación de wolkvox (conn_id) tiene de 1 a 64 letras, dígitos, "-" o "_". Cópielo del reporte de chats e intente de nuevo.',
  'vendorError.wolkvox.day': 'Un día se escribe AAAA-MM-DD, por ejemplo 2024-05-14.',
  'vendorError.wolkvox.range': 'El rango de fechas está vacío o no se puede leer: su inicio debe ser anterior a su fin.',
  'vendorError.comm100.credentials':
    'Comm100 no aceptó las credenciales del bot. Pida a su administrador que revise la clave de API o el cliente OAuth de esta fuente.',
  'vendorError.comm100.permission':
    'Comm100 rechazó esta solicitud: la cuenta detrás de las credenciales del bot no tiene el permiso. Pida a su administrador que revise los permisos del agente.',
  'vendorError.comm100.rateLimited':
    'Comm100 permite {{calls}} llamadas a la API cada {{minutes}} minutos desde una dirección y pidió al bot que vaya más despacio. Intente de nuevo en un minuto.',
  'vendorError.comm100.grantIncomplete':
    'La fuente Comm100 está configurada para el grant OAuth "{{grant}}" pero le falta {{what}}. Pida a su administrador que complete la configuración.',
  'vendorError.comm100.oauthClient':
    'Comm100 no aceptó el cliente OAuth del bot. Pida a su administrador que revise el client id, el secreto y el grant de esta fuente.',
  'vendorError.comm100.chatId': 'Eso no es un id de chat de Comm100: use el número que aparece en el historial de chats (solo letras, dígitos, "-" y "_").',
  'vendorError.vcclive.ipRange':
    'VCC Live solo admite llamadas a la API desde rangos de IP registrados, así que revise también que la dirección IP de salida de este servidor esté registrada para la cuenta',
  'vendorError.vcclive.credentials':
    'VCC Live no aceptó las credenciales del bot (HTTP 401). Pida a su administrador que revise el nombre de la cuenta y el token de la API en la configuración. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.forbidden':
    'VCC Live rechazó la llamada del bot (HTTP 403). $t(vendorError.vcclive.ipRange), y que el token de la API pueda leer el proyecto {{project}}.',
  'vendorError.vcclive.notFound':
    'VCC Live no reconoce lo que pidió el bot (HTTP 404). Pida a su administrador que revise el nombre de la cuenta y el projectId {{project}} en la configuración.',
  'vendorError.vcclive.rateLimited': 'VCC Live pidió al bot que vaya más despacio (HTTP 429). Intente de nuevo en un minuto.',
  'vendorError.vcclive.serverError': 'VCC Live tiene problemas en este momento (HTTP {{status}}). Intente de nuevo en un minuto.',
  'vendorError.vcclive.refusedAuth':
    'VCC Live rechazó la llamada del bot: "{{said}}". Pida a su administrador que revise el token de la API. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.refusedRate': 'VCC Live pidió al bot que vaya más despacio: "{{said}}". Intente de nuevo en un minuto.',
  'vendorError.vcclive.refusedNotFound': 'VCC Live dijo: "{{said}}". Pida a su administrador que revise la cuenta y el projectId en la configuración.',
  'vendorError.vcclive.refused': 'VCC Live rechazó la solicitud: "{{said}}". Quedó registrado para el administrador.',
  'vendorError.vcclive.chatId': 'Un id de chat de VCC Live es un número entero, como 1234. Revise el id e intente de nuevo.',
  'vendorError.vcclive.date': 'Las fechas se escriben AAAA-MM-DD, como 2023-01-20.',
  'vendorError.demo.conversationId': 'Eso no es un id de conversación: use letras, dígitos, "-" o "_" (los ids de la demo se ven así: {{example}}).',
  'vendorError.demo.date': 'Eso no es una fecha: use AAAA-MM-DD, p. ej. 2024-03-20.',
  'vendorError.demo.range': 'El rango de fechas no es válido: su inicio debe ser anterior a su fin.',
  'vendorError.demo.rangeTooLong': 'La demo responde como máximo {{days}} días por consulta.',
  'stale.quotaSpent': 'cuota de la API de {{vendor}} agotada por hoy',
  'stale.quotaReserve': 'cuota de la API de {{vendor}} casi agotada; lo que queda se reserva para las consultas de los supervisores',
  'stale.maintenance': '{{vendor}} está en una ventana de mantenimiento',
  'stale.notAnswering': '{{vendor}} no responde',
  'stale.busy': '{{vendor}} está ocupado con otras solicitudes de este token',
  'stale.slowDown': '{{vendor}} pidió al bot que vaya más despacio',
  // Why a daily summary's figures are missing or old
  'summary.problem.notAvailable': 'las cifras diarias no están disponibles para {{vendor}}',
  'summary.problem.figuresFrom': 'cifras de las {{time}} ({{reason}})',
  'summary.problem.unavailable': 'proveedor no disponible',
  'progress.lookingShort': 'Buscando…',
  'progress.formOpened': 'Se abrió el formulario: {{title}}',
};
