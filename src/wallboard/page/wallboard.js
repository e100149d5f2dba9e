// The wallboard page: first paint from /wallboard/state, then live boards as server-sent events
// from /wallboard/events (same signed query). When the stream drops, the browser reconnects by
// itself and, meanwhile, the page fetches the state every 30 s. Vendor text (queue names) is
// only ever set with textContent: it is data, never markup.
(() => {
  const query = window.location.search;
  const boards = new Map();
  const FALLBACK_MS = 30_000;
  const STATUS = {
    ok: { icon: '●', word: 'OK' },
    info: { icon: '◆', word: 'Note' },
    warning: { icon: '▲', word: 'Warning' },
    critical: { icon: '■', word: 'Critical' },
  };
  let fallback;
  let ended = false;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function duration(seconds) {
    if (seconds === undefined || seconds === null) return '—';
    const s = Math.round(seconds);
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
  }
  const count = (n) => (n === undefined || n === null ? '—' : String(n));
  function age(iso) {
    if (!iso) return 'no fresh data';
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return seconds < 90 ? `data ${seconds}s old` : `data ${Math.round(seconds / 60)} min old`;
  }
  const FIGURE_OF = {
    'queue.waiting': ['waiting', count],
    'queue.longest_wait_seconds': ['longestWaitSeconds', duration],
    'queue.avg_wait_seconds': ['averageWaitSeconds', duration],
    'queue.abandoned_30m': ['abandonedLast30m', count],
    'agents.available': ['agentsAvailable', count],
    'agents.online': ['agentsOnline', count],
    'chats.ongoing': ['ongoingChats', count],
  };
  function targetText(tile, metric) {
    const target = tile.targets.find((t) => t.metric === metric);
    if (!target) return '';
    const format = FIGURE_OF[metric] ? FIGURE_OF[metric][1] : count;
    return `${target.direction === 'above' ? 'target ≤' : 'target ≥'} ${format(target.threshold)}`;
  }

  function sparkline(values) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 100 24');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('role', 'img');
    const last = values.length ? values[values.length - 1] : undefined;
    svg.setAttribute('aria-label', values.length ? `Chats waiting over the last hour, from ${values[0]} to ${last}` : 'No history yet');
    if (values.length > 1) {
      const max = Math.max(1, ...values);
      const points = values.map((v, i) => `${((i / (values.length - 1)) * 100).toFixed(1)},${(22 - (v / max) * 20).toFixed(1)}`).join(' ');
      const line = document.createElementNS(ns, 'polyline');
      line.setAttribute('points', points);
      svg.appendChild(line);
    }
    return svg;
  }

  function figure(label, value, target, breaching) {
    const box = el('div', `figure${breaching ? ' breaching' : ''}`);
    box.appendChild(el('span', 'label', label));
    box.appendChild(el('span', 'value', value));
    if (target) box.appendChild(el('span', 'target', target));
    return box;
  }

  function tileNode(tile) {
    const node = el('article', `tile status-${tile.status}${tile.total ? ' total' : ''}`);
    node.dataset.queue = tile.name;
    const head = el('header', 'tile-head');
    head.appendChild(el('h3', 'name', tile.name));
    const status = STATUS[tile.status] || STATUS.ok;
    const badge = el('span', 'badge');
    badge.appendChild(el('span', 'icon', status.icon));
    badge.setAttribute('aria-hidden', 'true');
    head.appendChild(badge);
    head.appendChild(el('span', 'word', status.word));
    node.appendChild(head);
    const f = tile.figures;
    const breaching = (metric) => tile.targets.some((t) => t.metric === metric && t.breaching);
    const main = figure('Waiting', count(f.waiting), targetText(tile, 'queue.waiting'), breaching('queue.waiting'));
    main.classList.add('main');
    main.dataset.figure = 'waiting';
    node.appendChild(main);
    const grid = el('div', 'figures');
    grid.appendChild(
      figure('Longest wait', duration(f.longestWaitSeconds), targetText(tile, 'queue.longest_wait_seconds'), breaching('queue.longest_wait_seconds')),
    );
    grid.appendChild(figure('Average wait', duration(f.averageWaitSeconds), targetText(tile, 'queue.avg_wait_seconds'), breaching('queue.avg_wait_seconds')));
    grid.appendChild(figure('Abandoned 30 min', count(f.abandonedLast30m), targetText(tile, 'queue.abandoned_30m'), breaching('queue.abandoned_30m')));
    grid.appendChild(figure('Agents available', count(f.agentsAvailable), targetText(tile, 'agents.available'), breaching('agents.available')));
    if (tile.total && f.serviceLevel !== undefined) grid.appendChild(figure('Service level today', `${Math.round(f.serviceLevel * 100)}%`));
    if (tile.total && (f.agentsOnline !== undefined || targetText(tile, 'agents.online')))
      grid.appendChild(figure('Agents online', count(f.agentsOnline), targetText(tile, 'agents.online'), breaching('agents.online')));
    node.appendChild(grid);
    node.appendChild(sparkline(tile.trend || []));
    return node;
  }

  function boardNode(board) {
    const section = el('section', 'board');
    section.dataset.source = board.source;
    const head = el('header', 'board-head');
    head.appendChild(el('h2', 'board-name', board.label));
    const ageNode = el('span', 'age', age(board.dataAsOf));
    ageNode.dataset.asOf = board.dataAsOf || '';
    head.appendChild(ageNode);
    if (!board.ok) head.appendChild(el('span', 'problem', '⚠ some figures could not be read on the last poll'));
    section.appendChild(head);
    if (board.agents) {
      const a = board.agents;
      section.appendChild(el('p', 'agents', `Agents: ${a.available} available · ${a.busy} busy · ${a.away} away · ${a.offline} offline`));
    }
    if (board.staffing) {
      const s = board.staffing;
      section.appendChild(el('p', 'staffing', `Needs ${s.needed} agents${s.available !== undefined ? `, ${s.available} available` : ''} for ${s.target}`));
    }
    const tiles = el('div', 'tiles');
    for (const tile of board.tiles) tiles.appendChild(tileNode(tile));
    section.appendChild(tiles);
    return section;
  }

  function render() {
    const main = document.getElementById('boards');
    const alerts = document.getElementById('alerts');
    const sorted = [...boards.values()].sort((a, b) => a.label.localeCompare(b.label));
    main.replaceChildren(...sorted.map(boardNode));
    const open = sorted.flatMap((b) => b.alerts.map((a) => ({ ...a, source: b.label })));
    alerts.replaceChildren(
      ...open.map((a) => {
        const status = STATUS[a.severity] || STATUS.info;
        const item = el('p', `alert status-${a.severity}`);
        item.appendChild(el('span', 'icon', status.icon));
        item.appendChild(el('span', 'word', a.kind === 'warning' ? 'Early warning' : status.word));
        item.appendChild(el('span', 'text', `${a.source} · ${a.text}`));
        return item;
      }),
    );
    alerts.hidden = open.length === 0;
    document.getElementById('title').textContent = sorted.length ? `Wallboard — ${sorted.map((b) => b.label).join(' · ')}` : 'Wallboard';
  }

  function status(text, state) {
    const node = document.getElementById('connection');
    node.textContent = text;
    node.dataset.state = state;
  }

  async function fetchState() {
    const res = await fetch(`/wallboard/state${query}`, { cache: 'no-store', credentials: 'omit' });
    if (res.status === 403 || res.status === 400) return stop(await res.text());
    if (!res.ok) return;
    const data = await res.json();
    for (const board of data.boards) boards.set(board.source, board);
    render();
  }

  function stop(message) {
    ended = true;
    clearInterval(fallback);
    boards.clear();
    render();
    status(message.trim() || 'This wallboard link no longer works.', 'ended');
  }

  function connect() {
    const events = new EventSource(`/wallboard/events${query}`);
    events.addEventListener('open', () => {
      clearInterval(fallback);
      fallback = undefined;
      status('Live', 'live');
    });
    events.addEventListener('board', (event) => {
      const board = JSON.parse(event.data);
      boards.set(board.source, board);
      render();
    });
    events.addEventListener('revoked', () => {
      events.close();
      stop('This wallboard link was revoked; ask the bot for a new one with /wallboard.');
    });
    events.addEventListener('error', () => {
      if (ended) return;
      status('Reconnecting… (figures refresh every 30 s meanwhile)', 'reconnecting');
      // Refused for good (revoked, expired): the state fetch says so and stops.
      if (events.readyState === EventSource.CLOSED) {
        fetchState().catch(() => undefined);
        if (!ended) setTimeout(connect, 5_000);
      }
      fallback ??= setInterval(() => fetchState().catch(() => undefined), FALLBACK_MS);
    });
  }

  // Inside Teams (a personal tab, so in a frame) the host waits for the page to say it is ready:
  // TeamsJS, served by the bot itself, is loaded then and only then.
  const teamsJs = document.currentScript?.dataset.teamsJs;
  if (teamsJs && window.parent !== window) {
    const script = document.createElement('script');
    script.src = teamsJs;
    script.addEventListener('load', () => {
      window.microsoftTeams?.app.initialize().then(
        () => window.microsoftTeams.app.notifySuccess(),
        () => undefined,
      );
    });
    document.head.appendChild(script);
  }
  setInterval(() => {
    for (const node of document.querySelectorAll('.age')) node.textContent = age(node.dataset.asOf);
  }, 1_000);
  fetchState()
    .catch(() => undefined)
    .finally(() => {
      if (!ended) connect();
    });
})();
