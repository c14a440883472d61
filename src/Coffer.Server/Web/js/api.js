// The public HTTP API of the server this page came from. No back doors: the UI can do what the token can.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Calls the API with the session's token; JSON in and out; throws ApiError with the server's message. */
export async function api(method, path, body, { accept = 'application/json', contentType = 'application/json', raw = false } = {}) {
  const headers = { accept };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = contentType;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Coffer cannot be reached. Check your connection and try again.');
  }
  const text = await response.text();
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = JSON.parse(text).message ?? message; } catch { /* not JSON: keep the status line */ }
    if (response.status === 401 && session.token) session.expire('Your session has ended: the token expired or was revoked. Sign in again.');
    throw new ApiError(response.status, message);
  }
  if (raw) return text;
  return text ? JSON.parse(text) : undefined;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = path => api('DELETE', path);

/** Every page of a paginated list (lists answer `next-after` when there is more). */
export async function all(path, field) {
  const items = [];
  let after = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${separator}limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    items.push(...page[field]);
    after = page['next-after'] ?? null;
  } while (after);
  return items;
}
