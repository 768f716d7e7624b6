// The API with the operator key (kept in sessionStorage: this tab only), and the event stream
// read with fetch, since EventSource cannot send an Authorization header.

const keyName = 'corridor.operatorKey';
/** An event longer than this is not one of ours: the stream is dropped and reopened. */
const streamBufferCharsMax = 1 << 20;

export const session = {
  get key() { return sessionStorage.getItem(keyName); },
  set(key) { sessionStorage.setItem(keyName, key); },
  clear() { sessionStorage.removeItem(keyName); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { authorization: `Bearer ${session.key ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await response.text();
  const parsed = text === '' ? null : JSON.parse(text);
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

/** Reads the operator event stream until it ends or `signal` aborts; calls onEvent(name, data). */
export async function readEvents(onEvent, signal) {
  const response = await fetch('/v1/operator/events', { headers: { authorization: `Bearer ${session.key ?? ''}`, accept: 'text/event-stream' }, signal });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data !== '') onEvent(name, JSON.parse(data));
    }
    if (buffer.length > streamBufferCharsMax) throw new Error('event too long');
  }
}
