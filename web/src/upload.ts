/**
 * Sends a file to the portal upload route with byte progress. fetch() reports no upload progress, so
 * this one request goes through XMLHttpRequest; its path and answer are typed from the generated
 * client like every other call.
 */
import { endSession, isSessionOver, toApiError, type ErrorBody } from './api/client';
import type { paths } from './api/schema';
import { getSession } from './session';

type Accepted =
  paths['/api/v1/portal/upload/{collection}/{record_type}/upload']['post']['responses']['202']['content']['application/json'];
type Mode = NonNullable<
  paths['/api/v1/portal/upload/{collection}/{record_type}/upload']['post']['requestBody']
>['content']['multipart/form-data']['mode'];

export function sendUpload(
  collection: string,
  recordType: string,
  file: File,
  mode: Mode,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<Accepted>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Accepted>((resolve, reject) => {
    const path = `/api/v1/portal/upload/${encodeURIComponent(collection)}/${encodeURIComponent(recordType)}/upload`;
    xhr.open('POST', path);
    const session = getSession();
    if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const body = xhr.response as unknown;
      if (xhr.status === 202) return resolve(body as Accepted);
      if (isSessionOver(xhr.status, body as ErrorBody | null)) endSession();
      reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new Error('The upload was cancelled.'));
    const form = new FormData();
    if (mode) form.append('mode', mode);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
