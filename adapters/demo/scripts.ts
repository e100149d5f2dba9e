/**
 * What people say in the simulated chats, per queue. Placeholders: {first} (customer's first
 * name), {agent} (agent's first name), {phone} (customer's phone), {amount}, {ref}.
 */

/** One line of a dialogue; an attachment name makes the line carry that file. */
export type Turn = readonly ['customer' | 'agent', string, string?];

/** A conversation's storyline: how the customer opens, and what follows with the agent. */
export interface Dialogue {
  openers: readonly string[];
  turns: readonly Turn[];
}

export interface QueueScript {
  /** What the bot asks before handing over, and the customer's answer. */
  botQuestion: string;
  botAnswer: readonly string[];
  /** Conversations the bot settles alone: the customer's opener and the bot's answer. */
  botOnly: { openers: readonly string[]; answers: readonly string[] };
  /** Storylines with an agent: one is picked per conversation. */
  dialogues: readonly Dialogue[];
}

export const BOT_MENU =
  '¡Hola {first}! Soy Wolky 🤖, el asistente virtual de Conecta. ¿En qué te puedo ayudar?\n1. Planes y compras\n2. Soporte técnico\n3. Pagos y cobranza';

export const BOT_HANDOFF = 'Gracias, {first}. Te comunico con un asesor de {queue} 👩‍💻. Por favor no cierres el chat.';
export const CUSTOMER_THANKS = ['Listo, muchas gracias', 'Perfecto, gracias', 'Ok, gracias 👍', 'Gracias!'];
export const CUSTOMER_STILL_THERE = ['¿Hola? ¿Hay alguien?', '¿Me van a atender?', 'Sigo esperando...', '??'];
export const AGENT_GREETING = 'Hola {first}, mi nombre es {agent} 😊. Con gusto te ayudo, ya reviso tu caso.';
export const AGENT_ANYTHING_ELSE = '¿Hay algo más en lo que te pueda ayudar?';
export const CUSTOMER_NOTHING_ELSE = ['No, eso es todo. ¡Gracias!', 'No señor, muy amable', 'Nada más, gracias 🙏'];
export const AGENT_GOODBYE = 'Gracias por escribirnos, {first}. ¡Que tengas un excelente día!';

