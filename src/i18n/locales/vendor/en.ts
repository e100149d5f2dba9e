/**
 * English: what a supervisor reads when a vendor fails (the sentence under an error's title) and
 * why an answer is older than asked for. Vendor names and the vendor's own words are values.
 */
export const enVendor = {
  // The default sentence per reason; adapters say more where they know more
  'vendorError.auth': "{{vendor}} did not accept the bot's credentials. Ask your administrator to check the API token in the configuration.",
  'vendorError.quotaSpent': 'The {{vendor}} API quota for today is spent. Figures will be back after midnight (operation time).',
  'vendorError.tooManyConcurrent': '{{vendor}} is busy with other requests from this token. Try again in a few seconds.',
  'vendorError.rateLimited': '{{vendor}} asked the bot to slow down. Try again in a minute.',
  'vendorError.badRequest': '{{vendor}} did not understand the request. This is a bug in the bot; it has been logged.',
  'vendorError.notFound': '{{vendor}} has no such record.',
  'vendorError.rangeTooLong': '{{vendor}} accepts at most 31 days per query.',
  'vendorError.network': '{{vendor}} cannot be reached right now. Try again in a minute.',
  'vendorError.timeout': '{{vendor}} took too long to answer. Try again in a minute.',
  'vendorError.serverError': '{{vendor}} is having trouble right now (server error). Try again in a minute.',
  'vendorError.maintenance': '{{vendor}} is in a maintenance window. Try again later.',
  'vendorError.unreadable': '{{vendor}} sent an answer the bot could not read. It has been logged for the administrator.',
  'vendorError.tooLarge': '{{vendor}} sent an answer larger than the bot accepts. Try a shorter date range.',
  'vendorError.quotaSpentNoEarlier':
    'The {{vendor}} API quota for today is spent, and there is no earlier answer to show. Figures will be back after midnight (operation time).',
  'vendorError.notAvailable': 'This is not available for {{vendor}} (source {{source}}).',
  // wolkvox
  'vendorError.wolkvox.quotaSpent': 'The wolkvox API quota of this token is spent for today. Figures will be back after midnight (operation time).',
  'vendorError.wolkvox.tooManyConcurrent': 'wolkvox is already answering two requests for this token. Try again in a few seconds.',
  'vendorError.wolkvox.auth': "wolkvox did not accept the bot's API token. Ask your administrator to check the token of this source in the configuration.",
  'vendorError.wolkvox.maintenance': 'wolkvox is refusing requests without saying why, which it does during maintenance windows. Try again later.',
  'vendorError.wolkvox.conversationId':
    'A wolkvox conversation id (conn_id) is 1 to 64 letters, digits, "-" or "_". Copy it from the chat report and try again.',
  'vendorError.wolkvox.day': 'A day is written YYYY-MM-DD, for example 2024-05-14.',
  'vendorError.wolkvox.range': 'The date range is empty or unreadable: its start must come before its end.',
  // Comm100
  'vendorError.comm100.credentials':
    "Comm100 did not accept the bot's credentials. Ask your administrator to check the API key or OAuth client of this source.",
  'vendorError.comm100.permission':
    "Comm100 refused this request: the account behind the bot's credentials lacks the permission for it. Ask your administrator to check the agent's permissions.",
  'vendorError.comm100.rateLimited':
    'Comm100 allows {{calls}} API calls per {{minutes}} minutes from one address and asked the bot to slow down. Try again in a minute.',
  'vendorError.comm100.grantIncomplete':
    'The Comm100 source is set up for the OAuth "{{grant}}" grant but lacks {{what}}. Ask your administrator to complete the configuration.',
  'vendorError.comm100.oauthClient':
    "Comm100 did not accept the bot's OAuth client. Ask your administrator to check the client id, secret and grant of this source.",
  'vendorError.comm100.chatId': 'That is not a Comm100 chat id: use the number shown in the chat history (letters, digits, "-" and "_" only).',
  // VCC Live
  'vendorError.vcclive.ipRange':
    "VCC Live only admits API calls from IP ranges registered with it, so also check that this server's outgoing IP address is registered for the account",
  'vendorError.vcclive.credentials':
    "VCC Live did not accept the bot's credentials (HTTP 401). Ask your administrator to check the account name and API token in the configuration. $t(vendorError.vcclive.ipRange).",
  'vendorError.vcclive.forbidden':
    "VCC Live refused the bot's call (HTTP 403). $t(vendorError.vcclive.ipRange), and that the API token may read project {{project}}.",
  'vendorError.vcclive.notFound':
    'VCC Live does not know what the bot asked for (HTTP 404). Ask your administrator to check the account name and projectId {{project}} in the configuration.',
  'vendorError.vcclive.rateLimited': 'VCC Live asked the bot to slow down (HTTP 429). Try again in a minute.',
  'vendorError.vcclive.serverError': 'VCC Live is having trouble right now (HTTP {{status}}). Try again in a minute.',
  'vendorError.vcclive.refusedAuth':
    'VCC Live refused the bot\'s call: "{{said}}". Ask your administrator to check the API token. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.refusedRate': 'VCC Live asked the bot to slow down: "{{said}}". Try again in a minute.',
  'vendorError.vcclive.refusedNotFound': 'VCC Live said: "{{said}}". Ask your administrator to check the account and projectId in the configuration.',
  'vendorError.vcclive.refused': 'VCC Live refused the request: "{{said}}". It has been logged for the administrator.',
  'vendorError.vcclive.chatId': 'A VCC Live chat id is a whole number, such as 1234. Check the id and try again.',
  'vendorError.vcclive.date': 'Dates are written YYYY-MM-DD, such as 2023-01-20.',
  // The demo
  'vendorError.demo.conversationId': 'That is not a conversation id: use letters, digits, "-" or "_" (demo ids look like {{example}}).',
  'vendorError.demo.date': 'That is not a date: use YYYY-MM-DD, e.g. 2024-03-20.',
  'vendorError.demo.range': 'The date range is not valid: it needs a start before its end.',
  'vendorError.demo.rangeTooLong': 'The demo answers at most {{days}} days per question.',

  // Why an answer is older than asked for (after "Data may be out of date:")
  'stale.quotaSpent': '{{vendor}} API quota spent for today',
  'stale.quotaReserve': "{{vendor}} API quota nearly spent; the rest is kept for supervisors' questions",
  'stale.maintenance': '{{vendor}} is in a maintenance window',
  'stale.notAnswering': '{{vendor}} is not answering',
  'stale.busy': '{{vendor}} is busy with other requests from this token',
  'stale.slowDown': '{{vendor}} asked the bot to slow down',

  // Slack's first answer while the bot works
  // Why a daily summary's figures are missing or old
  'summary.problem.notAvailable': 'daily figures are not available for {{vendor}}',
  'summary.problem.figuresFrom': 'figures from {{time}} ({{reason}})',
  'summary.problem.unavailable': 'vendor unavailable',
  'progress.lookingShort': 'Looking…',
  'progress.formOpened': 'Opened the form: {{title}}',
} as const;
