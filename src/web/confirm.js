// Every action goes through one confirmation dialog: it says what will happen, takes the
// action's inputs, and stays open with the API's problem if the node refuses.
import { byId, clear, el } from './dom.js';

let pending = null;

function setup() {
  const dialog = byId('confirm');
  byId('confirm-cancel').addEventListener('click', () => dialog.close());
  byId('confirm-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (pending === null) return;
    const ok = byId('confirm-ok');
    const values = Object.fromEntries(new FormData(byId('confirm-form')).entries());
    ok.disabled = true;
    byId('confirm-error').textContent = '';
    try {
      await pending(values);
      dialog.close();
    } catch (error) {
      byId('confirm-error').textContent = error.message;
    } finally {
      ok.disabled = false;
    }
  });
  dialog.addEventListener('close', () => { pending = null; });
}

let ready = false;

/**
 * Opens the dialog: `lines` describe the action, `fields` ({name, label, value, pattern, hint})
 * are its inputs; `run(values)` performs it and throws to keep the dialog open with the error.
 */
export function confirmAction({ title, lines = [], fields = [], okLabel = 'Confirm', danger = false, run }) {
  if (!ready) {
    setup();
    ready = true;
  }
  byId('confirm-title').textContent = title;
  const body = byId('confirm-body');
  clear(body);
  for (const line of lines) body.append(el('p', {}, line));
  for (const field of fields) {
    const id = `field-${field.name}`;
    body.append(el('label', { for: id }, field.label));
    if (field.options !== undefined) {
      body.append(el('select', { id, name: field.name }, field.options.map((o) => el('option', { value: o.value, selected: o.value === field.value }, o.label))));
    } else {
      body.append(el('input', { id, name: field.name, value: field.value ?? '', required: true, pattern: field.pattern, inputmode: field.inputmode, autocomplete: 'off', spellcheck: 'false' }));
    }
    if (field.hint) body.append(el('p', { class: 'muted small' }, field.hint));
  }
  byId('confirm-error').textContent = '';
  const ok = byId('confirm-ok');
  ok.textContent = okLabel;
  ok.classList.toggle('danger', danger);
  pending = run;
  byId('confirm').showModal();
  const first = body.querySelector('input, select');
  if (first) first.focus();
}
