// Progressive enhancement for e-forms: shows/hides fields with a JSON Forms rule as the person
// types. The server renders every conditional field visible with a note on when to fill it,
// so without JavaScript nothing is out of reach; with it, the form starts in the right state.
(function () {
  function value(form, name) {
    var els = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.type === 'radio') {
        if (el.checked) return el.value;
        continue;
      }
      if (el.type === 'checkbox') return el.checked;
      if (el.type === 'number') return el.value === '' ? undefined : Number(el.value);
      return el.value === '' ? undefined : el.value;
    }
    return undefined;
  }
  function apply(root) {
    var ruled = root.querySelectorAll('[data-rule-field]');
    for (var i = 0; i < ruled.length; i++) {
      var el = ruled[i];
      var v = value(root, el.getAttribute('data-rule-field'));
      var holds = v !== undefined && JSON.parse(el.getAttribute('data-rule-values')).indexOf(v) >= 0;
      var effect = el.getAttribute('data-rule-effect');
      if (effect === 'SHOW') el.hidden = !holds;
      else if (effect === 'HIDE') el.hidden = holds;
      else {
        var off = effect === 'DISABLE' ? holds : !holds;
        var inputs = el.querySelectorAll('input,select,textarea');
        for (var j = 0; j < inputs.length; j++) inputs[j].disabled = off;
      }
    }
  }
  var forms = document.querySelectorAll('.eform');
  for (var k = 0; k < forms.length; k++) {
    (function (f) {
      var root = f.closest('form') || f;
      apply(root);
      root.addEventListener('change', function () {
        apply(root);
      });
      root.addEventListener('input', function () {
        apply(root);
      });
    })(forms[k]);
  }
})();