export const SCRIPTS: readonly QueueScript[] = [
  {
    botQuestion: 'Perfecto. Para darte la mejor oferta, ¿en qué ciudad necesitas el servicio?',
    botAnswer: ['Medellín', 'Bogotá', 'En Cali', 'Barranquilla', 'Bucaramanga'],
    botOnly: {
      openers: ['¿Qué planes tienen?', 'Buenas, ¿cuáles son los precios de internet?'],
      answers: ['Estos son nuestros planes vigentes 👉 https://conecta.demo.example/planes. Si quieres contratar, escribe "asesor".'],
    },
    dialogues: [
      {
        openers: [
          'Hola, quisiera información de los planes de internet para el hogar',
          'Buenas tardes, ¿qué promociones tienen este mes?',
          'Quiero contratar fibra óptica, ¿tienen cobertura en mi barrio?',
        ],
        turns: [
          ['agent', '¿Me confirmas la dirección exacta para validar la cobertura?'],
          ['customer', 'Calle 45 # 70-12, barrio Laureles'],
          ['agent', '¡Tenemos cobertura! 🎉 El plan de 500 Mbps está en promoción: $89.900 al mes durante 6 meses.'],
          ['customer', '¿Y la instalación tiene costo?'],
          ['agent', 'Si contratas hoy la instalación es gratis. Te envío la cotización.', 'cotizacion-plan-hogar.pdf'],
          ['customer', 'Buenísimo. Pueden llamarme al {phone} para agendar la instalación'],
          ['agent', 'Listo, quedó agendada la llamada de confirmación para mañana en la mañana.'],
        ],
      },
      {
        openers: ['Hola! Me quiero pasar a Conecta con mi número', 'Buenas, ¿cómo hago la portabilidad de mi línea?'],
        turns: [
          ['agent', '¿Con qué operador estás actualmente y cuánto pagas?'],
          ['customer', 'Estoy con otro operador, pago como 70 mil por 20 gigas'],
          ['agent', 'Con la portabilidad te damos 40 GB y minutos ilimitados por $55.900, y conservas tu número.'],
          ['customer', 'Me interesa, ¿qué necesito?'],
          ['agent', 'Solo una foto de tu documento por ambos lados y el código NIP que te llega por SMS.'],
          ['customer', 'Ahí va el documento', 'documento-identidad.jpg'],
          ['agent', 'Recibido ✅. La portabilidad queda lista en 24 a 48 horas.'],
        ],
      },
    ],
  },
  {
    botQuestion: '¿Ya intentaste reiniciar el módem desconectándolo 30 segundos?',
    botAnswer: ['Sí, y nada', 'Ya lo hice dos veces', 'Sí señor, sigue igual'],
    botOnly: {
      openers: ['No tengo internet desde esta mañana', 'Hola, ¿hay alguna falla en mi sector?'],
      answers: ['Detectamos un mantenimiento programado en tu zona (caso {ref}). El servicio se restablece solo en menos de 2 horas 🙏'],
    },
    dialogues: [
      {
        openers: ['No tengo internet desde esta mañana', 'El módem tiene una luz roja parpadeando', 'Hola, no me funciona la televisión'],
        turns: [
          ['agent', '¿Me puedes enviar una foto de las luces del módem?'],
          ['customer', 'Claro, esta es', 'foto-modem.jpg'],
          ['agent', 'Gracias. Veo que la luz LOS está en rojo: hay un problema en la fibra que llega a tu casa.'],
          ['customer', '¿Y eso cuánto demora? Trabajo desde la casa'],
          ['agent', 'Te agendé una visita técnica prioritaria para hoy entre 2:00 y 5:00 p. m. Radicado {ref}.'],
          ['customer', 'Ok, ¿el técnico me llama antes?'],
          ['agent', 'Sí, te llama 30 minutos antes de llegar.'],
        ],
      },
      {
        openers: ['Buenas, el internet está muy lento hace dos días', 'El wifi se cae a cada rato'],
        turns: [
          ['agent', 'Voy a reiniciar tu equipo desde aquí, dame un momento por favor.'],
          ['customer', 'Bueno'],
          ['agent', 'Listo, ya hice el reinicio remoto y actualicé el firmware. ¿Me ayudas con una prueba de velocidad?'],
          ['customer', 'Me sale esto', 'prueba-velocidad.png'],
          ['agent', '¡Perfecto! Ya estás navegando a 480 Mbps, que es lo contratado.'],
        ],
      },
    ],
  },
  {
    botQuestion: '¿Me confirmas tu nombre completo, por favor?',
    botAnswer: ['{first} {last}', 'Soy {first} {last}'],
    botOnly: {
      openers: ['Hola, quiero saber cuánto debo', 'Necesito el link de pago'],
      answers: ['Tu saldo pendiente es de ${amount}. Puedes pagarlo aquí 👉 https://pagos.demo.example/{ref}'],
    },
    dialogues: [
      {
        openers: ['Me llegó un mensaje de cobro pero yo ya pagué', 'Buenas, pagué ayer y me sigue apareciendo la deuda'],
        turns: [
          ['agent', 'Veo un saldo de ${amount} con la factura de este mes. ¿Realizaste algún pago?'],
          ['customer', 'Sí, pagué el viernes, acá está el comprobante', 'comprobante-pago.jpg'],
          ['agent', 'Gracias. El pago aún no se refleja porque los bancos tardan hasta 48 horas. Ya lo dejé registrado.'],
          ['customer', '¿Me van a cortar el servicio?'],
          ['agent', 'No, con el comprobante registrado la suspensión queda bloqueada.'],
        ],
      },
      {
        openers: ['Necesito un acuerdo de pago', 'Hola, no alcanzo a pagar todo este mes, ¿me pueden dar plazo?'],
        turns: [
          ['agent', 'Claro. Puedo ofrecerte un acuerdo en 3 cuotas de ${amount} sin intereses.'],
          ['customer', 'Me sirve, ¿cuándo sería la primera?'],
          ['agent', 'La primera el 15 de este mes. Te envío el acuerdo firmado.', 'acuerdo-de-pago.pdf'],
          ['customer', 'Recibido, gracias'],
        ],
      },
    ],
  },
  {
    botQuestion: '',
    botAnswer: [],
    botOnly: { openers: [], answers: [] },
    dialogues: [
      {
        openers: ['Hola, necesito ayuda con la factura empresarial', 'Buenos días, la factura de este mes salió con el NIT equivocado'],
        turns: [
          ['agent', 'Con gusto. ¿Me confirmas el NIT de la empresa?'],
          ['customer', '900.123.456-7'],
          ['agent', 'Gracias. Ya generé la factura corregida con los datos actualizados.', 'factura-corregida.pdf'],
          ['customer', 'Perfecto, muy amable'],
        ],
      },
      {
        openers: ['Buenos días, quiero agregar 5 líneas al plan corporativo', 'Hola, soy cliente preferencial y necesito más líneas'],
        turns: [
          ['agent', 'Claro que sí. ¿Las líneas nuevas serían con equipo o solo SIM?'],
          ['customer', 'Solo SIM, los equipos ya los tenemos'],
          ['agent', 'Listo. Quedan activas hoy antes de las 6:00 p. m. Te comparto el resumen.', 'resumen-lineas.pdf'],
          ['customer', 'Excelente servicio, como siempre'],
        ],
      },
    ],
  },
];
