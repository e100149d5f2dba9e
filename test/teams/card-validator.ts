/**
 * Checks a card against what Teams renders: the lowest Adaptive Cards version its features need
 * (1.0; 1.2 with tinted containers or button styles; 1.3 with input labels), only TextBlock, FactSet,
 * ColumnSet/Column, Container, Image, Input.Text (forms) and Action.Submit, the properties each requires, no unknown
 * properties (a typo would be silently ignored by Teams), and the 28 KB message limit.
 * Returns the problems found; empty means valid.
 */
export const TEAMS_LIMIT_BYTES = 28 * 1024;

const ALLOWED: Record<string, { required: string[]; optional: string[] }> = {
  TextBlock: {
    required: ['text'],
    optional: ['wrap', 'weight', 'size', 'color', 'isSubtle', 'spacing', 'separator', 'fontType', 'horizontalAlignment', 'maxLines'],
  },
  FactSet: { required: ['facts'], optional: ['spacing', 'separator'] },
  ColumnSet: { required: ['columns'], optional: ['spacing', 'separator'] },
  Column: { required: ['items'], optional: ['width', 'spacing', 'separator', 'verticalContentAlignment'] },
  Container: { required: ['items'], optional: ['spacing', 'separator', 'style'] },
  Image: { required: ['url'], optional: ['altText', 'size', 'spacing', 'separator', 'themedUrls'] },
  'Action.Submit': { required: ['title', 'data'], optional: ['style'] },
  'Input.Text': { required: ['id', 'label'], optional: ['value', 'placeholder', 'isRequired', 'errorMessage', 'spacing', 'separator'] },
};
const ENUMS: Record<string, string[]> = {
  weight: ['Default', 'Bolder', 'Lighter'],
  size: ['Small', 'Default', 'Medium', 'Large', 'ExtraLarge'],
  color: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'],
  spacing: ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'],
};

