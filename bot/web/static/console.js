/* The console's only script: Telegram's theme colours, the Mini App sign-in (initData
   from the URL fragment, or Telegram.WebApp when present), and "select all". */
(function () {
  "use strict";
  var params = new URLSearchParams(location.hash.slice(1));

  function applyTheme() {
    var raw = params.get("tgWebAppThemeParams");
    try {
      if (raw) sessionStorage.setItem("tgTheme", raw);
      raw = raw || sessionStorage.getItem("tgTheme");
      if (!raw) return;
      var theme = JSON.parse(raw);
      Object.keys(theme).forEach(function (key) {
        document.documentElement.style.setProperty(
          "--tg-theme-" + key.replace(/_/g, "-"), String(theme[key]));
      });
    } catch (e) { /* no theme: the default colours stay */ }
  }

  function signIn() {
    var box = document.getElementById("tg-signin");
    if (!box) return;
    var webApp = window.Telegram && window.Telegram.WebApp;
    var data = params.get("tgWebAppData") || (webApp && webApp.initData) || "";
    if (!data) return;
    box.hidden = false;
    fetch("/console/auth/telegram", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ init_data: data }).toString()
    }).then(function (response) {
      return response.json();
    }).then(function (answer) {
      if (answer.ok) {
        location.replace(answer.next);
      } else {
        box.textContent = answer.message || box.dataset.failed;
        box.classList.add("error");
      }
    }).catch(function () {
      box.textContent = box.dataset.failed;
      box.classList.add("error");
    });
  }

  function selectAll() {
    document.querySelectorAll("[data-select-all]").forEach(function (master) {
      master.addEventListener("change", function () {
        var name = master.getAttribute("data-select-all");
        document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(
          function (box) { box.checked = master.checked; });
      });
    });
  }

  applyTheme();
  signIn();
  selectAll();
})();
