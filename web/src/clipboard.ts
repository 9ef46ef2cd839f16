/**
 * Copies text. The Clipboard API exists only in secure contexts (https, localhost); on plain HTTP at
 * a LAN address the fallback copies the selection of a throw-away textarea.
 */
export async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* permission refused: try the fallback */
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  (document.querySelector('dialog[open]') ?? document.body).appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.value = '';
    area.remove();
  }
}
