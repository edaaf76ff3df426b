// A page the browser keeps in its back/forward cache would keep its live connection open, and browsers allow six
// per host: a few filtered lists later, the page in front could not even post a form. So a hidden page closes its
// stream, and one that comes back from that cache reloads (with a fresh stream and what changed meanwhile).
addEventListener('pagehide', () => {
  document.querySelectorAll('[sse-connect]').forEach(element => {
    const source = element['htmx-internal-data'] && element['htmx-internal-data'].sseEventSource;
    if (source) {
      source.close();
    }
  });
});
addEventListener('pageshow', event => {
  if (event.persisted) {
    location.reload();
  }
});
