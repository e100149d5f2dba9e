import type { Catalog } from '../catalog.js';

/** Portuguese (Brazil): vendor failures and why an answer is older than asked for. */
export const ptBRVendor: Catalog = {
  'vendorError.auth': '{{vendor}} não aceitou as credenciais do bot. Peça ao seu administrador para verificar o token da API na configuração.',
  'vendorError.quotaSpent': 'A cota da API do {{vendor}} para hoje acabou. Os números voltam depois da meia-noite (horário da operação).',
  'vendorError.tooManyConcurrent': '{{vendor}} está ocupado com outras solicitações deste token. Tente de novo em alguns segundos.',
  'vendorError.rateLimited': '{{vendor}} pediu ao bot para ir mais devagar. Tente de novo em um minuto.',
  'vendorError.badRequest': '{{vendor}} não entendeu a solicitação. É um erro do bot; foi registrado.',
  'vendorError.notFound': '{{vendor}} não tem esse registro.',
  'vendorError.rangeTooLong': '{{vendor}} aceita no máximo 31 dias por consulta.',
  'vendorError.network': 'Não é possível contatar o {{vendor}} agora. Tente de novo em um minuto.',
  'vendorError.timeout': '{{vendor}} demorou demais para responder. Tente de novo em um minuto.',
  'vendorError.serverError': '{{vendor}} está com problemas agora (erro no servidor). Tente de novo em um minuto.',
  'vendorError.maintenance': '{{vendor}} está em janela de manutenção. Tente de novo mais tarde.',
  'vendorError.unreadable': '{{vendor}} enviou uma resposta que o bot não conseguiu ler. Foi registrado para o administrador.',
  'vendorError.tooLarge': '{{vendor}} enviou uma resposta maior do que o bot aceita. Tente um período menor.',
  'vendorError.quotaSpentNoEarlier':
    'A cota da API do {{vendor}} para hoje acabou e não há uma resposta anterior para mostrar. Os números voltam depois da meia-noite (horário da operação).',
  'vendorError.notAvailable': 'Isto não está disponível para {{vendor}} (fonte {{source}}).',
  'vendorError.wolkvox.quotaSpent': 'A cota da API do wolkvox deste token acabou por hoje. Os números voltam depois da meia-noite (horário da operação).',
  'vendorError.wolkvox.tooManyConcurrent': 'O wolkvox já está atendendo duas solicitações deste token. Tente de novo em alguns segundos.',
  'vendorError.wolkvox.auth': 'O wolkvox não aceitou o token da API do bot. Peça ao seu administrador para verificar o token desta fonte na configuração.',
  'vendorError.wolkvox.maintenance': 'O wolkvox está recusando solicitações sem dizer por quê, como faz nas janelas de manutenção. Tente de novo mais tarde.',
  'vendorError.wolkvox.conversationId':
    'Um id de conversa do wolkvox (conn_id) tem de 1 a 64 letras, dígitos, "-" ou "_". Copie-o do relatório de chats e tente de novo.',
  'vendorError.wolkvox.day': 'Um dia se escreve AAAA-MM-DD, por exemplo 2024-05-14.',
  'vendorError.wolkvox.range': 'O período está vazio ou ilegível: o início deve vir antes do fim.',
  'vendorError.comm100.credentials':
    'O Comm100 não aceitou as credenciais do bot. Peça ao seu administrador para verificar a chave de API ou o cliente OAuth desta fonte.',
  'vendorError.comm100.permission':
    'O Comm100 recusou esta solicitação: a conta por trás das credenciais do bot não tem a permissão. Peça ao seu administrador para verificar as permissões do agente.',
  'vendorError.comm100.rateLimited':
    'O Comm100 permite {{calls}} chamadas à API a cada {{minutes}} minutos de um mesmo endereço e pediu ao bot para ir mais devagar. Tente de novo em um minuto.',
  'vendorError.comm100.grantIncomplete':
    'A fonte Comm100 está configurada para o grant OAuth "{{grant}}", mas falta {{what}}. Peça ao seu administrador para completar a configuração.',
  'vendorError.comm100.oauthClient':
    'O Comm100 não aceitou o cliente OAuth do bot. Peça ao seu administrador para verificar o client id, o segredo e o grant desta fonte.',
  'vendorError.comm100.chatId': 'Isso não é um id de chat do Comm100: use o número mostrado no histórico de chats (só letras, dígitos, "-" e "_").',
  'vendorError.vcclive.ipRange':
    'O VCC Live só aceita chamadas à API de faixas de IP registradas, então verifique também se o endereço IP de saída deste servidor está registrado para a conta',
  'vendorError.vcclive.credentials':
    'O VCC Live não aceitou as credenciais do bot (HTTP 401). Peça ao seu administrador para verificar o nome da conta e o token da API na configuração. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.forbidden':
    'O VCC Live recusou a chamada do bot (HTTP 403). $t(vendorError.vcclive.ipRange), e se o token da API pode ler o projeto {{project}}.',
  'vendorError.vcclive.notFound':
    'O VCC Live não reconhece o que o bot pediu (HTTP 404). Peça ao seu administrador para verificar o nome da conta e o projectId {{project}} na configuração.',
  'vendorError.vcclive.rateLimited': 'O VCC Live pediu ao bot para ir mais devagar (HTTP 429). Tente de novo em um minuto.',
  'vendorError.vcclive.serverError': 'O VCC Live está com problemas agora (HTTP {{status}}). Tente de novo em um minuto.',
  'vendorError.vcclive.refusedAuth':
    'O VCC Live recusou a chamada do bot: "{{said}}". Peça ao seu administrador para verificar o token da API. $t(vendorError.vcclive.ipRange).',
  'vendorError.vcclive.refusedRate': 'O VCC Live pediu ao bot para ir mais devagar: "{{said}}". Tente de novo em um minuto.',
  'vendorError.vcclive.refusedNotFound': 'O VCC Live disse: "{{said}}". Peça ao seu administrador para verificar a conta e o projectId na configuração.',
  'vendorError.vcclive.refused': 'O VCC Live recusou a solicitação: "{{said}}". Foi registrado para o administrador.',
  'vendorError.vcclive.chatId': 'Um id de chat do VCC Live é um número inteiro, como 1234. Verifique o id e tente de novo.',
  'vendorError.vcclive.date': 'As datas se escrevem AAAA-MM-DD, como 2023-01-20.',
  'vendorError.demo.conversationId': 'Isso não é um id de conversa: use letras, dígitos, "-" ou "_" (os ids da demo são assim: {{example}}).',
  'vendorError.demo.date': 'Isso não é uma data: use AAAA-MM-DD, p. ex. 2024-03-20.',
  'vendorError.demo.range': 'O período não é válido: o início deve vir antes do fim.',
  'vendorError.demo.rangeTooLong': 'A demo responde no máximo {{days}} dias por pergunta.',
  'stale.quotaSpent': 'cota da API do {{vendor}} esgotada por hoje',
  'stale.quotaReserve': 'cota da API do {{vendor}} quase esgotada; o restante fica para as perguntas dos supervisores',
  'stale.maintenance': '{{vendor}} está em janela de manutenção',
  'stale.notAnswering': '{{vendor}} não está respondendo',
  'stale.busy': '{{vendor}} está ocupado com outras solicitações deste token',
  'stale.slowDown': '{{vendor}} pediu ao bot para ir mais devagar',
  // Why a daily summary's figures are missing or old
  'summary.problem.notAvailable': 'os números diários não estão disponíveis para {{vendor}}',
  'summary.problem.figuresFrom': 'números das {{time}} ({{reason}})',
  'summary.problem.unavailable': 'fornecedor indisponível',
  'progress.lookingShort': 'Buscando…',
  'progress.formOpened': 'Formulário aberto: {{title}}',
};
