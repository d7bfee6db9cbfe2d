// The store-service read API as the dashboard uses it. Paths are relative so that the page also works behind a
// reverse proxy that mounts the service under a prefix.

/** A failed call: the HTTP status (0 when there was no answer) and the API's error text. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** GET a JSON resource; rejects with an {@link ApiError} on no answer, a timeout or a non-2xx status. */
export async function getJson(path, { timeoutMs = 15000 } = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ApiError(`${path}: no answer (${error.message})`, 0);
  }
  if (!response.ok) {
    throw new ApiError(`${path}: ${response.status} ${await errorText(response)}`, response.status);
  }
  return response.json();
}

// Errors of the API are {"error", "details"}; a proxy in between may answer with anything else.
async function errorText(response) {
  const body = await response.text();
  try {
    const error = JSON.parse(body);
    return [error.error, ...(error.details ?? [])].filter(Boolean).join(': ') || response.statusText;
  } catch {
    return body.slice(0, 200) || response.statusText;
  }
}

export function postPath(postId) {
  return `api/posts/${encodeURIComponent(postId)}`;
}

export function listPosts(limit) {
  return getJson(`api/posts?limit=${limit}`);
}

export function getPost(postId) {
  return getJson(postPath(postId));
}

export function getPipeline() {
  return getJson('api/pipeline');
}

export const STREAM_PATH = 'api/posts/stream';
