// The reviewers' page. Everything shown comes from documents or decisions that may be hostile, so nothing is ever
// written as markup: every node is built with createElement and every text with textContent (see el()).
'use strict';

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('gatehouse.token') || '', request: null, decision: null };

/** An element with attributes and children; strings become text nodes, never markup. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v; else node.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  try { json = await res.json(); } catch (e) { json = null; }
  if (res.status === 401 || res.status === 403) $('token-form').hidden = false;
  return { status: res.status, json };
}

// ------------------------------------------------------------------------------------------------ problems

function showProblems(title, problem) {
  const box = clear($('problems'));
  box.hidden = false;
  box.append(el('h2', {}, title));
  if (problem && Array.isArray(problem.diagnostics)) {
    box.append(el('ul', {}, problem.diagnostics.map((d) => el('li', {},
      el('code', {}, d.document + (d.pointer !== undefined ? ' ' + (d.pointer || '/') : '') +
        (d.line ? ':' + d.line + ':' + d.column : '')), ' ', d.message))));
  } else if (problem && problem.message) {
    box.append(el('p', {}, problem.message));
  }
}

function hideProblems() { clear($('problems')).hidden = true; }

// ------------------------------------------------------------------------------------------------ the form

function splitDocuments(text) {
  return text.split(/^---[ \t]*$/m).map((s) => s.trim()).filter((s) => s.length > 0);
}

function readForm() {
  const parse = (id, name) => {
    try { return JSON.parse($(id).value); } catch (e) { throw new Error('the ' + name + ' is not JSON: ' + e.message); }
  };
  const body = { evidence: parse('evidence', 'evidence'), readback: parse('readback', 'readback'),
    exceptions: splitDocuments($('exceptions').value) };
  const at = $('at').value.trim();
  if (at) body.at = at;
  return body;
}

function fillForm(request) {
  $('evidence').value = JSON.stringify(request.evidence, null, 2);
  $('readback').value = JSON.stringify(request.readback, null, 2);
  const xs = (request.exceptions || []).map((x) => typeof x === 'string' ? x : JSON.stringify(x, null, 2));
  $('exceptions').value = xs.join('\n---\n');
  $('variant-exceptions').value = $('exceptions').value;
  $('at').value = request.at || '';
}

async function evaluate() {
  let body;
  try { body = readForm(); } catch (e) { showProblems('The documents could not be read', { message: e.message }); return; }
  const r = await api('POST', '/v1/decisions', body);
  if (r.status !== 200) {
    showProblems(r.status === 400 ? 'The input is not valid; nothing was evaluated' : 'No decision (' + r.status + ')', r.json);
    renderVerdict(null);
    return;
  }
  hideProblems();
  state.request = body;
  state.decision = r.json;
  renderPacket(body, r.json);
}

// ------------------------------------------------------------------------------------------------ the packet

function verdictText(d) {
  if (!d) return 'No decision.';
  const ring = d.ring && d.ring.allowed !== null && d.ring.allowed !== undefined ? ' ring ' + d.ring.allowed : '';
  return (d.eligible ? 'ELIGIBLE' : 'NOT ELIGIBLE') + ring;
}

function renderVerdict(d) {
  const v = $('verdict');
  v.textContent = verdictText(d);
  v.className = 'verdict ' + (d ? (d.eligible ? 'yes' : 'no') : 'none');
}

function card(title, ...content) {
  return el('section', { class: 'card' }, el('h3', {}, title), ...content);
}

function dl(pairs) {
  return el('dl', {}, pairs.filter((p) => p[1] !== undefined && p[1] !== null && p[1] !== '')
    .map(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'object' && !(v instanceof Node) ? JSON.stringify(v) : v)]));
}

function list(items, render, empty) {
  if (!items || items.length === 0) return el('p', { class: 'muted' }, empty);
  return el('ul', {}, items.map((x, i) => el('li', {}, render(x, i))));
}

function exceptionDocs(request) {
  return (request.exceptions || []).map((x) => {
    if (typeof x !== 'string') return x;
    try { return JSON.parse(x); } catch (e) { return yamlFields(x); }
  });
}

/** The few top-level scalar fields of an exception's YAML the packet shows (id, expiresAt, approvedBy...). */
function yamlFields(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2].trim().replace(/^"(.*)"$/, '$1');
    if (/^\[.*\]$/.test(v)) v = v.slice(1, -1).split(',').map((s) => s.trim()).filter((s) => s);
    out[m[1]] = v;
  }
  return out;
}

