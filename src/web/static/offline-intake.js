/* global navigator, indexedDB, crypto, fetch, FormData, AbortController, setTimeout, clearTimeout, setInterval */
// Offline reception (issue 17 item 6): the page's script. Keeps the procedure catalogue and the
// queued dossiers (with their photos and scans) in IndexedDB, gives each dossier a client-made
// idempotency key (crypto.randomUUID()) and a provisional receipt number TAM-<device>-<n>, and
// syncs the queue through POST /api/v1/offline-intake when the network returns: a dossier whose
// answer was lost is simply sent again and the server answers the same dossier code.
(function () {
  'use strict';
  var root = document.getElementById('oi');
  if (!root) return;
  var M = JSON.parse(document.getElementById('oi-messages').textContent || '{}');
  var LANG = root.getAttribute('data-lang') || 'vi';
  var OFFICER = root.getAttribute('data-officer') || '';
  var csrf = root.getAttribute('data-csrf') || '';
  var DEVICE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

  function t(key, params) {
    var s = M[key] || key;
    for (var k in params || {}) s = s.split('{' + k + '}').join(String(params[k]));
    return s;
  }
  function $(id) {
    return document.getElementById(id);
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'hidden') e.hidden = !!attrs[k];
      else if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    }
    (children || []).forEach(function (c) {
      if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }
  function fold(s) {
    return String(s || '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  }
  // Vietnam time (UTC+7) as the server prints it: 03/12/2026 14:05, whatever the device's zone.
  function when(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    var p = function (x) {
      return (x < 10 ? '0' : '') + x;
    };
    var v = new Date(d.getTime() + 7 * 3600 * 1000);
    return p(v.getUTCDate()) + '/' + p(v.getUTCMonth() + 1) + '/' + v.getUTCFullYear() + ' ' + p(v.getUTCHours()) + ':' + p(v.getUTCMinutes());
  }

  // ---- IndexedDB: 'queue' (one record per dossier, keyPath key) and 'meta' (device, catalogue) ----
  var dbp = null;
  function db() {
    if (!dbp)
      dbp = new Promise(function (resolve, reject) {
        var r = indexedDB.open('offline-intake', 1);
        r.onupgradeneeded = function () {
          r.result.createObjectStore('queue', { keyPath: 'key' });
          r.result.createObjectStore('meta');
        };
        r.onsuccess = function () {
          resolve(r.result);
        };
        r.onerror = function () {
          reject(r.error);
        };
      });
    return dbp;
  }
  function req(store, mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction(store, mode);
        var r = fn(tx.objectStore(store));
        var out;
        if (r)
          r.onsuccess = function () {
            out = r.result;
          };
        tx.oncomplete = function () {
          resolve(out);
        };
        tx.onerror = function () {
          reject(tx.error);
        };
        tx.onabort = function () {
          reject(tx.error);
        };
      });
    });
  }
  var idb = {
    get: function (store, key) {
      return req(store, 'readonly', function (s) {
        return s.get(key);
      });
    },
    put: function (store, value, key) {
      return req(store, 'readwrite', function (s) {
        return key === undefined ? s.put(value) : s.put(value, key);
      });
    },
    del: function (store, key) {
      return req(store, 'readwrite', function (s) {
        return s.delete(key);
      });
    },
    all: function (store) {
      return req(store, 'readonly', function (s) {
        return s.getAll();
      });
    },
  };

  /** The device id (6 characters, made once) and the next provisional number, in one transaction. */
  function nextProvisional() {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction('meta', 'readwrite');
        var s = tx.objectStore('meta');
        var out;
        var g = s.get('device');
        g.onsuccess = function () {
          var dev = g.result;
          if (!dev) {
            var bytes = new Uint8Array(6);
            crypto.getRandomValues(bytes);
            var id = '';
            for (var i = 0; i < 6; i++) id += DEVICE_CHARS[bytes[i] % DEVICE_CHARS.length];
            dev = { id: id, counter: 0 };
          }
          dev.counter += 1;
          s.put(dev, 'device');
          out = { deviceId: dev.id, code: 'TAM-' + dev.id + '-' + dev.counter };
        };
        tx.oncomplete = function () {
          resolve(out);
        };
        tx.onerror = function () {
          reject(tx.error);
        };
      });
    });
  }

  // ---- network status ----
  function showNet() {
    var on = navigator.onLine;
    $('oi-net').textContent = t(on ? 'offline.net.online' : 'offline.net.offline');
    $('oi-net').className = on ? 'notice' : 'notice oi-offline';
  }

  // ---- catalogue ----
  var catalogue = null;
  function showCatalogue() {
    var p = $('oi-catalogue');
    if (!catalogue) {
      p.textContent = t('offline.catalogue.none');
      $('oi-search').hidden = true;
      return;
    }
    p.textContent = t('offline.catalogue.saved', { at: when(catalogue.generatedAt), n: catalogue.procedures.length });
    $('oi-search').hidden = false;
  }
  function loadCatalogue() {
    // The service worker answers from its cache when offline; IndexedDB is the second copy.
    return fetch('/api/v1/offline-intake/catalogue', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then(function (c) {
        catalogue = c;
        return idb.put('meta', c, 'catalogue');
      })
      .catch(function () {
        return idb.get('meta', 'catalogue').then(function (c) {
          if (c) catalogue = c;
        });
      })
      .then(showCatalogue);
  }

  function search() {
    var q = $('oi-q').value;
    var list = $('oi-matches');
    list.textContent = '';
    var words = fold(q).split(/\s+/).filter(Boolean);
    if (!catalogue || words.length === 0) {
      $('oi-matches-status').textContent = '';
      return;
    }
    var hits = catalogue.procedures
      .filter(function (p) {
        var hay = fold(p.name) + ' ' + p.code.toLowerCase();
        return words.every(function (w) {
          return hay.indexOf(w) >= 0;
        });
      })
      .slice(0, 20);
    $('oi-matches-status').textContent = hits.length ? t('offline.searchCount', { n: hits.length }) : t('offline.searchNone', { q: q });
    hits.forEach(function (p) {
      var b = el('button', { type: 'button', class: 'secondary', 'data-code': p.code, text: LANG === 'en' && p.nameEn ? p.nameEn : p.name });
      b.addEventListener('click', function () {
        choose(p);
      });
      list.appendChild(el('li', {}, [b]));
    });
  }

  // ---- the form ----
  var chosen = null;
  function choose(p) {
    chosen = p;
    var form = $('oi-form');
    form.reset();
    $('oi-errors').hidden = true;
    $('oi-procedure').textContent = p.name;
    var units = (catalogue.units || []).filter(function (u) {
      return p.receivingUnitIds.indexOf(u.id) >= 0;
    });
    var sel = $('oi-unit');
    sel.textContent = '';
    units.forEach(function (u) {
      sel.appendChild(el('option', { value: u.id, text: u.name }));
    });
    $('oi-unit-control').hidden = units.length < 2;
    var box = $('oi-components');
    box.textContent = '';
    p.components.forEach(function (c) {
      var id = 'oi-file-' + c.key;
      box.appendChild(
        el('div', { class: 'control' }, [
          el('label', { for: id }, [c.name, el('span', { class: 'required', text: ' (' + t(c.optional ? 'pages.optional' : 'pages.required') + ')' })]),
          el('input', { type: 'file', id: id, 'data-component': c.key, accept: 'image/*,application/pdf', capture: 'environment', multiple: true }),
        ]),
      );
    });
    $('oi-receipt').hidden = true;
    form.hidden = false;
    $('oi-ap-id').focus();
  }

  function formErrors(errors) {
    var box = $('oi-errors');
    var ul = box.querySelector('ul');
    ul.textContent = '';
    errors.forEach(function (e) {
      ul.appendChild(el('li', {}, [el('a', { href: '#' + e.id, text: e.text })]));
    });
    box.hidden = errors.length === 0;
    if (errors.length) box.focus();
  }

  function save(ev) {
    ev.preventDefault();
    if (!chosen) return;
    var kind = document.querySelector('input[name="oi-kind"]:checked').value;
    var ap = {
      kind: kind,
      idNumber: $('oi-ap-id').value.trim(),
      name: $('oi-ap-name').value.trim(),
      phone: $('oi-ap-phone').value.trim() || null,
      email: $('oi-ap-email').value.trim() || null,
      address: $('oi-ap-address').value.trim() || null,
    };
    var receiveNow = $('oi-receive').checked;
    var errors = [];
    var idOk = kind === 'citizen' ? /^\d{12}$/.test(ap.idNumber) : /^\d{10}(-\d{3})?$/.test(ap.idNumber);
    if (!idOk) errors.push({ id: 'oi-ap-id', text: t('offline.badId') });
    if (!ap.name) errors.push({ id: 'oi-ap-name', text: t('offline.fieldRequired', { field: t('pages.field.applicant.name') }) });
    var files = [];
    var missing = [];
    chosen.components.forEach(function (c) {
      var input = $('oi-file-' + c.key);
      var list = input && input.files ? Array.prototype.slice.call(input.files) : [];
      list.forEach(function (f) {
        files.push({ componentKey: c.key, name: f.name, type: f.type, blob: f });
      });
      if (!c.optional && list.length === 0) missing.push(c);
    });
    if (receiveNow && missing.length)
      errors.push({
        id: 'oi-file-' + missing[0].key,
        text: t('offline.componentMissing', {
          components: missing
            .map(function (c) {
              return c.name;
            })
            .join(', '),
        }),
      });
    formErrors(errors);
    if (errors.length) return;
    $('oi-save').disabled = true;
    nextProvisional()
      .then(function (p) {
        var item = {
          key: crypto.randomUUID(),
          provisionalCode: p.code,
          deviceId: p.deviceId,
          officer: OFFICER,
          capturedAt: new Date().toISOString(),
          procedure: { code: chosen.code, name: chosen.name, versionId: chosen.versionId },
          receivingUnitId: $('oi-unit').value || (chosen.receivingUnitIds.length === 1 ? chosen.receivingUnitIds[0] : undefined),
          unitName: (function (id) {
            var u = (catalogue.units || []).filter(function (x) {
              return x.id === id;
            })[0];
            return u ? u.name : '';
          })($('oi-unit').value || chosen.receivingUnitIds[0]),
          applicant: ap,
          receiveNow: receiveNow,
          files: files,
          status: 'queued',
        };
        return idb.put('queue', item).then(function () {
          return item;
        });
      })
      .then(function (item) {
        showReceipt(item);
        renderQueue();
        if (navigator.onLine) sync();
      })
      .finally(function () {
        $('oi-save').disabled = false;
      });
  }

  function showReceipt(item) {
    $('oi-form').hidden = true;
    $('oi-receipt-number').textContent = item.provisionalCode;
    var dl = $('oi-receipt-details');
    dl.textContent = '';
    [
      ['offline.receipt.unit', item.unitName || ''],
      ['offline.receipt.procedure', item.procedure.name],
      ['offline.receipt.applicant', item.applicant.name],
      ['offline.receipt.at', when(item.capturedAt)],
      ['offline.receipt.files', String(item.files.length)],
    ].forEach(function (r) {
      if (!r[1]) return;
      dl.appendChild(el('dt', { text: t(r[0]) }));
      dl.appendChild(el('dd', { text: r[1] }));
    });
    $('oi-receipt-note').textContent = item.applicant.phone ? t('offline.receipt.note', { phone: item.applicant.phone }) : t('offline.receipt.noteNoPhone');
    $('oi-receipt').hidden = false;
    $('oi-receipt').focus();
  }

  // ---- the queue ----
  function mine(items) {
    return items
      .filter(function (i) {
        return i.officer === OFFICER;
      })
      .sort(function (a, b) {
        return a.capturedAt < b.capturedAt ? 1 : -1;
      });
  }

  function renderQueue() {
    return idb.all('queue').then(function (all) {
      var items = mine(all);
      var ul = $('oi-items');
      ul.textContent = '';
      var n = { queued: 0, conflict: 0, synced: 0 };
      items.forEach(function (i) {
        n[i.status === 'synced' ? 'synced' : i.status === 'conflict' ? 'conflict' : 'queued']++;
        var status;
        if (i.status === 'synced')
          status = i.result.received
            ? t('offline.status.synced', { code: i.result.dossierCode })
            : t('offline.status.syncedSubmitted', { code: i.result.dossierCode, reason: i.result.receiveMessage || '' });
        else if (i.status === 'conflict') status = t('offline.status.conflict') + ': ' + i.conflict.message;
        else status = i.lastError ? t('offline.status.error', { reason: i.lastError }) : t('offline.status.queued');
        var li = el('li', { 'data-key': i.key, 'data-status': i.status }, [
          el('p', { class: 'oi-item-title', text: i.provisionalCode + ' · ' + i.applicant.name }),
          el('p', { text: i.procedure.name + ' · ' + when(i.capturedAt) }),
          el('p', { class: i.status === 'conflict' ? 'oi-conflict' : 'oi-status', text: status }),
        ]);
        var actions = el('p', { class: 'oi-actions' });
        if (i.status === 'synced') actions.appendChild(el('a', { href: '/can-bo/ho-so/' + encodeURIComponent(i.result.dossierId), text: t('offline.open') }));
        if (i.status === 'conflict') {
          if (i.conflict.error === 'offline.duplicate')
            actions.appendChild(
              button('offline.resolve.anyway', function () {
                resolve(i.key, { allowDuplicate: true });
              }),
            );
          if (i.conflict.error === 'offline.procedure_changed')
            actions.appendChild(
              button('offline.resolve.current', function () {
                resolve(i.key, { currentVersion: true });
              }),
            );
          actions.appendChild(document.createTextNode(' '));
          actions.appendChild(
            button('offline.resolve.discard', function () {
              discard(i);
            }),
          );
        }
        if (actions.childNodes.length) li.appendChild(actions);
        ul.appendChild(li);
      });
      $('oi-queue-count').textContent = items.length
        ? t('offline.queue.count', { queued: n.queued, conflicts: n.conflict, synced: n.synced })
        : t('offline.queue.empty');
      $('oi-clear').hidden = n.synced === 0;
      $('oi-sync').hidden = n.queued === 0;
    });
  }

  function button(key, onClick) {
    var b = el('button', { type: 'button', class: 'secondary', text: t(key) });
    b.addEventListener('click', onClick);
    return b;
  }

  function resolve(key, how) {
    var p = idb.get('queue', key).then(function (i) {
      if (!i) return;
      if (how.allowDuplicate) i.allowDuplicate = true;
      var next = Promise.resolve();
      if (how.currentVersion)
        next = loadCatalogue().then(function () {
          var cur =
            catalogue &&
            catalogue.procedures.filter(function (p) {
              return p.code === i.procedure.code;
            })[0];
          if (cur) i.procedure.versionId = cur.versionId;
        });
      return next.then(function () {
        i.status = 'queued';
        delete i.conflict;
        return idb.put('queue', i);
      });
    });
    return p.then(renderQueue).then(sync);
  }

  function discard(i) {
    if (!window.confirm(t('offline.resolve.confirmDiscard', { provisional: i.provisionalCode }))) return;
    idb.del('queue', i.key).then(renderQueue);
  }

  function clearSynced() {
    idb
      .all('queue')
      .then(function (all) {
        return Promise.all(
          mine(all)
            .filter(function (i) {
              return i.status === 'synced';
            })
            .map(function (i) {
              return idb.del('queue', i.key);
            }),
        );
      })
      .then(renderQueue);
  }

  // ---- sync ----
  var syncing = null;
  var retryTimer = null;
  function retrySoon() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      if (navigator.onLine) sync();
    }, 3000);
  }
  /** fetch with a time limit: a poor network must not hold the queue forever. */
  function fetchWithin(url, opts, ms) {
    var ctl = new AbortController();
    var timer = setTimeout(function () {
      ctl.abort();
    }, ms);
    opts.signal = ctl.signal;
    return fetch(url, opts).finally(function () {
      clearTimeout(timer);
    });
  }
  function sync() {
    if (syncing) return syncing;
    syncing = doSync().finally(function () {
      syncing = null;
      renderQueue();
    });
    return syncing;
  }

  function send(i) {
    var payload = {
      key: i.key,
      provisionalCode: i.provisionalCode,
      deviceId: i.deviceId,
      capturedAt: i.capturedAt,
      procedureCode: i.procedure.code,
      procedureVersionId: i.procedure.versionId,
      applicant: i.applicant,
      receiveNow: i.receiveNow,
    };
    if (i.receivingUnitId) payload.receivingUnitId = i.receivingUnitId;
    if (i.allowDuplicate) payload.allowDuplicate = true;
    var fd = new FormData();
    fd.append('payload', JSON.stringify(payload));
    i.files.forEach(function (f) {
      fd.append('file:' + f.componentKey, f.blob, f.name);
    });
    return fetchWithin(
      '/api/v1/offline-intake',
      { method: 'POST', body: fd, credentials: 'same-origin', headers: { 'x-csrf-token': csrf, 'accept-language': LANG, accept: 'application/json' } },
      120000,
    );
  }

  function doSync() {
    var status = $('oi-sync-status');
    var counts = { ok: 0, conflicts: 0, left: 0 };
    // A fresh CSRF token (the cached page may be older than the session); offline: nothing to do.
    return fetchWithin('/api/v1/me', { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } }, 15000)
      .then(function (r) {
        return r.json();
      })
      .then(
        function (me) {
          if (!me.actor) {
            status.textContent = t('offline.status.login');
            return;
          }
          csrf = me.csrfToken || csrf;
          return idb.all('queue').then(function (all) {
            var todo = mine(all).filter(function (i) {
              return i.status === 'queued';
            });
            var chain = Promise.resolve(true);
            todo.forEach(function (i) {
              chain = chain.then(function (goOn) {
                if (!goOn) {
                  counts.left++;
                  return false;
                }
                return send(i).then(
                  function (r) {
                    return r
                      .json()
                      .catch(function () {
                        return {};
                      })
                      .then(function (j) {
                        if (r.status === 200 || r.status === 201) {
                          i.status = 'synced';
                          i.result = j;
                          delete i.lastError;
                          counts.ok++;
                        } else if (r.status === 401) {
                          status.textContent = t('offline.status.login');
                          counts.left++;
                          return false;
                        } else if (r.status >= 500 || r.status === 429) {
                          i.lastError = j.message || String(r.status);
                          counts.left++;
                        } else {
                          // A conflict or a refusal: the officer sees it and decides; nothing was written.
                          i.status = 'conflict';
                          i.conflict = {
                            error: j.error || String(r.status),
                            message:
                              (j.message || String(r.status)) +
                              (j.fields
                                ? ' (' +
                                  j.fields
                                    .map(function (f) {
                                      return f.field + ': ' + f.message;
                                    })
                                    .join('; ') +
                                  ')'
                                : ''),
                          };
                          counts.conflicts++;
                        }
                        return idb.put('queue', i).then(function () {
                          return true;
                        });
                      });
                  },
                  function () {
                    // The network went away mid-sync: the dossier stays queued and is sent again later (same key).
                    i.lastError = t('offline.networkError');
                    counts.left++;
                    retrySoon();
                    return idb.put('queue', i).then(function () {
                      return false;
                    });
                  },
                );
              });
            });
            return chain.then(function () {
              if (todo.length) status.textContent = t('offline.syncDone', counts);
            });
          });
        },
        function () {
          // Unreachable (the 'online' event can come before the network really works): try again soon.
          retrySoon();
        },
      );
  }

  // ---- start ----
  $('oi-q').addEventListener('input', search);
  $('oi-form').addEventListener('submit', save);
  $('oi-print').addEventListener('click', function () {
    window.print();
  });
  $('oi-another').addEventListener('click', function () {
    $('oi-receipt').hidden = true;
    $('oi-q').value = '';
    search();
    $('oi-q').focus();
  });
  $('oi-sync').addEventListener('click', function () {
    sync();
  });
  $('oi-clear').addEventListener('click', clearSynced);
  window.addEventListener('online', function () {
    showNet();
    loadCatalogue().then(sync);
  });
  window.addEventListener('offline', showNet);
  showNet();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(root.getAttribute('data-sw'), { scope: root.getAttribute('data-scope') }).catch(function () {});
  }
  loadCatalogue()
    .then(renderQueue)
    .then(function () {
      if (navigator.onLine) sync();
    });
  // The 'online' event does not come when a poor network recovers by itself: look every 30 s.
  setInterval(function () {
    if (navigator.onLine && !syncing && $('oi-items').querySelector('li[data-status="queued"]')) sync();
  }, 30000);
  // For tests and the curious: the same sync the button runs.
  window.offlineIntake = { sync: sync };
})();
