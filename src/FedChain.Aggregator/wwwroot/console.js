// Shared helpers of the console's pages: the JSON API, DOM building, formatting.

/** GETs an API path; resolves { ok, status, body } and never throws for an HTTP error (the pages show it). */
export async function api(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body };
  } catch (e) {
    return { ok: false, status: 0, body: { error: `the aggregator did not answer ${path}: ${e.message}` } };
  }
}

/** Creates an element with attributes and children (strings become text nodes, so no markup is ever injected). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of the element with id <paramref name="id"/>. */
export function fill(id, ...children) {
  const target = document.getElementById(id);
  target.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
  return target;
}

/** Shows an error in the page's #error box (or hides it with null). */
export function showError(message) {
  const box = document.getElementById('error');
  box.hidden = message === null;
  box.textContent = message ?? '';
}

/** A hash shortened for tables, full value in the title. */
export function hash(value) {
  if (!value) return el('span', { class: 'muted' }, '—');
  return el('code', { class: 'hash', title: value }, value.length > 18 ? `${value.slice(0, 10)}…${value.slice(-6)}` : value);
}

/** Token base units (18 decimals) as tokens, exact to the digit. */
export function tokens(baseUnits) {
  const value = BigInt(baseUnits);
  const whole = value / 10n ** 18n;
  const fraction = (value % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** A query-string parameter of the current page. */
export function parameter(name) {
  return new URLSearchParams(window.location.search).get(name);
}

/** A number with fixed decimals, or a dash. */
export function fixed(value, digits) {
  return typeof value === 'number' ? value.toFixed(digits) : '—';
}

/** Epsilon recorded on-chain in millionths, as a decimal, exact to the digit (0 when the site applied no DP). */
export function epsilon(micros) {
  const value = BigInt(micros);
  const whole = value / 1000000n;
  const fraction = (value % 1000000n).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

// ---- operator actions: the bearer token lives in this tab's sessionStorage only (never in a URL, a cookie or a log)

const tokenKey = 'fedchain.operatorToken';

/** The operator token this tab holds, or an empty string. */
export function operatorToken() {
  return window.sessionStorage.getItem(tokenKey) ?? '';
}

/**
 * Binds a password input (which has no name, so no form can ever put it in a URL) and a forget button to the tab's
 * operator token: typing stores it in sessionStorage, forget clears both.
 */
export function bindOperatorToken(input, forget) {
  input.value = operatorToken();
  input.addEventListener('input', () => {
    if (input.value.trim() === '') window.sessionStorage.removeItem(tokenKey);
    else window.sessionStorage.setItem(tokenKey, input.value.trim());
  });
  forget.addEventListener('click', () => {
    window.sessionStorage.removeItem(tokenKey);
    input.value = '';
  });
}

/** POSTs JSON to an operator endpoint with the tab's token; resolves { ok, status, body, message } and never throws. */
export async function operatorPost(path, body) {
  const token = operatorToken();
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    return { ok: false, status: 0, body: null, message: `the aggregator did not answer ${path}: ${e.message}` };
  }
  const answer = await response.json().catch(() => null);
  const reason = answer?.error ?? (response.status === 400 ? 'the request body is not a valid run configuration' : response.statusText);
  return { ok: response.ok, status: response.status, body: answer, message: response.ok ? '' : `HTTP ${response.status}: ${reason}` };
}