function renderPacket(request, d) {
  renderVerdict(d);
  const e = request.evidence || {};
  const rel = e.release || {};
  const body = clear($('packet-body'));
  const statusOf = {};
  (d.exceptions || []).forEach((x) => { statusOf[x.id] = x; });
  const docs = exceptionDocs(request);

  body.append(card('The decision',
    el('p', { class: 'big' }, verdictText(d), ' — ', (d.promotion || {}).from + ' → ' + (d.promotion || {}).to),
    el('h4', {}, 'What blocks'),
    list(d.violations, (v) => [el('strong', {}, v.control), ' (' + v.enforcement + ') ', v.message,
      ' ', el('code', {}, v.evidence || '')], 'Nothing blocks.'),
    el('h4', {}, 'Waived'),
    list(d.waived, (v) => [el('strong', {}, v.control), ' ', v.message, ' — waived by ', el('strong', {}, v.exception)],
      'Nothing waived.'),
    el('h4', {}, 'Advisories'),
    list(d.advisories, (v) => [el('strong', {}, v.control), ' ', v.message], 'None.'),
    el('h4', {}, 'Ring'),
    list((d.ring || {}).reasons, (r) => [el('strong', {}, r.code), ' ', r.detail],
      d.ring && d.ring.allowed === null ? 'No ring outside production.' : 'No reason given.')));

  body.append(card('The release', dl([
    ['Service', rel.service], ['Version', rel.version], ['Commit', rel.commit], ['Author', rel.author],
    ['Change class', rel.changeClass], ['Promotion', (e.promotion || {}).from + ' → ' + (e.promotion || {}).to],
    ['Requested ring', (e.promotion || {}).requestedRing]]),
    list(rel.artifacts, (a) => [a.name, ' ', el('code', {}, a.digest)], 'No artifacts.')));

  const ci = e.ci || {};
  body.append(card('What CI proved', dl([['Run', ci.runId], ['Commit', ci.commit], ['Finished', ci.finishedAt]]),
    list(Object.entries(ci.checks || {}), ([k, v]) => [k + ': ', el('strong', {}, v)], 'No checks.'),
    el('h4', {}, 'Validated digests'), list(ci.validatedDigests, (x) => el('code', {}, x), 'None.'),
    el('h4', {}, 'Security scan'),
    dl([['Scanner', (e.security || {}).scanner], ['Scanned', (e.security || {}).scannedAt]]),
    list((e.security || {}).findings, (f) => [el('strong', {}, f.id), ' ' + f.severity + (f.fixAvailable ? ', fix available' : '')],
      'No findings.')));

  body.append(card('Verifications and approvals',
    list(e.verifications, (v) => [el('strong', {}, v.kind), ' in ' + v.environment + ': ' + v.result +
      (v.completedAt ? ' at ' + v.completedAt : '') + (v.durationHours ? ', ' + v.durationHours + 'h' : '')], 'No verifications.'),
    el('h4', {}, 'Approvals'),
    list(e.approvals, (a) => [el('strong', {}, a.role), ' by ' + a.by + ' at ' + a.at], 'No approvals.')));

  body.append(card('Residual risks and exceptions',
    list(e.residualRisks, (r) => [el('strong', {}, r.id), ' (' + r.severity + ') ', r.title,
      r.exceptionId ? [' — exception ', el('strong', {}, r.exceptionId), ': ' + ((statusOf[r.exceptionId] || {}).status || 'not given')] : ''],
      'No residual risks.'),
    el('h4', {}, 'Exceptions'),
    list(docs, (x) => {
      const s = statusOf[x.id] || {};
      return [el('strong', {}, x.id || '(no id)'), ': ' + (s.status || 'not evaluated'), s.reason ? ' (' + s.reason + ')' : '',
        el('br'), 'expires ' + (x.expiresAt || '?') + ', approved by ' + [].concat(x.approvedBy || []).join(', ')];
    }, 'No exceptions.')));

  const rb = e.rollback || {};
  body.append(card('Rollback', dl([['Strategy', rb.strategy], ['Rehearsed', rb.rehearsedAt]]),
    list(rb.previousDigests, (x) => el('code', {}, x), 'No previous digests.')));

  const r = request.readback || {};
  body.append(card('Environment readback (' + (r.environment || '?') + ', captured ' + (r.capturedAt || '?') + ')',
    dl(Object.entries(r).filter(([k]) => !['apiVersion', 'kind', 'environment', 'capturedAt'].includes(k)))));

  body.append(card('Provenance', dl(Object.entries(d.provenance || {}))));
  fillApprovals(e);
}

function fillApprovals(e) {
  const sel = clear($('approval-index'));
  (e.approvals || []).forEach((a, i) => sel.append(el('option', { value: i }, i + ': ' + a.role + ' by ' + a.by)));
}

