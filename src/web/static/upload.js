// Progressive enhancement of the online application (issue 17.4).
// 1. The e-form (form[data-autosave]) is saved as a draft on the server a moment after each change.
// 2. On the review form (form[data-tus]) each chosen file goes up at once, resumably, with the tus
//    1.0.0 protocol: POST creates the upload, PATCH sends 1 MB chunks at Upload-Offset, HEAD tells
//    where to resume after a lost connection (or a reload: the upload's URL is kept in
//    localStorage). The server checks the whole file and answers with a receipt (name, size,
//    pages, SHA-256); the script compares that hash with the file's own before naming the upload
//    in the hidden fields the submission sends. Without this script the same form posts the files
//    in the multipart body, as before.
/* global Blob, URLSearchParams, FormData, fetch, setTimeout, clearTimeout, btoa, crypto, localStorage */
(function () {
  'use strict';
  if (!window.fetch || !window.FormData || !window.Blob || !Blob.prototype.slice) return;
  var TUS = '1.0.0';
  var CHUNK = 1024 * 1024;

  function fill(tpl, vals) {
    return String(tpl || '').replace(/\{(\w+)\}/g, function (m, k) {
      return vals[k] !== undefined ? String(vals[k]) : m;
    });
  }
  function csrfOf(form) {
    var el = form.querySelector('input[name="_csrf"]');
    return el ? el.value : '';
  }

  // 1. Autosave of the e-form: the same POST as the "Lưu nháp" button, answered 204.
  var eform = document.querySelector('form[data-autosave]');
  if (eform) {
    var timer = null;
    var save = function () {
      timer = null;
      var body = new URLSearchParams(new FormData(eform));
      body.set('_autosave', '1');
      fetch(eform.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      }).catch(function () {});
    };
    var later = function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 1200);
    };
    eform.addEventListener('change', later);
    eform.addEventListener('input', later);
  }

  // 2. Resumable uploads on the review form.
  var form = document.querySelector('form[data-tus]');
  if (!form) return;
  var endpoint = form.getAttribute('data-tus');
  var procedure = form.getAttribute('data-procedure');
  var lang = form.getAttribute('data-lang') === 'en' ? 'en-GB' : 'vi-VN';
  var msg = function (k) {
    return form.getAttribute('data-msg-' + k) || '';
  };
  var pending = 0;
  var submitting = false;

  function b64(s) {
    return btoa(unescape(encodeURIComponent(s)));
  }
  function headers(extra) {
    var h = { 'tus-resumable': TUS, 'x-csrf-token': csrfOf(form) };
    for (var k in extra) h[k] = extra[k];
    return h;
  }
  function errorText(res) {
    return res.json().then(
      function (j) {
        return j && j.message ? j.message : String(res.status);
      },
      function () {
        return String(res.status);
      },
    );
  }
  function sleep(ms) {
    return new Promise(function (r) {
      setTimeout(r, ms);
    });
  }
  function size(n) {
    var nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    if (n < 1024) return n + ' B';
    if (n < 1048576) return nf.format(n / 1024) + ' KB';
    return nf.format(n / 1048576) + ' MB';
  }
  function time(iso) {
    var d = new Date(iso);
    var p = function (x) {
      return (x < 10 ? '0' : '') + x;
    };
    // Vietnam time (UTC+7), as the server prints it.
    var v = new Date(d.getTime() + 7 * 3600 * 1000);
    return p(v.getUTCDate()) + '/' + p(v.getUTCMonth() + 1) + '/' + v.getUTCFullYear() + ' ' + p(v.getUTCHours()) + ':' + p(v.getUTCMinutes());
  }
  function hex(buf) {
    var a = new Uint8Array(buf),
      s = '';
    for (var i = 0; i < a.length; i++) s += (a[i] < 16 ? '0' : '') + a[i].toString(16);
    return s;
  }
  function sha256(file) {
    if (!window.crypto || !crypto.subtle || !file.arrayBuffer) return Promise.resolve(null);
    return file
      .arrayBuffer()
      .then(function (b) {
        return crypto.subtle.digest('SHA-256', b);
      })
      .then(hex, function () {
        return null;
      });
  }

  function show(key, parts) {
    var box = document.getElementById('upload-' + key + '-status');
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    parts.forEach(function (p) {
      var el = document.createElement('p');
      el.className = p[0];
      el.textContent = p[1];
      box.appendChild(el);
    });
  }
  function setRef(key, id, sha) {
    form.querySelector('input[name="upload:' + key + '"]').value = id;
    form.querySelector('input[name="sha:' + key + '"]').value = sha;
  }

  // Finds where the server stands (HEAD), or creates the upload (POST).
  function start(file, key, fp) {
    var known = null;
    try {
      known = localStorage.getItem(fp);
    } catch (_e) {
      known = null;
    }
    var create = function () {
      var meta =
        'filename ' + b64(file.name) + ',filetype ' + b64(file.type || 'application/octet-stream') + ',procedure ' + b64(procedure) + ',component ' + b64(key);
      return fetch(endpoint, {
        method: 'POST',
        credentials: 'same-origin',
        headers: headers({ 'upload-length': String(file.size), 'upload-metadata': meta }),
      }).then(function (res) {
        if (res.status !== 201)
          return errorText(res).then(function (t) {
            throw { fatal: t };
          });
        var url = res.headers.get('location');
        try {
          localStorage.setItem(fp, url);
        } catch (_e) {
          /* private mode: no resume after reload */
        }
        return { url: url, offset: 0 };
      });
    };
    if (!known) return create();
    return fetch(known, { method: 'HEAD', credentials: 'same-origin', headers: headers({}) }).then(function (res) {
      if (res.status !== 200) {
        try {
          localStorage.removeItem(fp);
        } catch (_e) {
          /* ignore */
        }
        return create();
      }
      return { url: known, offset: Number(res.headers.get('upload-offset')) };
    });
  }

  function send(file, key, at) {
    var tries = 0;
    var step = function () {
      if (at.offset >= file.size) return Promise.resolve(at);
      show(key, [['hint', fill(msg('uploading'), { name: file.name, pct: Math.floor((at.offset * 100) / file.size) })]]);
      var chunk = file.slice(at.offset, Math.min(file.size, at.offset + CHUNK));
      return fetch(at.url, {
        method: 'PATCH',
        credentials: 'same-origin',
        headers: headers({ 'upload-offset': String(at.offset), 'content-type': 'application/offset+octet-stream' }),
        body: chunk,
      }).then(
        function (res) {
          if (res.status === 204) {
            tries = 0;
            at.offset = Number(res.headers.get('upload-offset'));
            return step();
          }
          if (res.status === 409) return resync();
          return errorText(res).then(function (t) {
            throw { fatal: t };
          });
        },
        function () {
          // Lost connection: ask the server where it stands and go on from there.
          tries++;
          if (tries > 8) throw { fatal: '' };
          show(key, [['hint', fill(msg('retrying'), { name: file.name })]]);
          return sleep(Math.min(8000, 500 * tries * tries)).then(resync);
        },
      );
    };
    var resync = function () {
      return fetch(at.url, { method: 'HEAD', credentials: 'same-origin', headers: headers({}) }).then(function (res) {
        if (res.status !== 200) throw { fatal: String(res.status) };
        at.offset = Number(res.headers.get('upload-offset'));
        return step();
      });
    };
    return step();
  }

  function upload(input) {
    var key = input.getAttribute('data-component');
    var file = input.files && input.files[0];
    if (!file || !key) return;
    var fp = 'tus:' + procedure + ':' + key + ':' + file.name + ':' + file.size + ':' + file.lastModified;
    pending++;
    setRef(key, '', '');
    var own = sha256(file);
    start(file, key, fp)
      .then(function (at) {
        return send(file, key, at);
      })
      .then(function (at) {
        return fetch(at.url + '/receipt', { credentials: 'same-origin' }).then(function (r) {
          return r.json();
        });
      })
      .then(function (rc) {
        return own.then(function (mine) {
          try {
            localStorage.removeItem(fp);
          } catch (_e) {
            /* ignore */
          }
          if (rc.state !== 'stored') throw { fatal: rc.refusal || rc.state };
          if (mine && mine !== rc.sha256) {
            show(key, [['error-message', fill(msg('hash'), { name: file.name })]]);
            return;
          }
          setRef(key, rc.id, rc.sha256);
          // The bytes are on the server: the submission names the upload instead of sending them again.
          input.value = '';
          show(key, [
            ['notice', fill(msg('receipt'), { name: rc.name, size: size(rc.size), pages: rc.pages, time: time(rc.receivedAt) })],
            ['hint hash', fill(msg('hashline'), { sha: rc.sha256 })],
            ['hint', msg('replace')],
          ]);
        });
      })
      .catch(function (e) {
        show(key, [['error-message', fill(msg('failed'), { name: file.name, reason: e && e.fatal !== undefined ? e.fatal : String(e) })]]);
      })
      .then(function () {
        pending--;
        if (pending === 0 && submitting) form.submit();
      });
  }

  var inputs = form.querySelectorAll('input[type="file"][data-component]');
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].addEventListener('change', function (ev) {
      upload(ev.target);
    });
  }
  form.addEventListener('submit', function (ev) {
    if (pending === 0) return;
    // Files still going up: submit once they are all acknowledged.
    ev.preventDefault();
    submitting = true;
    var btn = form.querySelector('button[type="submit"]');
    if (btn) btn.disabled = true;
    var note = document.createElement('p');
    note.className = 'notice';
    note.setAttribute('role', 'status');
    note.textContent = msg('wait');
    form.appendChild(note);
  });
})();
