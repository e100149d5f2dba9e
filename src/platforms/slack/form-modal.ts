import type { ReplyForm } from '../../reply/reply.js';
import { formSubmission } from '../../reply/form.js';
import { localized } from '../../i18n/index.js';

/** The callback id of every form the bot opens; the submission names its command in `private_metadata`. */
export const FORM_CALLBACK_ID = 'chatops:form';

/** Slack's limits on a modal (Block Kit reference). */
const TITLE_MAX = 24;
const LABEL_MAX = 2000;
const HINT_MAX = 2000;
const INITIAL_MAX = 3000;

/**
 * A form as a Slack modal (`views.open`): one plain-text input per field, its current value
 * filled in, plain text only (labels and values are never read as mrkdwn). The command the
 * submission runs travels in `private_metadata`; Cancel is in the reply's language.
 *
 * @example
 *   await client.views.open({ trigger_id, view: formModal(reply.form) });
 */
export function formModal(form: ReplyForm, locale?: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify({ submit: form.submit, fields: form.fields.map((f) => f.name) }),
    title: { type: 'plain_text', text: form.title.slice(0, TITLE_MAX) },
    submit: { type: 'plain_text', text: form.submitLabel.slice(0, TITLE_MAX) },
    close: { type: 'plain_text', text: localized(locale).t('form.cancel').slice(0, TITLE_MAX) },
    blocks: form.fields.map((field) => ({
      type: 'input',
      block_id: field.name,
      optional: field.optional ?? false,
      label: { type: 'plain_text', text: field.label.slice(0, LABEL_MAX) },
      ...(field.hint ? { hint: { type: 'plain_text', text: field.hint.slice(0, HINT_MAX) } } : {}),
      element: { type: 'plain_text_input', action_id: 'value', ...(field.value ? { initial_value: field.value.slice(0, INITIAL_MAX) } : {}) },
    })),
  };
}

/**
 * The command text a modal's submission stands for, or undefined when the view is not one of
 * ours or is malformed (its metadata comes back from Slack as we sent it, signed with the request).
 */
export function submissionText(view: {
  private_metadata?: string;
  state?: { values?: Record<string, Record<string, { value?: string | null }>> };
}): string | undefined {
  let meta: { submit?: unknown; fields?: unknown };
  try {
    meta = JSON.parse(view.private_metadata ?? '') as typeof meta;
  } catch {
    return undefined;
  }
  if (typeof meta.submit !== 'string' || !meta.submit.startsWith('/') || !Array.isArray(meta.fields)) return undefined;
  const names = meta.fields.filter((n): n is string => typeof n === 'string');
  const values: Record<string, string | undefined> = {};
  for (const name of names) values[name] = view.state?.values?.[name]?.value?.value ?? undefined;
  return formSubmission({ submit: meta.submit, fields: names.map((name) => ({ name, label: name })) }, values);
}