// ------------------------------------------------------------------------------------------------ what-if

function addEditRow(op, doc, pointer, value) {
  const n = $('edits').children.length;
  const row = el('div', { class: 'row edit' },
    el('label', { for: 'edit-op-' + n }, 'Change ' + (n + 1)),
    el('select', { id: 'edit-op-' + n, class: 'op' }, el('option', { value: 'set' }, 'set'), el('option', { value: 'unset' }, 'unset')),
    el('select', { id: 'edit-doc-' + n, class: 'doc', 'aria-label': 'Document of change ' + (n + 1) },
      el('option', { value: 'evidence' }, 'evidence'), el('option', { value: 'readback' }, 'readback')),
    el('input', { id: 'edit-pointer-' + n, class: 'pointer', type: 'text', size: 28, spellcheck: 'false',
      placeholder: '/approvals/1/by', 'aria-label': 'JSON Pointer of change ' + (n + 1) }),
    el('input', { id: 'edit-value-' + n, class: 'value', type: 'text', size: 28, spellcheck: 'false',
      placeholder: '"a JSON value"', 'aria-label': 'JSON value of change ' + (n + 1) }),
    el('button', { type: 'button', class: 'remove', 'aria-label': 'Remove change ' + (n + 1) }, 'Remove'));
  row.querySelector('.op').value = op || 'set';
  row.querySelector('.doc').value = doc || 'evidence';
  row.querySelector('.pointer').value = pointer || '';
  row.querySelector('.value').value = value || '';
  row.querySelector('.remove').addEventListener('click', () => row.remove());
  $('edits').append(row);
  return row;
}

function readEdits() {
  const edits = [];
  for (const row of $('edits').children) {
    const op = row.querySelector('.op').value;
    const target = row.querySelector('.doc').value + ':' + row.querySelector('.pointer').value.trim();
    if (op === 'unset') { edits.push({ unset: target }); continue; }
    const text = row.querySelector('.value').value.trim();
    let value;
    try { value = JSON.parse(text); } catch (e) {
      throw new Error('the value of ' + target + ' is not JSON (a string needs quotes): ' + text);
    }
    edits.push({ set: target, value });
  }
  return edits;
}

async function runWhatIf() {
  let body;
  try {
    body = readForm();
    body.changes = { edits: readEdits() };
    const at = $('variant-at').value.trim();
    if (at) body.changes.at = at;
    if ($('variant-exceptions-on').checked) body.changes.exceptions = splitDocuments($('variant-exceptions').value);
  } catch (e) { showProblems('The what-if could not be read', { message: e.message }); return; }
  const r = await api('POST', '/v1/whatif', body);
  if (r.status !== 200) {
    showProblems(r.status === 400 ? 'The variant is not a valid input' : 'No what-if (' + r.status + ')', r.json);
    return;
  }
  hideProblems();
  renderWhatIf(r.json);
}

function rows(d) {
  const vs = (xs) => (xs || []).map((v) => v.control + ' ' + (v.subject || '') + (v.exception ? ' (by ' + v.exception + ')' : ''));
  return [
    ['Decision', [verdictText(d)]],
    ['Ring', d.ring && d.ring.allowed !== null ? [String(d.ring.allowed) + ' (' + (d.ring.reasons || []).map((r) => r.code).join(', ') + ')'] : ['none']],
    ['Blocks', vs(d.violations)],
    ['Waived', vs(d.waived)],
    ['Advisories', vs(d.advisories)],
    ['Exceptions', (d.exceptions || []).map((x) => x.id + ': ' + x.status)],
    ['Evaluated at', [(d.provenance || {}).evaluatedAt]],
  ];
}

function renderWhatIf(w) {
  const out = clear($('whatif-result'));
  out.append(el('h3', {}, 'Changes'), list(w.changes, (c) => el('code', {}, c), 'No change: the variant is the base.'));
  const base = rows(w.base);
  const variant = rows(w.variant);
  const table = el('table', { id: 'sidebyside' },
    el('caption', {}, 'Base and variant; changed rows are marked'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'Base'),
      el('th', { scope: 'col' }, 'Variant'))));
  const tbody = el('tbody');
  base.forEach(([name, a], i) => {
    const b = variant[i][1];
    const changed = JSON.stringify(a) !== JSON.stringify(b);
    tbody.append(el('tr', { class: changed ? 'changed' : null, 'data-row': name },
      el('th', { scope: 'row' }, name, changed ? el('span', { class: 'badge' }, ' changed') : ''),
      el('td', { class: 'base' }, cell(a, b)), el('td', { class: 'variant' }, cell(b, a))));
  });
  table.append(tbody);
  out.append(table);
  out.append(el('h3', {}, 'What would it take (variant)'));
  if (!w.blockers || w.blockers.length === 0) {
    out.append(el('p', { id: 'what-it-takes' }, w.variant.eligible ? 'Nothing: the variant is eligible.' : 'Nothing listed.'));
  } else {
    out.append(el('ol', { id: 'what-it-takes' }, w.blockers.map((b) => el('li', {},
      el('strong', {}, b.control), ' (' + b.enforcement + (b.waivable ? ', an exception can waive it' : ', no exception can waive it') + ') ',
      b.message, ' ', el('code', {}, (b.document || '') + ' ' + (b.evidence || '')), el('br'), b.remedy))));
  }
}