export function validateTeamsCard(card: any): string[] {
  const problems: string[] = [];
  if (card?.type !== 'AdaptiveCard') problems.push(`type is ${card?.type}, expected AdaptiveCard`);
  const needed = neededVersion(card);
  if (card?.version !== needed) problems.push(`version is ${card?.version}, expected "${needed}", the lowest its features need`);
  if (card?.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('$schema missing or wrong');
  for (const key of Object.keys(card ?? {})) {
    if (!['type', 'version', '$schema', 'body', 'actions', 'msteams'].includes(key)) problems.push(`unknown card property ${key}`);
  }
  if (!Array.isArray(card?.body) || card.body.length === 0) problems.push('body must be a non-empty array');
  else card.body.forEach((el: any, i: number) => checkElement(el, `body[${i}]`, problems));
  if (card?.actions !== undefined) {
    if (!Array.isArray(card.actions)) problems.push('actions must be an array');
    else card.actions.forEach((a: any, i: number) => checkAction(a, `actions[${i}]`, problems));
  }
  const size = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (size >= TEAMS_LIMIT_BYTES) problems.push(`card is ${size} bytes, Teams' limit is ${TEAMS_LIMIT_BYTES}`);
  return problems;
}

/** The lowest version with every feature the card uses, worked out apart from the renderer's own. */
function neededVersion(card: any): string {
  const json = JSON.stringify(card ?? {});
  if (json.includes('"type":"Input.Text"')) return '1.3';
  if (/"style":"(good|warning|attention|accent|positive|destructive)"/.test(json)) return '1.2';
  return '1.0';
}

function checkProperties(el: any, path: string, problems: string[]): boolean {
  const spec = ALLOWED[el?.type];
  if (!spec) {
    problems.push(`${path}: element type ${el?.type} is not one Teams renders reliably`);
    return false;
  }
  for (const key of spec.required) if (el[key] === undefined) problems.push(`${path}: ${el.type}.${key} is required`);
  for (const key of Object.keys(el)) {
    if (key !== 'type' && !spec.required.includes(key) && !spec.optional.includes(key)) problems.push(`${path}: unknown property ${el.type}.${key}`);
    const allowed = ENUMS[key];
    if (allowed && el.type !== 'Action.Submit' && el.type !== 'Image' && !allowed.includes(el[key])) problems.push(`${path}: ${key}="${el[key]}" is not valid`);
  }
  if (el.type === 'Column' && el.width !== undefined && !['auto', 'stretch'].includes(el.width) && !(typeof el.width === 'number' && el.width > 0))
    problems.push(`${path}: Column.width="${el.width}" is not valid`);
  if (el.type === 'Container' && el.style !== undefined && !['default', 'emphasis', 'good', 'warning', 'attention', 'accent'].includes(el.style))
    problems.push(`${path}: Container.style="${el.style}" is not valid`);
  return true;
}

function checkElement(el: any, path: string, problems: string[]): void {
  if (el?.type === 'Column') problems.push(`${path}: Column outside a ColumnSet`);
  if (!checkProperties(el, path, problems)) return;
  switch (el.type) {
    case 'TextBlock':
      if (typeof el.text !== 'string' || el.text.trim() === '') problems.push(`${path}: TextBlock.text must be a non-empty string`);
      break;
    case 'FactSet':
      if (!Array.isArray(el.facts) || el.facts.length === 0) problems.push(`${path}: FactSet.facts must be a non-empty array`);
      else
        el.facts.forEach((f: any, i: number) => {
          if (typeof f?.title !== 'string' || typeof f?.value !== 'string' || f.value === '')
            problems.push(`${path}.facts[${i}]: title and value must be strings`);
          for (const key of Object.keys(f ?? {})) if (key !== 'title' && key !== 'value') problems.push(`${path}.facts[${i}]: unknown property ${key}`);
        });
      break;
    case 'ColumnSet':
      if (!Array.isArray(el.columns) || el.columns.length === 0) problems.push(`${path}: ColumnSet.columns must be a non-empty array`);
      else
        el.columns.forEach((c: any, i: number) => {
          if (c?.type !== 'Column') problems.push(`${path}.columns[${i}]: must be a Column`);
          else if (checkProperties(c, `${path}.columns[${i}]`, problems)) checkItems(c.items, `${path}.columns[${i}]`, problems);
        });
      break;
    case 'Container':
      checkItems(el.items, path, problems);
      break;
    case 'Image':
      if (typeof el.url !== 'string' || !/^https?:\/\//.test(el.url)) problems.push(`${path}: Image.url must be an http(s) URL`);
      if (el.size !== undefined && !['Auto', 'Stretch', 'Small', 'Medium', 'Large'].includes(el.size))
        problems.push(`${path}: Image.size="${el.size}" is not valid`);
      break;
  }
}

function checkItems(items: any, path: string, problems: string[]): void {
  if (!Array.isArray(items) || items.length === 0) problems.push(`${path}: items must be a non-empty array`);
  else items.forEach((child: any, i: number) => checkElement(child, `${path}.items[${i}]`, problems));
}

function checkAction(action: any, path: string, problems: string[]): void {
  if (!checkProperties(action, path, problems)) return;
  if (typeof action.title !== 'string' || action.title === '') problems.push(`${path}: Action.Submit.title must be a non-empty string`);
  if (typeof action.data !== 'object' || action.data === null) problems.push(`${path}: Action.Submit.data must be an object`);
  if (action.style !== undefined && !['default', 'positive', 'destructive'].includes(action.style))
    problems.push(`${path}: style "${action.style}" is not valid`);
}

/** Every text on the card, in order, for assertions on what a user reads. */
export function cardTexts(card: any): string[] {
  const out: string[] = [];
  const walk = (el: any) => {
    if (!el || typeof el !== 'object') return;
    if (el.type === 'TextBlock') out.push(el.text);
    if (el.type === 'FactSet') for (const f of el.facts) out.push(`${f.title}: ${f.value}`);
    for (const child of [...(el.body ?? []), ...(el.items ?? []), ...(el.columns ?? [])]) walk(child);
  };
  walk(card);
  return out;
}

/** The texts as a reader sees them: without the invisible word joiners that keep ids and compounds whole. */
export function readTexts(card: any): string[] {
  return cardTexts(card).map((t) => t.replace(/\u2060/g, ''));
}
