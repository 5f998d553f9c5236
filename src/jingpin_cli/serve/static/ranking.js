// jingpin serve, ranking page: filter, sort and page without reloading. The server does the work
// (/ranking.json, the same query as the page's form); this only redraws the table, with textContent,
// so no value is ever read as HTML. Without JavaScript the form and the links do the same by reloading.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var body = document.querySelector("#ranking tbody");
  var shown = document.getElementById("shown");
  var pager = document.getElementById("pager");
  var words = document.getElementById("words");
  if (!form || !body) { return; }
  var page = 1;

  function params() {
    var data = new URLSearchParams(new FormData(form));
    data.set("page", String(page));
    return data;
  }

  function cell(row, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }

  function link(text, target) {
    var a = document.createElement("a");
    a.textContent = text;
    a.href = "#";
    a.addEventListener("click", function (e) { e.preventDefault(); page = target; load(); });
    return a;
  }

  function draw(data) {
    body.textContent = "";
    data.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, r.rank);
      cell(tr, r.id);
      var name = cell(tr, "");
      var a = document.createElement("a");
      a.href = "/community?id=" + encodeURIComponent(r.id);
      a.textContent = r.name;
      name.appendChild(a);
      cell(tr, r.street);
      cell(tr, r.score);
      cell(tr, r.grade);
      cell(tr, r.eligible_word, r.eligible ? "ok" : "bad");
      cell(tr, r.gaps);
      cell(tr, r.unknown || "");
      body.appendChild(tr);
    });
    shown.textContent = data.shown;
    pager.textContent = "";
    if (data.page > 1) { pager.appendChild(link(words.dataset.prev, data.page - 1)); }
    if (data.page * data.page_size < data.total) { pager.appendChild(link(words.dataset.next, data.page + 1)); }
    page = data.page;
  }

  var asked = 0;  // the latest request: an answer to an earlier one (typing is quick) is not drawn

  function load() {
    var query = params();
    var mine = ++asked;
    history.replaceState(null, "", "/ranking?" + query.toString());
    fetch("/ranking.json?" + query.toString(), {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) { if (mine === asked) { draw(data); } });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); page = 1; load(); });
  // the search box is loaded as it is typed in; its “change” comes when it loses focus, as a row is
  // clicked, and redrawing the table then could take the row away between press and release
  form.addEventListener("change", function (e) { if (e.target !== form.q) { page = 1; load(); } });
  form.q.addEventListener("input", function () { page = 1; load(); });
  document.querySelectorAll("#ranking th a").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var key = a.dataset.sort;
      form.desc.value = form.sort.value === key && form.desc.value !== "1" ? "1" : "";
      form.sort.value = key;
      page = 1;
      load();
    });
  });
  document.querySelectorAll("#pager a").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); page = Number(a.dataset.page); load(); });
  });
}());