/** A cell's lines, each marked when the other side lacks it. */
function cell(mine, theirs) {
  if (!mine || mine.length === 0) return el('span', { class: 'muted' }, 'none');
  return el('ul', {}, mine.map((x) => el('li', { class: (theirs || []).includes(x) ? null : 'delta' }, x)));
}

// ------------------------------------------------------------------------------------------------ opening

async function loadLists() {
  const rb = await api('GET', '/v1/rulebase');
  if (rb.status === 200) {
    $('rulebase').textContent = 'rulebase ' + rb.json.digest + ' (' + rb.json.controls.length + ' controls, engine ' +
      rb.json.engineVersion + ')';
  } else {
    $('rulebase').textContent = 'rulebase: not readable without a review token';
  }
  const fx = await api('GET', '/v1/fixtures');
  if (fx.status === 200) {
    const sel = clear($('fixture'));
    if (fx.json.length === 0) sel.append(el('option', { value: '' }, '(none configured)'));
    fx.json.forEach((f) => sel.append(el('option', { value: f.name, title: f.description }, f.name)));
    if (fx.json.some((f) => f.name === 'worked-example')) sel.value = 'worked-example';
  }
  const lg = await api('GET', '/v1/log');
  if (lg.status === 200) {
    const sel = clear($('log-entry'));
    if (lg.json.entries.length === 0) sel.append(el('option', { value: '' }, lg.json.configured ? '(empty)' : '(no log configured)'));
    lg.json.entries.forEach((x) => sel.append(el('option', { value: x.line },
      '#' + x.line + ' ' + x.at + ' ' + x.service + ' ' + x.version + ' → ' + x.to + ': ' + (x.eligible ? 'eligible' : 'not eligible'))));
  }
}

async function openFrom(path) {
  const r = await api('GET', path);
  if (r.status !== 200) { showProblems('Could not open it (' + r.status + ')', r.json); return; }
  fillForm(r.json);
  await evaluate();
  $('packet').focus();
}

async function readFiles(input, target, join) {
  const texts = [];
  for (const f of input.files) texts.push(await f.text());
  $(target).value = join ? texts.join('\n---\n') : (texts[0] || '');
}

document.addEventListener('DOMContentLoaded', () => {
  if (state.token) $('token').value = state.token;
  $('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem('gatehouse.token', state.token);
    $('token-form').hidden = true;
    loadLists();
  });
  $('evaluate').addEventListener('click', evaluate);
  $('run-whatif').addEventListener('click', runWhatIf);
  $('open-fixture').addEventListener('click', () => { if ($('fixture').value) openFrom('/v1/fixtures/' + encodeURIComponent($('fixture').value)); });
  $('open-log').addEventListener('click', () => { if ($('log-entry').value) openFrom('/v1/log/' + encodeURIComponent($('log-entry').value)); });
  $('add-edit').addEventListener('click', () => addEditRow().querySelector('.pointer').focus());
  $('drop-approval').addEventListener('click', () => {
    if ($('approval-index').value !== '') addEditRow('unset', 'evidence', '/approvals/' + $('approval-index').value, '');
  });
  $('add-approval').addEventListener('click', () => {
    addEditRow('set', 'evidence', '/approvals/-', JSON.stringify({ role: $('add-role').value.trim(), by: $('add-by').value.trim(),
      at: $('add-at').value.trim() }));
  });
  $('evidence-file').addEventListener('change', (ev) => readFiles(ev.target, 'evidence', false));
  $('readback-file').addEventListener('change', (ev) => readFiles(ev.target, 'readback', false));
  $('exceptions-file').addEventListener('change', (ev) => readFiles(ev.target, 'exceptions', true));
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      if ($('whatif').contains(document.activeElement)) runWhatIf(); else evaluate();
    }
  });
  loadLists();
});
