// Poll the batch's progress and redraw the bar and the per-file table. Text goes in with
// textContent only: file names and reasons are data, never markup.
(function () {
  var box = document.getElementById("job");
  if (!box) return;
  var id = box.getAttribute("data-job");
  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function draw(job) {
    var st = document.getElementById("job-state");
    st.textContent = job.state_label || "";
    st.setAttribute("data-state", job.state);
    var refused = job.refused.length;
    document.getElementById("job-count").textContent =
      (job.total ? job.done + "/" + job.total + " tệp đã xử lý" : "không có tệp nào để xử lý") +
      (refused ? " · " + refused + " tệp bị từ chối" : "");
    var bar = document.getElementById("job-bar");
    bar.max = Math.max(1, job.total);
    bar.value = job.done;
    document.getElementById("job-error").textContent =
      job.error ? "Lượt nạp dừng vì lỗi; các tệp đã xử lý vẫn được giữ." : "";
    var body = document.querySelector("#job-files tbody");
    body.textContent = "";
    job.files.forEach(function (f) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-rel", f.rel);
      cell(tr, f.name);
      cell(tr, f.status_label, "st st-" + f.status).setAttribute("data-status", f.status);
      cell(tr, f.reason_label).title = f.reason || "";
      cell(tr, f.pages, "num");
      cell(tr, f.seconds, "num");
      var td = cell(tr, "");
      if (f.plan_id) {
        var a = document.createElement("a");
        a.href = "/van-ban/" + encodeURIComponent(f.plan_id);
        a.textContent = "xem";
        td.appendChild(a);
      }
      body.appendChild(tr);
    });
  }
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        draw(job);
        if (job.state === "queued" || job.state === "running") setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
