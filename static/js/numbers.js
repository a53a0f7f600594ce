/* The grammar of a typed number, the same as declare/numbers.py (the server's, the authority):
   full-width digits, point and comma made ASCII (the IME's 。 is a point), the ends trimmed;
   digits with thousands commas only in correct groups, at most `places` decimals, no exponent,
   no inner space, no sign unless the rule allows a minus, at most `whole` digits before the
   point. Both are held to one table of cases, tests/number_cases.json.

   NumberGrammar.parse(text, rule) with rule = {places, whole, signed, messages} (the server's
   NumberRule.spec()) returns {ok: true, value: "1000.50"} (null value when blank; the string
   reads as Python's str(Decimal)) or {ok: false, code: "exponent", message: "…"}. */
(function () {
  "use strict";
  var FROM = "０１２３４５６７８９．。，＋－\u3000", TO = "0123456789..,+- ";
  var SPACES = " \t\r\n\u00a0";
  var NUMBER = /^([+-]?)([0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]+))?$/;
  var EXPONENT = /[0-9.][eE][+-]?[0-9]/;
  var SPACED = /^[-+0-9., ]+$/;
  var BARE_POINT = /^[+-]?(?:\.[0-9]+|[0-9,]+\.)$/;
  var DIGITS_AND_COMMAS = /^[+-]?[0-9,]+(?:\.[0-9]*)?$/;
  var WITH_UNIT = /^[+-]?[0-9][0-9,.]* ?[^-+0-9 ,.]+$/;

  function normalise(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var at = FROM.indexOf(text[i]);
      out += at < 0 ? text[i] : TO[at];
    }
    var start = 0, end = out.length;
    while (start < end && SPACES.indexOf(out[start]) >= 0) { start++; }
    while (end > start && SPACES.indexOf(out[end - 1]) >= 0) { end--; }
    return out.slice(start, end);
  }

  function refusal(text) {
    if (EXPONENT.test(text)) { return "exponent"; }
    if (text.indexOf(" ") >= 0 && SPACED.test(text)) { return "space"; }
    if (BARE_POINT.test(text)) { return "point"; }
    if (DIGITS_AND_COMMAS.test(text) && text.indexOf(",") >= 0) { return "grouping"; }
    if (WITH_UNIT.test(text)) { return "unit"; }
    return "format";
  }

  function refuse(code, rule) {
    return { ok: false, code: code, message: (rule.messages || {})[code] || "" };
  }

  function parse(text, rule) {
    text = normalise(text == null ? "" : String(text));
    if (!text) { return { ok: true, value: null }; }
    var m = NUMBER.exec(text);
    if (!m) { return refuse(refusal(text), rule); }
    var sign = m[1], whole = m[2].replace(/,/g, ""), frac = m[3] || "";
    var digits = whole.replace(/^0+/, "");
    if (sign === "+") { return refuse("plus", rule); }
    if (sign === "-" && !rule.signed) { return refuse("negative", rule); }
    if (frac && rule.places === 0) { return refuse("integer", rule); }
    if (frac.length > rule.places) { return refuse("places", rule); }
    if (digits.length > rule.whole) { return refuse("whole", rule); }
    return { ok: true, value: sign + (digits || "0") + (frac ? "." + frac : "") };
  }

  /* An accepted value (at most 2 decimals) in integer hundredths: "1000.5" → 100050. */
  function cents(value) {
    if (value == null) { return 0; }
    var negative = value.charAt(0) === "-";
    var parts = value.replace(/^-/, "").split(".");
    var c = Number(parts[0]) * 100 + Number(((parts[1] || "") + "00").slice(0, 2));
    return negative ? -c : c;
  }

  window.NumberGrammar = { parse: parse, cents: cents, normalise: normalise };
})();
