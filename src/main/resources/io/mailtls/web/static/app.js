// mailtls serve: streams a running check's transcript into the page (server-sent events), then shows the result.
// Every server-supplied text goes in through textContent, never as markup.
'use strict';
(() => {
  const progress = document.getElementById('progress');
  if (!progress || typeof EventSource === 'undefined') {
    return;
  }
  const body = document.getElementById('live');
  const state = document.getElementById('state');
  const labels = { server: 'S:', client: 'C:', tls: 'TLS', note: '--' };
  let seen = Number(progress.dataset.seen || 0);
  const source = new EventSource(progress.dataset.events + '?from=' + seen);

  const cell = (cls, text) => {
    const td = document.createElement('td');
    if (cls) {
      td.className = cls;
    }
    td.textContent = text;
    return td;
  };

  source.addEventListener('line', (event) => {
    const line = JSON.parse(event.data);
    if (line.seq < seen) {
      return;
    }
    seen = line.seq + 1;
    const from = Object.hasOwn(labels, line.from) ? line.from : 'note';
    const tr = document.createElement('tr');
    tr.className = 'from-' + from;
    tr.append(cell('at', String(line.at_ms)), cell('from', labels[from]));
    const text = document.createElement('td');
    const code = document.createElement('code');
    code.textContent = line.text;
    text.append(code);
    tr.append(text);
    body.append(tr);
    state.textContent = 'running, ' + seen + (seen === 1 ? ' line' : ' lines');
  });

  source.addEventListener('done', () => {
    source.close();
    state.textContent = 'done';
    state.dataset.state = 'done';
    window.location.replace(window.location.pathname);
  });

  for (const name of ['gone', 'busy']) {
    source.addEventListener(name, (event) => {
      source.close();
      state.textContent = JSON.parse(event.data).error;
      state.dataset.state = name;
    });
  }
})();
