/**
 * The subset of Adaptive Cards the bot sends: elements every Teams client renders (desktop,
 * web, mobile). `Table` is left out on purpose: older and mobile clients show it badly or not
 * at all, so tables are rows of `ColumnSet`s. A card declares the lowest version whose features
 * it uses (see `cardVersion`), so older clients show it too.
 */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: CardVersion;
  body: CardElement[];
  actions?: Array<SubmitAction | OpenUrlAction>;
  /** Teams-only: use the whole message width, which tables need. */
  msteams?: { width: 'Full' };
}

/** 1.0: text, facts, columns, images; 1.2: coloured containers and button styles; 1.3: input labels and validation. */
export type CardVersion = '1.0' | '1.2' | '1.3';

export type CardElement = TextBlock | FactSet | ColumnSet | Container | Image | InputText;

/** A text input of a form (Adaptive Cards 1.3 labels); its value comes back under its `id` on submit. */
export interface InputText {
  type: 'Input.Text';
  id: string;
  label: string;
  value?: string;
  placeholder?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

/** A picture from a URL Teams fetches itself (chart images served by the bot). */
export interface Image {
  type: 'Image';
  url: string;
  altText?: string;
  size?: 'Auto' | 'Stretch' | 'Small' | 'Medium' | 'Large';
  /** Teams: the picture to show instead in a theme (a chart drawn for a dark background). */
  themedUrls?: Array<{ theme: 'Light' | 'Dark' | 'HighContrast'; url: string }>;
}

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  weight?: 'Default' | 'Bolder' | 'Lighter';
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  color?: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium';
  separator?: boolean;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
}

export interface Column {
  type: 'Column';
  /** A number is a weight: columns share the row's width in proportion, alike in every row. */
  width: 'auto' | 'stretch' | number;
  items: CardElement[];
}

export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: 'None' | 'Small' | 'Default';
  separator?: boolean;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  /** A tinted background (1.2 for good, warning, attention): the tone of a title, readable in every theme. */
  style?: 'default' | 'emphasis' | 'good' | 'warning' | 'attention';
  spacing?: 'None' | 'Small' | 'Default' | 'Medium';
  separator?: boolean;
}

/** What a card button sends back (Action.Submit `data`, or `action.data` of an invoke). */
export interface ChatopsSubmitData {
  chatops: { action: 'run' | 'ack' | 'silence' | 'form'; value: string };
}

/** Opens a page the bot made a link to (a wallboard). */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  style?: 'default' | 'positive' | 'destructive';
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: ChatopsSubmitData;
  style?: 'default' | 'positive' | 'destructive';
}

/** The attachment content type Teams expects for an Adaptive Card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
