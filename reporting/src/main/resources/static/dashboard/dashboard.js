/*
 * The KPI dashboard of the COI Service Desk: tiles with the trend against the previous period, SLA per
 * unit, backlog aging, escalation flows, top categories and configuration items with a drill-down into
 * the ticket search. It calls the REST API with a bearer token kept in sessionStorage: from the local
 * issuer's login form (embedded run) or from the OIDC provider's redirect (#access_token=...).
 */
(function () {
  'use strict';

  var TEXT = {
    pl: {
      title: 'Pulpit KPI Service Desk', logout: 'Wyloguj', login: 'Logowanie', username: 'Użytkownik',
      password: 'Hasło', signIn: 'Zaloguj',
      loginHint: 'Konta lokalne (uruchomienie wbudowane). W produkcji token wydaje dostawca OIDC.',
      from: 'Od', to: 'Do (bez)', granularity: 'Podział', day: 'dzień', week: 'tydzień', month: 'miesiąc',
      unit: 'Komórka', all: 'wszystkie', priority: 'Priorytet', channel: 'Kanał', show: 'Pokaż',
      exportCsv: 'Eksport CSV', exportXlsx: 'Eksport XLSX', series: 'Zarejestrowane i rozwiązane',
      slaByUnit: 'SLA według komórki rozwiązującej', aging: 'Wiek otwartych zgłoszeń',
      flows: 'Eskalacje: I linia → II linia', channels: 'Kanały zgłoszeń', categories: 'Najczęstsze kategorie',
      items: 'Elementy konfiguracji z największą liczbą incydentów', inventory: 'Licencje i CMDB',
      drilldown: 'Zgłoszenia', searchApi: 'API wyszukiwania', created: 'Zarejestrowane', resolved: 'Rozwiązane',
      backlog: 'Otwarte na koniec okresu', slaResponse: 'SLA reakcji dotrzymane', slaResolution: 'SLA rozwiązania dotrzymane',
      firstLine: 'Rozwiązane na I linii', escalation: 'Eskalowane', reopened: 'Ponownie otwarte',
      medianResolution: 'Mediana czasu rozwiązania (godz. pracy)', medianResponse: 'Mediana czasu reakcji (godz. pracy)',
      previous: 'poprzedni okres', response: 'reakcja', resolution: 'rozwiązanie', tickets: 'zgłoszenia',
      none: 'brak danych', loginFailed: 'Nieprawidłowy użytkownik lub hasło', forbidden: 'Pulpit jest dla kierownictwa (rola MANAGER).',
      failed: 'Nie udało się pobrać KPI', loading: 'Wczytywanie…', updated: 'Stan na', scope: 'Zakres',
      scopeAll: 'wszystkie zgłoszenia', scopeUnit: 'zgłoszenia obsługiwane przez', notAvailable: 'niedostępne (brak rejestru)',
      number: 'Numer', titleCol: 'Tytuł', status: 'Status', count: 'Liczba', licences: 'Licencje', products: 'produkty',
      hours: 'h', minutes: 'min'
    },
    en: {
      title: 'Service Desk KPI dashboard', logout: 'Sign out', login: 'Sign in', username: 'User', password: 'Password',
      signIn: 'Sign in', loginHint: 'Local accounts (embedded run). In production the OIDC provider issues the token.',
      from: 'From', to: 'To (exclusive)', granularity: 'Granularity', day: 'day', week: 'week', month: 'month',
      unit: 'Unit', all: 'all', priority: 'Priority', channel: 'Channel', show: 'Show', exportCsv: 'Export CSV',
      exportXlsx: 'Export XLSX', series: 'Registered and resolved', slaByUnit: 'SLA by resolving unit',
      aging: 'Age of open tickets', flows: 'Escalations: first line → second line', channels: 'Channels',
      categories: 'Top categories', items: 'Configuration items with most incidents', inventory: 'Licences and CMDB',
      drilldown: 'Tickets', searchApi: 'Search API', created: 'Registered', resolved: 'Resolved',
      backlog: 'Open at period end', slaResponse: 'Response SLA met', slaResolution: 'Resolution SLA met',
      firstLine: 'First-line resolution', escalation: 'Escalated', reopened: 'Reopened',
      medianResolution: 'Median time to resolve (business)', medianResponse: 'Median time to respond (business)',
      previous: 'previous period', response: 'response', resolution: 'resolution', tickets: 'tickets',
      none: 'no data', loginFailed: 'Unknown user or wrong password', forbidden: 'The dashboard is for management (MANAGER role).',
      failed: 'Could not load the KPIs', loading: 'Loading…', updated: 'As of', scope: 'Scope',
      scopeAll: 'all tickets', scopeUnit: 'tickets handled by', notAvailable: 'not available (no register)',
      number: 'Number', titleCol: 'Title', status: 'Status', count: 'Count', licences: 'Licences', products: 'products',
      hours: 'h', minutes: 'min'
    }
  };

  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') || sessionStorage.getItem('kpi.lang') || ((navigator.language || 'pl').indexOf('pl') === 0 ? 'pl' : 'en');
  var charts = {};
  var last = null;

  function t(key) { return (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key; }
  function $(id) { return document.getElementById(id); }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    $('lang').textContent = lang === 'pl' ? 'EN' : 'PL';
    if (last) { render(last); }
  }

  // --- token: the local issuer's login form, or the OIDC provider's redirect fragment -------------
  function takeTokenFromFragment() {
    var hash = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (hash.get('access_token')) {
      sessionStorage.setItem('kpi.token', hash.get('access_token'));
      history.replaceState(null, '', location.pathname + location.search);
    }
  }
  function token() { return sessionStorage.getItem('kpi.token'); }
  function claims() {
    try {
      var part = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) { return {}; }
  }

  function api(path) {
    return fetch(path, { headers: { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' } })
      .then(function (response) {
        if (response.status === 401) { signOut(); throw new Error(t('loginFailed')); }
        if (response.status === 403) { throw new Error(t('forbidden')); }
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (p) {
            throw new Error(t('failed') + (p.detail ? ': ' + p.detail : ' (' + response.status + ')'));
          });
        }
        return response.json();
      });
  }

  function signIn(event) {
    event.preventDefault();
    fetch('/api/v1/auth/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value })
    }).then(function (response) {
      if (!response.ok) { throw new Error(t('loginFailed')); }
      return response.json();
    }).then(function (body) {
      sessionStorage.setItem('kpi.token', body.access_token);
      start();
    }).catch(function (e) { showError(e.message); });
  }

  function signOut() {
    sessionStorage.removeItem('kpi.token');
    $('dashboard').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('who').textContent = '';
  }

  // --- filters ---------------------------------------------------------------------------------
  function isoDate(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }
  function initFilters() {
    var tomorrow = new Date(); tomorrow.setDate(tomorrow.getDate() + 1);
    var monthAgo = new Date(tomorrow); monthAgo.setDate(monthAgo.getDate() - 30);
    $('from').value = params.get('from') || isoDate(monthAgo);
    $('to').value = params.get('to') || isoDate(tomorrow);
    $('granularity').value = params.get('granularity') || 'day';
    $('priority').value = params.get('priority') || '';
    $('channel').value = params.get('channel') || '';
  }
  function unitHead() {
    var unit = claims().unit;
    return unit && !/^COI-(DYR|Z[123])$/.test(unit) && unit !== 'IT-08' ? unit : null;
  }
  function loadUnits() {
    var own = unitHead();
    var select = $('unit');
    if (own) {
      select.innerHTML = '';
      select.appendChild(new Option(own, own));
      select.disabled = true;
      return Promise.resolve();
    }
    return api('/api/v1/units').then(function (units) {
      (units.content || units).filter(function (u) { return u.supportRole && u.supportRole !== 'NONE'; })
        .forEach(function (u) { select.appendChild(new Option(u.code + ' ' + (lang === 'pl' ? u.namePl : u.nameEn), u.code)); });
      if (params.get('unit')) { select.value = params.get('unit'); }
    }).catch(function () { /* the unit filter stays with "all" */ });
  }
  function query() {
    var q = new URLSearchParams();
    q.set('from', $('from').value);
    q.set('to', $('to').value);
    q.set('granularity', $('granularity').value);
    ['unit', 'priority', 'channel'].forEach(function (name) { if ($(name).value) { q.set(name, $(name).value); } });
    return q;
  }

  // --- loading and rendering -------------------------------------------------------------------
  function load(event) {
    if (event) { event.preventDefault(); }
    hideError();
    $('status').textContent = t('loading');
    var q = query();
    q.set('compare', 'true');
    var exportQuery = query();
    $('export-csv').href = '#';
    $('export-csv').onclick = function (e) { e.preventDefault(); download('/api/v1/kpis/export/tickets.csv?' + exportQuery, 'tickets.csv'); };
    $('export-xlsx').onclick = function (e) { e.preventDefault(); download('/api/v1/kpis/export/report.xlsx?tickets=true&' + exportQuery, 'kpi.xlsx'); };
    var started = performance.now();
    return api('/api/v1/kpis?' + q).then(function (comparison) {
      last = comparison;
      render(comparison);
      $('status').textContent = t('updated') + ' ' + new Date(comparison.current.asOf).toLocaleString(lang)
        + ' · ' + Math.round(performance.now() - started) + ' ms';
      document.body.setAttribute('data-loaded', 'true');
    }).catch(function (e) { showError(e.message); $('status').textContent = ''; });
  }

  function download(path, name) {
    fetch(path, { headers: { 'Authorization': 'Bearer ' + token() } }).then(function (r) {
      if (!r.ok) { throw new Error(t('failed')); }
      return r.blob();
    }).then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }).catch(function (e) { showError(e.message); });
  }

  var number = function (v) { return new Intl.NumberFormat(lang).format(v); };
  var percent = function (v) {
    return v == null ? '–' : new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
  };
  function duration(minutes) {
    if (minutes == null) { return '–'; }
    var h = Math.floor(minutes / 60), m = Math.round(minutes % 60);
    return h > 0 ? h + ' ' + t('hours') + ' ' + m + ' ' + t('minutes') : m + ' ' + t('minutes');
  }

  function tiles(r) {
    return [
      { id: 'created', value: r.created, format: number, higherIsBetter: null },
      { id: 'resolved', value: r.resolved, format: number, higherIsBetter: true },
      { id: 'backlog', value: r.backlog, format: number, higherIsBetter: false },
      { id: 'slaResponse', value: r.slaResponse.rate, format: percent, higherIsBetter: true },
      { id: 'slaResolution', value: r.slaResolution.rate, format: percent, higherIsBetter: true },
      { id: 'firstLine', value: r.firstLineResolution.rate, format: percent, higherIsBetter: true },
      { id: 'escalation', value: r.escalations.overall.rate, format: percent, higherIsBetter: false },
      { id: 'reopened', value: r.reopened.rate, format: percent, higherIsBetter: false },
      { id: 'medianResolution', value: r.resolution.business.median, format: duration, higherIsBetter: false },
      { id: 'medianResponse', value: r.firstResponse.business.median, format: duration, higherIsBetter: false }
    ];
  }

  function render(comparison) {
    var r = comparison.current, p = comparison.previous;
    var own = unitHead();
    $('who').textContent = (claims().name || claims().sub || '') + ' · ' + t('scope') + ': '
      + (own ? t('scopeUnit') + ' ' + own : t('scopeAll'));
    var previous = {};
    tiles(p).forEach(function (tile) { previous[tile.id] = tile.value; });
    var container = $('tiles');
    container.innerHTML = '';
    tiles(r).forEach(function (tile) {
      var div = document.createElement('div');
      div.className = 'tile';
      div.setAttribute('data-kpi', tile.id);
      var before = previous[tile.id];
      var trend = '';
      var cls = '';
      if (tile.value != null && before != null) {
        var delta = tile.value - before;
        var arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '■';
        var shown = tile.format === percent
          ? (delta >= 0 ? '+' : '−') + new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(Math.abs(delta * 100)) + ' pp'
          : tile.format === duration ? (delta >= 0 ? '+' : '−') + duration(Math.abs(delta)) : (delta >= 0 ? '+' : '−') + number(Math.abs(delta));
        trend = arrow + ' ' + shown + ' (' + t('previous') + ': ' + tile.format(before) + ')';
        if (tile.higherIsBetter !== null && delta !== 0) {
          cls = (delta > 0) === tile.higherIsBetter ? 'better' : 'worse';
        }
      }
      div.innerHTML = '<div class="label"></div><div class="value"></div><div class="trend"></div>';
      div.querySelector('.label').textContent = t(tile.id);
      div.querySelector('.value').textContent = tile.format(tile.value);
      var trendEl = div.querySelector('.trend');
      trendEl.textContent = trend;
      if (cls) { trendEl.classList.add(cls); }
      container.appendChild(div);
    });

    chart('chart-series', 'line', r.series.map(function (s) { return s.start; }), [
      { label: t('created'), data: r.series.map(function (s) { return s.created; }), borderColor: '#1f4e9d', backgroundColor: '#1f4e9d' },
      { label: t('resolved'), data: r.series.map(function (s) { return s.resolved; }), borderColor: '#1d7a45', backgroundColor: '#1d7a45' }
    ]);
    chart('chart-sla', 'bar', r.slaByUnit.map(function (u) { return u.unit; }), [
      { label: t('response'), data: r.slaByUnit.map(function (u) { return rate100(u.response.rate); }), backgroundColor: '#7aa3e5' },
      { label: t('resolution'), data: r.slaByUnit.map(function (u) { return rate100(u.resolution.rate); }), backgroundColor: '#1f4e9d' }
    ], { scales: { y: { min: 0, max: 100 } } });
    chart('chart-aging', 'bar', r.aging.map(function (a) { return a.key; }), [
      { label: t('tickets'), data: r.aging.map(function (a) { return a.count; }), backgroundColor: '#e8a33d' }
    ]);
    chart('chart-flows', 'bar', r.escalations.byUnit.map(function (u) { return 'IT-02-2 → ' + u.unit; }), [
      { label: t('tickets'), data: r.escalations.byUnit.map(function (u) { return u.rate.part; }), backgroundColor: '#8e5ac8' }
    ], { indexAxis: 'y' });
    chart('chart-channels', 'doughnut', r.channels.map(function (c) { return c.key; }), [
      { data: r.channels.map(function (c) { return c.count; }),
        backgroundColor: ['#1f4e9d', '#1d7a45', '#e8a33d', '#8e5ac8', '#b3261e'] }
    ]);
    drillTable('categories', r.categories, 'category', r);
    drillTable('items', r.configurationItems, 'ci', r, r.configurationItemNames);
    inventory(r);
  }

  function rate100(rate) { return rate == null ? null : Math.round(rate * 1000) / 10; }

  function chart(id, type, labels, datasets, options) {
    if (typeof Chart === 'undefined') { return; }
    if (charts[id]) { charts[id].destroy(); }
    charts[id] = new Chart($(id), {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: Object.assign({
        animation: false, responsive: true, aspectRatio: id === 'chart-series' ? 4 : 1.6,
        scales: type === 'doughnut' ? {} : { y: { beginAtZero: true }, x: { beginAtZero: true } },
        plugins: { legend: { display: type !== 'bar' || datasets.length > 1 } }
      }, options || {})
    });
  }

  function drillTable(id, rows, filter, report, names) {
    var table = $(id);
    table.innerHTML = '';
    if (!rows.length) {
      table.innerHTML = '<tr><td></td></tr>';
      table.querySelector('td').textContent = t('none');
      return;
    }
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      var name = document.createElement('td');
      var link = document.createElement('a');
      link.textContent = names && names[row.key] ? names[row.key] + ' (' + row.key + ')' : row.key;
      link.href = '#';
      link.setAttribute('data-drill', filter + ':' + row.key);
      link.onclick = function (e) { e.preventDefault(); drill(filter, row.key, report); };
      name.appendChild(link);
      var count = document.createElement('td');
      count.className = 'number';
      count.textContent = number(row.count);
      tr.appendChild(name);
      tr.appendChild(count);
      table.appendChild(tr);
    });
  }

  /** Drill-down: the search API, with the report's period and filters, within the caller's visibility. */
  function drill(filter, value, report) {
    var q = new URLSearchParams();
    q.set(filter, value);
    q.set('createdFrom', report.period.start);
    q.set('createdTo', report.period.end);
    ['priority', 'channel'].forEach(function (name) { if ($(name).value) { q.set(name, $(name).value); } });
    q.set('sort', 'created');
    q.set('size', '20');
    var url = '/api/v1/search/tickets?' + q;
    $('drilldown').hidden = false;
    $('drill-title').textContent = filter + ' = ' + value;
    $('drill-url').textContent = url;
    api(url).then(function (result) {
      var table = $('drill-results');
      table.innerHTML = '<tr><th></th><th></th><th></th><th></th></tr>';
      var heads = table.querySelectorAll('th');
      [t('number'), t('titleCol'), t('status'), t('priority')].forEach(function (h, i) { heads[i].textContent = h; });
      result.hits.forEach(function (hit) {
        var tr = document.createElement('tr');
        [hit.number, hit.title, hit.status, hit.priority].forEach(function (v) {
          var td = document.createElement('td');
          td.textContent = v == null ? '' : v;
          tr.appendChild(td);
        });
        table.appendChild(tr);
      });
      $('drilldown').scrollIntoView();
    }).catch(function (e) { showError(e.message); });
  }

  function inventory(r) {
    var box = $('inventory');
    box.innerHTML = '';
    var licences = document.createElement('p');
    if (r.licences) {
      licences.textContent = t('licences') + ': ' + number(r.licences.products) + ' ' + t('products') + ' · '
        + Object.keys(r.licences.byStatus).map(function (k) { return k + ' ' + number(r.licences.byStatus[k]); }).join(', ');
    } else {
      licences.textContent = t('licences') + ': ' + t('notAvailable');
    }
    box.appendChild(licences);
    var items = document.createElement('p');
    items.textContent = 'CMDB: ' + (r.configurationItemCounts
      ? r.configurationItemCounts.map(function (c) { return c.itemClass + '/' + c.state + ' ' + number(c.count); }).join(', ')
      : t('notAvailable'));
    box.appendChild(items);
  }

  function showError(message) { $('error').textContent = message; $('error').hidden = false; }
  function hideError() { $('error').hidden = true; }

  function start() {
    $('login').hidden = true;
    $('dashboard').hidden = false;
    $('logout').hidden = false;
    hideError();
    initFilters();
    loadUnits().then(load);
  }

  document.addEventListener('DOMContentLoaded', function () {
    takeTokenFromFragment();
    $('lang').onclick = function () { lang = lang === 'pl' ? 'en' : 'pl'; sessionStorage.setItem('kpi.lang', lang); applyLanguage(); };
    $('logout').onclick = signOut;
    $('login-form').addEventListener('submit', signIn);
    $('filters').addEventListener('submit', load);
    applyLanguage();
    if (token()) { start(); } else { $('login').hidden = false; }
  });
})();
