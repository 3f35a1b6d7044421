/* Ward Portal reader controls: font size (kept across pages), print, copy link. No network. */
(function () {
  "use strict";
  var KEY = "ward-font-step", MIN = -2, MAX = 3;
  var root = document.documentElement;

  /* Material (navigation.indexes) labels a section's sub-navigation by an icon-only label, so
     every such nav has an empty name (axe: landmark-unique). Name it after its section. */
  Array.prototype.forEach.call(document.querySelectorAll("nav[aria-labelledby]"), function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.querySelector(".md-nav__title");
    if (label && !label.textContent.trim() && title && title.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  });

  function currentStep() {
    var step = parseInt(root.getAttribute("data-ward-font") || "0", 10);
    return isNaN(step) ? 0 : step;
  }

  function setStep(step) {
    step = Math.max(MIN, Math.min(MAX, step));
    if (step === 0) root.removeAttribute("data-ward-font");
    else root.setAttribute("data-ward-font", String(step));
    try { localStorage.setItem(KEY, String(step)); } catch (e) { /* private mode: this page only */ }
  }

  function say(message) {
    var status = document.querySelector(".ward-tools__status");
    if (status) status.textContent = message;
  }

  function copyLink(url) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say("Đã sao chép liên kết."); },
        function () { fallbackCopy(url); });
    } else {
      fallbackCopy(url);
    }
  }

  function fallbackCopy(url) {
    var field = document.createElement("textarea");
    field.value = url;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(field);
    say(ok ? "Đã sao chép liên kết." : "Hãy sao chép địa chỉ: " + url);
  }

  function setUpTools() {
    var tools = document.querySelectorAll(".ward-tools__js");
    for (var i = 0; i < tools.length; i++) tools[i].hidden = false;
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-ward-font-step")) {
        var delta = parseInt(button.getAttribute("data-ward-font-step"), 10);
        setStep(delta === 0 ? 0 : currentStep() + delta);
      } else if (button.hasAttribute("data-ward-print")) {
        window.print();
      } else if (button.hasAttribute("data-ward-copy")) {
        copyLink(button.getAttribute("data-ward-copy") || location.href);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpTools);
  else setUpTools();
})();
