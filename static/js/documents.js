// Progress page: when the polled fragment reports the file ready, move focus to the download
// link so keyboard and screen-reader users notice (the polling itself is htmx, hx-trigger).
document.addEventListener("htmx:afterSwap", function (event) {
  var link = document.getElementById("job-download");
  if (link && event.detail.target && event.detail.target.id === "job-progress") {
    link.focus();
  }
});
