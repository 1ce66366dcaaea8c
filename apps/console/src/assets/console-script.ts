/**
 * The console's one script, and all it does: the regions marked `data-live` refresh themselves every
 * `data-refresh-seconds`, from the same page fetched anew, without losing the operator's place: a region where a box
 * is checked or the focus is stays as it is until they are done. Everything else works without it (links, forms).
 */
export const CONSOLE_SCRIPT = `(() => {
  'use strict';
  const seconds = Number(document.body.dataset.refreshSeconds) || 5;
  const refreshed = document.getElementById('refreshed');
  const status = document.getElementById('live-status');
  const working = (region) => (region.contains(document.activeElement) && document.activeElement !== document.body) || region.querySelector('input:checked') !== null;
  async function refresh() {
    const regions = Array.from(document.querySelectorAll('[data-live][id]'));
    if (regions.length === 0) return;
    let response;
    try {
      response = await fetch(location.href, { headers: { accept: 'text/html', 'x-console-refresh': '1' }, credentials: 'same-origin', redirect: 'manual' });
    } catch (error) {
      status.textContent = 'Not refreshed: the console did not answer.';
      return;
    }
    if (response.type === 'opaqueredirect') { status.textContent = 'Not refreshed: your session ended; sign in again.'; return; }
    if (!response.ok) { status.textContent = 'Not refreshed: the console answered ' + response.status + '.'; return; }
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    let kept = 0;
    for (const region of regions) {
      const replacement = fresh.getElementById(region.id);
      if (!replacement) continue;
      if (working(region)) { kept += 1; continue; }
      region.replaceWith(document.importNode(replacement, true));
    }
    if (status.textContent) status.textContent = '';
    refreshed.textContent = 'Refreshed at ' + new Date().toLocaleTimeString() + (kept > 0 ? '; ' + kept + ' part(s) kept as they are while you work in them.' : '.');
  }
  setInterval(refresh, seconds * 1000);
})();
`;
