/**
 * The simulated operation: a Latin-American contact center with four queues, a bot called Wolky
 * in front of three of them, and a team of agents on shifts. Figures here are the knobs that
 * shape the day; the simulation reads them and nothing else.
 */

export type DemoChannel = 'webchat' | 'whatsapp' | 'instagram';

export interface QueueDef {
  name: string;
  /** Share of the day's conversations that are about this queue. */
  share: number;
  /** False for queues customers reach directly, without the bot. */
  viaBot: boolean;
  /** Share of this queue's bot conversations the bot settles without an agent. */
  botResolves: number;
  channels: ReadonlyArray<readonly [DemoChannel, number]>;
  /** Median minutes an agent spends on one chat of this queue. */
  handleMedianMinutes: number;
  /** Where the bot hands conversations over; the second is the rarer one. */
  routingPoints: readonly [string, string];
}

/** Index into `QUEUES`: Ventas, Soporte, Cobranza, WhatsApp VIP. */
export type QueueIndex = 0 | 1 | 2 | 3;
export const VIP: QueueIndex = 3;

export const QUEUES: readonly QueueDef[] = [
  {
    name: 'Ventas',
    share: 0.38,
    viaBot: true,
    botResolves: 0.3,
    channels: [
      ['webchat', 0.5],
      ['whatsapp', 0.35],
      ['instagram', 0.15],
    ],
    handleMedianMinutes: 7,
    routingPoints: ['Ventas · Planes hogar', 'Ventas · Portabilidad'],
  },
  {
    name: 'Soporte',
    share: 0.36,
    viaBot: true,
    botResolves: 0.35,
    channels: [
      ['webchat', 0.45],
      ['whatsapp', 0.5],
      ['instagram', 0.05],
    ],
    handleMedianMinutes: 9,
    routingPoints: ['Soporte · Fallas de internet', 'Soporte · Equipos y módem'],
  },
  {
    name: 'Cobranza',
    share: 0.2,
    viaBot: true,
    botResolves: 0.45,
    channels: [
      ['whatsapp', 0.7],
      ['webchat', 0.3],
    ],
    handleMedianMinutes: 5,
    routingPoints: ['Cobranza · Acuerdos de pago', 'Cobranza · Paz y salvo'],
  },
  {
    name: 'WhatsApp VIP',
    share: 0.06,
    viaBot: false,
    botResolves: 0,
    channels: [['whatsapp', 1]],
    handleMedianMinutes: 7,
    routingPoints: ['WhatsApp VIP · Directo', 'WhatsApp VIP · Directo'],
  },
];

export const BOT_NAME = 'Wolky';

/** Seconds a customer may wait before the platform closes the chat as missed. */
export const QUEUE_TIMEOUT_SECONDS = 600;
/** Answered within this many seconds of entering the queue counts as within SLA. */
export const SLA_SECONDS = 60;

/**
 * Hours of the day team per ISO weekday (1 = Monday): [from, to) in local hours. The busy hours
 * fall inside; outside them the night desk answers a quiet trickle.
 */
export const DAY_HOURS: Readonly<Record<number, readonly [number, number]>> = {
  1: [7, 22],
  2: [7, 22],
  3: [7, 22],
  4: [7, 22],
  5: [7, 22],
  6: [8, 18],
  7: [9, 17],
};

/** Conversations per minute at the top of the busy hour, per ISO weekday. */
export const PEAK_RATE_PER_MINUTE: Readonly<Record<number, number>> = {
  1: 4.8,
  2: 4.7,
  3: 4.6,
  4: 4.6,
  5: 4.7,
  6: 2.1,
  7: 1.5,
};

/** Conversations per minute outside the day team's hours (the night desk answers them). */
export const NIGHT_RATE_PER_MINUTE = 0.35;

export const AGENT_NAMES: readonly string[] = [
  'Andrés Gómez',
  'Camila Rodríguez',
  'Juan Pablo Restrepo',
  'Valentina Ospina',
  'Santiago Herrera',
  'Daniela Castaño',
  'Carlos Mejía',
  'Laura Jiménez',
  'Felipe Cárdenas',
  'María José Vargas',
  'Sebastián Ruiz',
  'Natalia Londoño',
  'Diego Patiño',
  'Paula Andrea Ríos',
  'Julián Torres',
  'Isabella Moreno',
  'Mateo Salazar',
  'Alejandra Quintero',
  'Ricardo Peña',
  'Sofía Arango',
  'Tomás Echeverri',
  'Carolina Duque',
  'Kevin Martínez',
  'Gabriela Montoya',
];

export const CUSTOMER_FIRST_NAMES: readonly string[] = [
  'María',
  'José',
  'Luisa',
  'Jorge',
  'Ana',
  'Luis',
  'Marcela',
  'Óscar',
  'Diana',
  'Héctor',
  'Lucía',
  'Fernando',
  'Catalina',
  'Miguel',
  'Adriana',
  'Pedro',
  'Juliana',
  'Rafael',
  'Sara',
  'Esteban',
  'Verónica',
  'Hernán',
  'Manuela',
  'Álvaro',
  'Tatiana',
  'Gustavo',
  'Lina',
  'Iván',
  'Mónica',
  'Samuel',
  'Ximena',
  'Wilson',
  'Yolanda',
  'Emily',
  'Daniel',
  'Mariana',
  'Nicolás',
  'Andrea',
  'Cristian',
  'Liliana',
];

export const CUSTOMER_LAST_NAMES: readonly string[] = [
  'García',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Sánchez',
  'Ramírez',
  'Torres',
  'Flores',
  'Rivera',
  'Gutiérrez',
  'Castro',
  'Ortiz',
  'Rojas',
  'Vargas',
  'Morales',
  'Ramos',
  'Suárez',
  'Cifuentes',
  'Zapata',
  'Agudelo',
  'Betancur',
  'Giraldo',
  'Henao',
  'Valencia',
  'Cortés',
  'Acosta',
  'Bermúdez',
  'Muñoz',
  'Guerrero',
];

/** Mobile number formats by country: country code, national prefix, digits after it. */
export const PHONE_PLANS: ReadonlyArray<{ weight: number; code: string; prefix: readonly string[]; digits: number }> = [
  { weight: 0.72, code: '57', prefix: ['300', '301', '304', '310', '311', '312', '313', '315', '316', '317', '318', '320', '321', '350'], digits: 7 },
  { weight: 0.1, code: '52', prefix: ['55', '33', '81'], digits: 8 },
  { weight: 0.1, code: '51', prefix: ['9'], digits: 8 },
  { weight: 0.08, code: '56', prefix: ['9'], digits: 8 },
];

/** Labels of agent states as the demo platform words them. */
export const STATE_LABELS = {
  available: 'Disponible',
  busy: 'Ocupado',
  breakPending: 'Pausa solicitada',
  loggingOut: 'Finalizando turno',
  offline: 'Desconectado',
} as const;

/** Kinds of break with their label and duration range in minutes. */
export const BREAKS: ReadonlyArray<{ label: string; minMinutes: number; maxMinutes: number }> = [
  { label: 'Almuerzo', minMinutes: 40, maxMinutes: 60 },
  { label: 'Pausa activa', minMinutes: 8, maxMinutes: 15 },
  { label: 'Capacitación', minMinutes: 20, maxMinutes: 30 },
  { label: 'Baño', minMinutes: 3, maxMinutes: 7 },
];
